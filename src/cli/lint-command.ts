import type { RuleDefinition, SeveritySetting, SourceFormat } from '../library.js';
import { checkFile, type FileOutcome, type FileRun } from './check-file.js';
import { configSourceFrom, createConfigResolver, type ConfigResolverOptions, type LintSetup } from './config.js';
import { readContextOption } from './context-option.js';
import { openCache, type CacheOptions } from './cache.js';
import { EXIT_CLEAN, EXIT_ERROR, UsageError } from './errors.js';
import { FixRun, fixUsageProblem, type FixOptions } from './fix-command.js';
import { FORMATTERS } from './formatters/index.js';
import type { FileResult } from './formatters/types.js';
import { inOrder } from './in-order.js';
import { expandInputs, formatFor, STDIN } from './inputs.js';
import type { CliIo } from './io.js';
import { threadCount } from './jobs.js';
import { processStreams, runJsonl } from './jsonl.js';
import type { FileSteps } from './lint-file.js';
import { findingsOf, taskRunner, type LintThreadSetup } from './lint-worker.js';
import { countFindings } from './formatters/counts.js';
import { configureColor, countsExitCode, emitReport, exitCodeFor, reportedResults } from './output.js';
import { startProgress } from './progress.js';
import { formatRuleList } from './rule-list.js';
import { LintPool } from './worker-pool.js';

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
  /** `--jobs N`: lint on up to N threads, the main one and N - 1 workers (default: one per CPU; see threadCount). */
  jobs?: number;
  /** `--jsonl`: lint the JSON lines of standard input, one result line each. */
  jsonl?: boolean;
}

// Files read and queued ahead of the one being reported, per thread: enough that no thread waits
// while the report waits on one slow file, few enough that their texts take little memory.
const LOOKAHEAD_PER_THREAD = 16;

/** Lints the given files (or stdin), prints the report and returns the exit code. */
export async function runLintCommand(args: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  configureColor(options);
  const configOptions: ConfigResolverOptions = {
    source: configSourceFrom(options.config),
    cliRules: options.rule,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
  };
  const setupFor = createConfigResolver(configOptions);
  if (options.rules) {
    try {
      io.stdout(formatRuleList((await setupFor(STDIN)).linter.rules));
    } catch (error) {
      if (error instanceof UsageError) return fail(io, error.message);
      throw error;
    }
    return EXIT_CLEAN;
  }

  const context = await readContextOption(options.context, options.jsonl ? [] : args, io);
  if (context.kind === 'error') return fail(io, context.message);
  if (options.jsonl) {
    try {
      return await runJsonl(await setupFor(STDIN), formatFor(STDIN, options), context.text, options, processStreams(), io);
    } catch (error) {
      if (error instanceof UsageError) return fail(io, error.message);
      throw error;
    }
  }
  const { files, problems, notices } = await expandInputs(args, { ignorePatterns: options.ignorePattern });
  [...problems, ...notices].forEach((problem) => io.stderr(`tactful: ${problem}\n`));
  const fixProblem = fixUsageProblem(options, files);
  if (fixProblem) return fail(io, fixProblem);
  const results: FileResult[] = [];
  let inputFailed = problems.length > 0;
  const progress = startProgress(io, files.length, options.format);
  const notice = (message: string) => progress.stderr(`tactful: ${message}\n`);
  const threads = threadCount(options.jobs, files.length, options);
  const threadSetup: LintThreadSetup = { config: configOptions, context: context.text, maxFileSize: options.maxFileSize };
  const pool = threads > 1 ? LintPool.start(threads, threadSetup, taskRunner(setupFor, threadSetup)) : undefined;
  const steps: FileSteps = {
    cache: await openCache(options, notice),
    fixRun: FixRun.start(options, (text) => progress.stderr(text)),
    cliOptions: options,
    context: context.text,
    ...(pool ? { lintText: async (file: string, text: string, format: SourceFormat) => findingsOf(await pool.run({ file, text, format })) } : {}),
  };
  const run: FileRun = { args, options, setupFor, steps, readStdin: io.readStdin, pool };
  // With workers, files are checked ahead of their turn (never when fixing: `--fix` runs on one
  // thread). A file checked ahead holds its notices until its turn, so stderr reads the same either
  // way. One thread checks one file at a time: it reads files synchronously, so there is no waiting
  // on the disk to overlap.
  const ahead = pool ? threads * LOOKAHEAD_PER_THREAD : 1;
  const check = async (file: string): Promise<[FileOutcome, string[]]> => {
    const held: string[] = [];
    return [await checkFile(file, run, ahead > 1 ? (message) => held.push(message) : notice), held];
  };
  try {
    const nextOutcome = inOrder(files, ahead, check);
    for (const file of files) {
      progress.advance(file);
      const [outcome, held] = await nextOutcome();
      held.forEach(notice);
      if (outcome.stop) {
        progress.stop();
        if (outcome.stop.error instanceof UsageError) return fail(io, outcome.stop.error.message);
        throw outcome.stop.error;
      }
      if (outcome.failed) inputFailed = true;
      if (outcome.result) results.push(outcome.result);
    }
  } finally {
    await pool?.close();
  }

  await steps.cache?.save(notice);
  progress.stop();

  const summary = steps.fixRun?.summary();
  if (summary) io.stderr(summary);
  // --fix-dry-run and --format diff print the fixed text or the diff in place of the report.
  const formatOptions = { why: options.why === true, ...(options.format === 'sarif' ? { rules: await rulesOfRun(files, setupFor) } : {}) };
  const report = steps.fixRun?.output() ?? FORMATTERS[options.format]!(reportedResults(results, options), formatOptions);
  const failed = inputFailed || steps.fixRun?.failed === true;
  const counts = countFindings(results);
  io.exitCodeIfStdoutCloses?.(failed ? EXIT_ERROR : exitCodeFor(counts, options));
  if (!(await emitReport(io, report, options))) return EXIT_ERROR;
  return failed ? EXIT_ERROR : countsExitCode(io, counts, options);
}

/**
 * Every rule the run's linters know, each once (a team's own rules from its config included), for
 * the formats that describe the rules they report (sarif). Setups are cached per directory, so this
 * builds nothing new.
 */
async function rulesOfRun(files: readonly string[], setupFor: (file: string) => Promise<LintSetup>): Promise<RuleDefinition[]> {
  const byId = new Map<string, RuleDefinition>();
  for (const file of files.length > 0 ? files : [STDIN]) {
    // A file whose config could not be read ended the run before the report.
    const setup = await setupFor(file).catch(() => undefined);
    for (const rule of setup?.linter.rules ?? []) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  }
  return [...byId.values()];
}

/** Prints a one-line error and returns the usage-error exit code. */
export function fail(io: CliIo, message: string): number {
  io.stderr(`tactful: ${message}\n`);
  return EXIT_ERROR;
}
