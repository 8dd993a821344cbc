import type { Word } from './document.js';

/**
 * Every word of a document, packed into typed arrays: a long document has millions of words, and one
 * object per word cost ~64 bytes against ~9 here (a 10 MB text held 1.6 million words). Sentences
 * hand out `Word` objects on demand.
 */
export class WordTable {
  private starts: Int32Array;
  private ends: Int32Array;
  private placeholders: Uint8Array;
  private count = 0;

  constructor(private readonly source: string) {
    // Room for a word every four characters, so that a reply's table rarely has to grow.
    const size = 16 + (source.length >> 2);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.placeholders = new Uint8Array(size);
  }

  /** Appends a word and returns its index. */
  add(start: number, end: number, placeholder: boolean): number {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.placeholders[this.count] = placeholder ? 1 : 0;
    return this.count++;
  }

  start(index: number): number {
    return this.starts[index]!;
  }

  end(index: number): number {
    return this.ends[index]!;
  }

  isPlaceholder(index: number): boolean {
    return this.placeholders[index] === 1;
  }

  /** The words `first` to `first + count - 1` as objects. */
  words(first: number, count: number): Word[] {
    const words: Word[] = [];
    for (let index = first; index < first + count; index += 1) {
      const start = this.starts[index]!;
      const end = this.ends[index]!;
      words.push({ start, end, text: this.source.slice(start, end), placeholder: this.placeholders[index] === 1 });
    }
    return words;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.placeholders = grown(this.placeholders, new Uint8Array(size));
  }
}
