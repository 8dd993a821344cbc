// V8 compiles and runs a case-insensitive pattern slower than the same pattern in one case (every
// letter becomes a set of its case variants): the built-in rules' patterns took 385 ms to compile
// with the `i` flag and 268 ms without it, and 960 ms against 307 ms to run over the benchmark's
// 17,000 sentences. So a rule's pattern is rewritten once for lower-case text, and runs without `i`
// on the text in lower case. Only patterns whose meaning is certain to survive are rewritten; the
// rest keep the `i` flag. The rewrite changes no quantifier or group, so a pattern backtracks as the
// original does, which tests/regex-safety.test.ts checks.

// Properties that hold a character whatever its case: `\p{L}` matches "a" and "A" alike.
const CASELESS_PROPERTIES = new Set([
  'L', 'Letter', 'M', 'Mark', 'N', 'Number', 'Nd', 'P', 'Punctuation', 'S', 'Symbol', 'Z', 'Separator', 'Zs',
  'Emoji', 'Extended_Pictographic', 'Emoji_Presentation', 'White_Space', 'Alphabetic',
]);
// Escapes that stand for a class or an assertion, the same in either case of the text.
const CASELESS_ESCAPES = new Set(['b', 'B', 'd', 'D', 'w', 'W', 's', 'S', 'n', 'r', 't', 'v', 'f', '0']);
const ASCII_LETTER = /[A-Za-z]/;

/**
 * `source` rewritten to match text in lower case as `source` with the `i` flag matches the text as
 * it is; `undefined` when that cannot be promised (an upper-case-only property, an escaped letter,
 * a range that mixes letters with other characters, a character whose lower case is longer).
 */
export function foldedSource(source: string): string | undefined {
  let folded = '';
  let inClass = false;
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (char === '\\') {
      const escape = readEscape(source, at);
      if (escape === undefined) return undefined;
      folded += escape;
      at += escape.length;
      continue;
    }
    if (inClass && char === ']') {
      inClass = false;
    } else if (inClass && source[at + 1] === '-' && source[at + 2] !== undefined && source[at + 2] !== ']') {
      const range = foldedRange(char, source[at + 2]!);
      if (range === undefined) return undefined;
      folded += range;
      at += 3;
      continue;
    } else if (!inClass && char === '[') {
      inClass = true;
    } else if (!inClass && source.startsWith('(?<', at) && source[at + 3] !== '=' && source[at + 3] !== '!') {
      // A group's name keeps its case: `(?<Rest>…)` is read back by that name.
      const close = source.indexOf('>', at);
      if (close === -1) return undefined;
      folded += source.slice(at, close + 1);
      at = close + 1;
      continue;
    }
    const lower = char.toLowerCase();
    if (lower.length !== 1) return undefined;
    folded += lower;
    at += 1;
  }
  return folded;
}

/** The escape at `at`, as written, when it means the same in lower-case text; else `undefined`. */
function readEscape(source: string, at: number): string | undefined {
  const kind = source[at + 1];
  if (kind === undefined) return undefined;
  if (kind === 'p' || kind === 'P') {
    const close = source.indexOf('}', at);
    if (source[at + 2] !== '{' || close === -1 || !CASELESS_PROPERTIES.has(source.slice(at + 3, close))) return undefined;
    return source.slice(at, close + 1);
  }
  if (kind === 'k') {
    const close = source.indexOf('>', at);
    return close === -1 ? undefined : source.slice(at, close + 1);
  }
  if (kind === 'u' || kind === 'x' || kind === 'c') {
    // A code point written out is kept only when it names a character without case.
    const written = codeEscapeAt(source, at);
    if (written === undefined) return undefined;
    const code = kind === 'c' ? written.charCodeAt(2) % 32 : Number.parseInt(written.replace(/^\\[ux]\{?|\}$/g, ''), 16);
    return isCaseless(code) ? written : undefined;
  }
  if (ASCII_LETTER.test(kind) && !CASELESS_ESCAPES.has(kind)) return undefined;
  return source.slice(at, at + 2);
}

/** A class range `from-to` for lower-case text, or `undefined` when it mixes cased and uncased characters. */
function foldedRange(from: string, to: string): string | undefined {
  if (/[a-z]/.test(from) && /[a-z]/.test(to)) return `${from}-${to}`;
  if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) return `${from.toLowerCase()}-${to.toLowerCase()}`;
  const first = from.codePointAt(0)!;
  const last = to.codePointAt(0)!;
  // A wide range is not searched for cased characters: it keeps the `i` flag.
  if (last - first > 0x400) return undefined;
  for (let code = first; code <= last; code += 1) if (!isCaseless(code)) return undefined;
  return `${from}-${to}`;
}

function isCaseless(code: number): boolean {
  const char = String.fromCodePoint(code);
  return char.toLowerCase() === char && char.toUpperCase() === char;
}

/** The escape at `at` that writes out a character (`\u2019`, `\u{1F600}`, `\x2c`, `\cJ`), as written. */
export function codeEscapeAt(source: string, at: number): string | undefined {
  return /^\\(?:u\{[\dA-Fa-f]+\}|u[\dA-Fa-f]{4}|x[\dA-Fa-f]{2}|c[A-Za-z])/.exec(source.slice(at))?.[0];
}
