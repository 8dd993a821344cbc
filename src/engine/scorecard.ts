// The empathy scorecard: the seeds' steps — listen, validate, cooperate, affirm (003), plan and calm
// (000) — each met or not for one reply, with the sentence that shows it, and a 0–100 score.
// Pure: text in, structured data out; the CLI's formatters turn it into words. docs/scorecard.md
// explains the formula.
import { parseDocument, type ParsedDocument, type Sentence } from '../parse/document.js';
import { BUILTIN_RULES } from './builtin.js';
import { extractConcern } from './concern.js';
import { createLinter, type Linter, type LintOptions } from './linter.js';
import { compileReplyRule, findReplyBody, type CompiledReplyRule } from './reply.js';
import type { Finding, ReplyRuleDefinition } from './types.js';

/** One step of an empathetic reply, from the seed documents. */
export type Step = 'listen' | 'validate' | 'cooperate' | 'affirm' | 'plan' | 'calm';

/** The steps in the order a card shows them. */
export const STEPS: readonly Step[] = ['listen', 'validate', 'cooperate', 'affirm', 'plan', 'calm'];

/**
 * Points each step is worth; they add up to 100. The steps a reply must actively take (validate,
 * affirm, plan) weigh most; listen and calm are mostly met by not doing something wrong.
 */
export const STEP_WEIGHTS: Readonly<Record<Step, number>> = {
  listen: 10,
  validate: 20,
  cooperate: 15,
  affirm: 20,
  plan: 20,
  calm: 15,
};

/** The sentence that shows a step met or missed, in offsets of the reply. */
export interface Evidence {
  /** The sentence, whitespace collapsed. */
  sentence: string;
  start: number;
  end: number;
  /** The rule whose finding in this sentence keeps the step from being met. */
  ruleId?: string;
}

/** One step, met or not, with the sentence that shows it (none when met by what the reply does not do). */
export interface StepResult {
  step: Step;
  met: boolean;
  /** Points the step earned: its weight when met, else 0. */
  points: number;
  evidence?: Evidence;
}

/** The scorecard of one reply. */
export interface Scorecard {
  /** 0–100: the weights of the steps met (see STEP_WEIGHTS). */
  score: number;
  steps: StepResult[];
  /** The customer's concern in the agent's voice, when a context was given and one was found. */
  concern?: string;
  /** The lint findings the card was built from. */
  findings: Finding[];
}

/**
 * Options for `score`: those of a lint run, including the customer's message as `context`; or a
 * `linter` already built (say, from a config file) with that `context`.
 */
export interface ScoreOptions extends LintOptions {
  linter?: Linter;
  /**
   * The reply's findings, when they are already known: the card is built from these (offsets into
   * `text`) and `text` is not linted again. `scoreSource` passes those its file's disable comments let through.
   */
  findings?: readonly Finding[];
}

// Findings that keep a step from being met, by rule id.
const BLOCKERS: Readonly<Record<Step, readonly string[]>> = {
  listen: ['asks-to-repeat'],
  validate: ['minimizing', 'dismissive-question', 'reinforcing-agreement'],
  cooperate: ['defensive', 'distant-language', 'negative-framing'],
  affirm: [],
  plan: [],
  calm: ['shouting', 'tone-policing', 'sympathy'],
};

