import chalk from 'chalk';
import type { SourceFinding, UnitLabel } from '../../library.js';
import { countFindings } from './counts.js';
import type { Formatter } from './types.js';

const SEVERITY_STYLE = {
  error: chalk.red,
  warning: chalk.yellow,
  suggestion: chalk.dim,
} as const;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One block per file: position, severity, message, rule id, then the flagged text and rewrites; a
 * summary of the counts at the end. Written a finding at a time, so the counts are taken first.
 */
export const formatStylish: Formatter = function* (results, options) {
  const counts = countFindings(results);
  for (const { filePath, findings } of results) {
    if (findings.length === 0) continue;
    yield `${chalk.underline(filePath)}\n`;
    const width = findings.reduce((widest, finding) => Math.max(widest, positionOf(finding).length), 0);
    for (const finding of findings) yield `${formatFinding(finding, positionOf(finding).padEnd(width), options.why).join('\n')}\n`;
    yield '\n';
  }
  const problems = counts.errors + counts.warnings;
  if (problems > 0 || counts.suggestions > 0) {
    const summary = `${problems > 0 ? '✖' : 'ℹ'} ${plural(problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})${counts.suggestions > 0 ? `, ${plural(counts.suggestions, 'suggestion')}` : ''}`;
    yield `${counts.errors > 0 ? chalk.red.bold(summary) : problems > 0 ? chalk.yellow.bold(summary) : chalk.dim(summary)}\n`;
    const fixable = counts.fixableErrors + counts.fixableWarnings;
    if (fixable > 0) yield `${chalk.dim(`  ${plural(fixable, 'problem')} can be fixed safely with --fix (it applies the first rewrite).`)}\n`;
  }
};

/** Where a finding starts, as `line:column`. */
function positionOf(finding: SourceFinding): string {
  return `${finding.place.start.line}:${finding.place.start.column}`;
}

function formatFinding(finding: SourceFinding, position: string, why: boolean): string[] {
  const style = SEVERITY_STYLE[finding.severity];
  const head = `  ${chalk.dim(position)}  ${style(finding.severity.padEnd(10))} ${finding.reason}  ${chalk.dim(finding.ruleId)}`;
  const indent = ' '.repeat(position.length + 4);
  const lines = [finding.severity === 'suggestion' ? chalk.dim(head) : head];
  if (finding.unit) lines.push(`${indent}${chalk.dim(describeUnit(finding.unit))}`);
  const rewrites = finding.expected.map((rewrite) => chalk.green(`“${rewrite}”`)).join(chalk.dim(' or '));
  if (finding.expected.length === 0) {
    // Directive problems and other findings without a rewrite show only what was flagged.
    if (finding.actual) lines.push(`${indent}${chalk.dim('“')}${excerpt(finding.actual)}${chalk.dim('”')}`);
  } else if (finding.insertAt === undefined) {
    lines.push(`${indent}${chalk.dim('“')}${excerpt(finding.actual)}${chalk.dim('”')} ${chalk.dim('→')} ${rewrites}`);
  } else {
    // A reply-level finding adds a line rather than replacing the flagged text.
    const where = finding.insertAt <= finding.place.start.offset ? 'add before it:' : 'add at the end of the reply:';
    lines.push(`${indent}${chalk.dim(where)} ${rewrites}`);
  }
  if (why) lines.push(`${indent}${chalk.dim(`why: ${finding.note}`)}`);
  return lines;
}

/** The flagged text on one line, shortened in the middle when it is long. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= 120 ? flat : `${flat.slice(0, 70)} … ${flat.slice(-40)}`;
}

/** The macro a finding is in, as `macro 360001 “Shipping delay”`. */
function describeUnit(unit: UnitLabel): string {
  return ['macro', unit.id, unit.title !== undefined ? `“${unit.title}”` : undefined].filter(Boolean).join(' ');
}
