import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { createLinter, type LintOptions } from './engine/linter.js';

/**
 * retext plugin: adds tactful's findings to the file as vfile messages. It lints the file's own
 * text (the tree is not re-walked), so use it on plain-text documents.
 */
export default function retextTactful(options: LintOptions = {}) {
  const linter = createLinter(options);
  return (_tree: Root, file: VFile): void => {
    for (const finding of linter.lint(String(file.value ?? ''))) {
      const message = file.message(finding.reason, { place: finding.place, ruleId: finding.ruleId, source: finding.source });
      message.actual = finding.actual;
      message.expected = finding.expected;
      message.note = finding.note;
      message.url = finding.url;
      message.fatal = finding.fatal;
    }
  };
}
