/** A half-open range [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The span of `spans` (in order, not overlapping) that overlaps [start, end), found by binary
 * search: placeholders and sentences are looked up for every finding, and a long document has
 * thousands of each.
 */
export function spanOverlapping<T extends Span>(spans: readonly T[], start: number, end: number): T | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle]!;
    if (span.end <= start) low = middle + 1;
    else if (span.start >= end) high = middle - 1;
    else return span;
  }
  return undefined;
}

/** The span of `spans` (in order, not overlapping) that holds `offset`. */
export function spanAt<T extends Span>(spans: readonly T[], offset: number): T | undefined {
  return spanOverlapping(spans, offset, offset + 1);
}

/**
 * [start, end) widened so that it cuts none of `spans` (in order, not overlapping): a range that starts
 * or ends inside one takes all of it. A template tag is never cut, in a finding's span or a slot.
 */
export function coverWhole(spans: readonly Span[], start: number, end: number): [number, number] {
  const first = spanAt(spans, start);
  const last = end > start ? spanAt(spans, end - 1) : undefined;
  return [first?.start ?? start, last?.end ?? end];
}
