/**
 * Config files: `.tactfulrc.json`, `.tactfulrc.yaml`/`.yml` or a `"tactful"` key in package.json,
 * found upward from each linted file (lilconfig), or one file given with `--config`. A config is
 * data only: JSON or YAML, never JavaScript. It becomes one linter per distinct config file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { lilconfig, type LilconfigResult } from 'lilconfig';
import {
  createLinter, rules as builtinRules, RuleDefinitionError, SEVERITIES, UnknownRuleError,
  type Linter, type Severity, type SeveritySetting,
} from '../library.js';
import { ConfigSyntaxError, parseJsonFile, parseYamlFile } from './config-parse.js';
import { ConfigError, didYouMean, validateConfig, type ConfigData } from './config-schema.js';
import { describeFsError, UsageError } from './errors.js';
import { STDIN } from './inputs.js';

export { ConfigError } from './config-schema.js';

/** The files searched for in each directory, first match wins. */
export const CONFIG_FILES = ['.tactfulrc.json', '.tactfulrc.yaml', '.tactfulrc.yml', 'package.json'] as const;

/** Where the config comes from: found upward from each file, one given file (`--config`), or none (`--no-config`). */
export type ConfigSource = { kind: 'search' } | { kind: 'file'; path: string } | { kind: 'none' };

/** The config source for commander's `config` option: a path (`--config`), false (`--no-config`), or unset (search). */
export function configSourceFrom(option: string | boolean | undefined): ConfigSource {
  if (typeof option === 'string') return { kind: 'file', path: option };
  return option === false ? { kind: 'none' } : { kind: 'search' };
}

/** What linting one file needs: the linter its config gives, and the config's ignore patterns. */
export interface LintSetup {
  linter: Linter;
  /** The config file in force, as shown in messages; undefined without one. */
  configFile?: string;
  /** True when the config's `ignorePatterns` exclude `file`. */
  isIgnored(file: string): boolean;
}

/** Settings that come from the command line and apply whatever the config says. */
export interface ConfigResolverOptions {
  source: ConfigSource;
  /** `--rule id=level` settings; they override the config's. */
  cliRules?: Readonly<Record<string, SeveritySetting>>;
  reportUnusedDisableDirectives?: boolean;
  /** Directory that paths in messages are relative to; default the process's. */
  cwd?: string;
}

/**
 * Returns a function giving the lint setup for a file (or `-` for standard input, which uses the
 * working directory's config). Configs are looked up once per directory and each config file
 * builds one linter. Throws `UsageError` (a `ConfigError` for config problems) with one sentence.
 */
export function createConfigResolver(options: ConfigResolverOptions): (file: string) => Promise<LintSetup> {
  const cwd = options.cwd ?? process.cwd();
  const display = (path: string) => relative(cwd, path) || path;
  const loader = (parse: (text: string, file: string) => unknown) => (filepath: string, content: string) =>
    parse(content, display(filepath));
  const explorer = lilconfig('tactful', {
    searchPlaces: [...CONFIG_FILES],
    packageProp: 'tactful',
    loaders: { '.json': loader(parseJsonFile), '.yaml': loader(parseYamlFile), '.yml': loader(parseYamlFile), noExt: loader(parseYamlFile) },
  });
  const byConfigFile = new Map<string, Promise<LintSetup>>();
  const byDirectory = new Map<string, Promise<LintSetup>>();

  const setupFor = (found: LilconfigResult): Promise<LintSetup> => {
    const key = found?.filepath ?? '';
    let setup = byConfigFile.get(key);
    if (!setup) {
      setup = buildSetup(found, options, cwd, display);
      byConfigFile.set(key, setup);
    }
    return setup;
  };

  return async (file) => {
    const directory = file === STDIN ? cwd : dirname(resolve(cwd, file));
    let setup = byDirectory.get(directory);
    if (!setup) {
      setup = locate(explorer, options.source, directory, cwd).then(setupFor);
      byDirectory.set(directory, setup);
    }
    return setup;
  };
}

async function locate(
  explorer: ReturnType<typeof lilconfig>,
  source: ConfigSource,
  directory: string,
  cwd: string,
): Promise<LilconfigResult> {
  try {
    if (source.kind === 'none') return null;
    if (source.kind === 'search') return await explorer.search(directory);
    const extension = extname(source.path).toLowerCase();
    if (!['.json', '.yaml', '.yml', ''].includes(extension)) {
      throw new ConfigError(`cannot use '${source.path}' as a config: tactful reads JSON or YAML configs (.json, .yaml, .yml), never JavaScript`);
    }
    return await explorer.load(resolve(cwd, source.path));
  } catch (error) {
    if (error instanceof ConfigSyntaxError) throw new ConfigError(error.message);
    if (error instanceof UsageError) throw error;
    const path = source.kind === 'file' ? source.path : directory;
    throw new ConfigError(`cannot read config '${path}': ${describeFsError(error)}`);
  }
}

