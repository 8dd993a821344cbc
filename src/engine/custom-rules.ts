import { BUILTIN_RULES } from './builtin.js';
import { DIRECTIVE_PROBLEM_IDS } from './directives.js';
import { MATCHER_NAMES } from './matchers/index.js';
import type { RuleDefinition } from './types.js';
import { RuleDefinitionError, validateRule } from './validate-rule.js';

/** A team's own rule as raw data, with the name of the file it came from for error messages. */
export interface CustomRuleSource {
  file: string;
  data: unknown;
}

function isCustomRuleSource(entry: unknown): entry is CustomRuleSource {
  if (typeof entry !== 'object' || entry === null) return false;
  const keys = Object.keys(entry);
  return keys.length === 2 && typeof (entry as { file?: unknown }).file === 'string' && 'data' in entry;
}

/**
 * Validates a team's own rules with the built-ins' validator and returns them typed. Each entry is
 * a rule as data, or `{ file, data }` to name its file in errors (`customRules[i]` otherwise). Named
 * TypeScript matchers may be used, since they are built in; nothing is ever executed from the data.
 * Throws `RuleDefinitionError` for a malformed rule or an id that is taken.
 */
export function readCustomRules(entries: readonly unknown[]): RuleDefinition[] {
  // The ids of directive problems are taken too, so a finding's rule id always says what it is.
  const reserved = new Set<string>(Object.values(DIRECTIVE_PROBLEM_IDS));
  const taken = new Set([...BUILTIN_RULES.map((rule) => rule.id), ...reserved]);
  return entries.map((entry, index) => {
    const { file, data } = isCustomRuleSource(entry) ? entry : { file: `customRules[${index}]`, data: entry };
    const rule = validateRule(data, file, MATCHER_NAMES);
    if (reserved.has(rule.id)) throw new RuleDefinitionError(file, 'id', `"${rule.id}" is reserved for disable-comment problems`);
    if (taken.has(rule.id)) {
      const owner = BUILTIN_RULES.some((builtin) => builtin.id === rule.id) ? 'a built-in rule' : 'another custom rule';
      throw new RuleDefinitionError(file, 'id', `"${rule.id}" is already the id of ${owner}`);
    }
    taken.add(rule.id);
    return rule;
  });
}
