import chalk from 'chalk';
import { STEP_WEIGHTS, type Step, type StepResult } from '../library.js';
import type { ScoredUnit } from './scored-units.js';

/** What each step means when met, and when missed with no sentence to blame. */
const STEP_TEXT: Readonly<Record<Step, { met: string; missed: string }>> = {
  listen: { met: "doesn't make the customer repeat themselves", missed: 'asks the customer to repeat what they said' },
  validate: { met: 'acknowledges the concern or feeling', missed: 'nothing acknowledges the concern or feeling' },
  cooperate: { met: 'works with the customer', missed: "nothing offers to work with the customer (let's, together, I can help…)" },
  affirm: { met: 'repeats the concern back', missed: "never repeats the customer's concern back" },
  plan: { met: 'commits to a next step', missed: 'commits to no next step' },
  calm: { met: 'stays calm', missed: 'raises the temperature' },
};

/** What a finding in the sentence did to miss the step. */
const BLOCKER_TEXT: Readonly<Record<string, string>> = {
  'asks-to-repeat': 'asks the customer to repeat what they said',
  minimizing: 'plays the problem down',
  'dismissive-question': 'questions the customer instead of validating the problem',
  'reinforcing-agreement': 'agrees with the complaint instead of rephrasing it',
  defensive: 'defends or blames instead of owning the next step',
  'distant-language': 'sounds distant and bureaucratic',
  'negative-framing': 'says no with nothing offered',
  shouting: 'raises its voice',
  'tone-policing': "answers the customer's tone instead of the issue",
  sympathy: "takes on the customer's emotion",
};

const BAR_WIDTH = 20;

/** The colour for a score: green from 80, yellow from 50, red below. */
export function scoreStyle(value: number): (text: string) => string {
  return value >= 80 ? chalk.green : value >= 50 ? chalk.yellow : chalk.red;
}

/** What a step result says, in one phrase. */
export function describeStep(result: StepResult): string {
  if (result.met) return STEP_TEXT[result.step].met;
  const ruleId = result.evidence?.ruleId;
  return (ruleId && BLOCKER_TEXT[ruleId]) ?? STEP_TEXT[result.step].missed;
}

/** One readable card per reply, then a summary line; `minScore` marks the replies below it. */
export function formatCards(units: readonly ScoredUnit[], minScore: number | undefined): string {
  const lines: string[] = [];
  for (const unit of units) {
    const { score, steps, concern } = unit.card;
    const style = scoreStyle(score);
    const filled = Math.round((score / 100) * BAR_WIDTH);
    const below = minScore !== undefined && score < minScore ? chalk.red(`  below ${minScore}`) : '';
    lines.push(`${chalk.underline(unit.name)}  ${style(chalk.bold(`${score}/100`))}  ${style('█'.repeat(filled))}${chalk.dim('░'.repeat(BAR_WIDTH - filled))}${below}`);
    for (const result of steps) {
      const mark = result.met ? chalk.green('✔') : chalk.red('✖');
      const points = `${result.points}/${STEP_WEIGHTS[result.step]}`.padStart(5);
      const head = `  ${mark} ${result.step.padEnd(9)} ${chalk.dim(points)}  ${describeStep(result)}`;
      lines.push(result.evidence?.ruleId ? `${head} ${chalk.dim(`(${result.evidence.ruleId})`)}` : head);
      if (result.evidence) lines.push(`${' '.repeat(21)}${chalk.dim('“')}${excerpt(result.evidence.sentence)}${chalk.dim('”')}`);
    }
    if (concern) lines.push(chalk.dim(`  the customer's concern: ${concern}`));
    lines.push('');
  }
  if (units.length > 1) {
    const average = Math.round(units.reduce((sum, unit) => sum + unit.card.score, 0) / units.length);
    const failing = minScore === undefined ? 0 : units.filter((unit) => unit.card.score < minScore).length;
    const tail = minScore === undefined ? '' : `, ${failing} below ${minScore}`;
    lines.push(scoreStyle(average)(`${units.length} replies, average score ${average}${tail}`), '');
  }
  return lines.join('\n');
}

/**
 * The cards as JSON: one object per reply, with its steps, evidence (offsets into the reply's text)
 * and findings (line and column in the file, as the lint command's JSON gives them).
 */
export function formatCardsJson(units: readonly ScoredUnit[]): string {
  const cards = units.map(({ filePath, label, card, findings }) => ({
    filePath,
    ...(label ? { unit: label } : {}),
    score: card.score,
    ...(card.concern ? { concern: card.concern } : {}),
    steps: card.steps,
    findings: findings.map(({ ruleId, severity, line, column, actual, expected }) => ({ ruleId, severity, line, column, actual, expected })),
  }));
  return `${JSON.stringify(cards, null, 2)}\n`;
}

/** A sentence on one line, shortened in the middle when it is long. */
export function excerpt(text: string, max = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 45)} … ${flat.slice(-40)}`;
}
