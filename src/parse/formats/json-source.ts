// JSON.parse checks a file and gives its values, but not where they are. This cursor walks the same
// (already validated) text to find the string literals an adapter needs and decodes each with a map
// from every decoded character back to its escape in the file. It only descends where asked and
// skips everything else without recursion, so deep nesting elsewhere costs nothing.
import type { DecodedField } from './field-units.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A read position in a JSON text that `JSON.parse` accepted. */
export class JsonCursor {
  private at = 0;

  constructor(private readonly source: string) {}

  /** Calls `onEntry` with each key of the object here, positioned at its value, which it must read or skip. */
  object(onEntry: (key: string) => void): void {
    this.expect('{');
    if (this.peek() === '}') return void this.at++;
    for (;;) {
      const key = this.string().text;
      this.expect(':');
      onEntry(key);
      if (this.next() === '}') return;
    }
  }

  /** Calls `onItem` with the index of each item of the array here, positioned at it; it must read or skip it. */
  array(onItem: (index: number) => void): void {
    this.expect('[');
    if (this.peek() === ']') return void this.at++;
    for (let index = 0; ; index++) {
      onItem(index);
      if (this.next() === ']') return;
    }
  }

  /** The first character of the value here: `{`, `[`, `"` or the start of a number or literal. */
  peek(): string {
    this.skipSpace();
    return this.source[this.at] ?? '';
  }

  /** Reads the string literal here, decoded, with each character's offset in the file. */
  string(): DecodedField {
    this.expect('"');
    const source = this.source;
    let text = '';
    const offsets: number[] = [];
    for (let at = this.at; ; ) {
      const char = source[at];
      if (char === undefined) throw new SyntaxError('unterminated string');
      if (char === '"') {
        offsets.push(at);
        this.at = at + 1;
        return { text, offsets: Int32Array.from(offsets) };
      }
      offsets.push(at);
      if (char !== '\\') {
        text += char;
        at += 1;
      } else if (source[at + 1] === 'u') {
        text += String.fromCharCode(Number.parseInt(source.slice(at + 2, at + 6), 16));
        at += 6;
      } else {
        text += SIMPLE_ESCAPES[source[at + 1] ?? ''] ?? '';
        at += 2;
      }
    }
  }

  /** Skips the value here, however deep, with a depth count rather than recursion. */
  skip(): void {
    let depth = 0;
    do {
      const char = this.peek();
      if (char === '') throw new SyntaxError('unexpected end of JSON');
      if (char === '"') {
        this.string();
      } else if (char === '{' || char === '[') {
        depth++;
        this.at++;
      } else if (char === '}' || char === ']') {
        depth--;
        this.at++;
      } else if (char === ',' || char === ':') {
        this.at++;
      } else {
        while (this.at < this.source.length && !/[\s,\]}]/.test(this.source[this.at]!)) this.at++;
      }
    } while (depth > 0);
  }

  private skipSpace(): void {
    while (this.at < this.source.length && ' \t\n\r'.includes(this.source[this.at]!)) this.at++;
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new SyntaxError(`expected '${char}' at offset ${this.at}`);
    this.at++;
  }

  /** Consumes the `,` or closing bracket after an entry or item and returns it. */
  private next(): string {
    const char = this.peek();
    this.at++;
    return char;
  }
}
