// `--cache` through the real CLI (spawned from dist/). Whether a run was served from the cache is
// told by the cache file's content, never by timing: a test marks the cached findings, and a run
// that shows the mark read them from the cache; a run that shows the real message linted afresh.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTactful, type CliRun } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/tactful.js', import.meta.url));

type Run = CliRun;

function tactful(args: readonly string[], cwd: string): Promise<Run> {
  return runTactful(args, cwd);
}

interface CacheFile {
  fingerprint: string;
  files: Record<string, { content: string; options: string; findings: { reason: string; ruleId: string }[] }>;
}

const MARK = 'SERVED FROM THE CACHE';
const SORRY = 'Sorry for the wait, Ana.\n';
const SHOUT = 'We will NOT refund a used ticket.\n';

let root: string;
let count = 0;

/** A directory with two replies and a config-free setting, for one test. */
async function project(): Promise<string> {
  count += 1;
  const cwd = join(root, `case-${count}`);
  await mkdir(cwd);
  // An empty config stops the search for one in the directories above.
  await writeFile(join(cwd, '.tactfulrc.json'), '{}\n');
  await writeFile(join(cwd, 'a.txt'), SORRY);
  await writeFile(join(cwd, 'b.txt'), SHOUT);
  return cwd;
}

async function readCache(path: string): Promise<CacheFile> {
  return JSON.parse(await readFile(path, 'utf8')) as CacheFile;
}

