// Text taken out of markup (HTML, Markdown, an e-mail body) together with, for every character,
// the range of the source it came from. The HTML, Markdown and e-mail adapters all build their
// text here, and `toTextUnit` turns the ranges into a unit's `sourceOffsets` and `sourceEnds`.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { TextUnit } from './types.js';

/** Text and, for each of its characters, the source range `[starts[i], ends[i])` it stands for. */
export interface MappedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The unit for `mapped`: where each character starts in the source (`sourceOffsets`) and where a
 * span ending after it ends (`sourceEnds`), so a finding covers its words and no markup around them.
 */
export function toTextUnit(mapped: MappedText): TextUnit {
  const { text, starts, ends } = mapped;
  const sourceOffsets = new Int32Array(text.length + 1);
  const sourceEnds = new Int32Array(text.length + 1);
  sourceOffsets.set(starts);
  sourceOffsets[text.length] = text.length > 0 ? ends[text.length - 1]! : 0;
  sourceEnds[0] = sourceOffsets[0]!;
  sourceEnds.set(ends, 1);
  return { text, sourceOffsets, sourceEnds };
}

/**
 * Builds a `MappedText` a character at a time. Block ends are asked for, not written: a pending
 * break is written only before the next character, so breaks never pile up or trail.
 */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private starts: Int32Array = new Int32Array(256);
  private ends: Int32Array = new Int32Array(256);
  private length = 0;
  private pendingNewlines = 0;
  private pendingAt = 0;
  private pendingSpace: [number, number] | undefined;
  private lastCharacter = '';

  /** Writes one character that came from `[start, end)` of the source. */
  push(character: string, start: number, end: number): void {
    if (this.pendingNewlines > 0) {
      const at = this.pendingAt;
      if (this.length > 0) for (let count = 0; count < this.pendingNewlines; count += 1) this.write('\n', at, at);
      this.pendingNewlines = 0;
      this.pendingSpace = undefined;
    } else if (this.pendingSpace) {
      const [spaceStart, spaceEnd] = this.pendingSpace;
      this.pendingSpace = undefined;
      if (this.length > 0 && this.lastCharacter !== '\n') this.write(' ', spaceStart, spaceEnd);
    }
    this.write(character, start, end);
  }

  /** Writes `text` whose characters came from the given ranges (one entry per UTF-16 unit). */
  pushAll(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, collapseWhitespace = false): void {
    for (let index = 0; index < text.length; index += 1) {
      const character = text[index]!;
      if (collapseWhitespace && /\s/.test(character)) this.space(starts[index]!, ends[index]!);
      else this.push(character, starts[index]!, ends[index]!);
    }
  }

  /** Collapsible white space (HTML): one space at most, and none at a line start or before a break. */
  space(start: number, end: number): void {
    if (this.pendingNewlines === 0 && !this.pendingSpace) this.pendingSpace = [start, end];
  }

  /** Ends the line here (`<br>`, a Markdown hard break); two in a row make a blank line. */
  lineBreak(at: number): void {
    if (this.pendingNewlines === 0) this.pendingAt = at;
    this.pendingNewlines = Math.min(this.pendingNewlines + 1, 2);
    this.pendingSpace = undefined;
  }

  /** Ends the block here: a blank line follows, so the sentence before it ends. */
  blockBreak(at: number): void {
    if (this.pendingNewlines === 0) this.pendingAt = at;
    this.pendingNewlines = 2;
    this.pendingSpace = undefined;
  }

  /** The text so far. */
  build(): MappedText {
    return { text: this.parts.join(''), starts: this.starts.slice(0, this.length), ends: this.ends.slice(0, this.length) };
  }

  private write(character: string, start: number, end: number): void {
    if (this.length === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.parts.push(character);
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length += 1;
    this.lastCharacter = character;
  }
}

