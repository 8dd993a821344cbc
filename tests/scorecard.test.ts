// The empathy scorecard: each of the seeds' steps met or not, with the sentence that shows it, and
// the 0–100 score documented in docs/scorecard.md.
import { describe, expect, it } from 'vitest';
import { createLinter, score, STEP_WEIGHTS, STEPS, type Scorecard, type Step } from '../src/index.js';

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
