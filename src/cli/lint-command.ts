import chalk from 'chalk';
import { createLinter, formatForName, UnknownRuleError, rules, type Linter, type SeveritySetting } from '../index.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './errors.js';
import { FORMATTERS } from './formatters/index.js';
import type { FileResult } from './formatters/types.js';
import { expandInputs, STDIN } from './inputs.js';
import type { CliIo } from './io.js';
import { readInput } from './read.js';
import { formatRuleList } from './rule-list.js';

/** The options of the default (lint) command, as commander parsed them. */
export interface LintCommandOptions {
  format: string;
  why?: boolean;
  rules?: boolean;
  rule: Record<string, SeveritySetting>;
  color: boolean;
}

/** Lints the given files (or stdin), prints the report and returns the exit code. */
export async function runLintCommand(args: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  if (!options.color) chalk.level = 0;
  if (options.rules) {
    io.stdout(formatRuleList(rules));
    return EXIT_CLEAN;
  }

  let linter: Linter;
  try {
    linter = createLinter({ rules: options.rule });
  } catch (error) {
    if (error instanceof UnknownRuleError) return fail(io, error.message);
    throw error;
  }

  const { files, problems } = await expandInputs(args);
  problems.forEach((problem) => io.stderr(`tactful: ${problem}\n`));
  const results: FileResult[] = [];
  let inputFailed = problems.length > 0;
  for (const file of files) {
    const read = await readInput(file, io.readStdin);
    if (read.kind === 'error') {
      inputFailed = true;
      io.stderr(`tactful: ${read.message}\n`);
      continue;
    }
    if (read.notice) io.stderr(`tactful: ${read.notice}\n`);
    if (read.kind === 'skipped') continue;
    results.push({ filePath: file === STDIN ? '<stdin>' : file, findings: await linter.lintSource(read.text, formatForName(file)) });
  }

  io.stdout(FORMATTERS[options.format]!(results, { why: options.why === true }));
  if (inputFailed) return EXIT_ERROR;
  const failing = results.some(({ findings }) => findings.some((finding) => finding.severity !== 'suggestion'));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Prints a one-line error and returns the usage-error exit code. */
export function fail(io: CliIo, message: string): number {
  io.stderr(`tactful: ${message}\n`);
  return EXIT_ERROR;
}
