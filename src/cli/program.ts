import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { SeveritySetting } from '../index.js';
import { EXIT_CLEAN, EXIT_ERROR, UsageError } from './errors.js';
import { FORMATTERS } from './formatters/index.js';
import type { CliIo } from './io.js';
import { fail, runLintCommand, type LintCommandOptions } from './lint-command.js';

export type { CliIo } from './io.js';

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

/** The commander program: options and help. Parsing never exits the process. */
function buildProgram(io: CliIo): Command {
  return new Command('tactful')
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
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    if (error instanceof UsageError) return fail(io, error.message);
    throw error;
  }
  return runLintCommand(program.args, program.opts<LintCommandOptions>(), io);
}
