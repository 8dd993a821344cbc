// `--jobs`: linting many files on worker threads, through the real CLI (`node bin/tactful.js`, which
// runs dist/: `npm run build` first). Whatever the number of threads, the report, the notices and
// the exit code must be exactly those of a run on the main thread alone.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations.
import { generateCorpus as untypedCorpus } from '../bench/corpus.mjs';
import { runTactful, type CliRun } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The benchmark's synthetic replies (deterministic): `count` texts. */
const generateCorpus = untypedCorpus as (count: number) => string[];

type Run = CliRun;

/** Runs the CLI with `args` in `cwd`, with extra environment variables, without colours. */
const tactful = (args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Run> => runTactful(args, cwd, '', env);

const scratchDirs: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli'))) throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
});

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tactful-workers-'));
  scratchDirs.push(dir);
  return dir;
}

/**
 * A macro library of about 70 files of every kind: the repository's fixture replies, Markdown, HTML,
 * e-mails, templates and exports (some malformed), a binary file, invalid UTF-8, an empty file,
 * generated replies (flagged and clean), a folder with a stricter config that also ignores a file,
 * a file over the size limit the tests set (4KB), and a broken link that looks like a reply.
 */
async function macroLibrary(): Promise<string> {
  const dir = await scratch();
  const library = join(dir, 'library');
  for (const folder of ['replies', 'formats', 'inputs']) await cp(join(ROOT, 'fixtures', folder), join(library, folder), { recursive: true });
  await mkdir(join(library, 'generated'));
  const replies = generateCorpus(20);
  await Promise.all(replies.map((text, index) => writeFile(join(library, 'generated', `reply-${String(index).padStart(2, '0')}.txt`), text)));
  await mkdir(join(library, 'strict'));
  await writeFile(join(library, 'strict', '.tactfulrc.json'), JSON.stringify({ extends: 'tactful:strict', ignorePatterns: ['draft-*.txt'] }));
  await writeFile(join(library, 'strict', 'apology.txt'), 'Hi Ana,\nSorry for the wait.\n');
  await writeFile(join(library, 'strict', 'draft-apology.txt'), 'Sorry.\n');
  await writeFile(join(library, 'strict', 'refund.md'), "# Refund\n\nI've refunded the delivery charge. Calm down, it will arrive.\n");
  await writeFile(join(library, 'too-big.txt'), 'Sorry for the wait. '.repeat(400));
  await symlink('nowhere.txt', join(library, 'gone.txt'));
  return dir;
}

