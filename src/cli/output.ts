import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import chalk, { supportsColor, type ColorSupportLevel } from 'chalk';
import { writeFileAtomic } from './atomic-write.js';
import { describeFsError, EXIT_CLEAN, EXIT_FINDINGS, UsageError } from './errors.js';
import { countFindings, type Counts } from './formatters/counts.js';
import type { FileResult } from './formatters/types.js';
import type { CliIo } from './io.js';

/** The report and exit-code switches of the lint command. */
export interface OutputOptions {
  /** `--quiet`: report errors only; warnings and suggestions are hidden and do not fail the run. */
  quiet?: boolean;
  /** `--max-warnings N`: warnings fail the run only when there are more than N (-1: never). */
  maxWarnings?: number;
  /** `--output-file PATH`: write the report there instead of stdout. */
  outputFile?: string;
  /** false for `--no-color`. */
  color: boolean;
}

/** Parses `--max-warnings`: a whole number, or -1 for no limit. */
export function parseMaxWarnings(value: string): number {
  if (!/^(-1|\d+)$/.test(value.trim())) throw new UsageError(`--max-warnings expects a whole number or -1 (got '${value}')`);
  return Number(value.trim());
}

/**
 * The colour level for the report, first match wins: `--no-color` (off); FORCE_COLOR (`0`/`false`
 * off, `''`/`1`/`true` basic, `2` 256 colours, `3` true colour); NO_COLOR set and not empty (off);
 * a report written to `--output-file` (off); otherwise what the terminal on stdout supports.
 */
export function colorLevel(
  options: Pick<OutputOptions, 'color' | 'outputFile'>,
  env: NodeJS.ProcessEnv,
  terminalLevel: ColorSupportLevel,
): ColorSupportLevel {
  if (!options.color) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const level = Number.parseInt(force, 10);
    return Number.isNaN(level) ? 1 : (Math.max(0, Math.min(level, 3)) as ColorSupportLevel);
  }
  if (env.NO_COLOR) return 0;
  if (options.outputFile !== undefined) return 0;
  return terminalLevel;
}

/** Sets chalk's level for this run from the options and the process's environment. */
export function configureColor(options: Pick<OutputOptions, 'color' | 'outputFile'>): void {
  chalk.level = colorLevel(options, process.env, supportsColor ? supportsColor.level : 0);
}

/** The results the report shows: with `--quiet`, only errors. */
export function reportedResults(results: readonly FileResult[], options: Pick<OutputOptions, 'quiet'>): FileResult[] {
  if (!options.quiet) return [...results];
  return results.map(({ filePath, findings }) => ({ filePath, findings: findings.filter((finding) => finding.severity === 'error') }));
}

/** A report: its text whole, or the chunks a formatter yields, in order. */
export type Report = string | Iterable<string>;

/** About how many characters go into one write: few system calls, and little of the report held at once. */
export const WRITE_SIZE = 64 * 1024;

/**
 * Prints the report on stdout, or writes it to `--output-file` (stdout then gets nothing), as its
 * chunks come, a batch of them at a time; stdout's backpressure is awaited. The file is written
 * beside its target and renamed over it, so a reader never sees half a report; an existing file
 * keeps its mode, missing directories are created. Returns false after printing a one-line error
 * when the file cannot be written. A formatter that throws is an internal error: it passes through
 * (the old file stays).
 */
export async function emitReport(io: CliIo, report: Report, options: Pick<OutputOptions, 'outputFile'>): Promise<boolean> {
  // An error the report's own chunks throw is remembered, to tell it from a file that cannot be written.
  let formatterError: unknown;
  const pieces = (function* () {
    try {
      yield* batches(typeof report === 'string' ? [report] : report);
    } catch (error) {
      formatterError = error;
      throw error;
    }
  })();
  if (options.outputFile === undefined) {
    const write = io.writeStdout ?? (async (text: string) => io.stdout(text));
    for (const piece of pieces) await write(piece);
    return true;
  }
  try {
    await writeReportFile(options.outputFile, pieces);
    return true;
  } catch (error) {
    if (error === formatterError) throw error;
    io.stderr(`tactful: cannot write '${options.outputFile}': ${describeFsError(error)}\n`);
    return false;
  }
}

/** Joins chunks into pieces of at least `size` characters (but the last), so many short lines take few writes. */
export function* batches(chunks: Iterable<string>, size = WRITE_SIZE): Generator<string, void, undefined> {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.join('');
}

async function writeReportFile(path: string, pieces: Iterable<string>): Promise<void> {
  const mode = await stat(path).then((stats) => stats.mode, () => undefined);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, pieces, undefined, mode);
}

/**
 * The exit code for the findings, as ESLint decides it: 1 with any error; 1 with more warnings than
 * `--max-warnings` (saying so on stderr); without that option, 1 with any warning unless `--quiet`
 * hides them. Suggestions never fail a run. `--quiet` hides warnings from the report but a
 * `--max-warnings` budget still counts them.
 */
export function findingsExitCode(io: CliIo, results: readonly FileResult[], options: Pick<OutputOptions, 'quiet' | 'maxWarnings'>): number {
  return countsExitCode(io, countFindings(results), options);
}

/** `findingsExitCode` for findings already counted (`--jsonl` counts as it streams and keeps none). */
export function countsExitCode(io: CliIo, counts: Pick<Counts, 'errors' | 'warnings'>, options: Pick<OutputOptions, 'quiet' | 'maxWarnings'>): number {
  const { warnings } = counts;
  const { maxWarnings } = options;
  if (tooManyWarnings(counts, options)) io.stderr(`tactful: too many warnings (${warnings}, maximum: ${maxWarnings})\n`);
  return exitCodeFor(counts, options);
}

/** The exit code for these counts, as `countsExitCode` gives it, without its message. */
export function exitCodeFor(counts: Pick<Counts, 'errors' | 'warnings'>, options: Pick<OutputOptions, 'quiet' | 'maxWarnings'>): number {
  const { errors, warnings } = counts;
  const { maxWarnings } = options;
  if (errors > 0 || tooManyWarnings(counts, options)) return EXIT_FINDINGS;
  if (maxWarnings !== undefined || options.quiet) return EXIT_CLEAN;
  return warnings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function tooManyWarnings({ warnings }: Pick<Counts, 'warnings'>, { maxWarnings }: Pick<OutputOptions, 'maxWarnings'>): boolean {
  return maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings;
}
