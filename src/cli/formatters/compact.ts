import { oneLine } from './paths.js';
import type { Formatter } from './types.js';

/**
 * One line per finding, `file:line:col: severity message [rule]`, the shape compilers print and
 * editors (Vim's errorformat, Emacs compile mode, VS Code problem matchers) parse. No summary line.
 */
export const formatCompact: Formatter = (results) => {
  const lines: string[] = [];
  for (const { filePath, findings } of results) {
    for (const finding of findings) {
      const { line, column } = finding.place.start;
      lines.push(`${filePath}:${line}:${column}: ${finding.severity} ${oneLine(finding.reason)} [${finding.ruleId}]`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
};
