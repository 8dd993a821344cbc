// Helpdesk exports: a Zendesk macros export (.json) and a CSV of saved replies. Every finding names
// its macro and points at the flagged words inside the JSON string or CSV cell; files that are not
// what their extension promises get one line naming what was expected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatForName, lintSource, SourceFormatError, type SourceFinding } from '../src/index.js';
import { scanCsv } from '../src/parse/formats/csv.js';
import { JsonCursor } from '../src/parse/formats/json-source.js';
import { decodeCsvSlice, decodeHtmlSlice, decodeJsonSlice, expectOnFlaggedWords } from './format-positions.js';
import { runTactful } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXPORTS = 'fixtures/formats/exports';
const read = (name: string) => readFileSync(join(ROOT, EXPORTS, name), 'utf8');

function byMacro(findings: SourceFinding[], id: string): SourceFinding[] {
  return findings.filter((finding) => finding.unit?.id === id);
}

describe('Zendesk macros export', () => {
  const source = read('zendesk-macros.json');

  it('is chosen for .json files', () => {
    expect(formatForName('macros.json')).toBe('zendesk-json');
  });

  it('labels every finding with its macro and points inside the JSON string, escapes included', async () => {
    const findings = await lintSource(source, { format: 'zendesk-json' });
    expect(findings.length).toBeGreaterThan(5);
    for (const finding of findings) {
      expect(finding.unit?.id, finding.actual).toMatch(/^36000\d$/);
      const html = finding.unit!.field === 'comment_value_html';
      expectOnFlaggedWords(source, finding, html ? (slice) => decodeHtmlSlice(decodeJsonSlice(slice)) : decodeJsonSlice);
    }
    expect(new Set(findings.map((finding) => finding.unit!.id))).toEqual(new Set(['360001', '360002', '360003', '360004']));
  });

  it('reads a comment_value with an escaped quote at the right column', async () => {
    const findings = byMacro(await lintSource(source, { format: 'zendesk-json' }), '360001');
    expect(findings[0]!.unit).toEqual({ id: '360001', title: 'Shipping delay', field: 'comment_value' });
    const defensive = findings.find((finding) => finding.ruleId === 'defensive')!;
    expect(defensive.actual).toBe('As I said before, you should have chosen "express" delivery.');
    expect(source.slice(defensive.place.start.offset, defensive.place.end.offset)).toBe('As I said before, you should have chosen \\"express\\" delivery.');
  });

  it('decodes \\u escapes in titles and text, and reads HTML values as HTML', async () => {
    const findings = await lintSource(source, { format: 'zendesk-json' });
    const html = byMacro(findings, '360002');
    expect(html[0]!.unit).toEqual({ id: '360002', title: 'Refund refused — HTML', field: 'comment_value_html' });
    expect(html.map((finding) => finding.ruleId)).toContain('defensive');
    expect(html.every((finding) => !/<|&amp;/.test(finding.actual))).toBe(true);
  });

  it('lints a value given as ["channel:all", text], not the channel', async () => {
    const findings = byMacro(await lintSource(source, { format: 'zendesk-json' }), '360003');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['dismissive-question']);
  });

  it('expands the Liquid conditionals of a comment', async () => {
    const findings = byMacro(await lintSource(source, { format: 'zendesk-json' }), '360004');
    const tone = findings.find((finding) => finding.ruleId === 'tone-policing')!;
    expect(tone.actual).toBe('Calm down, we’ll get to it.');
    expect(source.slice(tone.place.start.offset, tone.place.end.offset)).toBe('Calm down, we\\u2019ll get to it.');
  });

  it('accepts a single {"macro": …} and an empty file', async () => {
    const single = '{"macro": {"id": 7, "title": "One", "actions": [{"field": "comment_value", "value": "Calm down."}]}}';
    const [finding] = await lintSource(single, { format: 'zendesk-json' });
    expect(finding).toMatchObject({ ruleId: 'tone-policing', unit: { id: '7', title: 'One' } });
    expect(single.slice(finding!.place.start.offset, finding!.place.end.offset)).toBe('Calm down.');
    expect(await lintSource('\n', { format: 'zendesk-json' })).toEqual([]);
  });

  it('rejects what is not a macros export, saying what was expected', async () => {
    const extract = (text: string) => FORMATS.get('zendesk-json')!.extract(text);
    await expect(extract(read('bad/not-an-export.json'))).rejects.toThrow(
      new SourceFormatError('found an object with keys "tickets", "count"; expected a Zendesk macros export, {"macros": [{"id", "title", "actions": [{"field", "value"}]}]}'),
    );
    await expect(extract(read('bad/invalid.json'))).rejects.toThrow(/^invalid JSON: .* at line 5, column 1; expected a Zendesk macros export/);
    await expect(extract('[1, 2]')).rejects.toThrow(/^found an array; expected a Zendesk macros export/);
    await expect(extract('{"macros": [{"id": 1}]}')).rejects.toThrow(/^macro 1 of 1 has no "actions" list/);
    await expect(extract('{"macros": {}}')).rejects.toBeInstanceOf(SourceFormatError);
  });

  it('decodes any JSON string, written with or without escapes, with an offset for each character', () => {
    const char = fc.constantFrom('a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '’', '😀', '\uD800');
    fc.assert(
      fc.property(fc.array(fc.tuple(char, fc.boolean())), (chars) => {
        // Each character as itself where JSON allows it, else (or when asked) as a \u escape or its short escape.
        let literal = '"';
        const starts: number[] = [];
        let text = '';
        for (const [c, escape] of chars) {
          for (const unit of c.length === 2 ? [c[0]!, c[1]!] : [c]) {
            starts.push(2 + literal.length);
            text += unit;
            // A lone surrogate and a control character must be escaped; a pair may stand as itself.
            const needs = c.length === 1 && JSON.stringify(unit).length > 3;
            literal += escape || needs ? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}` : unit;
          }
        }
        literal += '"';
        const field = new JsonCursor(`  ${literal}`).string();
        expect(field.text).toBe(text);
        expect([...field.offsets]).toEqual([...starts, 2 + literal.length - 1]);
      }),
    );
  });

  it('skips values it does not need without recursion', () => {
    const deep = `{"junk": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "macros": []}`;
    const cursor = new JsonCursor(deep);
    const keys: string[] = [];
    cursor.object((key) => {
      keys.push(key);
      cursor.skip();
    });
    expect(keys).toEqual(['junk', 'macros']);
  });
});

describe('CSV of saved replies', () => {
  it('is chosen for .csv files (a .tsv with --ext csv)', () => {
    expect(formatForName('replies.csv')).toBe('csv');
    expect(formatForName('replies.tsv')).toBe('text');
    expect(scanCsv('title\tbody\nLate\tCalm down.\n').map((record) => record.map((cell) => cell.text))).toEqual([['title', 'body'], ['Late', 'Calm down.']]);
  });

  it('scans RFC 4180: quoted separators, line breaks and doubled quotes, CRLF, with offsets', () => {
    const source = 'title,body\r\n"A, b","x ""y""\r\nz"\r\nplain,text\r\n';
    const records = scanCsv(source);
    expect(records.map((record) => record.map((cell) => cell.text))).toEqual([
      ['title', 'body'],
      ['A, b', 'x "y"\r\nz'],
      ['plain', 'text'],
    ]);
    const cell = records[1]![1]!;
    for (let index = 0; index < cell.text.length; index++) expect(source[cell.offsets[index]!]).toBe(cell.text[index]);
    expect(source[cell.offsets[cell.text.length]!]).toBe('"'); // the closing quote
  });

  it('labels each finding with the row id and title and points inside the cell', async () => {
    const source = read('saved-replies.csv');
    const findings = await lintSource(source, { format: 'csv' });
    findings.forEach((finding) => expectOnFlaggedWords(source, finding, decodeCsvSlice));
    expect(findings.find((finding) => finding.ruleId === 'bare-sorry')).toMatchObject({
      line: 4,
      column: 1,
      unit: { id: '101', title: 'Delayed order', field: 'body' },
    });
    const defensive = findings.find((finding) => finding.ruleId === 'defensive')!;
    expect(defensive.actual).toContain('"express"');
    expect(source.slice(defensive.place.start.offset, defensive.place.end.offset)).toContain('""express""');
    expect(findings.find((finding) => finding.ruleId === 'shouting')).toMatchObject({ line: 10, unit: { id: '103', title: 'Shouting' } });
    expect(findings.some((finding) => finding.unit?.id === '102')).toBe(false);
  });

  it('finds the columns by name, any case, and a semicolon separator', async () => {
    const source = read('saved-replies-semicolon.csv');
    const findings = await lintSource(source, { format: 'csv' });
    findings.forEach((finding) => expectOnFlaggedWords(source, finding, decodeCsvSlice));
    expect(findings.map((finding) => [finding.ruleId, finding.unit])).toEqual([
      ['tone-policing', { title: 'Late delivery', field: 'Content' }],
      ['defensive', { title: 'Refund', field: 'Content' }],
    ]);
    const message = await lintSource('Subject,Message\nHi,Calm down.\n', { format: 'csv' });
    expect(message[0]).toMatchObject({ ruleId: 'tone-policing', line: 2, column: 4, unit: { title: 'Hi', field: 'Message' } });
  });

  it('reads an HTML cell as HTML', async () => {
    const source = 'title,body_html\nRefund,"<p>Hi,</p><p>It is not our fault &amp; we can&#39;t help.</p>"\n';
    const findings = await lintSource(source, { format: 'csv' });
    findings.forEach((finding) => expectOnFlaggedWords(source, finding, (slice) => decodeHtmlSlice(decodeCsvSlice(slice))));
    expect(findings.map((finding) => finding.ruleId)).toContain('defensive');
  });

  it('rejects a CSV without a reply column or with an unterminated quote', async () => {
    const extract = (text: string) => FORMATS.get('csv')!.extract(text);
    await expect(extract(read('bad/no-text-column.csv'))).rejects.toThrow(
      new SourceFormatError("no reply column in the header row (found 'title', 'notes'); expected a CSV of saved replies with a body, text, content or message column"),
    );
    await expect(extract(read('bad/unterminated-quote.csv'))).rejects.toThrow(/^unterminated quoted cell starting on line 2; expected a CSV of saved replies$/);
    expect(await extract('')).toEqual([]);
  });
});

describe('exports through the CLI', () => {
  it('names the macro in stylish output and in JSON', async () => {
    const stylish = await runTactful(['--no-color', `${EXPORTS}/zendesk-macros.json`], ROOT);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('macro 360001 “Shipping delay”');
    expect(stylish.stdout).toContain('macro 360002 “Refund refused — HTML”');
    const json = await runTactful(['--format', 'json', `${EXPORTS}/saved-replies.csv`], ROOT);
    const [result] = JSON.parse(json.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number; unit?: object }> }>;
    expect(result!.messages.find((message) => message.ruleId === 'bare-sorry')).toMatchObject({ line: 4, column: 1, unit: { id: '101', title: 'Delayed order', field: 'body' } });
  });

  it('gives one line per bad file, exits 2, and still lints the other files', async () => {
    const bad = ['not-an-export.json', 'invalid.json', 'no-text-column.csv', 'unterminated-quote.csv'].map((name) => `${EXPORTS}/bad/${name}`);
    const run = await runTactful(['--format', 'json', bad[0]!, `${EXPORTS}/saved-replies.csv`, ...bad.slice(1)], ROOT);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    lines.forEach((line, index) => expect(line.startsWith(`tactful: ${bad[index]}: `), line).toBe(true));
    expect(lines[0]).toContain('expected a Zendesk macros export');
    expect(lines[2]).toContain('expected a CSV of saved replies with a body, text, content or message column');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect((JSON.parse(run.stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([`${EXPORTS}/saved-replies.csv`]);
  });
});
