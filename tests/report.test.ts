// `tactful report DIR`: the terminal table and the self-contained HTML page. The page is checked in
// headless Chromium (Debian's chromium package at /usr/bin/chromium, driven by playwright-core): the
// highlighted spans and their rewrites must match the findings the library gives for each file.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTIVE_MACRO_MARKDOWN, DIRECTIVE_MACRO_TEXT, lintedFindings } from './directive-macros.js';
import { runTactful, type CliRun } from './run-cli.js';
import { escapeHtml, highlight } from '../src/cli/report-html.js';
import { lint, type Finding } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

type Run = CliRun;

function tactful(args: readonly string[]): Promise<Run> {
  return runTactful(args, ROOT);
}

// A small macro library: plain-text macros, so each file is one reply and offsets are the file's.
const MACROS: Record<string, string> = {
  'refund.txt': 'Hi Sam,\n\nSorry for the delay. As I said, refunds take 10 days. Did you actually check your bank?\n\nThanks,\nOllie\n',
  'outage.txt': "Hi Ana,\n\nI understand how frustrating it is when your internet drops. Let's check it together: I've booked an engineer for Friday.\n\nBest,\nTom\n",
  'escaping.txt': 'Hi <Jo> & "Kim",\n\nSorry. <script>alert("x")</script> CALM DOWN!!\n\nOllie\n',
  'nested/overlap.txt': "Hi Lee,\n\nI know, it's just a small delay. We're very sorry!\n\nTom\n",
};

