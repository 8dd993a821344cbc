import { SourceFormatError } from '../library.js';
import type { LintSetup } from './config.js';
import type { FileResult } from './formatters/types.js';
import { displayName, formatFor, STDIN } from './inputs.js';
import { lintFile, type FileSteps } from './lint-file.js';
import { findingsOf } from './lint-worker.js';
import { readInput } from './read.js';
import { WorkerCrashError, type LintPool } from './worker-pool.js';

/** What came of one input: its findings, whether it failed (the run exits 2), or why the run must stop. */
export interface FileOutcome {
  result?: FileResult;
  /** The input could not be linted: unreadable, too large, not what its format expects, its worker died. */
  failed?: boolean;
  /** A usage error (a bad config) or an internal error: the run stops at this file, as it always has. */
  stop?: { error: unknown };
}

/** What checking a file needs from the run it belongs to. */
export interface FileRun {
  /** The command-line arguments: a file named there that its config ignores gets a notice. */
  args: readonly string[];
  options: { ext?: string; stdinFilename?: string; maxFileSize?: number };
  setupFor: (file: string) => Promise<LintSetup>;
  steps: FileSteps;
  readStdin: (limit?: number) => Promise<Uint8Array>;
  /** With `--jobs`: the threads that read and lint files. */
  pool?: LintPool;
}

/**
 * Config, ignore patterns, reading and linting for one input (`-`: standard input). Each notice and
 * error goes to `say` as one line without the `tactful: ` prefix; nothing is thrown.
 */
export async function checkFile(file: string, run: FileRun, say: (message: string) => void): Promise<FileOutcome> {
  try {
    const setup = await run.setupFor(file);
    if (setup.isIgnored(file)) {
      if (run.args.includes(file)) say(`skipped '${file}': ignored by ignorePatterns in ${setup.configFile}`);
      return {};
    }
    const format = formatFor(file, run.options);
    // With threads, the one that lints a file reads it; but the cache needs the text first, and only this thread has stdin.
    const read =
      run.pool && !run.steps.cache && file !== STDIN
        ? await run.pool.run({ file, format })
        : await readInput(file, run.readStdin, { maxFileSize: run.options.maxFileSize });
    if (read.kind === 'error') {
      say(read.message);
      return { failed: true };
    }
    if ('notice' in read && read.notice) say(read.notice);
    if (read.kind === 'skipped') return {};
    const findings = read.kind === 'text' ? await lintFile(file, read.text, format, setup, run.steps) : findingsOf(read);
    return { result: { filePath: displayName(file, run.options), findings } };
  } catch (error) {
    // A file that is not what its format expects (no Zendesk export, a CSV without a text column).
    if (error instanceof SourceFormatError) say(`${displayName(file, run.options)}: ${error.message}`);
    else if (error instanceof WorkerCrashError) say(`cannot lint '${displayName(file, run.options)}': ${error.message}`);
    else return { stop: { error } };
    return { failed: true };
  }
}
