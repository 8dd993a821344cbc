// Hostile inputs through the real CLI (spawned from dist/: `npm run build` first), each in a fresh
// temp directory beside a good file, to show that one bad input costs one line on stderr, a known
// exit code, and nothing else: the good file is still linted. What each case gave is written to
// bench/results/hostile.json for docs/reliability.md.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTactful } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tactful.js');
const GOOD = 'good.txt';
const GOOD_TEXT = 'Hi Ana,\n\nSorry.\n';
const NOBODY = 65534;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const record: Array<{ input: string; exitCode: number | null; stderr: string; ms: number }> = [];

function run(args: readonly string[], cwd: string, options: { env?: NodeJS.ProcessEnv; uid?: number } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
    const child = spawn(process.execPath, [BIN, '--no-config', '--format', 'json', ...args], { cwd, env, ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // A run that hangs is a failure, not a stuck test suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

const workspaces: string[] = [];

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tactful-hostile-'));
  workspaces.push(dir);
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, GOOD), GOOD_TEXT);
  return dir;
}

type Messages = Array<{ ruleId: string; line: number; column: number }>;

function messagesOf(stdout: string, file: string): Messages | undefined {
  const report = JSON.parse(stdout) as Array<{ filePath: string; messages: Messages }>;
  return report.find(({ filePath }) => filePath === file || filePath.endsWith(`/${file}`))?.messages;
}

