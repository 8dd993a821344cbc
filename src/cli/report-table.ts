import chalk from 'chalk';
import type { LibraryReport } from './report-model.js';
import { excerpt, scoreStyle } from './score-format.js';

const NAME_WIDTH = 44;

/** The report as terminal tables: totals, findings per rule, the lowest-scoring replies with their top finding. */
export function formatReportTable(report: LibraryReport): string {
  const lines: string[] = [];
  const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  lines.push(
    chalk.bold(
      `tactful report: ${plural(report.files, 'file')}, ${plural(report.replies, 'reply', 'replies')} linted, ` +
        `${plural(report.findings, 'finding')}, average score ${report.averageScore}`,
    ),
    '',
  );

  lines.push(chalk.underline('Findings per rule'));
  if (report.byRule.length === 0) lines.push(chalk.dim('  none'));
  else {
    const width = Math.max(4, ...report.byRule.map((tally) => tally.ruleId.length));
    lines.push(chalk.dim(`  ${'rule'.padEnd(width)}  findings  replies`));
    for (const tally of report.byRule) {
      lines.push(`  ${tally.ruleId.padEnd(width)}  ${String(tally.findings).padStart(8)}  ${String(tally.replies).padStart(7)}`);
    }
  }
  lines.push('');

  lines.push(chalk.underline(`The ${report.lowest.length === 1 ? 'lowest-scoring reply' : `${report.lowest.length} lowest-scoring replies`}`));
  if (report.lowest.length === 0) lines.push(chalk.dim('  none'));
  else {
    const width = Math.min(NAME_WIDTH, Math.max(5, ...report.lowest.map(({ unit }) => unit.name.length)));
    lines.push(chalk.dim(`  score  ${'reply'.padEnd(width)}  top finding`));
    for (const { unit, top } of report.lowest) {
      const score = scoreStyle(unit.card.score)(String(unit.card.score).padStart(5));
      const finding = top ? `${top.ruleId}  ${chalk.dim('“')}${excerpt(top.actual, 60)}${chalk.dim('”')}` : chalk.dim('no findings');
      lines.push(`  ${score}  ${shorten(unit.name, width).padEnd(width)}  ${finding}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** `text` at most `width` characters, shortened in the middle. */
function shorten(text: string, width: number): string {
  if (text.length <= width) return text;
  const tail = Math.floor((width - 1) / 2);
  return `${text.slice(0, width - 1 - tail)}…${text.slice(-tail)}`;
}
