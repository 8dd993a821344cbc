// `tactful --jsonl`, through the real CLI (`node bin/tactful.js`, which runs dist/: `npm run build`
// first): JSON lines in on standard input, one result line out per input line, in order, streamed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTactful } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tactful.js');

const FLAGGED = 'Hi Ana,\nSorry for the wait.\n';
const CLEAN = "Hi Ana,\nI've booked the courier for Monday morning and refunded the delivery charge.\n";

interface ResultLine {
  id: unknown;
  findings?: Array<{ ruleId: string; severity: number; level: string; line: number; column: number }>;
  error?: string;
}

const scratchDirs: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
});

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tactful-jsonl-'));
  scratchDirs.push(dir);
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  return dir;
}

/** The input lines for `requests`, one JSON object each. */
function jsonl(...requests: object[]): string {
  return requests.map((request) => `${JSON.stringify(request)}\n`).join('');
}

function parseLines(stdout: string): ResultLine[] {
  expect(stdout === '' || stdout.endsWith('\n')).toBe(true);
  return stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as ResultLine);
}

function ruleIds(result: ResultLine | undefined): string[] {
  return (result?.findings ?? []).map((finding) => finding.ruleId);
}

describe.concurrent('--jsonl', () => {
  it('writes one line per input line, in order, with the json formatter’s messages', async () => {
    const dir = await tempDir();
    const run = await runTactful(['--jsonl'], dir, jsonl({ id: 'a', text: FLAGGED }, { id: 2, text: CLEAN }, { id: null, text: FLAGGED }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const lines = parseLines(run.stdout);
    expect(lines.map((line) => line.id)).toEqual(['a', 2, null]);
    expect(ruleIds(lines[0])).toContain('bare-sorry');
    expect(lines[1]).toEqual({ id: 2, findings: [] });
    // The same messages, field for field, as `--format json` gives for the same text.
    const json = await runTactful(['--format', 'json'], dir, FLAGGED);
    const [file] = JSON.parse(json.stdout) as Array<{ messages: unknown[] }>;
    expect(lines[0]!.findings).toEqual(file!.messages);
    expect(lines[2]!.findings).toEqual(file!.messages);
  });

  it('fills rewrites from each line’s "context", the customer’s message', async () => {
    const dir = await tempDir();
    const request = { id: 7, text: 'Sorry. Can you explain the problem again?', context: 'Hi, my modem has been dead since Tuesday!! I work from home.' };
    const [line] = parseLines((await runTactful(['--jsonl'], dir, jsonl(request))).stdout);
    const suggestions = (line!.findings as unknown as Array<{ suggestions: string[] }>).flatMap((finding) => finding.suggestions);
    expect(suggestions.join('\n')).toContain('your modem has been dead since Tuesday');
  });

  it('reports a bad line as {"id", "error"} with its line number, goes on, and exits 2 with one line on stderr', async () => {
    const dir = await tempDir();
    const input = [
      JSON.stringify({ id: 1, text: CLEAN }),
      '{"id": 2, "text": ',
      JSON.stringify({ id: 3 }),
      JSON.stringify({ id: 4, text: 42 }),
      '[1, 2]',
      JSON.stringify({ id: 6, text: CLEAN, context: 5 }),
      JSON.stringify({ id: 7, text: CLEAN }),
    ].join('\n');
    const run = await runTactful(['--jsonl'], dir, `${input}\n`);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tactful: 5 lines (the first: line 2) could not be linted; see the "error" field of their result\n');
    const lines = parseLines(run.stdout);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({ id: 1, findings: [] });
    expect(lines[1]!.id).toBeNull();
    expect(lines[1]!.error).toMatch(/^line 2: not valid JSON \(.+\)$/);
    expect(lines[2]).toEqual({ id: 3, error: 'line 3: no "text"' });
    expect(lines[3]).toEqual({ id: 4, error: 'line 4: "text" must be a string' });
    expect(lines[4]).toEqual({ id: null, error: 'line 5: expected an object with a string "text"' });
    expect(lines[5]).toEqual({ id: 6, error: 'line 6: "context" must be a string' });
    expect(lines[6]).toEqual({ id: 7, findings: [] });
  });

  it('skips blank lines, reads CRLF line ends and a last line without one, and counts lines as they stand', async () => {
    const dir = await tempDir();
    const input = `\n${JSON.stringify({ id: 1, text: CLEAN })}\r\n   \r\nnot json\r\n${JSON.stringify({ id: 5, text: FLAGGED })}`;
    const run = await runTactful(['--jsonl'], dir, input);
    const lines = parseLines(run.stdout);
    expect(lines.map((line) => line.id)).toEqual([1, null, 5]);
    expect(lines[1]!.error).toMatch(/^line 4: not valid JSON/);
    expect(ruleIds(lines[2])).toContain('bare-sorry');
  });

  it('refuses a line longer than --max-file-size without holding it, and lints the rest', async () => {
    const dir = await tempDir();
    const long = JSON.stringify({ id: 2, text: `${'All good here. '.repeat(200)}` });
    const run = await runTactful(['--jsonl', '--max-file-size', '1KB'], dir, jsonl({ id: 1, text: FLAGGED }) + `${long}\n` + jsonl({ id: 3, text: CLEAN }));
    expect(run.code).toBe(2);
    const lines = parseLines(run.stdout);
    expect(lines.map((line) => line.id)).toEqual([1, null, 3]);
    expect(lines[1]!.error).toMatch(/^line 2: longer than 1 KB \(\d+(\.\d)? KB\); raise the limit with --max-file-size$/);
  });

  it('exits 0 on no input and on clean replies', async () => {
    const dir = await tempDir();
    expect(await runTactful(['--jsonl'], dir, '')).toEqual({ code: 0, stdout: '', stderr: '' });
    const run = await runTactful(['--jsonl'], dir, jsonl({ id: 1, text: CLEAN }));
    expect(run).toEqual({ code: 0, stdout: '{"id":1,"findings":[]}\n', stderr: '' });
  });

  it('applies --quiet and --max-warnings as a file run does', async () => {
    const dir = await tempDir();
    const input = jsonl({ id: 1, text: FLAGGED }, { id: 2, text: FLAGGED });
    const quiet = await runTactful(['--jsonl', '--quiet'], dir, input);
    expect(quiet.code).toBe(0);
    expect(parseLines(quiet.stdout).map((line) => line.findings)).toEqual([[], []]);
    const budget = await runTactful(['--jsonl', '--max-warnings', '0'], dir, input);
    expect(budget.code).toBe(1);
    expect(budget.stderr).toMatch(/^tactful: too many warnings \(\d+, maximum: 0\)\n$/);
    expect(await runTactful(['--jsonl', '--max-warnings', '100'], dir, input)).toMatchObject({ code: 0, stderr: '' });
  });

  it('applies the working directory’s config, --config, --no-config and --rule', async () => {
    const dir = await tempDir({ '.tactfulrc.json': JSON.stringify({ rules: { 'bare-sorry': 'off' } }), 'strict.json': JSON.stringify({ rules: { 'bare-sorry': 'error' } }) });
    const input = jsonl({ id: 1, text: FLAGGED });
    expect(ruleIds(parseLines((await runTactful(['--jsonl'], dir, input)).stdout)[0])).not.toContain('bare-sorry');
    expect(ruleIds(parseLines((await runTactful(['--jsonl', '--no-config'], dir, input)).stdout)[0])).toContain('bare-sorry');
    const strict = await runTactful(['--jsonl', '--config', 'strict.json'], dir, input);
    expect(parseLines(strict.stdout)[0]!.findings).toContainEqual(expect.objectContaining({ ruleId: 'bare-sorry', severity: 2, level: 'error' }));
    const ruled = await runTactful(['--jsonl', '--rule', 'bare-sorry=error'], dir, input);
    expect(ruled.code).toBe(1);
    expect(parseLines(ruled.stdout)[0]!.findings).toContainEqual(expect.objectContaining({ ruleId: 'bare-sorry', level: 'error' }));
  });

  it('exits 2 with one line for a bad config or rule, printing nothing', async () => {
    const dir = await tempDir({ '.tactfulrc.json': JSON.stringify({ rules: { 'bare-sory': 'off' } }) });
    const run = await runTactful(['--jsonl'], dir, jsonl({ id: 1, text: FLAGGED }));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tactful: unknown rule 'bare-sory' in \.tactfulrc\.json.*\n$/);
  });

  it.each([
    [['draft.txt'], "tactful: --jsonl reads replies as JSON lines from standard input and takes no files (got 'draft.txt')"],
    [['--fix'], 'tactful: --jsonl cannot be combined with --fix or --fix-dry-run: there are no files to fix'],
    [['--format', 'json'], 'tactful: --jsonl prints JSON lines and cannot be combined with --format'],
    [['-o', 'out.jsonl'], 'tactful: --jsonl writes to standard output; redirect it instead of using --output-file'],
    [['--context', '-'], "tactful: --context - reads the customer's message from standard input, so give the reply as a file"],
  ])('exits 2 with one line for --jsonl %j', async (args, message) => {
    const dir = await tempDir({ 'draft.txt': FLAGGED });
    const run = await runTactful(['--jsonl', ...args], dir, jsonl({ id: 1, text: FLAGGED }));
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('answers each line before the input ends (it streams)', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, [BIN, '--jsonl'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    child.stdin.write(jsonl({ id: 'first', text: FLAGGED }));
    // Stdin is still open: the first result can only come from a CLI that does not wait for the end.
    const first = await lines.next();
    expect((JSON.parse(first.value as string) as ResultLine).id).toBe('first');
    child.stdin.end(jsonl({ id: 'second', text: CLEAN }));
    const second = await lines.next();
    expect(JSON.parse(second.value as string)).toEqual({ id: 'second', findings: [] });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
  });
});

describe('--jsonl over a ticket history', () => {
  it('streams 20,000 lines through, one result each, in input order', { timeout: 300_000 }, async () => {
    const count = 20_000;
    const replies = [FLAGGED, CLEAN, 'Calm down, the parcel will arrive.', 'Thanks for waiting! I have refunded the £12 delivery fee today.'];
    const child = spawn(process.execPath, [BIN, '--jsonl'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    // Written with backpressure, so neither side holds the whole input.
    const writing = (async () => {
      for (let index = 0; index < count; index += 1) {
        const line = jsonl({ id: index, text: `${replies[index % replies.length]} (#${index})` });
        if (!child.stdin.write(line)) await new Promise((resolve) => child.stdin.once('drain', resolve));
      }
      child.stdin.end();
    })();
    let seen = 0;
    let flagged = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const result = JSON.parse(line) as ResultLine;
      expect(result.id).toBe(seen);
      expect(result.error).toBeUndefined();
      if (result.findings!.length > 0) flagged += 1;
      seen += 1;
    }
    await writing;
    const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));
    expect(seen).toBe(count);
    expect(flagged).toBeGreaterThanOrEqual(count / 2);
    expect(code).toBe(1);
  });
});
