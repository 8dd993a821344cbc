// Markdown: parsed with remark, prose is linted (link text included) while code, HTML comments,
// link URLs, images and front matter are not; headings name the replies of a collection; every
// finding points at its words in the Markdown source. Fixtures: fixtures/formats/markdown/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintSource, type SourceFinding } from '../src/index.js';
import { FORMATS, SourceFormatError, formatForName } from '../src/parse/formats/index.js';
import { MAX_MARKDOWN_DEPTH, extractMarkdownText } from '../src/parse/formats/markdown.js';
import { loadHtmlParser, loadMarkdownParser } from '../src/parse/formats/parsers.js';
import { decodeHtmlSlice, expectOnFlaggedWords, type Decode } from './format-positions.js';
import { runTactful } from './run-cli.js';

// extractMarkdownText is called directly below; the adapter loads its parsers itself.
beforeAll(() => Promise.all([loadMarkdownParser(), loadHtmlParser()]));

const DIR = 'fixtures/formats/markdown';
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const lintMarkdown = (source: string) => lintSource(source, { format: 'markdown' });
const extract = async (source: string) => FORMATS.get('markdown')!.extract(source);
const sliceOf = (source: string, finding: SourceFinding) => source.slice(finding.place.start.offset, finding.place.end.offset);

/** Markdown as it reads: links as their text, code spans as the opaque word, no emphasis marks, escapes or quote markers. */
const visibleMarkdown: Decode = (slice) =>
  decodeHtmlSlice(
    slice
      .replace(/\n[ \t]*(?:>[ \t]?)+/g, '\n')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`[^`]*`/g, '{{code}}')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, ''),
  );

describe('prose, mapped back to the Markdown', () => {
  it('points every finding at its words in the file', async () => {
    const source = read('reply.md');
    const findings = await lintMarkdown(source);
    expect(findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(['negative-framing', 'minimizing', 'tone-policing', 'defensive', 'dismissive-question', 'shouting', 'distant-language', 'bare-sorry']),
    );
    for (const finding of findings) expectOnFlaggedWords(source, finding, visibleMarkdown);
  });

  it('keeps exact offsets across emphasis, entities, quotes, lists and table cells', async () => {
    const source = read('reply.md');
    const findings = await lintMarkdown(source);
    const at = (ruleId: string, line: number) => findings.find((finding) => finding.ruleId === ruleId && finding.line === line)!;
    expect(sliceOf(source, at('negative-framing', 10))).toBe('We can&rsquo;t change the name on the ticket');
    expect(sliceOf(source, at('minimizing', 10))).toBe("It's *just a small delay");
    expect(sliceOf(source, at('tone-policing', 13))).toBe('Please **calm down**, sir.');
    expect(at('dismissive-question', 27)).toMatchObject({ column: 3, actual: 'Did you turn the power on?' });
    expect(at('distant-language', 29)).toMatchObject({ column: 3, actual: 'Your complaint has been noted' });
    expect(at('bare-sorry', 34)).toMatchObject({ column: 7, actual: 'Sorry for the wait' });
  });

  it('lints no code span, code block, HTML comment, image, link URL or front matter', async () => {
    const source = read('reply.md');
    const findings = await lintMarkdown(source);
    const skipped = ['title: Please calm down', '(https://example.com/calm-down "Calm down")', 'Internal: your complaint', '`calm down --now`', '```\nDid you turn', '    Sorry for the wait', '![Please calm down]'];
    for (const text of skipped) {
      const start = source.indexOf(text);
      expect(start, text).toBeGreaterThan(-1);
      for (const finding of findings) {
        expect(finding.place.start.offset >= start && finding.place.start.offset < start + text.length, `${finding.ruleId} inside ${text}`).toBe(false);
      }
    }
    const text = extractMarkdownText(source).text;
    expect(text).toContain('See our refund policy for details.');
    expect(text).toContain('Run {{code}} if the app hangs, then check *Settings*.');
    expect(text).not.toMatch(/example\.com|Internal|const x|calm-down/);
  });

  it('ends sentences at blocks, list items and table cells, and lines at hard breaks', () => {
    const text = extractMarkdownText(read('reply.md')).text;
    expect(text).toContain('Your complaint has been noted.\n\nIt');
    expect(text).toContain('Step\n\nSay\n\n1\n\nSorry for the wait, Ana.');
    expect(text).toContain('Thanks,\nJane');
  });
});