let dir: string;
let library: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tactful-report-'));
  library = join(dir, 'macros');
  for (const [name, text] of Object.entries(MACROS)) {
    await mkdir(join(library, name, '..'), { recursive: true });
    await writeFile(join(library, name), text);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('highlight', () => {
  const finding = (ruleId: string, start: number, end: number, extra: Partial<Finding> = {}): Finding =>
    ({ ruleId, severity: 'warning', reason: `${ruleId} reason`, expected: [`${ruleId} rewrite`], place: { start: { offset: start }, end: { offset: end } }, ...extra }) as Finding;

  it('cuts overlapping findings into pieces that name every finding covering them', () => {
    const text = 'abcdefgh';
    const a = finding('a', 1, 5);
    const b = finding('b', 3, 7);
    const html = highlight(text, [a, b], new Map([[a, 'f1'], [b, 'f2']]));
    expect(html).toBe(
      'a<mark class="finding sev-warning" data-findings="f1" data-rules="a" title="a: a reason\n→ a rewrite">bc</mark>' +
        '<mark class="finding sev-warning" data-findings="f1 f2" data-rules="a b" title="a: a reason\n→ a rewrite\n\nb: b reason\n→ b rewrite">de</mark>' +
        '<mark class="finding sev-warning" data-findings="f2" data-rules="b" title="b: b reason\n→ b rewrite">fg</mark>h',
    );
  });

  it('marks a reply-level finding where its line goes, and escapes every text', () => {
    const reply = finding('no-acknowledgement', 0, 3, { insertAt: 0, severity: 'suggestion', expected: ['I hear that <x> & "y"'] });
    const html = highlight('<b>', [reply], new Map([[reply, 'f1']]));
    expect(html).toBe(
      '<ins class="insert sev-suggestion" data-findings="f1" data-rules="no-acknowledgement" title="no-acknowledgement: no-acknowledgement reason\nadd: I hear that &#60;x&#62; &#38; &#34;y&#34;">+</ins>&#60;b&#62;',
    );
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&#60;a href=&#39;x&#39;&#62;&#38;&#34;');
  });
});

describe('tactful report', () => {
  it('prints files linted, findings per rule and the lowest-scoring replies with their top finding', async () => {
    const run = await tactful(['report', library]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^tactful report: 4 files, 4 replies linted, \d+ findings, average score \d+\n/);
    expect(run.stdout).toMatch(/Findings per rule\n\s+rule\s+findings\s+replies\n/);
    expect(run.stdout).toMatch(/\n {2}bare-sorry\s+3\s+3\n/);
    const lowest = run.stdout.slice(run.stdout.indexOf('lowest-scoring'));
    expect(lowest).toContain(`${join(library, 'refund.txt')}`);
    expect(lowest).toMatch(/escaping\.txt\s+shouting {2}“/);
    // The best reply comes last.
    expect(lowest.trimEnd().split('\n').at(-1)).toContain('outage.txt');
  });

  it('needs a directory or file, and says so in one line', async () => {
    const run = await tactful(['report']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tactful: missing required argument 'inputs'\n");
  });

  it('writes a self-contained page with --html', async () => {
    const out = join(dir, 'out', 'report.html');
    const run = await tactful(['report', library, '--html', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`tactful: report written to ${out}\n`);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    // No external assets: nothing to load, links only within the page.
    expect(html).not.toMatch(/<link\b|\bsrc=|\bhref="(?!#)|url\(/i);
    // The customer's text is shown as text, never as markup.
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'highlights every finding with its rewrites in headless Chromium (skipped when /usr/bin/chromium is missing)',
    async () => {
      const out = join(dir, 'browser', 'report.html');
      expect((await tactful(['report', library, '--html', out])).code).toBe(0);
      const { chromium } = await import('playwright-core');
      const profile = await mkdtemp(join(tmpdir(), 'tactful-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(String(error)));
        page.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`));
        page.on('requestfailed', (request) => problems.push(`request: ${request.url()}`));
        await page.goto(pathToFileURL(out).href);

        const sections = await page.$$eval('section.reply', (nodes) =>
          nodes.map((node) => ({
            file: node.getAttribute('data-file')!,
            text: node.querySelector('pre.text')!.textContent!,
            findings: [...node.querySelectorAll('ol.findings li')].map((li) => ({ id: li.id, rule: li.getAttribute('data-rule')! })),
            marks: [...node.querySelectorAll('pre.text mark, pre.text ins')].map((mark) => ({
              tag: mark.tagName.toLowerCase(),
              ids: mark.getAttribute('data-findings')!.split(' '),
              text: mark.textContent!,
              title: mark.getAttribute('title')!,
            })),
          })),
        );
        expect(sections.map((section) => section.file.slice(library.length + 1)).sort()).toEqual(Object.keys(MACROS).sort());

        let checked = 0;
        for (const section of sections) {
          const source = await readFile(section.file, 'utf8');
          const expected = lint(source);
          // The text is shown whole (inserted markers aside), and each finding is listed in order.
          expect(section.text.replace(/\+/g, '')).toBe(source.replace(/\+/g, ''));
          expect(section.findings.map((item) => item.rule)).toEqual(expected.map((finding) => finding.ruleId));
          expected.forEach((finding, index) => {
            const id = section.findings[index]!.id;
            const marks = section.marks.filter((mark) => mark.ids.includes(id));
            expect(marks.length).toBeGreaterThan(0);
            if (finding.insertAt === undefined) {
              expect(marks.every((mark) => mark.tag === 'mark')).toBe(true);
              expect(marks.map((mark) => mark.text).join('')).toBe(finding.actual);
              for (const rewrite of finding.expected) expect(marks[0]!.title).toContain(`→ ${rewrite}`);
            } else {
              expect(marks).toHaveLength(1);
              expect(marks[0]!.tag).toBe('ins');
              for (const rewrite of finding.expected) expect(marks[0]!.title).toContain(`add: ${rewrite}`);
            }
            expect(marks[0]!.title).toContain(`${finding.ruleId}: ${finding.reason}`);
            checked += 1;
          });
        }
        expect(checked).toBeGreaterThan(8);

        // Hovering shows the rewrite: the highlight carries it as its tooltip.
        const sorry = page.locator('section.reply[data-file$="refund.txt"] mark[data-rules~="bare-sorry"]');
        await sorry.hover();
        expect(await sorry.getAttribute('title')).toContain("→ I'm sorry for the delay");

        // Clicking a rule in the table shows only the replies it fired in.
        await page.click('tr[data-filter-rule="shouting"]');
        const visible = await page.$$eval('section.reply:not(.hidden)', (nodes) => nodes.map((node) => node.getAttribute('data-file')));
        expect(visible).toEqual([join(library, 'escaping.txt')]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('tactful report and disable comments', () => {
  const FILES = { 'directives.txt': DIRECTIVE_MACRO_TEXT, 'directives.md': DIRECTIVE_MACRO_MARKDOWN };
  let macros: string;
  // The rule ids `tactful --format json` keeps for each file, sorted.
  const linted = new Map<string, string[]>();

  beforeAll(async () => {
    macros = join(dir, 'with-directives');
    await mkdir(macros, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) {
      await writeFile(join(macros, name), text);
      const run = await tactful(['--format', 'json', join(macros, name)]);
      linted.set(join(macros, name), lintedFindings(run.stdout).map((finding) => finding.ruleId).sort());
    }
  });

  it('counts per rule the findings lint keeps', async () => {
    const run = await tactful(['report', macros]);
    expect(run.code).toBe(0);
    const all = [...linted.values()].flat();
    expect(all).not.toContain('asks-to-repeat');
    expect(run.stdout).toMatch(new RegExp(`^tactful report: 2 files, 2 replies linted, ${all.length} findings, average score 65\n`));
    const table = run.stdout.slice(run.stdout.indexOf('Findings per rule'), run.stdout.indexOf('lowest-scoring'));
    const rows = [...table.matchAll(/^ {2}([a-z-]+)\s+(\d+)\s+\d+$/gm)].map((row) => [row[1], Number(row[2])]);
    const expected = [...new Set(all)].map((ruleId) => [ruleId, all.filter((id) => id === ruleId).length]);
    expect(rows.sort()).toEqual(expected.sort());
    const lowest = run.stdout.slice(run.stdout.indexOf('lowest-scoring'));
    expect(lowest).not.toContain('asks-to-repeat');
    expect(lowest).not.toContain('tactful-disable');
  });

  it('lists and highlights on the --html page only the findings lint keeps', async () => {
    const out = join(dir, 'directives-report.html');
    expect((await tactful(['report', macros, '--html', out])).code).toBe(0);
    const html = await readFile(out, 'utf8');
    const sections = html.split('<section class="reply"').slice(1);
    expect(sections).toHaveLength(2);
    for (const section of sections) {
      const file = /data-file="([^"]*)"/.exec(section)![1]!;
      const listed = [...section.matchAll(/<li id="[^"]*" data-rule="([^"]*)"/g)].map((match) => match[1]!).sort();
      expect(listed).toEqual(linted.get(file));
      expect(/data-rules="([^"]*)"/.exec(section)![1]!.split(' ').sort()).toEqual([...new Set(linted.get(file))].sort());
      expect(section).toContain('data-score="65"');
    }
    expect(html).not.toContain('asks-to-repeat');
    expect(html).not.toContain('tactful-disable');
  });
});
