import { SourceFormatError, type SeveritySetting } from '../index.js';
import { configSourceFrom, createConfigResolver, type LintSetup } from './config.js';
import { readContextOption } from './context-option.js';
import { openCache, type CacheOptions } from './cache.js';
import { EXIT_CLEAN, EXIT_ERROR, UsageError } from './errors.js';
import { FixRun, fixUsageProblem, type FixOptions } from './fix-command.js';
import { FORMATTERS } from './formatters/index.js';
import type { FileResult } from './formatters/types.js';
import { displayName, expandInputs, formatFor, STDIN } from './inputs.js';
import type { CliIo } from './io.js';
import { lintFile } from './lint-file.js';
import { configureColor, emitReport, findingsExitCode, reportedResults } from './output.js';
import { startProgress } from './progress.js';
import { readInput } from './read.js';
import { formatRuleList } from './rule-list.js';

/** The options of the default (lint) command, as commander parsed them. */
export interface LintCommandOptions extends FixOptions, CacheOptions {
  format: string;
  why?: boolean;
  rules?: boolean;
  rule: Record<string, SeveritySetting>;
  color: boolean;
  outputFile?: string;
  quiet?: boolean;
  maxWarnings?: number;
  /** `--config <path>`, or false for `--no-config`. */
  config?: string | false;
  reportUnusedDisableDirectives?: boolean;
  /** `--ext`: the format for every input; `--stdin-filename`: the name (and format) of stdin. */
  ext?: string;
  stdinFilename?: string;
  ignorePattern?: string[];
  /** `--context FILE`: the customer's message the replies answer (`-`: standard input). */
  context?: string;
  /** `--max-file-size`: larger files are refused (bytes). */
  maxFileSize?: number;
}

/** Lints the given files (or stdin), prints the report and returns the exit code. */
export async function runLintCommand(args: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  configureColor(options);
  const setupFor = createConfigResolver({
    source: configSourceFrom(options.config),
    cliRules: options.rule,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
  });
  if (options.rules) {
    try {
      io.stdout(formatRuleList((await setupFor(STDIN)).linter.rules));
    } catch (error) {
      if (error instanceof UsageError) return fail(io, error.message);
      throw error;
    }
    return EXIT_CLEAN;
  }

  const context = await readContextOption(options.context, args, io);
  if (context.kind === 'error') return fail(io, context.message);
  const { files, problems, notices } = await expandInputs(args, { ignorePatterns: options.ignorePattern });
  [...problems, ...notices].forEach((problem) => io.stderr(`tactful: ${problem}\n`));
  const fixProblem = fixUsageProblem(options, files);
  if (fixProblem) return fail(io, fixProblem);
  const results: FileResult[] = [];
  let inputFailed = problems.length > 0;
  const progress = startProgress(io, files.length, options.format);
  const notice = (message: string) => progress.stderr(`tactful: ${message}\n`);
  const steps = { cache: await openCache(options, notice), fixRun: FixRun.start(options, (text) => progress.stderr(text)), cliOptions: options, context: context.text };
  for (const file of files) {
    progress.advance(file);
    let setup: LintSetup;
    try {
      setup = await setupFor(file);
    } catch (error) {
      progress.stop();
      if (error instanceof UsageError) return fail(io, error.message);
      throw error;
    }
    if (setup.isIgnored(file)) {
      if (args.includes(file)) progress.stderr(`tactful: skipped '${file}': ignored by ignorePatterns in ${setup.configFile}\n`);
      continue;
    }
    const read = await readInput(file, io.readStdin, { maxFileSize: options.maxFileSize });
    if (read.kind === 'error') {
      inputFailed = true;
      progress.stderr(`tactful: ${read.message}\n`);
      continue;
    }
    if (read.notice) progress.stderr(`tactful: ${read.notice}\n`);
    if (read.kind === 'skipped') continue;
    let findings;
    try {
      findings = await lintFile(file, read.text, formatFor(file, options), setup, steps);
    } catch (error) {
      // A file that is not what its format expects (no Zendesk export, a CSV without a text column).
      if (!(error instanceof SourceFormatError)) throw error;
      inputFailed = true;
      progress.stderr(`tactful: ${displayName(file, options)}: ${error.message}\n`);
      continue;
    }
    results.push({ filePath: displayName(file, options), findings });
  }

  await steps.cache?.save(notice);
  progress.stop();

  const summary = steps.fixRun?.summary();
  if (summary) io.stderr(summary);
  // --fix-dry-run and --format diff print the fixed text or the diff in place of the report.
  const report = steps.fixRun?.output() ?? FORMATTERS[options.format]!(reportedResults(results, options), { why: options.why === true });
  if (!(await emitReport(io, report, options))) return EXIT_ERROR;
  if (inputFailed || steps.fixRun?.failed) return EXIT_ERROR;
  return findingsExitCode(io, results, options);
}

/** Prints a one-line error and returns the usage-error exit code. */
export function fail(io: CliIo, message: string): number {
  io.stderr(`tactful: ${message}\n`);
  return EXIT_ERROR;
}