/** The run said one thing on one line, without a stack trace, and still linted the good file. */
function expectOneLine(result: Run, pattern: RegExp, input: string): void {
  record.push({ input, exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(messagesOf(result.stdout, GOOD)?.map((m) => m.ruleId)).toContain('bare-sorry');
}

// The good file has a warning, so a run that only skipped something exits 1; an input error exits 2.
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

describe('hostile inputs through the CLI', () => {
  afterAll(() => {
    for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'hostile.json'), `${JSON.stringify(record, null, 1)}\n`);
  });

  it('a binary file (NUL bytes) is skipped with a notice', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'logo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    const result = await run(['logo.txt', GOOD], dir);
    expectOneLine(result, /^tactful: skipped 'logo\.txt': binary file$/m, 'binary file (NUL bytes)');
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it('invalid UTF-8 is replaced with U+FFFD and positions still point at the right place', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('Hi Jos'), Buffer.from([0xe9]), Buffer.from(',\n\n\xff\xfe Sorry.\n', 'latin1')]));
    const result = await run(['latin1.txt', GOOD], dir);
    expectOneLine(result, /^tactful: 'latin1\.txt' is not valid UTF-8; invalid bytes were replaced with U\+FFFD$/m, 'invalid UTF-8');
    // "\xff\xfe Sorry." decodes to "\uFFFD\uFFFD Sorry.": the apology starts at column 4 of line 3.
    expect(messagesOf(result.stdout, 'latin1.txt')).toContainEqual(expect.objectContaining({ ruleId: 'bare-sorry', line: 3, column: 4 }));
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Hi Ana,\n\nSorry.\n')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hi Ana,\n\nSorry.\n', 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Hi Ana,\n\nSorry.\n', 'utf16le').swap16()])],
  ])('%s is decoded, positions as in the text', async (input, bytes) => {
    const dir = workspace();
    writeFileSync(join(dir, 'bom.txt'), bytes);
    const result = await run(['bom.txt', GOOD], dir);
    record.push({ input, exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
    expect(result.stderr).toBe('');
    expect(messagesOf(result.stdout, 'bom.txt')).toEqual(messagesOf(result.stdout, GOOD));
    expect(messagesOf(result.stdout, 'bom.txt')).toContainEqual(expect.objectContaining({ ruleId: 'bare-sorry', line: 3, column: 1 }));
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it('an empty file has no findings and no notice', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'empty.txt'), '');
    const result = await run(['empty.txt', GOOD], dir);
    record.push({ input: 'empty file', exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
    expect(result.stderr).toBe('');
    expect(messagesOf(result.stdout, 'empty.txt')).toEqual([]);
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it('a 50 MB file is refused before it is read; --max-file-size moves the limit', async () => {
    const dir = workspace();
    const line = 'Thanks for waiting, your parcel is on its way and should arrive on Friday.\n';
    writeFileSync(join(dir, 'huge.txt'), line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const result = await run(['huge.txt', GOOD], dir);
    expectOneLine(result, /^tactful: cannot lint 'huge\.txt': it is over 10 MB \(50 MB\); raise the limit with --max-file-size$/m, '50 MB file (default limit 10 MB)');
    expect(result.code).toBe(EXIT_ERROR);

    writeFileSync(join(dir, 'two-kb.txt'), `Sorry.\n${'x'.repeat(2048)}\n`);
    const refused = await run(['--max-file-size', '1KB', 'two-kb.txt', GOOD], dir);
    expectOneLine(refused, /^tactful: cannot lint 'two-kb\.txt': it is over 1 KB \(2 KB\)/m, '2 KB file with --max-file-size 1KB');
    expect(refused.code).toBe(EXIT_ERROR);
    const linted = await run(['--max-file-size', '4KB', 'two-kb.txt', GOOD], dir);
    expect(linted.stderr).toBe('');
    expect(messagesOf(linted.stdout, 'two-kb.txt')?.map((m) => m.ruleId)).toContain('bare-sorry');

    const bad = await run(['--max-file-size', 'lots', GOOD], dir);
    expect(bad.stderr).toBe("tactful: --max-file-size expects a size such as 10MB, 500KB or 1048576 (got 'lots')\n");
    expect(bad.code).toBe(EXIT_ERROR);
  }, 120_000);

  it('standard input over --max-file-size is refused in one line, and read no further than the limit', async () => {
    const dir = workspace();
    const input = 'Sorry for the wait. '.repeat(Math.ceil((3 * 1024 * 1024) / 20));
    const result = await runTactful(['--max-file-size', '1MB'], dir, input);
    expect(result.stderr).toBe("tactful: cannot lint '<stdin>': it is over 1 MB; raise the limit with --max-file-size\n");
    expect(result.stdout).toBe('');
    expect(result.code).toBe(EXIT_ERROR);
  }, 120_000);

  it('a FIFO with no writer is skipped, not waited on', async () => {
    const dir = workspace();
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const result = await run(['pipe.txt', GOOD], dir);
    expectOneLine(result, /^tactful: skipped 'pipe\.txt': not a regular file \(a named pipe; pipe it to standard input instead\)$/m, 'FIFO (mkfifo, no writer)');
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it('a device (/dev/zero) is skipped, not read forever', async () => {
    const dir = workspace();
    const result = await run(['/dev/zero', GOOD], dir);
    expectOneLine(result, /^tactful: skipped '\/dev\/zero': not a regular file \(a device\)$/m, 'device (/dev/zero)');
    expect(result.code).toBe(EXIT_FINDINGS);
  });

  it('a symbolic link loop is one error, named', async () => {
    const dir = workspace();
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    const result = await run(['loop.txt', GOOD], dir);
    expectOneLine(result, /^tactful: cannot read 'loop\.txt': too many levels of symbolic links$/m, 'symbolic link loop (named)');
    expect(result.code).toBe(EXIT_ERROR);

    mkdirSync(join(dir, 'replies'));
    writeFileSync(join(dir, 'replies', GOOD), GOOD_TEXT);
    symlinkSync('.', join(dir, 'replies', 'again'));
    const walked = await run(['replies'], dir);
    record.push({ input: 'symbolic link loop (inside a directory)', exitCode: walked.code, stderr: walked.stderr.trim(), ms: walked.ms });
    expect(walked.stderr).toBe("tactful: skipped 'replies/again': symbolic link loop\n");
    expect(messagesOf(walked.stdout, GOOD)?.map((m) => m.ruleId)).toContain('bare-sorry');
    expect(walked.code).toBe(EXIT_ERROR);
  });

  it('a file deleted between expansion and reading is one error', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'first.txt'), 'Thanks for your patience.\n');
    writeFileSync(join(dir, 'gone.txt'), 'Sorry.\n');
    // Preloaded into the CLI: opening first.txt deletes gone.txt, after both were found.
    const hook = join(dir, 'vanish.mjs');
    writeFileSync(
      hook,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const openSync = fs.openSync;
fs.openSync = function (path, ...rest) {
  if (String(path).endsWith('first.txt')) fs.rmSync(${JSON.stringify(join(dir, 'gone.txt'))}, { force: true });
  return openSync.call(this, path, ...rest);
};
syncBuiltinESMExports();
`,
    );
    const result = await run(['first.txt', 'gone.txt', GOOD], dir, { env: { NODE_OPTIONS: `--import=${hook}` } });
    expectOneLine(result, /^tactful: cannot read 'gone\.txt': no such file$/m, 'file deleted mid-run');
    expect(result.code).toBe(EXIT_ERROR);
  });

  it('an unreadable file (permission denied) is one error', async (context) => {
    const dir = workspace();
    writeFileSync(join(dir, 'secret.txt'), 'Sorry.\n');
    chmodSync(join(dir, 'secret.txt'), 0o000);
    // root reads a mode-000 file anyway, so as root the CLI runs as nobody, for whom it is denied.
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !canRunAsNobody()) return context.skip();
    const result = await run(['secret.txt', GOOD], dir, asRoot ? { uid: NOBODY } : {});
    expectOneLine(result, /^tactful: cannot read 'secret\.txt': permission denied$/m, `permission denied (chmod 000${asRoot ? ', run as nobody' : ''})`);
    expect(result.code).toBe(EXIT_ERROR);
  });

  it('a malformed config names its file, line and column', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), '{\n  "rules": {\n    "bare-sorry": "off",\n  }\n');
    const result = await run(['--config', 'broken.json', GOOD], dir);
    record.push({ input: 'malformed config (JSON)', exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
    expect(result.stderr).toMatch(/^tactful: broken\.json:\d+:\d+: /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(EXIT_ERROR);
  });

  it('an unknown rule is one line, with a suggestion when one is close', async () => {
    const dir = workspace();
    const result = await run(['--rule', 'nope=off', GOOD], dir);
    record.push({ input: 'unknown rule (--rule nope=off)', exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
    expect(result.stderr).toBe("tactful: unknown rule 'nope'\n");
    expect(result.code).toBe(EXIT_ERROR);
    const typo = await run(['--rule', 'bare-sory=off', GOOD], dir);
    expect(typo.stderr).toMatch(/^tactful: unknown rule 'bare-sory' — did you mean 'bare-sorry'\?\n$/);
  });

  it.each([
    ['an invalid pattern', '(?<unclosed', /patterns\[0\]\.regex is not a valid regular expression/],
    ['a catastrophic pattern', '(?:\\w+\\s?)+$', /patterns\[0\]\.regex can backtrack catastrophically/],
  ])('a custom rule with %s is refused, naming file and field', async (label, regex, problem) => {
    const dir = workspace();
    const rule = {
      id: 'team-very', severity: 'warning', summary: 'Too many verys.', rationale: 'House style.', source: 'team', message: 'Say it once.',
      trigger: 'very', patterns: [{ regex }], rewrites: ['very'],
      examples: { flagged: [{ text: '[very very]', rewrites: ['very'] }], clean: ['Fine.'] },
    };
    writeFileSync(join(dir, 'team-very.json'), JSON.stringify(rule));
    writeFileSync(join(dir, '.tactfulrc.json'), JSON.stringify({ customRules: ['team-very.json'] }));
    const env = { NO_COLOR: '1' };
    const result = await new Promise<Run>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, '--format', 'json', GOOD], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) }));
    });
    record.push({ input: `custom rule with ${label}`, exitCode: result.code, stderr: result.stderr.trim(), ms: result.ms });
    expect(result.stderr).toMatch(/^tactful: team-very\.json: /);
    expect(result.stderr).toMatch(problem);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.code).toBe(EXIT_ERROR);
  });
});

/** Whether this process may start one as the `nobody` user who can still run the CLI. */
function canRunAsNobody(): boolean {
  try {
    execFileSync(process.execPath, [BIN, '--version'], { uid: NOBODY, gid: NOBODY, stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}
