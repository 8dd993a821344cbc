// `--fix`, `--fix-dry-run` and `--format diff` through the real CLI (spawned from dist/, so run
// `npm run build` first): files change in place atomically, keep their mode, encoding and line
// endings, a file edited meanwhile is left alone, a second run changes nothing, and a process killed
// mid-run leaves every file either as it was or fully fixed.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tactful.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` with no config file, feeding `input` to standard input. */
function tactful(args: readonly string[], cwd: string, options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--no-config', ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const DRAFT = 'Hi Ana,\n\nSorry for the wait!! Your refund is on its way.\nAs I said, the refund takes five working days.\nThanks, Jo\n';
const FIXED = "Hi Ana,\n\nI'm sorry for the wait! Your refund is on its way.\nThe refund takes five working days.\nThanks, Jo\n";

let dir: string;
let count = 0;

/** A fresh directory for one test, under the suite's temporary directory. */
async function freshDir(): Promise<string> {
  count += 1;
  const path = join(dir, `case-${count}`);
  await mkdir(path);
  return path;
}

async function tempFiles(path: string): Promise<string[]> {
  return (await readdir(path)).filter((name) => name.startsWith('.tactful-') && name.endsWith('.tmp'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tactful-fix-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--fix', () => {
  it('fixes the file in place, says what it fixed, reports what remains, and a second run changes nothing', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'reply.txt'), DRAFT);
    const first = await tactful(['--fix', '--format', 'json', 'reply.txt'], cwd);
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(FIXED);
    expect(first.stderr).toBe('tactful: fixed 3 problems in 1 file\n');
    const remaining = JSON.parse(first.stdout) as { messages: { ruleId: string; fix?: unknown }[] }[];
    expect(remaining[0]!.messages.every((message) => message.fix === undefined)).toBe(true);
    expect(first.code).toBe(0);

    const before = await stat(join(cwd, 'reply.txt'));
    const second = await tactful(['--fix', 'reply.txt'], cwd);
    expect(second.stderr).toBe('');
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(FIXED);
    expect((await stat(join(cwd, 'reply.txt'))).mtimeMs).toBe(before.mtimeMs);
    expect(await tempFiles(cwd)).toEqual([]);
  });

  it('keeps CRLF line endings, a UTF-8 byte-order mark and UTF-16', async () => {
    const cwd = await freshDir();
    const crlf = Buffer.from(DRAFT.replace(/\n/g, '\r\n'));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT.replace(/\n/g, '\r\n'), 'utf16le')]);
    await writeFile(join(cwd, 'crlf.txt'), crlf);
    await writeFile(join(cwd, 'bom.txt'), bom);
    await writeFile(join(cwd, 'utf16.txt'), utf16);
    const run = await tactful(['--fix', 'crlf.txt', 'bom.txt', 'utf16.txt'], cwd);
    expect(run.stderr).toBe('tactful: fixed 9 problems in 3 files\n');
    expect(await readFile(join(cwd, 'crlf.txt'))).toEqual(Buffer.from(FIXED.replace(/\n/g, '\r\n')));
    expect(await readFile(join(cwd, 'bom.txt'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FIXED)]));
    expect(await readFile(join(cwd, 'utf16.txt'))).toEqual(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXED.replace(/\n/g, '\r\n'), 'utf16le')]),
    );
  });

  it("keeps the file's mode, and writes through a symbolic link without replacing it", async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'private.txt'), DRAFT);
    await chmod(join(cwd, 'private.txt'), 0o640);
    await writeFile(join(cwd, 'target.txt'), DRAFT);
    await symlink('target.txt', join(cwd, 'link.txt'));
    await tactful(['--fix', 'private.txt', 'link.txt'], cwd);
    expect((await stat(join(cwd, 'private.txt'))).mode & 0o777).toBe(0o640);
    expect(await readFile(join(cwd, 'private.txt'), 'utf8')).toBe(FIXED);
    expect((await lstat(join(cwd, 'link.txt'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(cwd, 'link.txt'))).toBe('target.txt');
    expect(await readFile(join(cwd, 'target.txt'), 'utf8')).toBe(FIXED);
  });

  it('refuses to write a file that changed since it was read: one line, exit 2, the edit kept', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'a.txt'), DRAFT);
    const run = await tactful(['--fix', 'a.txt'], cwd, { env: { TACTFUL_TEST_MODIFY_BEFORE_RENAME: 'Edited meanwhile.\n' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tactful: cannot fix 'a.txt': changed since it was read; not written\n");
    expect(await readFile(join(cwd, 'a.txt'), 'utf8')).toBe(`${DRAFT}Edited meanwhile.\n`);
    expect(await tempFiles(cwd)).toEqual([]);
  });

  it('leaves a read-only file alone, saying so, and exits 2', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'locked.txt'), DRAFT);
    await chmod(join(cwd, 'locked.txt'), 0o444);
    const run = await tactful(['--fix', 'locked.txt'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tactful: cannot fix 'locked.txt': it is read-only\n");
    expect(await readFile(join(cwd, 'locked.txt'), 'utf8')).toBe(DRAFT);
  });

  it('leaves a file that is not valid UTF-8 alone, saying why, and exits 2', async () => {
    const cwd = await freshDir();
    const bytes = Buffer.concat([Buffer.from(DRAFT), Buffer.from([0xff, 0x0a])]);
    await writeFile(join(cwd, 'latin.txt'), bytes);
    const run = await tactful(['--fix', 'latin.txt'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tactful: cannot fix 'latin\.txt': it is not valid UTF-8, and writing it would replace the invalid bytes$/m);
    expect(await readFile(join(cwd, 'latin.txt'))).toEqual(bytes);
  });

  it("fixes the agent's part of an e-mail and never the quoted history", async () => {
    const cwd = await freshDir();
    const header = 'From: jo@example.com\r\nTo: ana@example.com\r\nSubject: Re: refund\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n';
    const quoted = 'On Mon, 3 Jun 2024, Ana <ana@example.com> wrote:\r\n> Sorry for the wait!! As I said, I WANT MY MONEY.\r\n';
    await writeFile(join(cwd, 'reply.eml'), `${header}Hi Ana,\r\n\r\nSorry for the wait!! As I said, the refund takes five days.\r\n\r\n${quoted}`);
    const run = await tactful(['--fix', 'reply.eml'], cwd);
    expect(run.stderr).toBe('tactful: fixed 3 problems in 1 file\n');
    expect(await readFile(join(cwd, 'reply.eml'), 'utf8')).toBe(
      `${header}Hi Ana,\r\n\r\nI'm sorry for the wait! The refund takes five days.\r\n\r\n${quoted}`,
    );
  });

  it('is refused for standard input, and cannot be combined with --fix-dry-run', async () => {
    const cwd = await freshDir();
    const stdin = await tactful(['--fix'], cwd, { input: DRAFT });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe('tactful: --fix writes files in place and cannot write standard input; use --fix-dry-run\n');
    const both = await tactful(['--fix', '--fix-dry-run', '-'], cwd, { input: DRAFT });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('tactful: --fix and --fix-dry-run cannot be combined\n');
  });
});

