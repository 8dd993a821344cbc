// The real CLI, as a user runs it: `node bin/tactful.js` in a child process (it runs from dist/, so
// `npm run build` first). Files the tests create live in a fresh directory under os.tmpdir().
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTactful, type CliRun } from './run-cli.js';
import { rules } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = 'fixtures/inputs';

type Run = CliRun;

/** Runs the CLI with `args` in `cwd` (the repo root unless given), feeding `input` to standard input. */
function tactful(args: readonly string[], options: { cwd?: string; input?: string | Uint8Array; env?: Record<string, string> } = {}): Promise<Run> {
  return runTactful(args, options.cwd ?? ROOT, options.input ?? '', options.env);
}

/** One line of stderr, with its newline, and no stack trace. */
function expectOneLine(stderr: string, line: string | RegExp): void {
  expect(stderr.split('\n')).toHaveLength(2);
  expect(stderr.endsWith('\n')).toBe(true);
  if (typeof line === 'string') expect(stderr).toBe(`${line}\n`);
  else expect(stderr.trimEnd()).toMatch(line);
  expect(stderr).not.toMatch(/^\s+at /m);
}

interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  actual: string;
  suggestions: string[];
}

interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

const scratchDirs: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
});

/** A fresh temporary directory holding `files` (path → text or bytes). */
async function tempDir(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'tactful-cli-'));
  scratchDirs.push(scratch);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(scratch, path, '..'), { recursive: true });
    await writeFile(join(scratch, path), content);
  }
  return scratch;
}

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const CLEAN = "Hi Ana,\nI've booked the courier for Monday morning and refunded the delivery charge.\n";
const FLAGGED = 'Hi Ana,\nSorry for the wait.\n';

