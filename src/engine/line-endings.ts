import { LineIndex } from '../parse/lines.js';
import type { Finding } from './types.js';

/**
 * Lints `text` with Windows line endings as if it had Unix ones, then points the findings back into
 * `text`. Rules see a line break as a space; a CRLF would be two, and a pattern bounded in length
 * ("at most three non-word characters") would then match one file and not the same file saved on
 * Windows. `lint` does the linting; text without CRLF goes straight to it.
 */
export function lintWithUnixLineEndings(text: string, lint: (text: string) => Finding[]): Finding[] {
  if (!text.includes('\r\n')) return lint(text);
  const unix = text.replace(/\r\n/g, '\n');
  // Where each removed CR stood, as an offset in `unix` (the LF it preceded).
  const removedBefore: number[] = [];
  for (let at = unix.indexOf('\n'), crs = 0; at !== -1; at = unix.indexOf('\n', at + 1)) {
    if (text[at + crs] === '\r') {
      removedBefore.push(at);
      crs += 1;
    }
  }
  const toOriginal = (offset: number): number => offset + countBelow(removedBefore, offset);
  const lines = new LineIndex(text);
  return lint(unix).map((finding) => {
    const start = lines.pointAt(toOriginal(finding.place.start.offset));
    const end = lines.pointAt(toOriginal(finding.place.end.offset));
    const mapped: Finding = { ...finding, line: start.line, column: start.column, place: { start, end }, actual: text.slice(start.offset, end.offset) };
    if (finding.insertAt !== undefined) mapped.insertAt = toOriginal(finding.insertAt);
    if (finding.fix) mapped.fix = { range: [toOriginal(finding.fix.range[0]), toOriginal(finding.fix.range[1])], text: finding.fix.text };
    return mapped;
  });
}

/** How many of the ascending `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
