// `tactful score FILE…`: the empathy scorecard of each reply (src/engine/scorecard.ts), as a card
// on the terminal or as JSON; `--min-score N` fails the run when a reply scores below N.
import { Command, CommanderError, Option } from 'commander';
import type { SeveritySetting } from '../library.js';
import { readContextOption } from './context-option.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError } from './errors.js';
import { parseExtension } from './inputs.js';
import type { CliIo } from './io.js';
import { configureColor } from './output.js';
import { formatCards, formatCardsJson } from './score-format.js';
import { scoreInputs, withUsageErrors, type ScoreInputOptions } from './scored-units.js';

/** The options of `tactful score`, as commander parsed them. */
interface ScoreCommandOptions extends ScoreInputOptions {
  format: 'stylish' | 'json';
  minScore?: number;
  context?: string;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ tactful score draft.txt                          the card of one reply
  $ tactful score --context ticket.txt draft.txt     with the customer's message: does the reply repeat their concern?
  $ tactful score --min-score 60 macros/             fail (exit 1) when a macro scores below 60
  $ tactful score --format json draft.eml            JSON for other tools

Exit codes: 0 every reply at or above --min-score, 1 one below it, 2 a usage or input error.`;

/** Commander's parser for `--min-score`: a whole number from 0 to 100. */
export function parseMinScore(value: string): number {
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number > 100) throw new UsageError(`--min-score expects a whole number from 0 to 100 (got '${value}')`);
  return number;
}

/** Commander's collector for `--rule id=severity`. */
export function parseRuleOption(value: string, previous: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(off|suggestion|warning|error)$/.exec(value.trim());
  if (!match) throw new UsageError(`--rule expects id=off|suggestion|warning|error (got '${value}')`);
  return { ...previous, [match[1]!]: match[2] as SeveritySetting };
}

/** Adds the options `score` and `report` share with the lint command: rules, config, --ext, colour. */
export function addSharedOptions(command: Command): Command {
  return command
    .option('--rule <id=severity>', 'set a rule to off, suggestion, warning or error (repeatable)', parseRuleOption, {})
    .option('-c, --config <path>', 'use this config file (.json, .yaml, .yml) instead of looking for one upward')
    .option('--no-config', 'ignore every config file')
    .option('--ext <extension>', 'read every input as this kind of file (txt, md, html, eml, json, csv…)', parseExtension)
    .option('--no-color', 'print without colours')
    .helpOption('-h, --help', 'show this help');
}

/** Parses `argv` with `command`; returns an exit code when parsing ends the run (help, a usage error). */
export function parseOrExit(command: Command, argv: readonly string[], io: CliIo): number | undefined {
  command.exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (message, write) => write(`tactful: ${message.replace(/^error: /, '').trim()}\n`),
  });
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    if (error instanceof UsageError) {
      io.stderr(`tactful: ${error.message}\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  return undefined;
}

/** Runs `tactful score` with `argv` (the arguments after `score`) and returns the exit code. */
export async function runScoreCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = addSharedOptions(
    new Command('tactful score')
      .description("Score each reply against the seeds' steps: listen, validate, cooperate, affirm, plan, calm (0–100).")
      .argument('[files...]', 'files, directories or globs; none or - reads standard input')
      .addOption(new Option('-f, --format <name>', 'output format').choices(['stylish', 'json']).default('stylish'))
      .option('--min-score <n>', 'fail (exit 1) when a reply scores below n', parseMinScore)
      .option('--context <file>', "the customer's message the reply answers (- reads standard input)"),
  ).addHelpText('after', EXAMPLES);
  const exit = parseOrExit(command, argv, io);
  if (exit !== undefined) return exit;
  const options = command.opts<ScoreCommandOptions>();
  configureColor(options);
  return withUsageErrors(io, async () => {
    const context = await readContextOption(options.context, command.args, io);
    if (context.kind === 'error') throw new UsageError(context.message);
    const { units, inputFailed } = await scoreInputs(command.args, options, context.text, io);
    io.stdout(options.format === 'json' ? formatCardsJson(units) : formatCards(units, options.minScore));
    if (inputFailed) return EXIT_ERROR;
    const below = options.minScore !== undefined && units.some((unit) => unit.card.score < options.minScore!);
    return below ? EXIT_FINDINGS : EXIT_CLEAN;
  });
}