/** Replaces the reason of every cached finding with MARK, so a run that read the cache shows it. */
async function markCache(path: string): Promise<void> {
  const cache = await readCache(path);
  for (const entry of Object.values(cache.files)) for (const finding of entry.findings) finding.reason = MARK;
  await writeFile(path, JSON.stringify(cache));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tactful-cache-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('--cache', () => {
  it('stores each file once in .tactfulcache and serves an unchanged file from it, with the same output', async () => {
    const cwd = await project();
    const first = await tactful(['--cache', '--format', 'json', 'a.txt', 'b.txt'], cwd);
    const cache = await readCache(join(cwd, '.tactfulcache'));
    expect(Object.keys(cache.files).sort()).toEqual([resolve(cwd, 'a.txt'), resolve(cwd, 'b.txt')]);
    expect(cache.files[resolve(cwd, 'a.txt')]!.findings.map((finding) => finding.ruleId)).toContain('bare-sorry');

    const second = await tactful(['--cache', '--format', 'json', 'a.txt', 'b.txt'], cwd);
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);

    await markCache(join(cwd, '.tactfulcache'));
    const third = await tactful(['--cache', 'a.txt', 'b.txt'], cwd);
    expect(third.stdout.split(MARK).length - 1).toBeGreaterThanOrEqual(2);
    expect(third.stderr).toBe('');
  });

  it('lints a file again when its text changes, and keeps serving the others', async () => {
    const cwd = await project();
    await tactful(['--cache', 'a.txt', 'b.txt'], cwd);
    await markCache(join(cwd, '.tactfulcache'));
    await writeFile(join(cwd, 'b.txt'), `${SHOUT}Thanks for waiting!!\n`);
    const run = await tactful(['--cache', '--format', 'json', 'a.txt', 'b.txt'], cwd);
    const [a, b] = JSON.parse(run.stdout) as { messages: { message: string }[] }[];
    expect(a!.messages.some((message) => message.message === MARK)).toBe(true);
    expect(b!.messages.some((message) => message.message === MARK)).toBe(false);
    expect(b!.messages.filter((message) => message.message.startsWith('Drop the capitals'))).toHaveLength(2);
  });

  it('lints again when an option or the config changes what is found', async () => {
    const cwd = await project();
    await tactful(['--cache', 'a.txt'], cwd);
    await markCache(join(cwd, '.tactfulcache'));
    const withRule = await tactful(['--cache', '--rule', 'shouting=warning', 'a.txt'], cwd);
    expect(withRule.stdout).not.toContain(MARK);

    await tactful(['--cache', 'a.txt'], cwd);
    await markCache(join(cwd, '.tactfulcache'));
    await writeFile(join(cwd, '.tactfulrc.json'), '{ "rules": { "no-action-plan": "off" } }\n');
    const withConfig = await tactful(['--cache', 'a.txt'], cwd);
    expect(withConfig.stdout).not.toContain(MARK);
    expect(withConfig.stdout).toContain('bare-sorry');
  });

  it('does not reuse the findings of another tactful version or rule set', async () => {
    const cwd = await project();
    await tactful(['--cache', 'a.txt'], cwd);
    await markCache(join(cwd, '.tactfulcache'));
    const cache = await readCache(join(cwd, '.tactfulcache'));
    await writeFile(join(cwd, '.tactfulcache'), JSON.stringify({ ...cache, fingerprint: 'an older version' }));
    const run = await tactful(['--cache', 'a.txt'], cwd);
    expect(run.stdout).not.toContain(MARK);
    expect(run.stderr).toBe('');
    expect((await readCache(join(cwd, '.tactfulcache'))).fingerprint).toBe(cache.fingerprint);
  });

  it('is not used at all without --cache', async () => {
    const cwd = await project();
    await tactful(['--cache', 'a.txt'], cwd);
    await markCache(join(cwd, '.tactfulcache'));
    expect((await tactful(['a.txt'], cwd)).stdout).not.toContain(MARK);
  });

  it('ignores a corrupt cache file with a one-line notice and rewrites it', async () => {
    const cwd = await project();
    await writeFile(join(cwd, '.tactfulcache'), '{"cacheFormat": 1, "files": {');
    const run = await tactful(['--cache', 'a.txt'], cwd);
    expect(run.stderr).toBe("tactful: ignoring the cache file '.tactfulcache': it is not valid JSON; it will be rewritten\n");
    expect(run.stdout).toContain('bare-sorry');
    expect(run.code).toBe(1);
    expect(Object.keys((await readCache(join(cwd, '.tactfulcache'))).files)).toEqual([resolve(cwd, 'a.txt')]);

    await writeFile(join(cwd, '.tactfulcache'), '[1, 2, 3]');
    const notACache = await tactful(['--cache', 'a.txt'], cwd);
    expect(notACache.stderr).toBe("tactful: ignoring the cache file '.tactfulcache': it is not a tactful cache; it will be rewritten\n");
    expect((await tactful(['--cache', 'a.txt'], cwd)).stderr).toBe('');
  });

  it('writes to --cache-location, a file or a directory', async () => {
    const cwd = await project();
    await tactful(['--cache', '--cache-location', 'my-cache.json', 'a.txt'], cwd);
    expect(Object.keys((await readCache(join(cwd, 'my-cache.json'))).files)).toHaveLength(1);
    await mkdir(join(cwd, 'caches'));
    await tactful(['--cache', '--cache-location', 'caches', 'a.txt'], cwd);
    expect(Object.keys((await readCache(join(cwd, 'caches', '.tactfulcache'))).files)).toHaveLength(1);
  });

  it('after --fix, holds the fixed text, so the next run is served from the cache', async () => {
    const cwd = await project();
    await writeFile(join(cwd, 'a.txt'), 'Sorry for the wait, Ana. Sorry again.\n');
    await tactful(['--cache', '--fix', 'a.txt'], cwd);
    expect(await readFile(join(cwd, 'a.txt'), 'utf8')).toBe("I'm sorry for the wait, Ana. Sorry again.\n");
    await markCache(join(cwd, '.tactfulcache'));
    expect((await tactful(['--cache', 'a.txt'], cwd)).stdout).toContain(MARK);
  });

  it('drops the entries of files that no longer exist', async () => {
    const cwd = await project();
    await tactful(['--cache', 'a.txt', 'b.txt'], cwd);
    await rm(join(cwd, 'b.txt'));
    await tactful(['--cache', 'a.txt'], cwd);
    expect(Object.keys((await readCache(join(cwd, '.tactfulcache'))).files)).toEqual([resolve(cwd, 'a.txt')]);
  });
});