describe.concurrent('exit codes', () => {
  it('exits 0 with no output on a clean file', async () => {
    const dir = await tempDir({ 'clean.txt': CLEAN });
    const run = await tactful(['--no-color', 'clean.txt'], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 on a flagged file and names the file, the position, the rule and the rewrite', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const run = await tactful(['--no-color', 'flagged.txt'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('flagged.txt\n');
    expect(run.stdout).toMatch(/^ {2}2:1 +warning +.+ bare-sorry$/m);
    expect(run.stdout).toContain('“Sorry for the wait” → “I\'m sorry for the wait”');
    expect(run.stdout).toMatch(/✖ \d+ problems? \(0 errors, \d+ warnings?\)/);
  });

  it("exits 2 on a missing file with one line: tactful: cannot read 'x.txt': no such file", async () => {
    const dir = await tempDir();
    const run = await tactful(['x.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: cannot read 'x.txt': no such file");
  });

  it('still lints the other files when one is missing, and exits 2', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const run = await tactful(['--format', 'json', 'missing.txt', 'flagged.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: cannot read 'missing.txt': no such file");
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual(['flagged.txt']);
  });

  it('exits 1, not 0, when the reader closes stdout before the report ends (tactful … | head)', async () => {
    // A report of about a megabyte, longer than a pipe holds, so the CLI is still writing when the reader goes.
    const dir = await tempDir({ 'long.txt': 'Sorry for the wait.\n\n'.repeat(4000) });
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tactful.js'), '--no-color', 'long.txt'], { cwd: dir });
    let received = 0;
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    const [code] = (await once(child, 'close')) as [number | null];
    expect(received).toBeGreaterThan(0);
    expect(code).toBe(1);
  });

  it('exits 0 when every finding is a suggestion', async () => {
    const dir = await tempDir({ 'flagged.txt': 'Sorry.\n' });
    const run = await tactful(['--no-color', '--rule', 'bare-sorry=suggestion', 'flagged.txt'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('suggestion');
    expect(run.stdout).toContain('bare-sorry');
  });
});

describe.concurrent('inputs', () => {
  it('expands a directory to its .txt, .md, .html and .eml files, sorted, skipping node_modules and hidden folders', async () => {
    const dir = await tempDir({
      'replies/a.txt': FLAGGED,
      'replies/b.md': CLEAN,
      'replies/c.html': '<p>Sorry.</p>\n',
      'replies/d.eml': 'Subject: Re: order\n\nSorry for the wait.\n',
      'replies/notes.yml': 'text: Sorry.',
      'replies/screenshot.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      'replies/sub/e.txt': CLEAN,
      'replies/node_modules/pkg/readme.md': FLAGGED,
      'replies/.drafts/old.txt': FLAGGED,
    });
    const run = await tactful(['--format', 'json', 'replies'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual([
      join('replies', 'a.txt'),
      join('replies', 'b.md'),
      join('replies', 'c.html'),
      join('replies', 'd.eml'),
      join('replies', 'sub', 'e.txt'),
    ]);
    expect(run.code).toBe(1);
  });

  it('exits 2 with one line for a directory with nothing lintable', async () => {
    const dir = await tempDir({ 'exports/tickets.xml': '<tickets/>', 'exports/logo.png': new Uint8Array([0x89, 0x50]) });
    const run = await tactful(['exports'], { cwd: dir });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /^tactful: no lintable files in 'exports' \(looked for \.txt, .*\.md, .*\.html, .*\.eml, \.json, \.csv\)$/);
  });

  it('expands a glob', async () => {
    const dir = await tempDir({ 'drafts/one.md': FLAGGED, 'drafts/two.md': CLEAN, 'drafts/three.txt': FLAGGED, 'drafts/deep/four.md': CLEAN });
    const run = await tactful(['--format', 'json', 'drafts/**/*.md'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual(['drafts/deep/four.md', 'drafts/one.md', 'drafts/two.md']);
    expect(run.code).toBe(1);
  });

  it('exits 2 with one line for a glob that matches nothing', async () => {
    const dir = await tempDir();
    const run = await tactful(['drafts/*.md'], { cwd: dir });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: no files match 'drafts/*.md'");
  });

  it('lints a file named twice only once', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const run = await tactful(['--format', 'json', 'flagged.txt', 'flagged.txt'], { cwd: dir });
    expect(parseJson(run.stdout)).toHaveLength(1);
  });

  it('reads standard input when no file is given, as <stdin>', async () => {
    const run = await tactful(['--format', 'json'], { input: FLAGGED });
    expect(run.code).toBe(1);
    const [result] = parseJson(run.stdout);
    expect(result!.filePath).toBe('<stdin>');
    expect(result!.messages.map((message) => message.ruleId)).toContain('bare-sorry');
  });

  it('reads standard input for -, alongside files', async () => {
    const dir = await tempDir({ 'clean.txt': CLEAN });
    const run = await tactful(['--format', 'json', 'clean.txt', '-'], { cwd: dir, input: FLAGGED });
    expect(run.code).toBe(1);
    expect(parseJson(run.stdout).map((result) => [result.filePath, result.messages.length > 0])).toEqual([
      ['clean.txt', false],
      ['<stdin>', true],
    ]);
  });

  it('names <stdin> in the stylish output', async () => {
    const run = await tactful(['--no-color', '-'], { input: FLAGGED });
    expect(run.stdout.split('\n')[0]).toBe('<stdin>');
  });

  it('exits 0 with no output for empty standard input', async () => {
    expect(await tactful(['--no-color'], { input: '' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe.concurrent('encodings', () => {
  it('skips a binary file (NUL bytes) with a one-line notice and still lints the others', async () => {
    const run = await tactful(['--format', 'json', `${INPUTS}/export-with-nul-bytes.txt`, `${INPUTS}/utf8-bom.txt`]);
    expectOneLine(run.stderr, `tactful: skipped '${INPUTS}/export-with-nul-bytes.txt': binary file`);
    expect(parseJson(run.stdout).map((result) => result.filePath)).toEqual([`${INPUTS}/utf8-bom.txt`]);
    expect(run.code).toBe(1);
  });

  it('replaces invalid UTF-8, says so on one line, and still lints with the right columns', async () => {
    const run = await tactful(['--format', 'json', `${INPUTS}/latin1-invalid-utf8.txt`]);
    expectOneLine(run.stderr, `tactful: '${INPUTS}/latin1-invalid-utf8.txt' is not valid UTF-8; invalid bytes were replaced with U+FFFD`);
    expect(run.code).toBe(1);
    const [message] = parseJson(run.stdout)[0]!.messages.filter((m) => m.ruleId === 'bare-sorry');
    const decoded = 'Caf\uFFFD closed early. Sorry for the wait.';
    expect(message).toMatchObject({ line: 1, column: decoded.indexOf('Sorry') + 1, actual: 'Sorry for the wait' });
  });

  it('drops a UTF-8 byte-order mark so columns count from the first visible character', async () => {
    const run = await tactful(['--format', 'json', `${INPUTS}/utf8-bom.txt`]);
    expect(run.stderr).toBe('');
    const messages = parseJson(run.stdout)[0]!.messages;
    expect(messages.find((m) => m.ruleId === 'bare-sorry')).toMatchObject({ line: 1, column: 9, endLine: 1, endColumn: 27, actual: 'sorry for the wait' });
    expect(messages.find((m) => m.ruleId === 'dismissive-question')).toMatchObject({ line: 2, column: 1, actual: 'Did you turn the power on?' });
  });

  it('decodes UTF-16LE with a byte-order mark and lints it with the right columns', async () => {
    const run = await tactful(['--format', 'json', `${INPUTS}/utf16le-bom.txt`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const messages = parseJson(run.stdout)[0]!.messages;
    const column = 'Thanks for waiting. '.length + 1;
    expect(messages.find((m) => m.ruleId === 'bare-sorry')).toMatchObject({ line: 2, column, endColumn: column + 'Sorry for the delay'.length, actual: 'Sorry for the delay' });
  });

  it('treats an empty file as clean', async () => {
    expect(await tactful(['--no-color', `${INPUTS}/empty.txt`])).toEqual({ code: 0, stdout: '', stderr: '' });
    const run = await tactful(['--format', 'json', `${INPUTS}/empty.txt`]);
    expect(parseJson(run.stdout)).toEqual([
      expect.objectContaining({ filePath: `${INPUTS}/empty.txt`, messages: [], errorCount: 0, warningCount: 0 }),
    ]);
  });

  it('keeps the bundled inputs byte for byte (no line-ending or encoding conversion)', () => {
    const bytes = (name: string) => readFileSync(join(ROOT, INPUTS, name));
    expect([...bytes('utf8-bom.txt').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...bytes('utf16le-bom.txt').subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes('export-with-nul-bytes.txt').includes(0)).toBe(true);
    expect(bytes('latin1-invalid-utf8.txt').includes(0xe9)).toBe(true);
    expect(bytes('empty.txt')).toHaveLength(0);
  });
});

describe.concurrent('--format json', () => {
  it('prints valid JSON in ESLint shape', async () => {
    const dir = await tempDir({ 'draft.txt': "Sorry for the wait.\nYou're right, the tracking page is hopeless.\n" });
    const run = await tactful(['--format', 'json', '--rule', 'bare-sorry=error', 'draft.txt'], { cwd: dir });
    expect(run.code).toBe(1);
    const results = parseJson(run.stdout);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result!.filePath).toBe('draft.txt');
    const text = readFileSync(join(dir, 'draft.txt'), 'utf8');
    const lines = text.split('\n');
    for (const message of result!.messages) {
      expect(message).toEqual(
        expect.objectContaining({
          ruleId: expect.any(String),
          severity: expect.any(Number),
          message: expect.any(String),
          line: expect.any(Number),
          column: expect.any(Number),
          endLine: expect.any(Number),
          endColumn: expect.any(Number),
          actual: expect.any(String),
          suggestions: expect.any(Array),
        }),
      );
      expect([1, 2]).toContain(message.severity);
      expect(message.suggestions.length).toBeGreaterThanOrEqual(1);
      expect(message.suggestions.length).toBeLessThanOrEqual(3);
      if (message.line === message.endLine) {
        expect(lines[message.line - 1]!.slice(message.column - 1, message.endColumn - 1)).toBe(message.actual);
      }
    }
    const bare = result!.messages.find((m) => m.ruleId === 'bare-sorry')!;
    expect(bare).toMatchObject({ severity: 2, line: 1, column: 1, endLine: 1, endColumn: 19, actual: 'Sorry for the wait', suggestions: ["I'm sorry for the wait"] });
    expect(result!.messages.find((m) => m.ruleId === 'reinforcing-agreement')).toMatchObject({ severity: 1, line: 2, column: 1 });
    expect(result!.errorCount).toBe(result!.messages.filter((m) => m.severity === 2).length);
    expect(result!.errorCount).toBeGreaterThanOrEqual(1);
    expect(result!.warningCount).toBeGreaterThanOrEqual(1);
  });

  it('prints [] and valid JSON when nothing could be read', async () => {
    const dir = await tempDir();
    const run = await tactful(['--format', 'json', 'gone.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(parseJson(run.stdout)).toEqual([]);
  });
});

describe.concurrent('options', () => {
  it('--rules lists every rule with its severity and summary', async () => {
    const run = await tactful(['--no-color', '--rules']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(rules.length);
    for (const rule of rules) {
      const line = lines.find((candidate) => candidate.startsWith(`${rule.id} `))!;
      expect(line).toBeDefined();
      expect(line).toContain(rule.severity);
      expect(line).toContain(rule.summary);
    }
  });

  it('--why prints the rationale and the seed file name', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const run = await tactful(['--no-color', '--why', 'flagged.txt'], { cwd: dir });
    const rule = rules.find((candidate) => candidate.id === 'bare-sorry')!;
    expect(run.stdout).toContain(rule.rationale);
    expect(run.stdout).toContain(rule.source[0]);
    expect(run.stdout).toMatch(/why: .*\d{3}_[0-9a-f]{16}\.txt/);
  });

  it('--rule id=off turns a rule off', async () => {
    const dir = await tempDir({ 'flagged.txt': 'Sorry.\n' });
    const run = await tactful(['--format', 'json', '--rule', 'bare-sorry=off', 'flagged.txt'], { cwd: dir });
    expect(parseJson(run.stdout)[0]!.messages.filter((m) => m.ruleId === 'bare-sorry')).toEqual([]);
  });

  it('--rule with an unknown id says "did you mean" on one line and exits 2', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const run = await tactful(['--rule', 'bare-sory=off', 'flagged.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: unknown rule 'bare-sory' — did you mean 'bare-sorry'?");
    expect(run.stdout).toBe('');
  });

  it('--rule without a severity exits 2 with one line', async () => {
    const run = await tactful(['--rule', 'bare-sorry', 'x.txt']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: --rule expects id=off|suggestion|warning|error (got 'bare-sorry')");
  });

  it('an unknown option exits 2 with one line', async () => {
    const run = await tactful(['--frobnicate', 'x.txt']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, "tactful: unknown option '--frobnicate'");
  });

  it('an unknown format exits 2 with one line', async () => {
    const run = await tactful(['--format', 'xml', 'x.txt']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /^tactful: .*'xml'.*stylish, json/);
  });

  it("--version prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await tactful(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await tactful(['-v'])).stdout).toBe(`${version}\n`);
  });

  it('--help shows usage and examples and exits 0', async () => {
    const run = await tactful(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: tactful');
    expect(run.stdout).toContain('Examples');
    expect(run.stdout).toContain('--rule');
  });

  it('--no-color prints no escape codes even when colour is forced', async () => {
    const dir = await tempDir({ 'flagged.txt': FLAGGED });
    const coloured = await tactful(['flagged.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = await tactful(['--no-color', 'flagged.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(plain.stdout).toContain('bare-sorry');
  });
});
