// Where the report goes and what decides the exit code: --output-file, --quiet, --max-warnings,
// colour (--no-color, FORCE_COLOR, NO_COLOR) and the progress line. The real CLI runs in a child
// process (from dist/: `npm run build` first); terminal behaviour runs it under a pseudo-terminal
// with util-linux `script`. The pieces are also tested directly, with a fake stream and clock.
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { FileResult } from '../src/cli/formatters/types.js';
import { runTactfulWithColorEnv, type CliRun } from './run-cli.js';
import { drainingWrite, type CliIo } from '../src/cli/io.js';
import { batches, colorLevel, emitReport, findingsExitCode, parseMaxWarnings, reportedResults, WRITE_SIZE } from '../src/cli/output.js';
import { PROGRESS_MIN_FILES, PROGRESS_REDRAW_MS, progressLine, startProgress } from '../src/cli/progress.js';
import { FORMATS, lint } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tactful.js');
const ESCAPE = /\u001b\[/;
const ERASE = '\r\u001b[K';

/** Runs the CLI in `cwd` with pipes for stdin, stdout and stderr (so nothing is a terminal), colours as `env` says. */
function tactful(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return runTactfulWithColorEnv(args, cwd, '', env);
}

/** Whether util-linux `script` can give the CLI a pseudo-terminal here. */
const HAS_SCRIPT = spawnSync('script', ['-qefc', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;

/**
 * Runs the CLI under a pseudo-terminal (stdout and stderr both on it, as in an interactive shell)
 * and returns what the terminal received, with the terminal's CRLF line ends turned back into LF.
 */
function onTerminal(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', COLUMNS: '100', ...env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI']) if (!(name in env)) delete childEnv[name];
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: screen.replace(/\r\n/g, '\n') }));
  });
}

const scratchDirs: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
});

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory holding `files` (path → text). */
async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tactful-output-'));
  scratchDirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** Two warnings (bare-sorry, dismissive-question) and nothing else. */
const TWO_WARNINGS = 'Sorry for the wait, Ana. Did you turn the power on?\n';
/** An error (shouting) beside a warning (bare-sorry). */
const ERROR_AND_WARNING = 'Sorry for the wait. We fixed it!!\n';
const CLEAN = "Hi Ana,\nI've booked the courier for Monday morning and refunded the delivery charge.\n";

/** `count` flagged files, enough for a progress line. */
function manyFiles(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`macros/reply-${String(index).padStart(2, '0')}.txt`, 'Hi Ana,\nSorry for the wait.\n']));
}

describe('the fixtures these tests rely on', () => {
  it('have the findings their names say', () => {
    expect(lint(TWO_WARNINGS).map((finding) => finding.severity)).toEqual(['warning', 'warning']);
    expect(lint(ERROR_AND_WARNING).map((finding) => finding.severity).sort()).toEqual(['error', 'warning']);
    expect(lint(CLEAN)).toEqual([]);
  });
});

