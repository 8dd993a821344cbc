import type { Finding } from '../../library.js';
import { countFindings } from './counts.js';
import type { Formatter } from './types.js';

/** Characters XML 1.0 forbids anywhere, even escaped: C0 controls but tab and line breaks, lone surrogates, U+FFFE/F. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes element text: `&`, `<`, `>`; characters XML cannot hold become U+FFFD. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; line breaks and tabs become character references so parsers keep them. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * JUnit XML, as CI servers (Jenkins, GitLab, Azure Pipelines, CircleCI) read test reports: one
 * `<testsuite>` per file, one `<testcase>` per finding (a `<failure>` for warnings and errors; a
 * suggestion passes, its text in `<system-out>`), and one passing testcase for a clean file.
 */
export const formatJunit: Formatter = function* (results) {
  const total = countFindings(results);
  const cases = (findings: readonly Finding[]) => Math.max(findings.length, 1);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="tactful" tests="${results.reduce((sum, { findings }) => sum + cases(findings), 0)}" failures="${total.errors + total.warnings}" errors="0" time="0">\n`;
  for (const result of results) {
    const counts = countFindings([result]);
    const file = escapeXmlAttribute(result.filePath);
    yield `  <testsuite name="${file}" tests="${cases(result.findings)}" failures="${counts.errors + counts.warnings}" errors="0" skipped="0" time="0">\n`;
    if (result.findings.length === 0) yield `    <testcase name="tactful" classname="${file}" time="0"/>\n`;
    for (const finding of result.findings) yield `${testcase(finding, file).join('\n')}\n`;
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
};

function testcase(finding: Finding, file: string): string[] {
  const { line, column } = finding.place.start;
  const name = escapeXmlAttribute(`${finding.ruleId} at ${line}:${column}`);
  const details = [
    `${finding.severity} at line ${line}, column ${column}: ${finding.reason} [${finding.ruleId}]`,
    `Flagged: “${finding.actual}”`,
    ...(finding.expected.length > 0 ? [`${finding.insertAt === undefined ? 'Try' : 'Add'}: ${finding.expected.map((rewrite) => `“${rewrite}”`).join(' or ')}`] : []),
    `Why: ${finding.note}`,
    finding.url,
  ].join('\n');
  const body =
    finding.severity === 'suggestion'
      ? `      <system-out>${escapeXmlText(details)}</system-out>`
      : `      <failure message="${escapeXmlAttribute(finding.reason)}" type="${finding.severity}">${escapeXmlText(details)}</failure>`;
  return [`    <testcase name="${name}" classname="${file}" time="0">`, body, '    </testcase>'];
}
