import { SourceFormatError, type SourceFinding, type SourceFormat } from '../library.js';
import type { LintSetup } from './config.js';
import { EXIT_ERROR } from './errors.js';
import { countFindings } from './formatters/counts.js';
import { jsonMessage } from './formatters/json.js';
import { inputLines } from './input-lines.js';
import { drainingWrite, type CliIo } from './io.js';
import { countsExitCode, reportedResults, type OutputOptions } from './output.js';
import { DEFAULT_MAX_FILE_SIZE, formatSize } from './read.js';

/** The switches `--jsonl` reads besides itself. */
export interface JsonlOptions extends Pick<OutputOptions, 'quiet' | 'maxWarnings'> {
  /** `--max-file-size`: the longest line, in bytes. */
  maxFileSize?: number;
}

/** Where `--jsonl` reads its lines from and writes its results to. */
export interface JsonlStreams {
  input: AsyncIterable<Uint8Array>;
  /** Writes one piece of output; resolves when more may be written (the reader has caught up). */
  write(text: string): Promise<void>;
}

/** The options given with `--jsonl` that it cannot honour, as one sentence; undefined when they fit. */
export function jsonlUsageProblem(
  args: readonly string[],
  options: { fix?: boolean; fixDryRun?: boolean; outputFile?: string; stdinFilename?: string },
  formatGiven: boolean,
): string | undefined {
  if (args.length > 0) return `--jsonl reads replies as JSON lines from standard input and takes no files (got '${args[0]}')`;
  if (options.fix || options.fixDryRun) return '--jsonl cannot be combined with --fix or --fix-dry-run: there are no files to fix';
  if (formatGiven) return '--jsonl prints JSON lines and cannot be combined with --format';
  if (options.outputFile !== undefined) return '--jsonl writes to standard output; redirect it instead of using --output-file';
  if (options.stdinFilename !== undefined) return '--jsonl cannot be combined with --stdin-filename; use --ext to pick the format of every text';
  return undefined;
}

/** Standard input and output of this process, with stdout's backpressure honoured. */
export function processStreams(): JsonlStreams {
  return { input: process.stdin, write: drainingWrite(process.stdout) };
}

/**
 * `tactful --jsonl`: lints each line `{"id", "text", "context"?}` of the input and writes one line
 * per input line, in order, as soon as it is linted: `{"id", "findings"}` with the json formatter's
 * messages, or `{"id", "error"}` for a line that cannot be linted. Blank lines are skipped. Nothing
 * is kept from one line to the next but counts, so any number of lines runs in constant memory.
 * Returns the exit code a file run with the same findings would give, or 2 when a line failed.
 */
export async function runJsonl(
  setup: LintSetup,
  format: SourceFormat,
  context: string | undefined,
  options: JsonlOptions,
  streams: JsonlStreams,
  io: CliIo,
): Promise<number> {
  const counts = { errors: 0, warnings: 0 };
  const failed = { count: 0, first: 0 };
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for await (const line of inputLines(streams.input, maxBytes)) {
    if ('text' in line && line.text.trim() === '') continue;
    const request = 'text' in line ? parseRequest(line.text) : { id: null, error: `longer than ${formatSize(maxBytes)} (${formatSize(line.tooLong)}); raise the limit with --max-file-size` };
    let output: object;
    if ('error' in request) {
      output = { id: request.id, error: `line ${line.number}: ${request.error}` };
    } else {
      try {
        const findings = await setup.linter.lintSource(request.text, format, { context: request.context ?? context });
        const all = countFindings([{ filePath: '', findings }]);
        counts.errors += all.errors;
        counts.warnings += all.warnings;
        const [shown] = reportedResults([{ filePath: '', findings }], options);
        output = { id: request.id, findings: (shown?.findings ?? []).map((finding: SourceFinding) => jsonMessage(finding)) };
      } catch (error) {
        // A text that is not what `--ext` says (no Zendesk export, a CSV without a text column).
        if (!(error instanceof SourceFormatError)) throw error;
        output = { id: request.id, error: `line ${line.number}: ${error.message}` };
      }
    }
    if ('error' in output && failed.count++ === 0) failed.first = line.number;
    await streams.write(`${JSON.stringify(output)}\n`);
  }
  if (failed.count > 0) {
    const lines = failed.count === 1 ? `line ${failed.first}` : `${failed.count} lines (the first: line ${failed.first})`;
    io.stderr(`tactful: ${lines} could not be linted; see the "error" field of ${failed.count === 1 ? 'its' : 'their'} result\n`);
    return EXIT_ERROR;
  }
  return countsExitCode(io, counts, options);
}

type Request = { id: unknown; text: string; context?: string } | { id: unknown; error: string };

/** One input line as a request: its id (null when it has none), its text and context, or what is wrong with it. */
function parseRequest(line: string): Request {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: 'expected an object with a string "text"' };
  const { id = null, text, context } = value as Record<string, unknown>;
  if (typeof text !== 'string') return { id, error: text === undefined ? 'no "text"' : '"text" must be a string' };
  if (context !== undefined && context !== null && typeof context !== 'string') return { id, error: '"context" must be a string' };
  return { id, text, ...(typeof context === 'string' ? { context } : {}) };
}
