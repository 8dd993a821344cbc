import { UsageError } from './errors.js';

/**
 * Without `--jobs`, one thread. A worker thread loads tactful afresh and runs slowly until V8 has
 * compiled its rules and hot code (about 1 s of CPU time), and one thread reading ahead keeps its core
 * busy: on the 2-core benchmark machine 2,000 one-reply files took 2.0 s on one thread and 2.6 s on
 * two, and 2,000 files of eight replies 6.9 s against 6.4 s, for 44 % more CPU time (README, Threads).
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
