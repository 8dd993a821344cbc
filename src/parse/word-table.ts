import type { Word } from './document.js';

// From this many characters on, words are packed into a typed array (4 bytes an offset, not 8).
const LONG_TEXT = 64 * 1024;

/**
 * Every word of a document as a pair of offsets in one array: a long document has millions of
 * words, and one object per word cost ~64 bytes against 8 here (a 10 MB text held 1.6 million
 * words). Sentences hand out `Word` objects on demand.
 */
export class WordTable {
  /**
   * Each word's start and end offsets, side by side. A placeholder's end is stored as `~end` (a
   * negative number): one array to allocate per document rather than three.
   */
  private bounds: Int32Array | number[];
  private count = 0;

  constructor(private readonly source: string) {
    // A typed array costs more to allocate than a short reply's words take to store (+3 % replies
    // per CPU-second): a plain array for a reply, a packed one for a long document, with room for a
    // word every four characters.
    this.bounds = source.length < LONG_TEXT ? [] : new Int32Array(2 * (16 + (source.length >> 2)));
  }

  /** Appends a word and returns its index. */
  add(start: number, end: number, placeholder: boolean): number {
    if (this.bounds instanceof Int32Array && 2 * this.count === this.bounds.length) this.grow();
    this.bounds[2 * this.count] = start;
    this.bounds[2 * this.count + 1] = placeholder ? ~end : end;
    return this.count++;
  }

  start(index: number): number {
    return this.bounds[2 * index]!;
  }

  end(index: number): number {
    const end = this.bounds[2 * index + 1]!;
    return end < 0 ? ~end : end;
  }

  isPlaceholder(index: number): boolean {
    return this.bounds[2 * index + 1]! < 0;
  }

  /** The words `first` to `first + count - 1` as objects. */
  words(first: number, count: number): Word[] {
    const words: Word[] = [];
    for (let index = first; index < first + count; index += 1) {
      const start = this.start(index);
      const end = this.end(index);
      words.push({ start, end, text: this.source.slice(start, end), placeholder: this.isPlaceholder(index) });
    }
    return words;
  }

  private grow(): void {
    const grown = new Int32Array(this.bounds.length * 2);
    grown.set(this.bounds as Int32Array);
    this.bounds = grown;
  }
}