// Teaming up with the customer (003: "treat your customers as partners"; "what you can do for them").
// "We can only…" and "I can see…" are not offers, so a bare "we can" does not count; nor does a bare
// "for you" ("is it possible for you to…").
const OFFER = 'help|sort|fix|get|make sure|look|check|send|arrange|take care|call|book|refund|replace|update|keep|try|set up|move|change|extend|waive|reset|restore|credit|swap|cancel|escalate|do';
const COOPERATION = new RegExp(
  String.raw`\b(?:let['’]s|together|what (?:I|we) can do|here['’]s what|help you|work with you|on your side|` +
    String.raw`(?:I|we)(?:['’]ll| will| can| could)(?: (?:also|definitely|certainly|happily|gladly|now|still))? (?:\p{L}+ )?(?:${OFFER}))\b`,
  'iu',
);
// The clearest sign of a plan, preferred as the evidence when several sentences count.
const COMMITMENT = /\b(?:I|we)(?:['’]ll| will| am going to|['’]m going to|['’]ve| have)\b|\bhere['’]s what\b/iu;
// Repeating the concern back (003: "Let me just confirm, you mentioned that…"; 000: "I hear…").
const RESTATEMENT =
  /\b(?:let me (?:just )?(?:confirm|repeat)|just to (?:confirm|check I understand)|to make sure I understand|if I (?:heard|understood|understand) (?:it|that|you|this)?(?: correctly| right)?|you mentioned|you(?:['’]ve| have) (?:told|said|mentioned|explained)|as you (?:said|mentioned|described|explained)|your concern is|I hear (?:that|you['’]re saying|you say)|I think you['’]re saying|it sounds like|I can see (?:that )?(?:you|your)\b|I understand (?:that )?(?:your|you['’]ve|you have|you['’]re|you are|the)\b)/iu;
// Words too common to show that a reply repeats the customer's concern.
const STOPWORDS = new Set(
  'a an and are as at be been but by for from had has have how i in is it its it’s it\'s me my no not of on or our so than that the their them then there they this to too up us was we were what when which who with you your yours yourself you\'re you’re you\'ve you’ve'.split(' '),
);
const MIN_SHARED_WORDS = 2;
const SHARED_SHARE = 0.6;

let defaultLinter: Linter | undefined;
let replyRules: { acknowledgement: CompiledReplyRule; plan: CompiledReplyRule } | undefined;

/**
 * Scores `text`, one reply, against the seeds' steps. `options.context` is the customer's message:
 * its concern fills rewrites and lets the card see whether the reply repeats it back.
 */
export function score(text: string, options: ScoreOptions = {}): Scorecard {
  const { context, linter: given, findings: known, ...linterOptions } = options;
  const findings = known ? [...known] : lintReply(text, context, given, linterOptions);
  const document = parseDocument(text);
  const sentences = bodySentences(document);
  const concern = context ? extractConcern(context)?.text : undefined;
  replyRules ??= {
    acknowledgement: compileReplyRule(replyRule('no-acknowledgement')),
    plan: compileReplyRule(replyRule('no-action-plan')),
  };
  const rules = replyRules;

  const shown = (test: (sentence: Sentence) => boolean): Evidence | undefined => {
    const sentence = sentences.find(test);
    return sentence && evidenceOf(sentence);
  };
  const positive: Readonly<Record<Step, () => Evidence | undefined>> = {
    listen: () => undefined,
    validate: () => shown((sentence) => rules.acknowledgement.satisfies(document, sentence)),
    cooperate: () => shown((sentence) => COOPERATION.test(sentence.masked)),
    affirm: () => shown((sentence) => RESTATEMENT.test(sentence.masked) || (concern !== undefined && repeats(sentence.masked, concern))),
    plan: () => {
      const planned = sentences.filter((sentence) => rules.plan.satisfies(document, sentence));
      const best = planned.find((sentence) => COMMITMENT.test(sentence.masked)) ?? planned[0];
      return best && evidenceOf(best);
    },
    calm: () => undefined,
  };
  // Listen and calm are met by what the reply does not do; the others need a sentence that does it.
  const needsEvidence = new Set<Step>(['validate', 'cooperate', 'affirm', 'plan']);

  const steps = STEPS.map((step): StepResult => {
    if (sentences.length === 0) return { step, met: false, points: 0 };
    const blocker = findings.find((finding) => BLOCKERS[step].includes(finding.ruleId) && finding.insertAt === undefined);
    if (blocker) return { step, met: false, points: 0, evidence: blockerEvidence(document, blocker) };
    const evidence = positive[step]();
    const met = evidence !== undefined || !needsEvidence.has(step);
    return { step, met, points: met ? STEP_WEIGHTS[step] : 0, ...(evidence ? { evidence } : {}) };
  });
  const card: Scorecard = { score: steps.reduce((sum, step) => sum + step.points, 0), steps, findings };
  if (concern !== undefined) card.concern = concern;
  return card;
}

/** Lints the reply with the linter given, or one built for `options` (the default one for none). */
function lintReply(text: string, context: string | undefined, given: Linter | undefined, options: LintOptions): Finding[] {
  const linter = given ?? (Object.keys(options).length > 0 ? createLinter(options) : (defaultLinter ??= createLinter()));
  return linter.lint(text, { context });
}

function replyRule(id: string): ReplyRuleDefinition {
  const rule = BUILTIN_RULES.find((candidate) => candidate.id === id);
  if (rule?.scope !== 'reply') throw new Error(`scorecard: built-in reply rule '${id}' is missing`);
  return rule;
}

/** The sentences of the reply's body, or every sentence with words when the reply is too short to find one. */
function bodySentences(document: ParsedDocument): Sentence[] {
  const body = findReplyBody(document);
  if (body) return body.sentences;
  return document.sentences.filter((sentence) => sentence.hasPlainWord);
}

function evidenceOf(sentence: Sentence, ruleId?: string): Evidence {
  const evidence: Evidence = { sentence: sentence.text.replace(/\s+/g, ' ').trim(), start: sentence.start, end: sentence.end };
  if (ruleId) evidence.ruleId = ruleId;
  return evidence;
}

function blockerEvidence(document: ParsedDocument, finding: Finding): Evidence {
  const offset = finding.place.start.offset;
  const sentence = document.sentences.find((candidate) => candidate.start <= offset && offset < candidate.end);
  if (sentence) return evidenceOf(sentence, finding.ruleId);
  return { sentence: finding.actual, start: offset, end: finding.place.end.offset, ruleId: finding.ruleId };
}

/** Whether `sentence` repeats most of the concern's content words ("the modem … dead since Tuesday"). */
function repeats(sentence: string, concern: string): boolean {
  const wanted = contentWords(concern);
  if (wanted.size < MIN_SHARED_WORDS) return false;
  const present = contentWords(sentence);
  let shared = 0;
  for (const word of wanted) if (present.has(word)) shared += 1;
  return shared >= MIN_SHARED_WORDS && shared / wanted.size >= SHARED_SHARE;
}

function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  // A plural and its singular count as one word ("parcels" / "parcel").
  return new Set(words.filter((word) => !STOPWORDS.has(word)).map((word) => word.replace(/(?<=\p{L}{3})s$/u, '')));
}
