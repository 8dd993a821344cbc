// `tactful report DIR`: a macro library at a glance — files linted, findings per rule, the ten
// lowest-scoring replies with their top finding — on the terminal, and with `--html FILE` as a
// self-contained page that highlights every finding with its rewrites.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { describeFsError, EXIT_CLEAN, EXIT_ERROR, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { configureColor } from './output.js';
import { buildReport } from './report-model.js';
import { renderReportHtml } from './report-html.js';
import { formatReportTable } from './report-table.js';
import { addSharedOptions, parseOrExit } from './score-command.js';
import { scoreInputs, withUsageErrors, type ScoreInputOptions } from './scored-units.js';

/** The options of `tactful report`, as commander parsed them. */
interface ReportCommandOptions extends ScoreInputOptions {
  html?: string;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ tactful report macros/                        findings per rule and the ten lowest-scoring macros
  $ tactful report macros/ --html report.html     the same, with every finding highlighted in a web page
  $ tactful report export.json --rule shouting=off

Exit codes: 0 the report was made, 2 a usage or input error.`;

/** Runs `tactful report` with `argv` (the arguments after `report`) and returns the exit code. */
export async function runReportCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = addSharedOptions(
    new Command('tactful report')
      .description('Report on a macro library: findings per rule and the lowest-scoring replies, optionally as an HTML page.')
      .argument('<inputs...>', 'directories, files or globs holding the macros')
      .option('--html <file>', 'also write the report as a self-contained HTML page'),
  ).addHelpText('after', EXAMPLES);
  const exit = parseOrExit(command, argv, io);
  if (exit !== undefined) return exit;
  const options = command.opts<ReportCommandOptions>();
  configureColor(options);
  return withUsageErrors(io, async () => {
    const { units, files, inputFailed } = await scoreInputs(command.args, options, undefined, io);
    const report = buildReport(units, files);
    io.stdout(formatReportTable(report));
    if (options.html !== undefined) {
      try {
        await mkdir(dirname(options.html), { recursive: true });
        await writeFile(options.html, renderReportHtml(report));
      } catch (error) {
        throw new UsageError(`cannot write '${options.html}': ${describeFsError(error)}`);
      }
      io.stderr(`tactful: report written to ${options.html}\n`);
    }
    return inputFailed ? EXIT_ERROR : EXIT_CLEAN;
  });
}
