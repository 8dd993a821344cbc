import { createHash, randomBytes } from 'node:crypto';
import { open, readdir, realpath, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Stats } from 'node:fs';

/** A file could not be written safely; the message is one line for the user, `path` as given. */
export class AtomicWriteError extends Error {
  override name = 'AtomicWriteError';
}

/** What a file held when it was read, to tell whether someone changed it since. */
export interface ReadSnapshot {
  bytes: Buffer;
  stats: Stats;
  hash: string;
}

/** Reads a regular file with the stats of the same open file, so the two describe one version. */
export async function readSnapshot(path: string): Promise<ReadSnapshot> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new AtomicWriteError('not a regular file');
    const bytes = await handle.readFile();
    return { bytes, stats, hash: sha256(bytes) };
  } finally {
    await handle.close();
  }
}

/** The SHA-256 of `data`, in hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The prefix and suffix of tactful's temporary files, always in the directory of the file written. */
export const TEMP_PREFIX = '.tactful-';
export const TEMP_SUFFIX = '.tmp';

// Test-only hooks, read from the environment so tests can drive the spawned CLI; never set them
// otherwise. TACTFUL_TEST_CRASH_AFTER_WRITES=N: the process kills itself (SIGKILL) right after its
// Nth rename. TACTFUL_TEST_CRASH_BEFORE_RENAME=N: it kills itself once its Nth temporary file is
// written and synced, before the rename. TACTFUL_TEST_MODIFY_BEFORE_RENAME=text: each target file
// gets `text` appended just before the changed-since-read check, as an editor saving meanwhile would.
const testHooks = {
  crashAfterRenames: Number(process.env.TACTFUL_TEST_CRASH_AFTER_WRITES ?? 0),
  crashBeforeRename: Number(process.env.TACTFUL_TEST_CRASH_BEFORE_RENAME ?? 0),
  modifyBeforeRename: process.env.TACTFUL_TEST_MODIFY_BEFORE_RENAME,
};
let renames = 0;
let tempFilesWritten = 0;

/**
 * Replaces the file at `path` with `content` atomically: the bytes, or text chunks written as they
 * come, go to a temporary file in the same directory, which is synced and then renamed over the
 * target, so a crash at any moment (or a chunk source that throws) leaves the old file or the new
 * one, never a mix. Symbolic links are followed (the link stays a link), and the file's permission
 * bits (and owner, when running as root) are kept. With `expected`, the write is refused when the
 * file no longer matches that snapshot (mtime, size, inode and content hash, checked just before
 * the rename).
 */
export async function writeFileAtomic(path: string, content: Uint8Array | Iterable<string>, expected?: ReadSnapshot, mode = 0o644): Promise<void> {
  const target = await realTarget(path);
  const directory = dirname(target);
  await removeStaleTempFiles(directory, basename(target));
  const temp = join(directory, `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o600);
    await writeFile(handle, content);
    await handle.chmod((expected?.stats.mode ?? mode) & 0o7777);
    if (expected && process.getuid?.() === 0) await handle.chown(expected.stats.uid, expected.stats.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    handle = undefined;
    tempFilesWritten += 1;
    if (tempFilesWritten === testHooks.crashBeforeRename) process.kill(process.pid, 'SIGKILL');

    if (expected) {
      if (testHooks.modifyBeforeRename !== undefined) await appendForTest(target, testHooks.modifyBeforeRename);
      if (await changedSince(target, expected)) throw new AtomicWriteError('changed since it was read; not written');
    }
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
  renames += 1;
  if (renames === testHooks.crashAfterRenames) process.kill(process.pid, 'SIGKILL');
}

async function realTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    // A file that does not exist yet (the cache on a first run) is written where it was named.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
}

async function changedSince(target: string, expected: ReadSnapshot): Promise<boolean> {
  let now: ReadSnapshot;
  try {
    now = await readSnapshot(target);
  } catch {
    return true;
  }
  const before = expected.stats;
  return (
    now.stats.mtimeMs !== before.mtimeMs ||
    now.stats.size !== before.size ||
    now.stats.ino !== before.ino ||
    now.hash !== expected.hash
  );
}

// The rename is durable only once the directory entry is on disk; not every platform can sync a
// directory (Windows cannot open one), and the file itself is already safe, so failure is ignored.
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Best effort, see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temporary files that an earlier tactful process left next to `name` when it was killed
 * mid-write. Only files named for `name` whose process is no longer running are removed, so a run
 * going on at the same time keeps its own.
 */
async function removeStaleTempFiles(directory: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch {
    return;
  }
  const prefix = `${TEMP_PREFIX}${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(/^(\d+)\.[0-9a-f]+$/.exec(entry.slice(prefix.length, -TEMP_SUFFIX.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await unlink(join(directory, entry)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function appendForTest(target: string, text: string): Promise<void> {
  const handle = await open(target, 'a');
  await handle.writeFile(text);
  await handle.close();
}
