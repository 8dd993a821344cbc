import { scoreSource, SourceFormatError, type Scorecard, type SeveritySetting, type SourceFinding, type UnitLabel } from '../library.js';
import { configSourceFrom, createConfigResolver, type LintSetup } from './config.js';
import { EXIT_ERROR, UsageError } from './errors.js';
import { displayName, expandInputs, formatFor } from './inputs.js';
import type { CliIo } from './io.js';
import { readInput } from './read.js';

/** One reply scored: a whole file, or one macro of an export. */
export interface ScoredUnit {
  /** The file as the user named it (`<stdin>` for standard input). */
  filePath: string;
  /** Where the reply sits in its file, for exports that hold many. */
  label?: UnitLabel;
  /** The reply as reports name it: the file, and the macro's title or id when there is one. */
  name: string;
  /** The reply's text as the rules read it; the card's offsets point into it. */
  text: string;
  card: Scorecard;
  /** The card's findings placed in the file (line and column as the lint command reports them). */
  findings: SourceFinding[];
}

/** The switches `score` and `report` share with the lint command. */
export interface ScoreInputOptions {
  rule: Record<string, SeveritySetting>;
  /** `--config <path>`, or false for `--no-config`. */
  config?: string | false;
  ext?: string;
  stdinFilename?: string;
}

/** What scoring the inputs gave: the replies, and whether some input could not be read (exit 2). */
export interface ScoredInputs {
  units: ScoredUnit[];
  /** How many files were read. */
  files: number;
  inputFailed: boolean;
}

/**
 * Expands, reads and scores the inputs as the lint command reads them (config files, ignore files,
 * formats); `context` is the customer's message from `--context`, which takes the place of each
 * reply's own (an e-mail's quoted message). Problems go to stderr; a config error throws `UsageError`.
 */
export async function scoreInputs(
  args: readonly string[],
  options: ScoreInputOptions,
  context: string | undefined,
  io: CliIo,
): Promise<ScoredInputs> {
  const setupFor = createConfigResolver({ source: configSourceFrom(options.config), cliRules: options.rule });
  const { files, problems, notices } = await expandInputs(args);
  [...problems, ...notices].forEach((problem) => io.stderr(`tactful: ${problem}\n`));
  const units: ScoredUnit[] = [];
  let inputFailed = problems.length > 0;
  let read = 0;
  for (const file of files) {
    const setup: LintSetup = await setupFor(file);
    if (setup.isIgnored(file)) continue;
    const input = await readInput(file, io.readStdin);
    if (input.kind === 'error') {
      inputFailed = true;
      io.stderr(`tactful: ${input.message}\n`);
      continue;
    }
    if (input.notice) io.stderr(`tactful: ${input.notice}\n`);
    if (input.kind === 'skipped') continue;
    const filePath = displayName(file, options);
    try {
      // Scored as the lint command lints the file: what its disable comments silence costs nothing.
      const replies = await scoreSource(input.text, { linter: setup.linter, format: formatFor(file, options), context });
      read += 1;
      const first = units.length;
      for (const { label, text, card, findings } of replies) {
        const title = label?.title ?? label?.id;
        units.push({ filePath, ...(label ? { label } : {}), name: title ? `${filePath} › ${title}` : filePath, text, card, findings });
      }
      numberVariants(units.slice(first));
    } catch (error) {
      if (!(error instanceof SourceFormatError)) throw error;
      inputFailed = true;
      io.stderr(`tactful: ${filePath}: ${error.message}\n`);
    }
  }
  return { units, files: read, inputFailed };
}

/** Tells apart replies of one file that share a name (the variants of a `{% if %}` template): "(variant 2 of 3)". */
function numberVariants(units: readonly ScoredUnit[]): void {
  const byName = new Map<string, ScoredUnit[]>();
  for (const unit of units) byName.set(unit.name, [...(byName.get(unit.name) ?? []), unit]);
  for (const same of byName.values()) {
    if (same.length > 1) same.forEach((unit, index) => (unit.name = `${unit.name} (variant ${index + 1} of ${same.length})`));
  }
}

/** Runs `body`, turning a `UsageError` into its one-line message and exit code 2. */
export async function withUsageErrors(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`tactful: ${error.message}\n`);
    return EXIT_ERROR;
  }
}
