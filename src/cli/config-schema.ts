import { nearestName, type SeveritySetting } from '../library.js';
import { UsageError } from './errors.js';

/** A config that does not follow the schema, or cannot be read; one plain sentence naming the file. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

/** The presets `extends` may name. */
export const PRESETS = ['tactful:recommended', 'tactful:strict'] as const;

/** A preset: `tactful:recommended` keeps every default, `tactful:strict` raises each rule one level. */
export type Preset = (typeof PRESETS)[number];

/** The keys a config may have. */
export const CONFIG_KEYS = ['extends', 'rules', 'allow', 'ignorePatterns', 'customRules'] as const;

const SETTINGS: readonly SeveritySetting[] = ['off', 'suggestion', 'warning', 'error'];

/** A config's contents after the schema check; custom rules are still raw data or paths to rule files. */
export interface ConfigData {
  extends: Preset[];
  rules: Record<string, SeveritySetting>;
  allow: string[];
  ignorePatterns: string[];
  /** Inline rules (mappings) and paths to rule files, relative to the config. */
  customRules: Array<{ inline: unknown } | { path: string }>;
}

/**
 * Checks a parsed config's shape (not yet its rule ids, which depend on its custom rules) and
 * returns it typed. `file` names the config in errors; an empty file is an empty config.
 */
export function validateConfig(raw: unknown, file: string): ConfigData {
  const config: ConfigData = { extends: [], rules: {}, allow: [], ignorePatterns: [], customRules: [] };
  if (raw === undefined || raw === null) return config;
  if (!isRecord(raw)) throw new ConfigError(`${file} must hold a mapping of settings (${CONFIG_KEYS.join(', ')})`);
  for (const key of Object.keys(raw)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    throw new ConfigError(`unknown key '${key}' in ${file}${didYouMean(key, CONFIG_KEYS)}`);
  }

  if (raw.extends !== undefined) {
    const presets = typeof raw.extends === 'string' ? [raw.extends] : raw.extends;
    if (!Array.isArray(presets)) throw new ConfigError(`'extends' in ${file} must be a preset name or a list of them (${PRESETS.join(', ')})`);
    for (const preset of presets) {
      if (!(PRESETS as readonly unknown[]).includes(preset)) {
        throw new ConfigError(`unknown preset '${String(preset)}' in ${file}${didYouMean(String(preset), PRESETS)}`);
      }
    }
    config.extends = presets as Preset[];
  }

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new ConfigError(`'rules' in ${file} must map rule ids to off, suggestion, warning or error`);
    for (const [id, setting] of Object.entries(raw.rules)) {
      if (!SETTINGS.includes(setting as SeveritySetting)) {
        throw new ConfigError(`rule '${id}' in ${file} must be off, suggestion, warning or error (got ${JSON.stringify(setting)})`);
      }
    }
    config.rules = raw.rules as Record<string, SeveritySetting>;
  }

  config.allow = readStrings(raw.allow, 'allow', file, 'phrases never to flag');
  config.ignorePatterns = readStrings(raw.ignorePatterns, 'ignorePatterns', file, 'gitignore-style patterns');

  if (raw.customRules !== undefined) {
    if (!Array.isArray(raw.customRules)) throw new ConfigError(`'customRules' in ${file} must be a list of rules or paths to rule files`);
    config.customRules = raw.customRules.map((entry: unknown, index) => {
      if (typeof entry === 'string' && entry.trim() !== '') return { path: entry };
      if (isRecord(entry)) return { inline: entry };
      throw new ConfigError(`customRules[${index}] in ${file} must be a rule (a mapping) or the path of a rule file`);
    });
  }
  return config;
}

/** The ` — did you mean 'x'?` tail of an error, when a candidate is close to `name`. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const nearest = nearestName(name, candidates);
  return nearest ? ` — did you mean '${nearest}'?` : '';
}

function readStrings(value: unknown, key: string, file: string, what: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw new ConfigError(`'${key}' in ${file} must be a list of ${what}`);
  }
  return list as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
