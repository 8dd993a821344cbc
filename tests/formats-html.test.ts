// HTML: parsed with rehype, only visible text is linted, block elements and <br> end sentences,
// entities are decoded, and every finding points at its words in the HTML source.
// Fixtures: fixtures/formats/html/.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSource, type SourceFinding } from '../src/index.js';
import { FORMATS, SourceFormatError, formatForName } from '../src/parse/formats/index.js';
import { MAX_HTML_DEPTH, extractHtmlText } from '../src/parse/formats/html.js';
import { loadHtmlParser } from '../src/parse/formats/parsers.js';
import { decodeHtmlSlice, expectOnFlaggedWords, type Decode } from './format-positions.js';
import { runTactful } from './run-cli.js';

// extractHtmlText is called directly below; the adapter loads its parser itself.
beforeAll(loadHtmlParser);

const DIR = 'fixtures/formats/html';
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const lintHtml = (source: string) => lintSource(source, { format: 'html' });
const sliceOf = (source: string, finding: SourceFinding) => source.slice(finding.place.start.offset, finding.place.end.offset);
/** HTML as it reads: inline tags vanish, other tags separate words, entities are decoded. */
const visibleHtml: Decode = (slice) => decodeHtmlSlice(slice.replace(/<\/?(?:b|strong|em|i|u|span|a|code)\b[^<>]*>/gi, ''));
const nestedDivs = (depth: number) => `${'<div>'.repeat(depth)}Please calm down, sir.${'</div>'.repeat(depth)}`;

describe('visible text, mapped back to the HTML', () => {
  it('points every finding at its words in the file', async () => {
    const source = read('reply.html');
    const findings = await lintHtml(source);
    expect(findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(['negative-framing', 'minimizing', 'tone-policing', 'defensive', 'dismissive-question', 'shouting', 'bare-sorry']),
    );
    for (const finding of findings) expectOnFlaggedWords(source, finding, visibleHtml);
  });

  it('decodes entities and keeps positions on the entity in the source', async () => {
    const source = read('reply.html');
    const framing = (await lintHtml(source)).find((finding) => finding.ruleId === 'negative-framing' && finding.line === 12)!;
    expect(framing.actual).toBe('We can’t change the name on the ticket');
    expect(sliceOf(source, framing)).toBe('We can&rsquo;t change the name on the ticket');
    expect(framing.column).toBe(6);
  });

  it('ends a finding on its last word, not after the closing tag that follows it', async () => {
    const source = read('reply.html');
    const minimizing = (await lintHtml(source)).find((finding) => finding.ruleId === 'minimizing')!;
    expect(sliceOf(source, minimizing)).toBe('It&#39;s <em>just a small delay');
    const tone = (await lintHtml(source)).find((finding) => finding.ruleId === 'tone-policing')!;
    expect(sliceOf(source, tone)).toBe('Please <strong>calm down</strong>, sir.');
  });

  it('lints nothing from head, title, style, script, comments, template, hidden or display:none elements', async () => {
    const source = read('reply.html');
    const findings = await lintHtml(source);
    const bodyStart = source.indexOf('<p>Hi Ana');
    const invisible = ['<div hidden>', '<span style="display: none">', '<template>', '<code>'].map((tag) => [source.indexOf(tag), source.indexOf('</', source.indexOf(tag))] as const);
    for (const finding of findings) {
      expect(finding.place.start.offset).toBeGreaterThan(bodyStart);
      for (const [start, end] of invisible) expect(finding.place.start.offset < start || finding.place.start.offset > end).toBe(true);
    }
    // Only the visible "Did you turn the power on?" (in the table) is flagged, not the script's or the hidden span's.
    expect(findings.filter((finding) => finding.ruleId === 'dismissive-question').map((finding) => finding.line)).toEqual([19]);
  });

  it('ends sentences at block elements and <br>, and reads inline code as one opaque word', () => {
    const text = extractHtmlText(read('reply.html')).text;
    expect(text).toContain('Please calm down, sir.\nAs I said');
    expect(text).toContain('Status\n\nDid you turn the power on?');
    expect(text).toContain('We will NOT refund a used ticket\n\nSorry for the wait');
    expect(text).toContain('Run {{code}} to restart.');
    expect(text).not.toMatch(/Calm down, sir|const text|Draft note|refunds\]/);
  });

  it('collapses white space as a browser does and maps CRLF files exactly', async () => {
    const source = read('crlf-fragment.html');
    const findings = await lintHtml(source);
    for (const finding of findings) expectOnFlaggedWords(source, finding, visibleHtml);
    const distant = findings.find((finding) => finding.ruleId === 'distant-language')!;
    expect(distant).toMatchObject({ line: 2, column: 4, actual: 'Your complaint has been noted' });
    expect(sliceOf(source, distant)).toBe('Your complaint has been\r\nnoted');
    expect(findings.find((finding) => finding.ruleId === 'shouting')).toMatchObject({ line: 3, column: 29, actual: 'NOT' });
  });
});

describe('deep and large documents', () => {
  it(`rejects HTML nested more than ${MAX_HTML_DEPTH} deep at once, without overflowing the stack`, async () => {
    const started = performance.now();
    const error = await Promise.resolve()
      .then(() => FORMATS.get('html')!.extract(nestedDivs(50_000)))
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as Error).message).toBe(`HTML elements nested more than ${MAX_HTML_DEPTH} deep (line 1); expected HTML nested at most ${MAX_HTML_DEPTH} levels`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads HTML nested just under the limit, walking it without recursion', async () => {
    const source = nestedDivs(MAX_HTML_DEPTH - 2);
    const findings = await lintHtml(source);
    expect(findings.find((finding) => finding.ruleId === 'tone-policing')).toMatchObject({ actual: 'Please calm down, sir.', column: 5 * (MAX_HTML_DEPTH - 2) + 1 });
  });

  it('does not count elements the parser closes by itself, and scans stray < and unclosed comments in linear time', () => {
    const started = performance.now();
    expect(extractHtmlText('<p>One. '.repeat(5000)).text).toMatch(/^One\.\n\nOne\./);
    expect(extractHtmlText('<li>Item '.repeat(5000)).text).toMatch(/^Item\n\nItem/);
    expect(extractHtmlText('a < b '.repeat(20_000)).text).toMatch(/^a < b a < b/);
    expect(extractHtmlText(`Hi<!--${'<div>'.repeat(5000)}`).text).toBe('Hi');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('the CLI', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('is chosen by the .html, .htm and .xhtml extensions', () => {
    expect(['a.html', 'a.htm', 'a.xhtml'].map(formatForName)).toEqual(['html', 'html', 'html']);
  });

  it('lints an HTML file with positions in the file, and reports a 50,000-div file on one line with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tactful-html-'));
    scratch.push(dir);
    await writeFile(join(dir, 'deep.html'), nestedDivs(50_000));
    await writeFile(join(dir, 'reply.html'), read('reply.html'));
    const started = performance.now();
    const run = await runTactful(['--format', 'json', 'deep.html', 'reply.html'], dir);
    const elapsed = performance.now() - started;
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tactful: deep.html: HTML elements nested more than ${MAX_HTML_DEPTH} deep (line 1); expected HTML nested at most ${MAX_HTML_DEPTH} levels\n`);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(results.map((result) => result.filePath)).toEqual(['reply.html']);
    expect(results[0]!.messages).toContainEqual(expect.objectContaining({ ruleId: 'shouting', line: 22, column: 19 }));
    expect(elapsed).toBeLessThan(30_000);
  });
});