describe.concurrent('--output-file', () => {
  it('writes the report to the file, prints nothing on stdout, and keeps the exit code', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const [printed, written] = await Promise.all([
      tactful(['--format', 'json', 'draft.txt'], dir),
      tactful(['--format', 'json', '--output-file', 'report.json', 'draft.txt'], dir),
    ]);
    expect(written).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe(printed.stdout);
  });

  it('creates missing directories, replaces an existing file keeping its mode, and leaves no temporary file', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS, 'reports/old.sarif': 'stale' });
    await chmod(join(dir, 'reports', 'old.sarif'), 0o600);
    const runs = await Promise.all([
      tactful(['-f', 'sarif', '-o', 'reports/old.sarif', 'draft.txt'], dir),
      tactful(['-f', 'compact', '-o', 'deep/er/report.txt', 'draft.txt'], dir),
    ]);
    expect(runs.map((run) => run.code)).toEqual([1, 1]);
    expect(JSON.parse(await readFile(join(dir, 'reports', 'old.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect((await stat(join(dir, 'reports', 'old.sarif'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'deep', 'er', 'report.txt'), 'utf8')).toMatch(/^draft\.txt:1:1: warning .+ \[bare-sorry\]\n/);
    expect((await readdir(join(dir, 'reports'))).sort()).toEqual(['old.sarif']);
    expect(await readdir(join(dir, 'deep', 'er'))).toEqual(['report.txt']);
  });

  it('writes a report for a clean run too (an empty one for compact), exit 0', async () => {
    const dir = await tempDir({ 'clean.txt': CLEAN });
    expect(await tactful(['-f', 'compact', '-o', 'out.txt', 'clean.txt'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('');
  });

  it('fails with one line and exit 2 when the file cannot be written', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS, 'taken/x': '' });
    const run = await tactful(['-o', 'taken', 'draft.txt'], dir);
    expect(run).toEqual({ code: 2, stdout: '', stderr: "tactful: cannot write 'taken': is a directory\n" });
    expect(await readdir(dir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
  });
});

describe.concurrent('--quiet', () => {
  it('hides warnings and suggestions, and they no longer fail the run', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const [stylish, json] = await Promise.all([tactful(['--quiet', 'draft.txt'], dir), tactful(['--quiet', '-f', 'json', 'draft.txt'], dir)]);
    expect(stylish).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ filePath: 'draft.txt', messages: [], warningCount: 0 })]);
  });

  it('still reports errors, and fails on them', async () => {
    const dir = await tempDir({ 'draft.txt': ERROR_AND_WARNING });
    const run = await tactful(['--quiet', '-f', 'compact', 'draft.txt'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^draft\.txt:1:\d+: error .+ \[shouting\]\n$/);
  });
});

describe.concurrent('--max-warnings', () => {
  it.each(['2', '5', '-1'])('passes while the warnings stay within the budget (%s)', async (budget) => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const run = await tactful(['--max-warnings', budget, '-f', 'compact', 'draft.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toHaveLength(3);
  });

  it('fails with one line on stderr when the warnings exceed it', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const [one, zero] = await Promise.all([
      tactful(['--max-warnings', '1', '-f', 'compact', '-o', 'r.txt', 'draft.txt'], dir),
      tactful(['--max-warnings', '0', 'draft.txt'], dir),
    ]);
    expect(one).toEqual({ code: 1, stdout: '', stderr: 'tactful: too many warnings (2, maximum: 1)\n' });
    expect(zero.stderr).toBe('tactful: too many warnings (2, maximum: 0)\n');
  });

  it('still fails on an error, and counts warnings that --quiet hides', async () => {
    const dir = await tempDir({ 'error.txt': ERROR_AND_WARNING, 'warnings.txt': TWO_WARNINGS });
    const [error, quiet] = await Promise.all([
      tactful(['--max-warnings', '10', 'error.txt'], dir),
      tactful(['--quiet', '--max-warnings', '1', 'warnings.txt'], dir),
    ]);
    expect(error.code).toBe(1);
    expect(quiet).toEqual({
      code: 1,
      stdout: '',
      stderr: 'tactful: too many warnings (2, maximum: 1)\n',
    });
  });

  it.each(['many', '1.5', '-2'])("rejects '%s' with one line and exit 2", async (value) => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    expect(await tactful(['--max-warnings', value, 'draft.txt'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `tactful: --max-warnings expects a whole number or -1 (got '${value}')\n`,
    });
  });
});