async function buildSetup(
  found: LilconfigResult,
  options: ConfigResolverOptions,
  cwd: string,
  display: (path: string) => string,
): Promise<LintSetup> {
  const cliRules = options.cliRules ?? {};
  const reportUnusedDisableDirectives = options.reportUnusedDisableDirectives === true;
  if (!found) return { linter: makeLinter({ rules: cliRules, reportUnusedDisableDirectives }), isIgnored: () => false };

  const configFile = display(found.filepath);
  const configDir = dirname(found.filepath);
  const config = validateConfig(found.config, configFile);
  const customRules = await loadCustomRules(config, configDir, configFile, display);
  const customIds = customRules.map(({ data }) => (isRecord(data) && typeof data.id === 'string' ? data.id : undefined));
  const known = [...builtinRules.map((rule) => rule.id), ...customIds.filter((id): id is string => id !== undefined)];
  for (const id of Object.keys(config.rules)) {
    if (!known.includes(id)) throw new ConfigError(`unknown rule '${id}' in ${configFile}${didYouMean(id, known)}`);
  }

  const linter = makeLinter({
    rules: { ...presetSettings(config, customRules), ...config.rules, ...cliRules },
    customRules,
    allow: config.allow,
    reportUnusedDisableDirectives,
  });
  const patterns = ignore().add(config.ignorePatterns);
  return {
    linter,
    configFile,
    isIgnored: (file) => {
      if (config.ignorePatterns.length === 0 || file === STDIN) return false;
      const path = relative(configDir, resolve(cwd, file));
      // Patterns are relative to the config; a file outside its directory is not theirs to ignore.
      if (path === '' || path.startsWith('..') || isAbsolute(path)) return false;
      return patterns.ignores(path.split(sep).join('/'));
    },
  };
}

/** Builds the linter, turning the library's errors into one-line usage errors. */
function makeLinter(options: Parameters<typeof createLinter>[0]): Linter {
  try {
    return createLinter(options);
  } catch (error) {
    // Config rule ids were checked already, so an unknown id here came from `--rule`.
    if (error instanceof UnknownRuleError) throw new UsageError(error.message);
    if (error instanceof RuleDefinitionError) throw new ConfigError(error.message);
    throw error;
  }
}

/** The custom rules as `{ file, data }`: inline ones named after the config, the rest read from their files. */
async function loadCustomRules(
  config: ConfigData,
  configDir: string,
  configFile: string,
  display: (path: string) => string,
): Promise<Array<{ file: string; data: unknown }>> {
  return Promise.all(
    config.customRules.map(async (entry, index) => {
      if ('inline' in entry) return { file: `${configFile} customRules[${index}]`, data: entry.inline };
      const path = resolve(configDir, entry.path);
      const file = display(path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new ConfigError(`cannot read custom rule '${entry.path}' (customRules[${index}] in ${configFile}): ${describeFsError(error)}`);
      }
      try {
        return { file, data: extname(path).toLowerCase() === '.json' ? parseJsonFile(text, file) : await parseYamlFile(text, file) };
      } catch (error) {
        if (error instanceof ConfigSyntaxError) throw new ConfigError(error.message);
        throw error;
      }
    }),
  );
}

/** The settings `extends` gives: none for `tactful:recommended`, every rule one level up for `tactful:strict`. */
function presetSettings(config: ConfigData, customRules: ReadonlyArray<{ data: unknown }>): Record<string, SeveritySetting> {
  let settings: Record<string, SeveritySetting> = {};
  for (const preset of config.extends) {
    if (preset === 'tactful:recommended') {
      settings = {};
      continue;
    }
    const defaults: Array<[string, unknown]> = [
      ...builtinRules.map((rule): [string, unknown] => [rule.id, rule.severity]),
      ...customRules.flatMap(({ data }): Array<[string, unknown]> => (isRecord(data) && typeof data.id === 'string' ? [[data.id, data.severity]] : [])),
    ];
    settings = {};
    for (const [id, severity] of defaults) {
      const level = SEVERITIES.indexOf(severity as Severity);
      if (level >= 0) settings[id] = SEVERITIES[Math.min(level + 1, SEVERITIES.length - 1)]!;
    }
  }
  return settings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
