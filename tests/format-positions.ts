// Checks shared by the template and export tests: every finding's line, column and offsets land on
// the flagged words in the original file, and never inside a template tag.
import { expect } from 'vitest';
import type { SourceFinding } from '../src/index.js';
import { findPlaceholders } from '../src/parse/placeholders.js';

/** Line and column (1-based) of `offset` in `source`, counted independently of the linter. */
export function pointOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * How the flagged words read in the file, given how the format writes text: `decode` turns the
 * file's slice back into text (JSON escapes, doubled CSV quotes, HTML entities).
 */
export type Decode = (slice: string) => string;

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Asserts that `finding` points at its words in `source`: line/column agree with the offsets, and
 * the slice reads as `actual`. A finding that spans a template tag (its sentence runs across a
 * branch) must start and end on its first and last words, and neither end may fall inside a tag.
 */
export function expectOnFlaggedWords(source: string, finding: SourceFinding, decode: Decode = (slice) => slice): void {
  const { start, end } = finding.place;
  const where = `${finding.ruleId} at ${start.line}:${start.column} (“${finding.actual}”)`;
  expect(pointOf(source, start.offset), where).toEqual({ line: start.line, column: start.column });
  expect(pointOf(source, end.offset), where).toEqual({ line: end.line, column: end.column });
  expect({ line: finding.line, column: finding.column }, where).toEqual({ line: start.line, column: start.column });
  for (const tag of findPlaceholders(source)) {
    if (tag.kind !== 'break') continue;
    expect(start.offset > tag.start && start.offset < tag.end, `${where} starts inside a tag`).toBe(false);
    expect(end.offset > tag.start && end.offset < tag.end, `${where} ends inside a tag`).toBe(false);
  }
  const slice = source.slice(start.offset, end.offset);
  const crossesTag = findPlaceholders(slice).some((tag) => tag.kind === 'break');
  if (!crossesTag) {
    expect(flat(decode(slice)), where).toBe(flat(finding.actual));
    return;
  }
  const words = flat(finding.actual).split(' ');
  expect(flat(decode(slice)).startsWith(words[0]!), where).toBe(true);
  expect(flat(decode(slice)).endsWith(words.at(-1)!), where).toBe(true);
}

/** Reads the body of a JSON string literal (escapes and all) as the text it stands for. */
export const decodeJsonSlice: Decode = (slice) => JSON.parse(`"${slice}"`) as string;

/** Doubled quotes in a CSV cell are one quote. */
export const decodeCsvSlice: Decode = (slice) => slice.replaceAll('""', '"');

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’' };

/** HTML as visible text: tags as spaces, the common entities decoded. */
export const decodeHtmlSlice: Decode = (slice) =>
  slice
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
      name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? entity),
    );
