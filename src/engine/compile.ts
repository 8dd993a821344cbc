import type { Matcher, RawMatch, SentenceContext } from './context.js';
import { MATCHERS } from './matchers/index.js';
import type { PatternSpec, SentenceRuleDefinition } from './types.js';

/** A rule ready to run: its trigger and patterns compiled once, reused for every document. */
export interface CompiledRule {
  definition: SentenceRuleDefinition;
  /** Cheap test: only sentences it matches are examined further. */
  trigger: RegExp;
  match: Matcher;
}

/** Compiles a validated rule definition. */
export function compileRule(definition: SentenceRuleDefinition): CompiledRule {
  const patterns = definition.patterns.map(compilePattern);
  return {
    definition,
    trigger: new RegExp(definition.trigger, 'iu'),
    match: (context) => patterns.flatMap((pattern) => pattern(context)),
  };
}

function compilePattern(spec: PatternSpec): Matcher {
  const find = spec.regex ? regexMatcher(spec.regex, spec.span) : spec.nlp ? nlpMatcher(spec.nlp, spec.span) : MATCHERS[spec.matcher!]!;
  const unless = (spec.unless ?? []).map((source) => new RegExp(source, 'iu'));
  const unlessNext = (spec.unlessNext ?? []).map((source) => new RegExp(source, 'iu'));
  return (context) => {
    if (spec.question !== undefined && context.isQuestion !== spec.question) return [];
    if (unless.some((regex) => regex.test(context.sentence.masked))) return [];
    const next = context.next;
    if (next && unlessNext.some((regex) => regex.test(next.masked))) return [];
    const matches = find(context);
    return spec.rewrites ? matches.map((match) => ({ rewrites: spec.rewrites, ...match })) : matches;
  };
}

function regexMatcher(source: string, spanGroup: string | undefined): Matcher {
  const regex = new RegExp(source, 'dgiu');
  return ({ sentence }) => {
    const matches: RawMatch[] = [];
    for (const match of sentence.masked.matchAll(regex)) {
      if (match[0] === '') continue;
      const slots: Record<string, string> = {};
      for (const [name, range] of Object.entries(match.indices?.groups ?? {})) {
        if (range) slots[name] = sentence.text.slice(range[0], range[1]);
      }
      const range =
        spanGroup === WHOLE_SENTENCE
          ? sentenceRange(sentence.masked)
          : (spanGroup && match.indices?.groups?.[spanGroup]) || match.indices![0]!;
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