describe('collections of saved replies', () => {
  it('makes each heading a reply named by it, without linting the heading', async () => {
    const source = read('reply.md');
    const units = await extract(source);
    expect(units.map((unit) => unit.label)).toEqual([{ title: 'Refund reply' }]);
    expect(units[0]!.text).not.toContain('Refund reply');
    const findings = await lintMarkdown(source);
    expect(findings.every((finding) => finding.unit?.title === 'Refund reply')).toBe(true);
  });

  it('lints replies kept in ```md fences as replies of their own, positioned inside the fence', async () => {
    const source = read('saved-replies.md');
    const units = await extract(source);
    expect(units.map((unit) => [unit.label?.title, unit.text])).toEqual([
      ['Duplicate', 'Thanks for the report! As I said, this is a duplicate of #12.'],
      ['Not a bug', 'Did you turn the power on? If it still fails, see the FAQ.'],
    ]);
    const findings = await lintMarkdown(source);
    for (const finding of findings) expectOnFlaggedWords(source, finding, visibleMarkdown);
    expect(findings.find((finding) => finding.ruleId === 'defensive')).toMatchObject({ line: 8, column: 24, unit: { title: 'Duplicate' } });
    expect(findings.find((finding) => finding.ruleId === 'dismissive-question')).toMatchObject({ line: 14, column: 1, unit: { title: 'Not a bug' } });
    // The ```js fence is code, and the notes around the fences are documentation.
    expect(findings.some((finding) => finding.place.start.offset > source.indexOf('```js'))).toBe(false);
  });

  it('reads untagged code blocks as replies when a file keeps two or more that read as prose, never code', async () => {
    const source = read('bare-fences.md');
    const units = await extract(source);
    expect(units.map((unit) => unit.label?.title)).toEqual(['Already fixed (v1)', "Can't reproduce (v1)"]);
    expect(units.map((unit) => unit.text).join('\n')).not.toMatch(/bpy|Copy a reply/);
    const findings = await lintMarkdown(source);
    for (const finding of findings) expectOnFlaggedWords(source, finding, visibleMarkdown);
    expect(findings.find((finding) => finding.ruleId === 'minimizing')).toMatchObject({ line: 8, column: 28, actual: "It's just a small delay" });
    expect(findings.find((finding) => finding.ruleId === 'dismissive-question')).toMatchObject({ line: 16, column: 1 });
    // One prose-like block in a reply is a quotation set apart as code: reply.md's indented line stays unlinted.
    expect((await lintMarkdown(read('reply.md'))).some((finding) => finding.line === 22)).toBe(false);
  });

  it('lints a single reply with no heading as one unlabelled unit', async () => {
    const units = await extract('Hi Ana,\n\nPlease **calm down**, sir.\n');
    expect(units).toHaveLength(1);
    expect(units[0]!.label).toBeUndefined();
  });
});

describe('bad input', () => {
  it(`rejects quotes nested more than ${MAX_MARKDOWN_DEPTH} deep at once`, async () => {
    const started = performance.now();
    await expect(extract(`${'>'.repeat(10_000)} calm down`)).rejects.toThrow(SourceFormatError);
    await expect(extract(`Hi\n\n${'- '.repeat(500)}calm down`)).rejects.toThrow(
      `quotes or lists nested more than ${MAX_MARKDOWN_DEPTH} levels deep (line 3); expected Markdown nested at most ${MAX_MARKDOWN_DEPTH} levels`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the CLI', () => {
  it('is chosen by the .md and .markdown extensions', () => {
    expect(['a.md', 'a.markdown', 'a.mkd'].map(formatForName)).toEqual(['markdown', 'markdown', 'markdown']);
  });

  it('lints a Markdown file with positions in the file and the heading as the reply’s name', async () => {
    const run = await runTactful(['--format', 'json', join(DIR, 'reply.md')], process.cwd());
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(result!.messages).toContainEqual(expect.objectContaining({ ruleId: 'tone-policing', line: 13, column: 1 }));
    expect(result!.messages).toContainEqual(expect.objectContaining({ ruleId: 'shouting', line: 27, column: 38 }));
    const stylish = await runTactful(['--no-color', join(DIR, 'saved-replies.md')], process.cwd());
    expect(stylish.stdout).toContain('“Duplicate”');
  });
});
