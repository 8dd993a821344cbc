import type { SourceFinding } from '../../library.js';
import { countFindings } from './counts.js';
import type { Formatter } from './types.js';

/**
 * ESLint's JSON shape: one entry per file with its messages and counts. `severity` is 2 for errors
 * and 1 for warnings and suggestions; `level` keeps tactful's own three levels apart.
 */
export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((result) => {
      const counts = countFindings([result]);
      return {
        filePath: result.filePath,
        messages: result.findings.map(jsonMessage),
        errorCount: counts.errors,
        warningCount: counts.warnings,
        suggestionCount: counts.suggestions,
        fixableErrorCount: counts.fixableErrors,
        fixableWarningCount: counts.fixableWarnings,
      };
    }),
  ) + '\n';

/** One finding as an ESLint-shaped message; `--jsonl` prints the same objects. */
export function jsonMessage(finding: SourceFinding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    level: finding.severity,
    message: finding.reason,
    line: finding.place.start.line,
    column: finding.place.start.column,
    endLine: finding.place.end.line,
    endColumn: finding.place.end.column,
    offset: finding.place.start.offset,
    endOffset: finding.place.end.offset,
    actual: finding.actual,
    suggestions: finding.expected,
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.insertAt !== undefined ? { insertAt: finding.insertAt } : {}),
    ...(finding.unit ? { unit: finding.unit } : {}),
    note: finding.note,
    url: finding.url,
  };
}