describe('--fix-dry-run', () => {
  it('prints the fixed text of one file and changes nothing', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'reply.txt'), DRAFT);
    const run = await tactful(['--fix-dry-run', 'reply.txt'], cwd);
    expect(run.stdout).toBe(FIXED);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(DRAFT);
  });

  it('reads standard input, and prints a text with nothing to fix unchanged', async () => {
    const cwd = await freshDir();
    expect((await tactful(['--fix-dry-run'], cwd, { input: DRAFT })).stdout).toBe(FIXED);
    expect((await tactful(['--fix-dry-run', '-'], cwd, { input: FIXED })).stdout).toBe(FIXED);
  });

  it('needs --format diff for several inputs', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'a.txt'), DRAFT);
    await writeFile(join(cwd, 'b.txt'), DRAFT);
    const run = await tactful(['--fix-dry-run', 'a.txt', 'b.txt'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tactful: --fix-dry-run prints the fixed text of one input; add --format diff for several\n');
  });
});

describe('--format diff', () => {
  const EXPECTED_DIFF = [
    '--- a/reply.txt',
    '+++ b/reply.txt',
    '@@ -1,5 +1,5 @@',
    ' Hi Ana,',
    ' ',
    '-Sorry for the wait!! Your refund is on its way.',
    "+I'm sorry for the wait! Your refund is on its way.",
    '-As I said, the refund takes five working days.',
    '+The refund takes five working days.',
    ' Thanks, Jo',
    '',
  ].join('\n');

  it('shows a unified diff with --fix-dry-run and changes nothing; patch applies it', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'reply.txt'), DRAFT);
    const run = await tactful(['--fix-dry-run', '--format', 'diff', 'reply.txt'], cwd);
    expect(run.stdout).toBe(EXPECTED_DIFF);
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(DRAFT);
    const patched = spawnSync('patch', ['-p1', '--quiet'], { cwd, input: run.stdout });
    expect(patched.status).toBe(0);
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(FIXED);
  });

  it('shows what --fix changed, and nothing for a file with nothing to fix', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'reply.txt'), DRAFT);
    await writeFile(join(cwd, 'clean.txt'), FIXED);
    const run = await tactful(['--fix', '--format', 'diff', 'clean.txt', 'reply.txt'], cwd);
    expect(run.stdout).toBe(EXPECTED_DIFF);
    expect(await readFile(join(cwd, 'reply.txt'), 'utf8')).toBe(FIXED);
  });

  it('keeps CRLF in the diff lines and marks a last line without a newline', async () => {
    const cwd = await freshDir();
    await writeFile(join(cwd, 'crlf.txt'), 'Hello,\r\nSorry for the wait!!');
    const run = await tactful(['--fix-dry-run', '--format', 'diff', 'crlf.txt'], cwd);
    expect(run.stdout).toBe(
      "--- a/crlf.txt\n+++ b/crlf.txt\n@@ -1,2 +1,2 @@\n Hello,\r\n-Sorry for the wait!!\n\\ No newline at end of file\n+I'm sorry for the wait!\n\\ No newline at end of file\n",
    );
  });

  it('needs --fix or --fix-dry-run', async () => {
    const cwd = await freshDir();
    const run = await tactful(['--format', 'diff', '-'], cwd, { input: DRAFT });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tactful: --format diff shows what fixing changes; add --fix or --fix-dry-run\n');
  });
});

