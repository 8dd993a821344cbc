import type { SourceFinding } from '../../library.js';
import { countFindings } from './counts.js';
import type { Formatter } from './types.js';

/**
 * ESLint's JSON shape: one entry per file with its messages and counts. `severity` is 2 for errors
 * and 1 for warnings and suggestions; `level` keeps tactful's own three levels apart. Written a
 * message at a time; the text is what `JSON.stringify` gives for the whole array, without spaces.
 */
export const formatJson: Formatter = function* (results) {
  yield '[';
  for (const [fileIndex, result] of results.entries()) {
    yield `${fileIndex > 0 ? ',' : ''}{"filePath":${JSON.stringify(result.filePath)},"messages":[`;
    for (const [index, finding] of result.findings.entries()) yield `${index > 0 ? ',' : ''}${JSON.stringify(jsonMessage(finding))}`;
    const counts = countFindings([result]);
    const countFields = {
      errorCount: counts.errors,
      warningCount: counts.warnings,
      suggestionCount: counts.suggestions,
      fixableErrorCount: counts.fixableErrors,
      fixableWarningCount: counts.fixableWarnings,
    };
    // `{"errorCount":…}` without its opening brace continues the file's object after the messages.
    yield `],${JSON.stringify(countFields).slice(1)}`;
  }
  yield ']\n';
};

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