function grow(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * Pairs each character of `value` — the decoded form of `source.slice(start, end)`, as a parser
 * returns it — with the source range it came from. Character references (`&amp;`), backslash
 * escapes (`\*`), CR LF pairs and characters the parser dropped (a blockquote's `>`, a list item's
 * indent) are recognised; anything else unexpected is skipped, and characters left over when the
 * source runs out point at its end.
 */
export function alignDecoded(source: string, start: number, end: number, value: string): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  let at = start;
  let index = 0;
  const pair = (from: number, to: number, count: number) => {
    for (let offset = 0; offset < count; offset += 1) {
      starts[index + offset] = from;
      ends[index + offset] = to;
    }
    index += count;
    at = to;
  };
  while (index < value.length) {
    if (at >= end) {
      pair(end, end, 1);
      continue;
    }
    const character = source[at]!;
    const expected = value[index]!;
    if (character === '&') {
      const reference = matchReference(source, at, end, value, index);
      if (reference) {
        pair(at, at + reference.sourceLength, reference.valueLength);
        continue;
      }
    }
    if (character === expected) pair(at, at + 1, 1);
    else if (character === '\r' && expected === '\n') pair(at, source[at + 1] === '\n' ? at + 2 : at + 1, 1);
    else if (character === '\\' && source[at + 1] === expected) pair(at, at + 2, 1);
    else at += 1;
  }
  return { starts, ends };
}

// Bounded, so matching stays linear: the longest named reference is 31 characters.
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6});?|#([0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{0,31});?)/y;

/** The character reference at `at`, when `value` holds what it decodes to at `index`. */
function matchReference(
  source: string,
  at: number,
  end: number,
  value: string,
  index: number,
): { sourceLength: number; valueLength: number } | undefined {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(source);
  if (!match || at + match[0].length > end) return undefined;
  const [whole, hex, decimal, name] = match;
  if (hex !== undefined || decimal !== undefined) {
    // A numeric reference is one code point, remapped by the parser in a few cases (`&#150;`), so
    // whatever code point the value holds here is what it became.
    // Markdown leaves `&#39` (no semicolon) as it stands: then the value holds the `&` itself.
    const codePoint = value.codePointAt(index);
    if (codePoint === 0x26 && Number.parseInt(hex ?? decimal!, hex === undefined ? 10 : 16) !== 0x26) return undefined;
    return codePoint === undefined ? undefined : { sourceLength: whole.length, valueLength: codePoint > 0xffff ? 2 : 1 };
  }
  // HTML also decodes a few legacy names without the semicolon (`&copy`), so try the longest first.
  const terminated = whole.endsWith(';');
  for (let length = name!.length; length >= 2; length -= 1) {
    const decoded = decodeNamedCharacterReference(name!.slice(0, length));
    if (decoded !== false && value.startsWith(decoded, index)) {
      const sourceLength = 1 + length + (terminated && length === name!.length ? 1 : 0);
      return { sourceLength, valueLength: decoded.length };
    }
    if (terminated) break;
  }
  return undefined;
}

/**
 * Maps text extracted from a decoded string back through that string's own ranges: `inner`'s
 * offsets index into a string whose characters came from `outer`'s source ranges.
 */
export function composeMapped(inner: MappedText, outer: Pick<MappedText, 'starts' | 'ends'>, outerEnd: number): MappedText {
  const count = outer.starts.length;
  const startOf = (offset: number) => (offset < count ? outer.starts[offset]! : count > 0 ? outer.ends[count - 1]! : outerEnd);
  const endOf = (offset: number) => (offset > 0 ? outer.ends[Math.min(offset, count) - 1]! : startOf(0));
  const starts = new Int32Array(inner.text.length);
  const ends = new Int32Array(inner.text.length);
  for (let index = 0; index < inner.text.length; index += 1) {
    starts[index] = startOf(inner.starts[index]!);
    ends[index] = inner.ends[index]! > inner.starts[index]! ? endOf(inner.ends[index]!) : starts[index]!;
  }
  return { text: inner.text, starts, ends };
}

/** A `MappedText` for `source.slice(start, end)` unchanged. */
export function identityMapped(source: string, start = 0, end = source.length): MappedText {
  const length = end - start;
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  for (let index = 0; index < length; index += 1) {
    starts[index] = start + index;
    ends[index] = start + index + 1;
  }
  return { text: source.slice(start, end), starts, ends };
}
