// Saved replies exported as CSV. The scanner is our own rather than a maintained parser such as
// csv-parse because the adapter needs, for every character of a cell, its offset in the file
// (quoted cells drop their quotes and turn `""` into `"`), and such parsers only give line numbers
// of records. RFC 4180 is small enough to scan exactly.
import type { DecodedField } from './field-units.js';
import { fieldUnits } from './field-units.js';
import { SourceFormatError, type FormatAdapter, type TextUnit, type UnitLabel } from './types.js';

// Column names (lower case, letters and digits only) for the reply text, the title and the id, best first.
const TEXT_COLUMNS = ['body', 'text', 'content', 'message', 'reply', 'response', 'template', 'bodytext', 'bodyhtml', 'html'];
const TITLE_COLUMNS = ['title', 'name', 'subject'];
const ID_COLUMNS = ['id'];

// A cell is HTML when its column says so or it opens a common tag.
const LOOKS_LIKE_HTML = /<(?:p|br|div|span|a|strong|em|b|i|u|ul|ol|li|h[1-6]|table|img)\b[^<>]{0,500}>/i;

/** A CSV of saved replies: a header row names the columns; each row's text cell is a unit labelled with its title. */
export const csvFormat: FormatAdapter = {
  name: 'csv',
  extensions: ['csv'],
  async extract(source) {
    if (!/\S/.test(source)) return [];
    const [header, ...rows] = scanCsv(source);
    const names = (header ?? []).map((cell) => cell.text.trim());
    const normalised = names.map((name) => name.toLowerCase().replace(/[^a-z0-9]/g, ''));
    const column = (candidates: readonly string[]) => {
      for (const candidate of candidates) {
        const index = normalised.indexOf(candidate);
        if (index !== -1) return index;
      }
      return -1;
    };
    const textColumn = column(TEXT_COLUMNS);
    if (textColumn === -1) {
      const found = names.filter(Boolean).map((name) => `'${name}'`).join(', ') || 'none';
      throw new SourceFormatError(`no reply column in the header row (found ${found}); expected a CSV of saved replies with a body, text, content or message column`);
    }
    const titleColumn = column(TITLE_COLUMNS);
    const idColumn = column(ID_COLUMNS);
    const units: TextUnit[] = [];
    for (const row of rows) {
      const cell = row[textColumn];
      if (!cell) continue;
      const label: UnitLabel = { field: names[textColumn]! };
      const id = row[idColumn]?.text.trim();
      const title = row[titleColumn]?.text.trim();
      if (id) label.id = id;
      if (title) label.title = title;
      const html = normalised[textColumn]!.includes('html') || LOOKS_LIKE_HTML.test(cell.text);
      units.push(...(await fieldUnits(cell, html ? 'html' : 'text', label)));
    }
    return units;
  },
};

/**
 * The records of `source` (RFC 4180: quoted cells may hold separators, line breaks and `""`), each a
 * list of cells decoded with their offsets. The separator is the comma, or the semicolon or tab
 * when the header row has more of those (spreadsheets in some locales, `.tsv`).
 */
export function scanCsv(source: string): DecodedField[][] {
  const separator = guessSeparator(source);
  const records: DecodedField[][] = [];
  let record: DecodedField[] = [];
  let at = 0;
  for (;;) {
    const cell = readCell(source, at, separator);
    record.push(cell.field);
    at = cell.next;
    const char = source[at];
    if (char === separator) {
      at++;
      continue;
    }
    // A record ends at a line break or the end of the file; blank lines are no records.
    if (record.length > 1 || /\S/.test(record[0]!.text)) records.push(record);
    record = [];
    if (char === undefined) return records;
    at += source.startsWith('\r\n', at) ? 2 : 1;
    if (at >= source.length) return records;
  }
}

/** Reads the cell at `start`: its text and offsets, and where the separator or line break after it is. */
function readCell(source: string, start: number, separator: string): { field: DecodedField; next: number } {
  const offsets: number[] = [];
  let text = '';
  let at = start;
  let end = at;
  if (source[at] === '"') {
    for (at++; source[at] !== '"' || source[at + 1] === '"'; at++) {
      if (at >= source.length) {
        const line = source.slice(0, start).split('\n').length;
        throw new SourceFormatError(`unterminated quoted cell starting on line ${line}; expected a CSV of saved replies`);
      }
      offsets.push(at); // `""` is one quote, found at the first of the two
      text += source[at];
      if (source[at] === '"') at++;
    }
    end = at;
    at++; // the closing quote
  }
  // Unquoted text (or, leniently, text after a closing quote) runs to the separator or line break.
  while (at < source.length && source[at] !== separator && source[at] !== '\n' && !source.startsWith('\r\n', at)) {
    offsets.push(at);
    text += source[at];
    end = ++at;
  }
  offsets.push(end);
  return { field: { text, offsets: Int32Array.from(offsets) }, next: at };
}

function guessSeparator(source: string): string {
  const headerEnd = source.indexOf('\n');
  const header = headerEnd === -1 ? source : source.slice(0, headerEnd);
  const count = (char: string) => header.split(char).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ',';
}
