import { oneLine } from './paths.js';
import type { Formatter } from './types.js';

/**
 * One line per finding, `file:line:col: severity message [rule]`, the shape compilers print and
 * editors (Vim's errorformat, Emacs compile mode, VS Code problem matchers) parse. No summary line.
 */
export const formatCompact: Formatter = function* (results) {
  for (const { filePath, findings } of results) {
    for (const finding of findings) {
      const { line, column } = finding.place.start;
      yield `${filePath}:${line}:${column}: ${finding.severity} ${oneLine(finding.reason)} [${finding.ruleId}]\n`;
    }
  }
};
