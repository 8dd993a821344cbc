import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding, Linter, SourceFinding, SourceFormat } from '../library.js';
import { sha256 } from './atomic-write.js';
import { LintCache, optionsKey } from './cache.js';
import type { LintSetup } from './config.js';
import type { FixRun } from './fix-command.js';
import { STDIN } from './inputs.js';

/** What may happen to a file besides linting it: answering from `--cache`, fixing with `--fix`. */
export interface FileSteps {
  cache?: LintCache;
  fixRun?: FixRun;
  /** The command-line options; those that can change findings go into each cache entry's key. */
  cliOptions: object;
  /** The customer's message (`--context`); its text is part of each cache entry's key. */
  context?: string;
  /** Lints a file's text elsewhere (on a worker thread, `--jobs`) rather than with the setup's linter here. */
  lintText?: (file: string, text: string, format: SourceFormat) => Promise<SourceFinding[]>;
}

// Options that change only how findings are shown or what happens to them, never which are found.
const PRESENTATION_OPTIONS = new Set(['format', 'why', 'color', 'outputFile', 'quiet', 'maxWarnings', 'cache', 'cacheLocation', 'fix', 'fixDryRun', 'rules', 'jobs', 'jsonl']);

/**
 * The findings for `file` (decoded contents `text`, format `format`) under `setup`: from the cache
 * when it holds them for this text and these settings, otherwise from the linter; then, when
 * fixing, the findings left after the fixes. Standard input is never cached.
 */
export async function lintFile(file: string, text: string, format: SourceFormat, setup: LintSetup, steps: FileSteps): Promise<Finding[]> {
  const lint = (source: string) => steps.lintText?.(file, source, format) ?? setup.linter.lintSource(source, format, { context: steps.context });
  const cache = file === STDIN ? undefined : steps.cache;
  const key = cache ? await settingsKey(format, setup, { ...steps.cliOptions, context: steps.context }) : '';
  let findings = cache?.get(file, text, key);
  if (!findings) {
    findings = await lint(text);
    cache?.set(file, text, key, findings);
  }
  if (!steps.fixRun) return findings;
  const fixed = await steps.fixRun.fixFile(file, format, text, findings, lint);
  if (fixed.text !== text) cache?.set(file, fixed.text, key, fixed.findings);
  return fixed.findings;
}

const rulesDigests = new WeakMap<Linter, string>();
const configDigests = new Map<string, Promise<string>>();

/**
 * A hash of everything besides the text that a file's findings depend on: its format, the
 * command-line options that change findings, the config file in force (its whole text, so any
 * change to severities, `allow` or presets counts) and the linter's rules, custom ones included.
 */
async function settingsKey(format: string, setup: LintSetup, cliOptions: object): Promise<string> {
  let rules = rulesDigests.get(setup.linter);
  if (rules === undefined) rulesDigests.set(setup.linter, (rules = sha256(JSON.stringify(setup.linter.rules))));
  const cli = Object.fromEntries(Object.entries(cliOptions).filter(([name]) => !PRESENTATION_OPTIONS.has(name)));
  const config = setup.configFile === undefined ? '' : await configDigest(setup.configFile);
  return optionsKey({ format, cli, config, rules });
}

function configDigest(configFile: string): Promise<string> {
  const path = resolve(configFile);
  let digest = configDigests.get(path);
  if (!digest) {
    // Unreadable now (it was read a moment ago): a key no entry has, so the file is simply linted.
    digest = readFile(path).then(sha256, () => `unreadable ${Math.random()}`);
    configDigests.set(path, digest);
  }
  return digest;
}
