import chalk from 'chalk';
import type { RuleDefinition } from '../library.js';

/** The `--rules` listing: id, default severity and summary of every rule. */
export function formatRuleList(rules: readonly RuleDefinition[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map(
    (rule) => `${chalk.bold(rule.id.padEnd(idWidth))}  ${rule.severity.padEnd(10)}  ${rule.summary}`,
  );
  return lines.join('\n') + '\n';
}
