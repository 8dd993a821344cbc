import { availableParallelism } from 'node:os';
import { UsageError } from './errors.js';

/**
 * A worker thread loads tactful afresh and runs slowly until V8 has compiled its rules and hot code:
 * about 1 s of CPU time on the benchmark machine, as much as linting 3,000 short replies once warm.
 * Below this many files per thread, a second thread costs more than it saves (README, `--jobs`).
 */
export const FILES_PER_THREAD = 500;

/** Commander's parser for `--jobs`: a whole number of at least 1. */
export function parseJobs(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--jobs expects a whole number of at least 1 (got '${value}')`);
  return Number(value.trim());
}

/**
 * How many threads lint `fileCount` files, the main thread included. `--jobs N` gives N (never more
 * than the files); without it, one per CPU this process may use, but at most one per
 * FILES_PER_THREAD files. Always one when fixing: each fix re-lints and rewrites its file in turn.
 */
export function threadCount(jobs: number | undefined, fileCount: number, options: { fix?: boolean; fixDryRun?: boolean }): number {
  if (options.fix || options.fixDryRun) return 1;
  const wanted = jobs ?? Math.min(availableParallelism(), Math.floor(fileCount / FILES_PER_THREAD));
  return Math.max(1, Math.min(wanted, fileCount));
}
