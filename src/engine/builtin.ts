import { BUILTIN_RULE_FILES } from '../generated/builtin-rules.js';
import { MATCHER_NAMES } from './matchers/index.js';
import type { RuleDefinition } from './types.js';
import { validateRule, RuleDefinitionError } from './validate-rule.js';

/** The built-in rules, validated, in id order. */
export const BUILTIN_RULES: readonly RuleDefinition[] = BUILTIN_RULE_FILES.map(({ file, data }) => {
  // Their regular expressions are checked by tests/regex-safety.test.ts and compiled by every test, not at every start.
  const rule = validateRule(data, file, MATCHER_NAMES, { checkBacktracking: false, checkSyntax: false });
  if (`rules/${rule.id}.yml` !== file) throw new RuleDefinitionError(file, 'id', `must equal the file name ("${rule.id}")`);
  return rule;
});