describe.concurrent('the progress line, through pipes', () => {
  it('is absent when stderr is not a terminal', async () => {
    const dir = await tempDir(manyFiles(PROGRESS_MIN_FILES + 2));
    const run = await tactful(['--no-color', 'macros'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\r');
  });
});

describe.runIf(HAS_SCRIPT).concurrent('on a terminal (util-linux script)', () => {
  it('draws files done / total on stderr, rewritten in place, and clears it before the report', async () => {
    const count = PROGRESS_MIN_FILES + 2;
    const dir = await tempDir(manyFiles(count));
    const { code, screen } = await onTerminal(['macros'], dir, { NO_COLOR: '1' });
    expect(code).toBe(1);
    expect(screen).toMatch(new RegExp(`^\\rtactful: 0/${count} files  macros/reply-00\\.txt\\u001b\\[K`));
    const clearAt = screen.lastIndexOf(ERASE);
    const report = screen.slice(clearAt + ERASE.length);
    expect(report.startsWith(`macros/reply-00.txt\n`)).toBe(true);
    expect(report).not.toMatch(/\r|files {2}/);
    expect(report).toContain(`✖ ${count} problems (0 errors, ${count} warnings)`);
    // Every progress frame starts with \r and is erased before anything else is written.
    expect(screen.slice(0, clearAt).split('\r').filter(Boolean).every((frame) => /^(tactful: \d+\/\d+ files {2}\S+)?\u001b\[K$/.test(frame))).toBe(true);
  });

  it.each(['json', 'sarif'])('is absent with --format %s', async (format) => {
    const dir = await tempDir(manyFiles(PROGRESS_MIN_FILES + 2));
    const { screen } = await onTerminal(['-f', format, 'macros'], dir);
    expect(screen).not.toContain('\r');
    expect(() => JSON.parse(screen)).not.toThrow();
  });

  it('is absent for a run of a few files', async () => {
    const dir = await tempDir({ 'few/a.txt': TWO_WARNINGS, 'few/b.txt': TWO_WARNINGS });
    const { screen } = await onTerminal(['few'], dir, { NO_COLOR: '1' });
    expect(screen).toContain('few/a.txt\n');
    expect(screen).not.toContain('\r');
  });

  it.each([
    ['colours the report by default', [], {}, true],
    ['NO_COLOR turns colour off', [], { NO_COLOR: '1' }, false],
    ['FORCE_COLOR wins over NO_COLOR', [], { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
    ['--no-color wins over FORCE_COLOR', ['--no-color'], { FORCE_COLOR: '3' }, false],
    ['FORCE_COLOR=0 turns colour off', [], { FORCE_COLOR: '0' }, false],
  ] as const)('%s', async (_, flags, env, coloured) => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const { screen } = await onTerminal([...flags, 'draft.txt'], dir, env);
    expect(screen).toContain('bare-sorry');
    if (coloured) expect(screen).toMatch(ESCAPE);
    else expect(screen).not.toMatch(ESCAPE);
  });

  it('writes an --output-file without colour even from a terminal, unless FORCE_COLOR asks', async () => {
    const dir = await tempDir({ 'draft.txt': TWO_WARNINGS });
    const [plain] = await Promise.all([onTerminal(['-o', 'plain.txt', 'draft.txt'], dir), onTerminal(['-o', 'forced.txt', 'draft.txt'], dir, { FORCE_COLOR: '1' })]);
    expect(plain.screen).toBe('');
    expect(await readFile(join(dir, 'plain.txt'), 'utf8')).not.toMatch(ESCAPE);
    expect(await readFile(join(dir, 'forced.txt'), 'utf8')).toMatch(ESCAPE);
  });
});

// --- the pieces, directly ------------------------------------------------------------------------

/** A CliIo that records what is written; `width` makes stderr a terminal of that many columns. */
function fakeIo(width?: number): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: () => Promise.resolve(new Uint8Array()),
    ...(width === undefined ? {} : { stderrWidth: () => width }),
  };
  return io;
}

describe('startProgress', () => {
  it('does nothing when stderr is not a terminal, for few files, or for machine formats', () => {
    for (const [io, total, format] of [
      [fakeIo(), 50, 'stylish'],
      [fakeIo(80), PROGRESS_MIN_FILES - 1, 'stylish'],
      [fakeIo(80), 50, 'json'],
      [fakeIo(80), 50, 'sarif'],
      [fakeIo(80), 50, 'junit'],
      [fakeIo(80), 50, 'github'],
    ] as const) {
      const progress = startProgress(io, total, format);
      progress.advance('a.txt');
      progress.stderr('tactful: notice\n');
      progress.stop();
      expect(io.err).toBe('tactful: notice\n');
    }
  });

  it('redraws in place at most every PROGRESS_REDRAW_MS, and clears the line when stopped', () => {
    const io = fakeIo(80);
    let clock = 1000;
    const progress = startProgress(io, 12, 'stylish', () => clock);
    progress.advance('a.txt');
    progress.advance('b.txt');
    clock += PROGRESS_REDRAW_MS;
    progress.advance('c.txt');
    progress.stop();
    progress.advance('d.txt');
    expect(io.err).toBe('\rtactful: 0/12 files  a.txt\u001b[K\rtactful: 2/12 files  c.txt\u001b[K\r\u001b[K');
    expect(io.out).toBe('');
  });

  it('clears the line before a notice and draws it again after', () => {
    const io = fakeIo(80);
    const progress = startProgress(io, 12, 'compact', () => 0);
    progress.advance('a.txt');
    progress.stderr("tactful: cannot read 'a.txt': no such file\n");
    expect(io.err).toBe("\rtactful: 0/12 files  a.txt\u001b[K\r\u001b[Ktactful: cannot read 'a.txt': no such file\n\rtactful: 0/12 files  a.txt\u001b[K");
  });
});

describe('progressLine', () => {
  it('fits one column less than the terminal, cutting the start of a long path', () => {
    expect(progressLine(3, 40, 'macros/a.txt', 80)).toBe('tactful: 3/40 files  macros/a.txt');
    const line = progressLine(3, 40, 'macros/billing/refunds/very-long-file-name.md', 40);
    expect(line).toBe('tactful: 3/40 files  …long-file-name.md');
    expect(line.length).toBe(39);
    expect(progressLine(3, 40, 'macros/a.txt', 10)).toBe('tactful: 3/40 files');
    expect(progressLine(0, 12, 'a\rb\u001b.txt', 80)).toBe('tactful: 0/12 files  a?b?.txt');
  });
});

describe('colorLevel', () => {
  const on = { color: true };
  it.each([
    ['--no-color beats FORCE_COLOR', { color: false }, { FORCE_COLOR: '3' }, 3, 0],
    ['FORCE_COLOR beats NO_COLOR', on, { FORCE_COLOR: '1', NO_COLOR: '1' }, 0, 1],
    ['FORCE_COLOR=2 asks for 256 colours', on, { FORCE_COLOR: '2' }, 0, 2],
    ['FORCE_COLOR empty or true means basic colours', on, { FORCE_COLOR: '' }, 0, 1],
    ['FORCE_COLOR=0 turns colour off on a terminal', on, { FORCE_COLOR: '0' }, 3, 0],
    ['FORCE_COLOR=false turns colour off', on, { FORCE_COLOR: 'false' }, 3, 0],
    ['NO_COLOR turns colour off on a terminal', on, { NO_COLOR: '1' }, 3, 0],
    ['an empty NO_COLOR is ignored', on, { NO_COLOR: '' }, 2, 2],
    ['an output file gets no colour', { color: true, outputFile: 'r.txt' }, {}, 3, 0],
    ['FORCE_COLOR colours an output file', { color: true, outputFile: 'r.txt' }, { FORCE_COLOR: 'true' }, 0, 1],
    ['otherwise the terminal decides', on, {}, 2, 2],
  ] as const)('%s', (_, options, env, terminal, expected) => {
    expect(colorLevel(options, env, terminal)).toBe(expected);
  });
});

describe('parseMaxWarnings, reportedResults and findingsExitCode', () => {
  const [sorry, question] = lint(TWO_WARNINGS);
  const shouting = lint(ERROR_AND_WARNING).find((finding) => finding.severity === 'error')!;
  const suggestion = { ...sorry!, severity: 'suggestion' as const };
  const results = (...findings: (typeof sorry)[]): FileResult[] => [{ filePath: 'a.txt', findings: findings.map((finding) => finding!) }];

  it('parses a whole number or -1', () => {
    expect(parseMaxWarnings('0')).toBe(0);
    expect(parseMaxWarnings(' 12 ')).toBe(12);
    expect(parseMaxWarnings('-1')).toBe(-1);
    expect(() => parseMaxWarnings('1e3')).toThrow(/whole number/);
  });

  it('keeps only errors when quiet', () => {
    expect(reportedResults(results(sorry, shouting, suggestion), { quiet: true })[0]!.findings).toEqual([shouting]);
    expect(reportedResults(results(sorry, suggestion), {})[0]!.findings).toHaveLength(2);
  });

  it.each([
    ['suggestions never fail', [suggestion], {}, 0],
    ['a warning fails by default', [sorry], {}, 1],
    ['quiet: a warning does not fail', [sorry], { quiet: true }, 0],
    ['quiet: an error fails', [shouting], { quiet: true }, 1],
    ['within the budget', [sorry, question], { maxWarnings: 2 }, 0],
    ['over the budget', [sorry, question], { maxWarnings: 1 }, 1],
    ['no budget', [sorry, question], { maxWarnings: -1 }, 0],
    ['an error with budget to spare', [shouting], { maxWarnings: 5 }, 1],
  ] as const)('%s', (_, findings, options, code) => {
    const io = fakeIo();
    expect(findingsExitCode(io, results(...findings), options)).toBe(code);
    expect(io.err).toBe(_ === 'over the budget' ? 'tactful: too many warnings (2, maximum: 1)\n' : '');
  });
});

describe('emitReport', () => {
  it('prints on stdout without an output file', async () => {
    const io = fakeIo();
    expect(await emitReport(io, 'report\n', {})).toBe(true);
    expect(io.out).toBe('report\n');
  });

  it('writes through a temporary file beside the target, then renames it', async () => {
    const dir = await tempDir();
    const io = fakeIo();
    expect(await emitReport(io, 'first\n', { outputFile: join(dir, 'r.txt') })).toBe(true);
    expect(await emitReport(io, 'second\n', { outputFile: join(dir, 'r.txt') })).toBe(true);
    expect(io.out + io.err).toBe('');
    expect(await readFile(join(dir, 'r.txt'), 'utf8')).toBe('second\n');
    expect(await readdir(dir)).toEqual(['r.txt']);
  });

  it('writes a chunked report as it comes, a batch of chunks per write, the same text as the chunks joined', async () => {
    const lines = numberedLines(5000);
    let pulled = 0;
    const chunks = (function* () {
      for (const line of lines) {
        pulled += 1;
        yield line;
      }
    })();
    const writes: { text: string; pulled: number }[] = [];
    const io = { ...fakeIo(), stdout: (text: string) => void writes.push({ text, pulled }) };
    expect(await emitReport(io, chunks, {})).toBe(true);
    expect(writes.map((write) => write.text).join('')).toBe(lines.join(''));
    expect(writes.length).toBeGreaterThan(3);
    expect(writes.slice(0, -1).every(({ text }) => text.length >= WRITE_SIZE && text.length < WRITE_SIZE + 100)).toBe(true);
    // Each write but the last happened while the report was still being produced, not after all of it.
    expect(writes.slice(0, -1).every((write) => write.pulled < lines.length)).toBe(true);
  });

  it('waits for drain when stdout says its buffer is full, and pulls no more of the report meanwhile', async () => {
    const stream = new FullUntilDrained();
    const io = { ...fakeIo(), writeStdout: drainingWrite(stream) };
    let pulled = 0;
    const lines = numberedLines(5000);
    const chunks = (function* () {
      for (const line of lines) {
        pulled += 1;
        yield line;
      }
    })();
    let done = false;
    const emitted = emitReport(io, chunks, {}).then((ok) => (done = ok));
    await settle();
    expect(stream.written).toHaveLength(1);
    const pulledBeforeDrain = pulled;
    await settle();
    expect([stream.written.length, pulled, done]).toEqual([1, pulledBeforeDrain, false]);
    while (!done) {
      stream.emit('drain');
      await settle();
    }
    await emitted;
    expect(stream.written.length).toBeGreaterThan(3);
    expect(stream.written.join('')).toBe(lines.join(''));
    expect(io.out).toBe('');
  });

  it('rejects when stdout fails while the report waits for drain', async () => {
    const stream = new FullUntilDrained();
    const emitted = emitReport({ ...fakeIo(), writeStdout: drainingWrite(stream) }, numberedLines(5000), {});
    await settle();
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await expect(emitted).rejects.toThrow('EPIPE');
  });

  it('streams a chunked report into the output file: the text joined, the old mode kept, no temporary file', async () => {
    const dir = await tempDir({ 'r.txt': 'old\n' });
    await chmod(join(dir, 'r.txt'), 0o640);
    const lines = numberedLines(5000);
    expect(await emitReport(fakeIo(), lines.values(), { outputFile: join(dir, 'r.txt') })).toBe(true);
    expect(await readFile(join(dir, 'r.txt'), 'utf8')).toBe(lines.join(''));
    expect((await stat(join(dir, 'r.txt'))).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['r.txt']);
  });

  it('leaves the old file whole and no temporary file when the report fails halfway, and lets the error through', async () => {
    const dir = await tempDir({ 'r.txt': 'old report\n' });
    const failing = (function* () {
      yield* numberedLines(5000); // more than a batch: part of the report is already in the temporary file
      throw new Error('formatter broke');
    })();
    const io = fakeIo();
    await expect(emitReport(io, failing, { outputFile: join(dir, 'r.txt') })).rejects.toThrow('formatter broke');
    expect(await readFile(join(dir, 'r.txt'), 'utf8')).toBe('old report\n');
    expect(await readdir(dir)).toEqual(['r.txt']);
    expect(io.err).toBe('');
  });

  it('says in one line that the file cannot be written, and leaves no temporary file', async () => {
    const dir = await tempDir({ 'taken/x': 'kept\n' });
    const io = fakeIo();
    expect(await emitReport(io, numberedLines(5000), { outputFile: join(dir, 'taken') })).toBe(false);
    expect(io.err).toBe(`tactful: cannot write '${join(dir, 'taken')}': is a directory\n`);
    expect((await readdir(dir)).sort()).toEqual(['taken']);
    expect(await readFile(join(dir, 'taken', 'x'), 'utf8')).toBe('kept\n');
  });

  it('still takes a report as one string (the fixed text of --fix-dry-run, a diff)', async () => {
    const dir = await tempDir();
    const io = fakeIo();
    expect(await emitReport(io, 'whole\n', { outputFile: join(dir, 'fixed.txt') })).toBe(true);
    expect(await emitReport(io, 'whole\n', {})).toBe(true);
    expect([io.out, await readFile(join(dir, 'fixed.txt'), 'utf8')]).toEqual(['whole\n', 'whole\n']);
  });
});

describe('batches', () => {
  it('joins chunks into pieces of at least the size, keeping every character in order', () => {
    expect([...batches(['ab', 'c', 'def', 'g'], 3)]).toEqual(['abc', 'def', 'g']);
    expect([...batches(['abcdef'], 3)]).toEqual(['abcdef']);
    expect([...batches([], 3)]).toEqual([]);
  });
});

/** `count` report lines of about 60 characters: several write batches' worth in all. */
function numberedLines(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `replies/reply-${index}.txt:1:1: warning Sorry for the wait [bare-sorry]\n`);
}

/** A stdout whose buffer is always full: every write returns false, and it takes more at 'drain'. */
class FullUntilDrained extends EventEmitter {
  written: string[] = [];
  write(text: string): boolean {
    this.written.push(text);
    return false;
  }
}

/** Lets pending promise callbacks and timers run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the pre-commit hook', () => {
  const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const hook = hooks.find((candidate) => candidate.id === 'tactful')!;
  const pattern = new RegExp(hook.files as string);

  it('runs the tactful bin, installed as a node package, on text, Markdown and HTML files', () => {
    const { bin } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(hook).toMatchObject({ entry: 'tactful', language: 'node', types_or: ['text', 'markdown', 'html'] });
    expect(Object.keys(bin)).toContain(hook.entry);
  });

  it('passes every prose format tactful reads, and no JSON, CSV or source code', () => {
    for (const name of ['text', 'markdown', 'html', 'email'] as const) {
      for (const extension of FORMATS.get(name)!.extensions) expect(`macros/reply.${extension}`).toMatch(pattern);
    }
    for (const other of ['package.json', 'export.csv', 'src/index.ts', 'README.rst', 'mdx']) expect(other).not.toMatch(pattern);
  });

  it("keeps `npm pack` quiet, so pre-commit's node installer reads the tarball's name", () => {
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });
});
