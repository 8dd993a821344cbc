import { VERSION } from '../generated/version.js';
import { Command, CommanderError, Option } from 'commander';
import type { SeveritySetting } from '../library.js';
import { EXIT_CLEAN, EXIT_ERROR, UsageError } from './errors.js';
import { DIFF_FORMAT } from './fix-command.js';
import { FORMATTERS } from './formatters/index.js';
import type { CliIo } from './io.js';
import { collect, parseExtension } from './inputs.js';
import { DEFAULT_THREADS, parseJobs } from './jobs.js';
import { jsonlUsageProblem } from './jsonl.js';
import { fail, runLintCommand, type LintCommandOptions } from './lint-command.js';
import { parseMaxWarnings } from './output.js';
import { parseFileSize } from './read.js';
import { runReportCli } from './report-command.js';
import { runScoreCli } from './score-command.js';

export type { CliIo } from './io.js';


const EXAMPLES = `
Examples:
  $ tactful draft.txt                    lint one reply
  $ tactful macros/                      lint every file below macros/ that a format reads (.txt, .md, .json, .csv…)
  $ tactful zendesk-macros.json          lint each macro of a Zendesk export; findings name the macro
  $ tactful "replies/**/*.md" --why      explain each finding with its rationale and source
  $ pbpaste | tactful                    lint a draft from standard input
  $ pbpaste | tactful --stdin-filename reply.liquid   lint a template from standard input
  $ tactful --format json draft.txt      ESLint-style JSON for other tools
  $ tactful -f sarif -o tactful.sarif macros/   SARIF for GitHub code scanning
  $ tactful --rule bare-sorry=off draft.txt
  $ tactful --fix --format diff macros/   apply the safe fixes and show what changed
  $ tactful --cache macros/              re-lint only the files that changed since the last run
  $ tactful --jsonl < tickets.jsonl > findings.jsonl   lint {"id","text"} lines, one result line each
  $ tactful score draft.txt              the empathy scorecard of a reply (tactful score --help)
  $ tactful report macros/ --html r.html a macro library's findings and lowest scores (tactful report --help)

Exit codes: 0 no problems, 1 a finding at warning or error level, 2 a usage or input error.`;

function parseRuleSetting(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(off|suggestion|warning|error)$/.exec(value.trim());
  if (!match) throw new UsageError(`--rule expects id=off|suggestion|warning|error (got '${value}')`);
  return { ...previous, [match[1]!]: match[2] as SeveritySetting };
}

/** The commander program: options and help. Parsing never exits the process. */
function buildProgram(io: CliIo): Command {
  return new Command('tactful')
    .description('Lint customer-service replies for phrasing that empathy guidance warns against, with rewrites.')
    .argument('[files...]', 'files, directories or globs to lint; none or - reads standard input')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...Object.keys(FORMATTERS), DIFF_FORMAT]).default('stylish'))
    .option('--why', "explain each finding: the rule's rationale and the source document it comes from")
    .option('--context <file>', "the customer's message the reply answers (- reads standard input); rewrites repeat their concern")
    .option('--rules', 'list every rule with its id, severity and summary, then exit')
    .option('--rule <id=severity>', 'set a rule to off, suggestion, warning or error (repeatable)', parseRuleSetting, {})
    .option('-c, --config <path>', 'use this config file (.json, .yaml, .yml) instead of looking for one upward')
    .option('--no-config', 'ignore every config file')
    .option('--report-unused-disable-directives', 'report tactful-disable comments that silence nothing')
    .option('--ext <extension>', 'read every input as this kind of file (txt, md, html, eml, json, csv…), whatever its name', parseExtension)
    .option('--stdin-filename <name>', 'the name standard input is shown under; its extension picks the format')
    .option('--max-file-size <size>', 'refuse files larger than this (default 10MB; KB, MB, GB allowed)', parseFileSize)
    .option('--ignore-pattern <pattern>', 'leave out files matching this gitignore-style pattern (repeatable), as .tactfulignore does', collect)
    .option('--no-color', 'print without colours')
    .option('-o, --output-file <path>', 'write the report to this file instead of standard output')
    .option('--quiet', 'report errors only: warnings and suggestions are hidden and do not fail the run')
    .option('--max-warnings <n>', 'fail on warnings only when there are more than n (-1: never); errors always fail', parseMaxWarnings)
    .option('--fix', 'apply the safe fixes to the files in place, then report what remains')
    .option('--fix-dry-run', 'print the fixed text (with --format diff, a diff) and change no file')
    .option('--cache', 'reuse the findings of files unchanged since the last run')
    .option('--cache-location <path>', `the cache file, or a directory for it (default: ./.tactfulcache)`)
    .option('--jsonl', 'read JSON lines {"id", "text", "context"?} on standard input; print one result line for each')
    .option('--jobs <n>', `lint files on n threads, the main one and n - 1 workers (default: ${DEFAULT_THREADS})`, parseJobs)
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (message, write) => write(`tactful: ${message.replace(/^error: /, '').trim()}\n`),
    });
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Subcommands with programs of their own; a file named "score" is linted as ./score.
  if (argv[0] === 'score') return runScoreCli(argv.slice(1), io);
  if (argv[0] === 'report') return runReportCli(argv.slice(1), io);
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    if (error instanceof UsageError) return fail(io, error.message);
    throw error;
  }
  const options = program.opts<LintCommandOptions>();
  const jsonlProblem = options.jsonl ? jsonlUsageProblem(program.args, options, program.getOptionValueSource('format') === 'cli') : undefined;
  if (jsonlProblem) return fail(io, jsonlProblem);
  return runLintCommand(program.args, options, io);
}
