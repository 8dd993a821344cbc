import type { Point } from '../parse/lines.js';

/** How serious a finding is; `suggestion` is informational and does not fail a run by default. */
export type Severity = 'error' | 'warning' | 'suggestion';

/** The severities in order of weight, lightest first. */
export const SEVERITIES: readonly Severity[] = ['suggestion', 'warning', 'error'];

/** A rule's severity as configured: a severity, or `off`. */
export type SeveritySetting = Severity | 'off';

/** A flagged example: `text` marks the expected span with [brackets]. */
export interface FlaggedExample {
  text: string;
  rewrites: string[];
}

/** One way a rule matches a sentence: a regular expression, a compromise pattern, or a named matcher. */
export interface PatternSpec {
  /** Regular expression over the sentence (case-insensitive); named groups become rewrite slots. */
  regex?: string;
  /** compromise match syntax over the sentence. */
  nlp?: string;
  /** Named TypeScript matcher from src/engine/matchers. */
  matcher?: string;
  /**
   * Cheap test for this pattern alone, on top of the rule's trigger: the pattern runs only on
   * sentences it matches. Worth it for a long pattern behind a broad rule trigger.
   */
  trigger?: string;
  /** The finding is dropped when one of these regular expressions matches the sentence. */
  unless?: string[];
  /** The finding is dropped when one of these matches the next sentence of the same paragraph. */
  unlessNext?: string[];
  /** The finding is dropped when one of these matches the previous sentence of the same paragraph. */
  unlessPrevious?: string[];
  /** Only sentences that are (true) or are not (false) questions. */
  question?: boolean;
  /** Which rewrite set to use (a key of the rule's `rewrites` map); default `default`. */
  rewrites?: string;
  /** Name of the capture group whose span is flagged; default the whole match. */
  span?: string;
}

/** What every rule has, whatever it looks at. */
interface RuleBase {
  id: string;
  severity: Severity;
  summary: string;
  /** Why the phrasing hurts, in one or two sentences, from the seed document. */
  rationale: string;
  /** Seed file(s) in shared/seeds the rule comes from. */
  source: string[];
  /** What the finding says, shown by the formatter. */
  message: string;
  /**
   * Rewrite templates by set name; `{slot}` is filled, `{slot|fallback}` falls back, `{some words}` stays
   * visible, and `{concern|{what went wrong}}` takes the customer's concern or stays visible as `{what went wrong}`.
   */
  rewrites: Record<string, string[]>;
  /**
   * Which rewrite sets keep the meaning, so their first rewrite may be applied automatically:
   * `true` for every set, a list of set names, or `false` for none.
   */
  fixable: boolean | string[];
  examples: { flagged: FlaggedExample[]; clean: string[] };
}

/** A rule that looks at one sentence (and its neighbour) at a time, as written in rules/<id>.yml. */
export interface SentenceRuleDefinition extends RuleBase {
  scope: 'sentence';
  /** Cheap case-insensitive regular expression; only sentences it matches are examined further. */
  trigger: string;
  patterns: PatternSpec[];
}

/** Something that keeps a `satisfiedBy` match from counting: a regular expression or a named matcher. */
export interface NotCountingSpec {
  /** Regular expression over the sentence (case-insensitive). */
  regex?: string;
  /** Named TypeScript matcher from src/engine/matchers. */
  matcher?: string;
}

/**
 * A rule about the whole reply: it fires, once, when no sentence of the reply does what the rule
 * asks for. Its rewrite is a line to add, not a replacement; it is never applied automatically.
 */
export interface ReplyRuleDefinition extends RuleBase {
  scope: 'reply';
  /** Regular expressions (case-insensitive); one matching any sentence of the reply means the reply is fine. */
  satisfiedBy: string[];
  /** A `satisfiedBy` match overlapped by one of these does not count ("Sorry." is no acknowledgement). */
  notCounting: NotCountingSpec[];
  /** Where the rewrite goes: an `opening` line before the first body sentence, a `closing` line after the last. */
  insert: 'opening' | 'closing';
}

/** A rule as written in rules/<id>.yml, after validation; `scope` tells the two kinds apart. */
export type RuleDefinition = SentenceRuleDefinition | ReplyRuleDefinition;

/** A span of the original document, with line/column points. */
export interface Place {
  start: Point;
  end: Point;
}

/**
 * One finding. The fields follow vfile-message (`ruleId`, `source`, `reason`, `place`, `actual`,
 * `expected`, `note`, `url`, `fatal`) so unified tooling can read it as-is.
 */
export interface Finding {
  ruleId: string;
  source: 'tactful';
  reason: string;
  severity: Severity;
  /** vfile's convention: true for errors, false for warnings, undefined for suggestions. */
  fatal: boolean | undefined;
  line: number;
  column: number;
  place: Place;
  /** The flagged text, exactly as it stands in the document. */
  actual: string;
  /** One to three rewrites for `actual`, best first. */
  expected: string[];
  /** The rule's rationale and the seed document it comes from. */
  note: string;
  /** Link to the rule's documentation. */
  url: string;
  /**
   * Present on reply-level findings: each rewrite is a line to insert at this offset (an opening
   * line before `actual`, or a closing line after the reply's last body sentence), not a replacement.
   */
  insertAt?: number;
  /**
   * Present when the first rewrite keeps the meaning and may be applied automatically: replacing
   * `range` (document offsets, within `place`) with `text` turns `actual` into `expected[0]`. The
   * range covers only the words that change; it never reaches into a placeholder or a line break.
   */
  fix?: { range: [number, number]; text: string };
}
