// The empathy scorecard: each of the seeds' steps met or not, with the sentence that shows it, and
// the 0–100 score documented in docs/scorecard.md.
import { describe, expect, it } from 'vitest';
import { MODEM_REPLY_EMAIL } from './modem-email.js';
import {
  createLinter,
  DIRECTIVE_PROBLEM_IDS,
  lintSource,
  score,
  scoreSource,
  STEP_WEIGHTS,
  STEPS,
  type ScoredReply,
  type Scorecard,
  type SourceFormat,
  type Step,
  type StepResult,
} from '../src/index.js';

const GOOD =
  "Hi Dan,\n\nI'm sorry your modem has been dead since Tuesday; I know how much you rely on it. Let's get it fixed together: " +
  "I've booked an engineer for tomorrow morning and I'll call you at 9 to confirm.\n\nThanks,\nOllie";
const CONTEXT = 'My modem has been dead since Tuesday!! I work from home and need it.';

function step(card: Scorecard, name: Step) {
  return card.steps.find((result) => result.step === name)!;
}

describe('score', () => {
  it('weighs the six steps to 100', () => {
    expect(STEPS).toEqual(['listen', 'validate', 'cooperate', 'affirm', 'plan', 'calm']);
    expect(Object.values(STEP_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });

  it('gives a reply that takes every step 100, with the sentence that shows each', () => {
    const card = score(GOOD, { context: CONTEXT });
    expect(card.score).toBe(100);
    expect(card.concern).toBe('your modem has been dead since Tuesday');
    expect(step(card, 'validate').evidence?.sentence).toMatch(/^I'm sorry your modem has been dead since Tuesday/);
    expect(step(card, 'affirm').evidence?.sentence).toMatch(/^I'm sorry your modem/);
    expect(step(card, 'cooperate').evidence?.sentence).toMatch(/^Let's get it fixed together/);
    expect(step(card, 'plan').evidence?.sentence).toMatch(/I'll call you at 9/);
    // Listening and staying calm are met by what the reply does not do: no sentence to show.
    expect(step(card, 'listen')).toEqual({ step: 'listen', met: true, points: 10 });
    expect(step(card, 'calm')).toEqual({ step: 'calm', met: true, points: 15 });
    const evidence = step(card, 'plan').evidence!;
    expect(GOOD.slice(evidence.start, evidence.end).replace(/\s+/g, ' ')).toBe(evidence.sentence);
  });

  it('affirms when the reply repeats the concern, which only the context can show', () => {
    const reply = "Hi Dan,\n\nThe modem has been dead since Tuesday because of a fault at the cabinet. I'll have it fixed by Friday.\n\nOllie";
    expect(step(score(reply, { context: CONTEXT }), 'affirm').met).toBe(true);
    expect(step(score(reply), 'affirm').met).toBe(false);
    // The seeds' own words for it count without a context.
    expect(step(score('Let me just confirm, you mentioned that the modem is dead. I will send an engineer today.'), 'affirm').met).toBe(true);
  });

  it('names the finding that keeps a step from being met', () => {
    const card = score(
      "Hi Dan,\n\nCould you explain the problem again? It's just a small outage. That's not our fault. STOP EMAILING US!!\n\nOllie",
    );
    expect(step(card, 'listen')).toMatchObject({ met: false, points: 0, evidence: { ruleId: 'asks-to-repeat', sentence: 'Could you explain the problem again?' } });
    expect(step(card, 'validate').evidence?.ruleId).toBe('minimizing');
    expect(step(card, 'cooperate').evidence?.ruleId).toBe('defensive');
    expect(step(card, 'calm').evidence?.ruleId).toBe('shouting');
    expect(step(card, 'plan')).toEqual({ step: 'plan', met: false, points: 0 });
    expect(card.score).toBe(0);
  });

  it('is the sum of the weights of the steps met', () => {
    const card = score("Hi Dan,\n\nYour ticket is with our network team. They reply within two days, and I'll forward their answer.\n\nThanks,\nOllie");
    const expected = card.steps.filter((result) => result.met).reduce((sum, result) => sum + STEP_WEIGHTS[result.step], 0);
    expect(card.score).toBe(expected);
    expect(step(card, 'validate').met).toBe(false);
    expect(step(card, 'plan').met).toBe(true);
    expect(card.findings.map((finding) => finding.ruleId)).toContain('no-acknowledgement');
  });

  it('scores an empty reply 0', () => {
    expect(score('').score).toBe(0);
    expect(score('  \n').steps.every((result) => !result.met)).toBe(true);
  });

  it('follows the rule settings: a rule turned off keeps no step from being met', () => {
    const reply = 'I understand this is URGENT. I have booked the engineer for you and I will call at 9.';
    expect(step(score(reply), 'calm').met).toBe(false);
    expect(step(score(reply, { rules: { shouting: 'off' } }), 'calm').met).toBe(true);
    expect(step(score(reply, { linter: createLinter({ rules: { shouting: 'off' } }) }), 'calm').met).toBe(true);
  });
});

describe('score with findings given', () => {
  const ASKS = "Hi Dan,\n\nI'm sorry your modem is dead. Could you explain the problem again? I'll call you at 9.\n\nOllie";

  it('builds the card from those findings instead of linting the reply again', () => {
    const linted = score(ASKS);
    expect(step(linted, 'listen').evidence?.ruleId).toBe('asks-to-repeat');
    const without = linted.findings.filter((finding) => finding.ruleId !== 'asks-to-repeat');
    const card = score(ASKS, { findings: without });
    expect(step(card, 'listen')).toEqual({ step: 'listen', met: true, points: STEP_WEIGHTS.listen });
    expect(card.score).toBe(linted.score + STEP_WEIGHTS.listen);
    expect(card.findings).toEqual(without);
  });
});

describe('scoreSource', () => {
  // Each unit of a plain-text or Markdown file here is the whole reply, so a single card.
  async function cardOf(source: string, format: SourceFormat = 'text'): Promise<Scorecard> {
    const replies = await scoreSource(source, { format });
    expect(replies).toHaveLength(1);
    return replies[0]!.card;
  }
  const ids = (card: Scorecard) => card.findings.map((finding) => finding.ruleId);
  const ASK = 'Could you explain the problem again?';
  const reply = (...middle: string[]) => ["Hi Dan,", '', "I'm sorry your modem has been dead since Tuesday.", ...middle, "I'll call you at 9 tomorrow.", '', 'Ollie', ''].join('\n');

  it('gives back the points of a step that a directive silenced the finding of', async () => {
    const plain = await cardOf(reply(ASK));
    expect(step(plain, 'listen')).toMatchObject({ met: false, points: 0, evidence: { ruleId: 'asks-to-repeat' } });
    const silenced = await cardOf(reply('tactful-disable-next-line asks-to-repeat -- the form needs it', ASK));
    expect(step(silenced, 'listen')).toEqual({ step: 'listen', met: true, points: STEP_WEIGHTS.listen });
    expect(silenced.score).toBe(plain.score + STEP_WEIGHTS.listen);
    expect(ids(silenced)).not.toContain('asks-to-repeat');
  });

  it('reads a plain-text directive line as no sentence of the reply', async () => {
    // The reason says "as you mentioned": read as a sentence, it would pass for repeating the concern back.
    const card = await cardOf(reply('tactful-disable-next-line bare-sorry -- house style, as you mentioned in review', 'Sorry.'));
    expect(step(card, 'affirm')).toEqual({ step: 'affirm', met: false, points: 0 });
    expect(card.steps.map((result) => result.evidence?.sentence ?? '').join(' ')).not.toContain('tactful-');
    // Nor is the "bare-sorry" it names a bare sorry of the reply.
    expect(ids(card)).not.toContain('bare-sorry');
    // The card is the one of the reply without the line, less the finding the line silences.
    const without = await cardOf(reply('', 'Sorry.'));
    expect(card.score).toBe(without.score);
    // (Evidence offsets differ: the line is blanked, not removed.)
    const shown = (result: StepResult) => [result.step, result.points, result.evidence?.sentence];
    expect(card.steps.map(shown)).toEqual(without.steps.map(shown));
    expect(ids(without).filter((id) => id !== 'bare-sorry')).toEqual(ids(card));
  });

  it('honours an HTML comment in Markdown', async () => {
    const minimizing = "It's just a small outage.";
    const plain = await cardOf(reply(minimizing), 'markdown');
    expect(step(plain, 'validate').evidence?.ruleId).toBe('minimizing');
    const silenced = await cardOf(reply('<!-- tactful-disable-next-line minimizing -->', minimizing), 'markdown');
    expect(step(silenced, 'validate')).toMatchObject({ met: true, points: STEP_WEIGHTS.validate });
    expect(silenced.score).toBe(plain.score + STEP_WEIGHTS.validate);
  });

  it('honours a Liquid comment in every variant of a template', async () => {
    const template = (comment: string) =>
      ['{% if first_name %}Hi {{ first_name }},{% else %}Hi there,{% endif %}', '', "I'm sorry your modem has been dead since Tuesday.", comment, ASK, "I'll call you at 9 tomorrow.", ''].join('\n');
    const plain = await scoreSource(template(''));
    const silenced = await scoreSource(template('{% comment %}tactful-disable asks-to-repeat -- the form needs it{% endcomment %}'));
    expect(plain).toHaveLength(2);
    expect(silenced).toHaveLength(2);
    expect(plain.map((unit) => step(unit.card, 'listen').met)).toEqual([false, false]);
    expect(silenced.map((unit) => step(unit.card, 'listen').met)).toEqual([true, true]);
    expect(silenced.map((unit) => unit.card.score)).toEqual(plain.map((unit) => unit.card.score + STEP_WEIGHTS.listen));
  });

  it('still counts the findings a directive does not name', async () => {
    const card = await cardOf(reply('tactful-disable-next-line bare-sorry', `Sorry. ${ASK} CALM DOWN!!`));
    expect(ids(card)).not.toContain('bare-sorry');
    expect(ids(card)).toEqual(expect.arrayContaining(['asks-to-repeat', 'shouting']));
    expect(step(card, 'listen').evidence?.ruleId).toBe('asks-to-repeat');
    expect(step(card, 'calm').evidence?.ruleId).toBe('shouting');
  });

  it('leaves the problems with directives to lint: they are about the file, not a reply', async () => {
    const source = reply('tactful-disable-next-line asks-to-repeat, bare-sory', ASK, 'tactful-disable-next-line shouting');
    const problems = (await lintSource(source, { reportUnusedDisableDirectives: true })).map((finding) => finding.ruleId);
    expect(problems).toEqual(expect.arrayContaining([DIRECTIVE_PROBLEM_IDS.invalid, DIRECTIVE_PROBLEM_IDS.unused]));
    const [only] = await scoreSource(source, { reportUnusedDisableDirectives: true });
    expect(ids(only!.card).filter((id) => (Object.values(DIRECTIVE_PROBLEM_IDS) as string[]).includes(id))).toEqual([]);
    expect(step(only!.card, 'listen').met).toBe(true);
  });

  it('places each reply\'s findings in the file as lintSource does', async () => {
    const source = '# Late parcel\n\nHi {{name}},\n\nSorry for the wait. Could you explain the problem again?\n\nAnn\n';
    const linted = (await lintSource(source, { format: 'markdown' })).map((f) => `${f.ruleId}@${f.line}:${f.column}`);
    const [reply] = await scoreSource(source, { format: 'markdown' });
    expect(reply!.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`).sort()).toEqual(linted.sort());
    // The card keeps the reply's own offsets (the heading is not part of the reply), in the same order.
    expect(reply!.card.findings.map((f) => f.ruleId)).toEqual(reply!.findings.map((f) => f.ruleId));
    expect(reply!.card.findings.find((f) => f.ruleId === 'bare-sorry')!.line).toBe(3);
    expect(reply!.findings.find((f) => f.ruleId === 'bare-sorry')!.line).toBe(5);
  });

  it('keeps in the cards exactly the findings lintSource keeps', async () => {
    const source = [
      'Hi Dan,',
      '',
      '# tactful-disable-next-line bare-sorry -- house style',
      `Sorry for the wait. ${ASK}`,
      "Sorry for the wait. It's just a small outage.",
      'tactful-disable shouting',
      'PLEASE RESTART THE ROUTER!!',
      'tactful-enable',
      'CALM DOWN!!',
      '',
      'Ollie',
    ].join('\n');
    const linted = (await lintSource(source)).map((finding) => `${finding.ruleId}@${finding.place.start.offset}`);
    const replies: ScoredReply[] = await scoreSource(source);
    // Plain text: the unit is the file, so offsets are the same in both.
    const scored = replies[0]!.card.findings.map((finding) => `${finding.ruleId}@${finding.place.start.offset}`);
    expect(scored.sort()).toEqual(linted.sort());
    // The directives did silence something, and not everything.
    expect(linted.filter((id) => id.startsWith('bare-sorry@'))).toEqual([`bare-sorry@${source.indexOf("Sorry for the wait. It's")}`]);
    const shouting = linted.filter((id) => id.startsWith('shouting@')).map((id) => Number(id.split('@')[1]));
    expect(shouting.length).toBeGreaterThan(0);
    expect(shouting.every((offset) => offset >= source.indexOf('CALM DOWN'))).toBe(true);
  });

  it("uses each unit's own context: an e-mail's quoted message", async () => {
    const [only] = await scoreSource(MODEM_REPLY_EMAIL, { format: 'email' });
    expect(only!.card.concern).toBe('your modem has been dead since Tuesday');
    expect(only!.text.trim()).toBe('Sorry.');
  });

  it('skips units with no text, and takes a linter', async () => {
    expect(await scoreSource('tactful-disable-next-line bare-sorry\n')).toEqual([]);
    const [only] = await scoreSource(reply(ASK), { linter: createLinter({ rules: { 'asks-to-repeat': 'off' } }) });
    expect(step(only!.card, 'listen').met).toBe(true);
  });
});
