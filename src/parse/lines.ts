/** A point in a document: 1-based line and column, 0-based UTF-16 offset (as in unist and vfile). */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Converts offsets to line/column points with a binary search over line starts. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      this.lineStarts.push(index + 1);
    }
  }

  /** The point at `offset`. */
  pointAt(offset: number): Point {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1, offset };
  }
}