describe.concurrent('--jobs', () => {
  it('gives byte-identical reports, notices and exit codes on 1 and 2 threads', { timeout: 120_000 }, async () => {
    const dir = await macroLibrary();
    for (const format of ['stylish', 'json']) {
      const args = ['--format', format, '--max-file-size', '4KB', 'library'];
      const one = await tactful(['--jobs', '1', ...args], dir);
      const two = await tactful(['--jobs', '2', ...args], dir);
      expect(two).toEqual(one);
      expect(one.code).toBe(2);
    }
    const json = JSON.parse((await tactful(['--jobs', '2', '--format', 'json', '--max-file-size', '4KB', 'library'], dir)).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; level: string }> }>;
    expect(json.length).toBeGreaterThanOrEqual(50);
    // Each file is judged by its own config: the stricter folder turns warnings into errors.
    const strict = json.find((result) => result.filePath === join('library', 'strict', 'apology.txt'));
    expect(strict?.messages).toContainEqual(expect.objectContaining({ ruleId: 'bare-sorry', level: 'error' }));
    expect(json.map((result) => result.filePath)).not.toContain(join('library', 'strict', 'draft-apology.txt'));
    const { stderr } = await tactful(['--jobs', '2', '--max-file-size', '4KB', 'library'], dir);
    expect(stderr).toContain("tactful: cannot read 'library/gone.txt': no such file\n");
    expect(stderr).toContain("tactful: skipped 'library/inputs/export-with-nul-bytes.txt': binary file\n");
    expect(stderr).toContain("tactful: cannot lint 'library/too-big.txt': it is over 4 KB");
    expect(stderr).toContain('tactful: library/formats/exports/bad/not-an-export.json: found an object');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('fails only the files a crashed worker held, lints the rest and exits 2', { timeout: 120_000 }, async () => {
    const dir = await scratch();
    const replies = generateCorpus(40);
    await Promise.all(replies.map((text, index) => writeFile(join(dir, `reply-${String(index).padStart(2, '0')}.txt`), text)));
    // Every worker dies on the first file it is given; the main thread lints on.
    const run = await tactful(['--jobs', '2', '--format', 'json', '.'], dir, { TACTFUL_TEST_WORKER_CRASH: '.txt' });
    expect(run.code).toBe(2);
    const crashed = run.stderr.split('\n').filter((line) => line !== '');
    expect(crashed.length).toBeGreaterThanOrEqual(1);
    // One worker and, at most, four replacements (twice the pool's size).
    expect(crashed.length).toBeLessThanOrEqual(5);
    const failed = crashed.map((line) => /^tactful: cannot lint '(reply-\d+\.txt)': the worker thread linting it stopped \(exit code 70\)$/.exec(line)?.[1]);
    expect(failed).not.toContain(undefined);
    const expected = JSON.parse((await tactful(['--jobs', '1', '--format', 'json', '.'], dir)).stdout) as Array<{ filePath: string }>;
    expect(JSON.parse(run.stdout)).toEqual(expected.filter((result) => !failed.includes(result.filePath)));
  });

  it('answers from the cache with workers as without, and a second run gives the same report', { timeout: 120_000 }, async () => {
    const dir = await macroLibrary();
    const args = ['--format', 'json', '--max-file-size', '4KB', 'library'];
    const plain = await tactful(['--jobs', '1', ...args], dir);
    const first = await tactful(['--jobs', '2', '--cache', ...args], dir);
    expect(existsSync(join(dir, '.tactfulcache'))).toBe(true);
    const second = await tactful(['--jobs', '2', '--cache', ...args], dir);
    const third = await tactful(['--jobs', '1', '--cache', ...args], dir);
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
    expect(third).toEqual(plain);
  });

  it('fixes on the main thread whatever --jobs says, as with --jobs 1', { timeout: 120_000 }, async () => {
    const dir = await scratch();
    const replies = generateCorpus(30);
    for (const copy of ['one', 'two']) {
      await mkdir(join(dir, copy));
      await Promise.all(replies.map((text, index) => writeFile(join(dir, copy, `reply-${String(index).padStart(2, '0')}.txt`), text)));
    }
    const one = await tactful(['--jobs', '1', '--fix', '--format', 'json', '.'], join(dir, 'one'));
    const two = await tactful(['--jobs', '2', '--fix', '--format', 'json', '.'], join(dir, 'two'));
    expect(two).toEqual(one);
    for (let index = 0; index < replies.length; index += 1) {
      const name = `reply-${String(index).padStart(2, '0')}.txt`;
      expect(await readFile(join(dir, 'two', name), 'utf8')).toBe(await readFile(join(dir, 'one', name), 'utf8'));
    }
  });

  it('stops with one line on a bad config, with workers as without', { timeout: 60_000 }, async () => {
    const dir = await macroLibrary();
    await writeFile(join(dir, 'library', 'strict', '.tactfulrc.json'), JSON.stringify({ rules: { 'bare-sory': 'off' } }));
    const one = await tactful(['--jobs', '1', 'library/generated', 'library/strict'], dir);
    const two = await tactful(['--jobs', '2', 'library/generated', 'library/strict'], dir);
    expect(two).toEqual(one);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^tactful: unknown rule 'bare-sory' in library\/strict\/\.tactfulrc\.json.*\n$/);
  });

  it.each(['0', '-1', 'two', '1.5'])('exits 2 with one line for --jobs %s', async (value) => {
    const run = await tactful(['--jobs', value, 'x.txt'], ROOT);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `tactful: --jobs expects a whole number of at least 1 (got '${value}')\n` });
  });
});
