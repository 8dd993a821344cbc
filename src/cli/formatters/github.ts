import type { Severity } from '../../library.js';
import { relativePath } from './paths.js';
import { STDIN_PATH, type Formatter } from './types.js';

/** GitHub has three annotation levels; a suggestion is a notice. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', suggestion: 'notice' };

/** Escapes a workflow command's message as GitHub's actions toolkit does (`escapeData`). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: also `:` and `,`, which end a property (`escapeProperty`). */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding (`::warning file=…,line=…::message`), which the
 * runner turns into annotations on the pull request's diff. Paths are relative to `cwd`, the checkout.
 */
export const formatGithub: Formatter = function* (results, options) {
  const cwd = options.cwd ?? process.cwd();
  for (const { filePath, findings } of results) {
    for (const finding of findings) {
      const { start, end } = finding.place;
      const properties: [string, string | number][] = [];
      // Standard input has no file to annotate; the annotation still shows in the run's summary.
      if (filePath !== STDIN_PATH) properties.push(['file', relativePath(filePath, cwd)]);
      properties.push(['line', start.line], ['col', start.column], ['endLine', end.line], ['endColumn', end.column]);
      properties.push(['title', `${finding.ruleId} (tactful)`]);
      const rendered = properties.map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`).join(',');
      yield `::${COMMAND[finding.severity]} ${rendered}::${escapeCommandData(message(finding.reason, finding.expected, finding.insertAt !== undefined))}\n`;
    }
  }
};

function message(reason: string, rewrites: readonly string[], isInsertion: boolean): string {
  if (rewrites.length === 0) return reason;
  const quoted = rewrites.map((rewrite) => `“${rewrite}”`).join(' or ');
  return `${reason}\n${isInsertion ? 'Add' : 'Try'}: ${quoted}`;
}