describe('a crash mid-run', () => {
  const FILES = 30;
  const draftNumber = (index: number) => DRAFT.replace('Ana', `Ana ${index}`);
  const fixedNumber = (index: number) => FIXED.replace('Ana', `Ana ${index}`);
  const name = (index: number) => `reply-${String(index).padStart(2, '0')}.txt`;

  async function library(): Promise<string> {
    const cwd = await freshDir();
    for (let index = 0; index < FILES; index += 1) await writeFile(join(cwd, name(index)), draftNumber(index));
    return cwd;
  }

  /** Each file as it was or as fully fixed, never anything else; returns how many were fixed. */
  async function fixedCount(cwd: string): Promise<number> {
    let fixed = 0;
    for (let index = 0; index < FILES; index += 1) {
      const text = await readFile(join(cwd, name(index)), 'utf8');
      expect([draftNumber(index), fixedNumber(index)]).toContain(text);
      if (text === fixedNumber(index)) fixed += 1;
    }
    return fixed;
  }

  it('killed right after a rename: every file is old or new, none partial, no temporary file left', async () => {
    const cwd = await library();
    const run = await tactful(['--fix', '.'], cwd, { env: { TACTFUL_TEST_CRASH_AFTER_WRITES: '7' } });
    expect(run.signal).toBe('SIGKILL');
    expect(await fixedCount(cwd)).toBe(7);
    expect(await tempFiles(cwd)).toEqual([]);
  });

  it('killed between writing a temporary file and renaming it: the file is old, and the next run cleans up', async () => {
    const cwd = await library();
    const run = await tactful(['--fix', '.'], cwd, { env: { TACTFUL_TEST_CRASH_BEFORE_RENAME: '12' } });
    expect(run.signal).toBe('SIGKILL');
    expect(await fixedCount(cwd)).toBe(11);
    const left = await tempFiles(cwd);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.tactful-reply-11\.txt\.\d+\.[0-9a-f]+\.tmp$/);
    expect(await readFile(join(cwd, left[0]!), 'utf8')).toBe(fixedNumber(11));

    const again = await tactful(['--fix', '.'], cwd);
    expect(again.code).toBe(0);
    expect(await fixedCount(cwd)).toBe(FILES);
    expect(await tempFiles(cwd)).toEqual([]);
  });
});
