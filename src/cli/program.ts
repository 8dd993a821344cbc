import { createRequire } from 'node:module';
import chalk from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { createLinter, UnknownRuleError, rules, type Linter, type SeveritySetting } from '../index.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError } from './errors.js';
import { FORMATTERS } from './formatters/index.js';
import type { FileResult } from './formatters/types.js';
import { expandInputs, STDIN } from './inputs.js';
import { readInput } from './read.js';
import { formatRuleList } from './rule-list.js';

/** What the CLI needs from its surroundings, so tests can run it without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
}

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const EXAMPLES = `
Examples:
  $ tactful draft.txt                    lint one reply
  $ tactful macros/                      lint every .txt, .md, .html and .eml file below macros/
  $ tactful "replies/**/*.md" --why      explain each finding with its rationale and source
  $ pbpaste | tactful                    lint a draft from standard input
  $ tactful --format json draft.txt      ESLint-style JSON for other tools
  $ tactful --rule bare-sorry=off draft.txt

Exit codes: 0 no problems, 1 a finding at warning or error level, 2 a usage or input error.`;

function parseRuleSetting(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(off|suggestion|warning|error)$/.exec(value.trim());
  if (!match) throw new UsageError(`--rule expects id=off|suggestion|warning|error (got '${value}')`);
  return { ...previous, [match[1]!]: match[2] as SeveritySetting };
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('tactful')
    .description('Lint customer-service replies for phrasing that empathy guidance warns against, with rewrites.')
    .argument('[files...]', 'files, directories or globs to lint; none or - reads standard input')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('--why', "explain each finding: the rule's rationale and the source document it comes from")
    .option('--rules', 'list every rule with its id, severity and summary, then exit')
    .option('--rule <id=severity>', 'set a rule to off, suggestion, warning or error (repeatable)', parseRuleSetting, {})
    .option('--no-color', 'print without colours')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (message, write) => write(`tactful: ${message.replace(/^error: /, '').trim()}\n`),
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    if (error instanceof UsageError) return fail(io, error.message);
    throw error;
  }

  const options = program.opts<{ format: string; why?: boolean; rules?: boolean; rule: Record<string, SeveritySetting>; color: boolean }>();
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

  const { files, problems } = await expandInputs(program.args);
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
    results.push({ filePath: file === STDIN ? '<stdin>' : file, findings: linter.lint(read.text) });
  }

  io.stdout(FORMATTERS[options.format]!(results, { why: options.why === true }));
  if (inputFailed) return EXIT_ERROR;
  const failing = results.some(({ findings }) => findings.some((finding) => finding.severity !== 'suggestion'));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

function fail(io: CliIo, message: string): number {
  io.stderr(`tactful: ${message}\n`);
  return EXIT_ERROR;
}
