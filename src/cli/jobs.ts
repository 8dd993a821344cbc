import { UsageError } from './errors.js';

/**
 * Without `--jobs`, one thread. A worker thread loads tactful afresh and lints slowly until V8 has
 * compiled its rules and optimised its hot code, which the main thread has paid for already, and one
 * thread leaves V8's compiler and garbage collector the other core: on the 2-core benchmark machine
 * 2,000 one-reply files took 1.3 s on one thread and 1.6–1.8 s on two, and 2,000 files of eight
 * replies (9.6 MB) 3.8 s against 3.3 s (README, Threads).
 */
export const DEFAULT_THREADS = 1;

/** Commander's parser for `--jobs`: a whole number of at least 1. */
export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--jobs expects a whole number of at least 1 (got '${value}')`);
  return Number(value.trim());
}

/**
 * How many threads lint `fileCount` files, the main thread included: `--jobs N` gives N (never more
 * than the files), else DEFAULT_THREADS. Always one when fixing: each fix re-lints and rewrites its
 * file in turn.
 */
export function threadCount(jobs: number | undefined, fileCount: number, options: { fix?: boolean; fixDryRun?: boolean }): number {
  if (options.fix || options.fixDryRun) return 1;
  const wanted = jobs ?? DEFAULT_THREADS;
  return Math.max(1, Math.min(wanted, fileCount));
}
