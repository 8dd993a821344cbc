import { foldedSource } from './case-fold.js';

/** The text a rule's regular expressions run on: a sentence's masked text, and the same in lower case where it has the same length. */
export interface RuleText {
  readonly masked: string;
  readonly folded: string | undefined;
}

/**
 * A rule's regular expression, case-insensitive. It runs without the `i` flag on the lower-case
 * text where its pattern allows (see case-fold.ts: three times faster to run, and much cheaper to
 * compile), and as written, with `i`, otherwise. Match offsets are the same either way; the matched
 * text may be in lower case, so callers take text from the document by offset.
 */
export class RuleRegex {
  // Both built on first use: a CLI run on one reply needs few of the rules' 216 patterns, and
  // folding and compiling them all up front took 30 ms of every start.
  private lowerCase: RegExp | undefined | null = null;
  /** The pattern as written, case-insensitive: for text whose lower case is longer, and for patterns that cannot be folded. */
  private caseless: RegExp | undefined;

  /** `extraFlags` are added to the case flags: `g` to find every match, `d` for group offsets. */
  constructor(
    private readonly source: string,
    private readonly extraFlags = '',
  ) {}

  /** Whether the pattern matches anywhere in `text`. */
  test(text: RuleText): boolean {
    const regex = this.regexFor(text);
    regex.lastIndex = 0;
    return regex.test(this.subject(regex, text));
  }

  /**
   * Every non-empty match in `text`, in order (the regex must have the `g` flag). An exec loop
   * rather than matchAll, which copies the regular expression on every call; an empty match is
   * stepped over.
   */
  *matches(text: RuleText): Generator<RegExpExecArray> {
    const regex = this.regexFor(text);
    const subject = this.subject(regex, text);
    regex.lastIndex = 0;
    for (let match = regex.exec(subject); match !== null; match = regex.exec(subject)) {
      if (match[0] === '') regex.lastIndex += 1;
      else yield match;
    }
  }

  /** The regular expression for `text`: the lower-case one when both it and the text's lower case exist. */
  private regexFor(text: RuleText): RegExp {
    if (this.lowerCase === null) {
      const folded = foldedSource(this.source);
      this.lowerCase = folded === undefined ? undefined : compiled(folded, this.extraFlags);
    }
    if (this.lowerCase && text.folded !== undefined) return this.lowerCase;
    return (this.caseless ??= compiled(this.source, `${this.extraFlags}i`));
  }

  /** What `regex` (from regexFor) runs on. */
  private subject(regex: RegExp, text: RuleText): string {
    return regex === this.lowerCase ? text.folded! : text.masked;
  }
}

// V8 first runs a regular expression in its bytecode interpreter and compiles it to machine code
// on the next run, but it compiles straight to machine code for a subject of 1,000 characters or
// more. For a rule's long alternations the bytecode is the slow part: compiling every built-in
// pattern took 268 ms the usual way and 66 ms this way (385 ms and 127 ms with the `i` flag).
const LONG_SUBJECT = ' '.repeat(1024);

/** `source` as a regular expression with `flags` (and `u` where it needs it), compiled to machine code at once. */
function compiled(source: string, flags: string): RegExp {
  const regex = new RegExp(source, `${flags}${unicodeFlag(source)}`);
  regex.exec(LONG_SUBJECT);
  regex.lastIndex = 0;
  return regex;
}

/**
 * The Unicode flag, only when the pattern needs it (`\p{L}`, `\u{…}`, a character beyond the BMP):
 * V8 runs Unicode patterns slower, and without those features the two modes agree on everything a
 * rule can see.
 */
function unicodeFlag(source: string): string {
  return /\\[pPu]\{|[\uD800-\uDFFF]/.test(source) ? 'u' : '';
}
