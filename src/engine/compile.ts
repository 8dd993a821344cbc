import { coverWhole } from '../parse/spans.js';
import { isQuestion, type Matcher, type RawMatch } from './context.js';
import { MATCHERS } from './matchers/index.js';
import { RuleRegex, type RuleText } from './rule-regex.js';
import type { PatternSpec, SentenceRuleDefinition } from './types.js';

/** A rule ready to run: its trigger and patterns compiled once, reused for every document. */
export interface CompiledRule {
  definition: SentenceRuleDefinition;
  /**
   * Cheap test: only sentences it accepts are examined further. It checks the rule's trigger and,
   * when every pattern asks only questions (or only statements), the kind of sentence first.
   */
  accepts(sentence: RuleText): boolean;
  match: Matcher;
}

/** Compiles a validated rule definition. */
export function compileRule(definition: SentenceRuleDefinition): CompiledRule {
  const patterns = definition.patterns.map(compilePattern);
  const trigger = new RuleRegex(definition.trigger);
  const kinds = new Set(definition.patterns.map((pattern) => pattern.question));
  const onlyKind = kinds.size === 1 ? [...kinds][0] : undefined;
  return {
    definition,
    accepts:
      onlyKind === undefined
        ? (sentence) => trigger.test(sentence)
        : (sentence) => isQuestion(sentence.masked) === onlyKind && trigger.test(sentence),
    match: (context) => {
      const matches: RawMatch[] = [];
      for (const pattern of patterns) matches.push(...pattern(context));
      return matches;
    },
  };
}

// Cheapest first: the sentence kind, the pattern's own trigger, then the pattern itself (most
// sentences a trigger picks match no pattern), and only for a match the `unless` exceptions.
function compilePattern(spec: PatternSpec): Matcher {
  const find = spec.regex ? regexMatcher(spec.regex, spec.span) : spec.nlp ? nlpMatcher(spec.nlp, spec.span) : MATCHERS[spec.matcher!]!;
  const trigger = spec.trigger === undefined ? undefined : new RuleRegex(spec.trigger);
  const unless = (spec.unless ?? []).map((source) => new RuleRegex(source));
  const unlessNext = (spec.unlessNext ?? []).map((source) => new RuleRegex(source));
  const unlessPrevious = (spec.unlessPrevious ?? []).map((source) => new RuleRegex(source));
  return (context) => {
    if (spec.question !== undefined && context.isQuestion !== spec.question) return [];
    if (trigger && !trigger.test(context.sentence)) return [];
    const matches = find(context);
    if (matches.length === 0) return matches;
    if (unless.some((regex) => regex.test(context.sentence))) return [];
    const next = context.next;
    if (next && unlessNext.some((regex) => regex.test(next))) return [];
    const previous = context.previous;
    if (previous && unlessPrevious.some((regex) => regex.test(previous))) return [];
    return spec.rewrites ? matches.map((match) => ({ rewrites: spec.rewrites, ...match })) : matches;
  };
}

function regexMatcher(source: string, spanGroup: string | undefined): Matcher {
  const regex = new RuleRegex(source, 'dg');
  return ({ sentence, document }) => {
    const matches: RawMatch[] = [];
    const text = sentence.masked;
    for (const match of regex.matches(sentence)) {
      const slots: Record<string, string> = {};
      const groups = match.indices?.groups;
      if (groups) {
        for (const name in groups) {
          const range = groups[name];
          // A masked placeholder may end in a space a pattern trims off: the slot takes the whole tag.
          if (range) slots[name] = document.text.slice(...coverWhole(document.placeholders, sentence.start + range[0], sentence.start + range[1]));
        }
      }
      const range =
        spanGroup === WHOLE_SENTENCE ? sentenceRange(text) : (spanGroup && groups?.[spanGroup]) || match.indices![0]!;
      matches.push({ start: sentence.start + range[0], end: sentence.start + range[1], slots });
    }
    return matches;
  };
}

/** `span: sentence` flags the whole sentence, as when the rewrite replaces the question outright. */
export const WHOLE_SENTENCE = 'sentence';

function sentenceRange(text: string): [number, number] {
  const start = text.length - text.trimStart().length;
  return [start, text.trimEnd().length];
}

function nlpMatcher(pattern: string, spanGroup: string | undefined): Matcher {
  return (context) =>
    context.nlp.match(pattern).map((span) => {
      const slots: Record<string, string> = {};
      for (const [name, group] of Object.entries(span.groups)) slots[name] = group.text;
      const flagged =
        spanGroup === WHOLE_SENTENCE
          ? { start: context.sentence.start, end: context.sentence.end }
          : (spanGroup && span.groups[spanGroup]) || span;
      return { start: flagged.start, end: flagged.end, slots };
    });
}
