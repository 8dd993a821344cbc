import { sentenceAt, type ParsedDocument } from '../parse/document.js';
import { coverWhole } from '../parse/spans.js';
import type { RawMatch } from './context.js';
import { capitalize, fillTemplate, lowerSentenceInitial, templateSlots } from './rewrite.js';
import type { Finding, RuleDefinition, Severity } from './types.js';

/** Where each rule's documentation lives; the rule id is appended as the anchor. */
export const DEFAULT_DOCS_URL = 'https://github.com/tactful-lint/tactful/blob/main/rules/README.md#';

/**
 * Turns a raw match into a finding: place, the flagged text, and filled rewrites. `contextSlots`
 * (the customer's `concern`) fill slots the match leaves empty; a rewrite they fill is never a fix.
 */
export function buildFinding(
  rule: RuleDefinition,
  severity: Severity,
  match: RawMatch,
  document: ParsedDocument,
  docsUrl: string,
  contextSlots: Readonly<Record<string, string>> = {},
): Finding {
  match = coverWholePlaceholders(match, document);
  const start = document.lines.pointAt(match.start);
  const end = document.lines.pointAt(match.end);
  const actual = document.text.slice(match.start, match.end);
  const expected = rewritesFor(rule, match, document, contextSlots);
  const finding: Finding = {
    ruleId: rule.id,
    source: 'tactful',
    reason: rule.message,
    severity,
    fatal: severity === 'error' ? true : severity === 'warning' ? false : undefined,
    line: start.line,
    column: start.column,
    place: { start, end },
    actual,
    expected,
    note: noteOf(rule),
    url: docsUrl + rule.id,
  };
  const fix = safeFix(rule, match, document, actual, expected[0], contextSlots);
  if (fix) finding.fix = fix;
  return finding;
}

// One note string per rule, shared by its findings: a long document has tens of thousands of them.
const notes = new WeakMap<RuleDefinition, string>();

function noteOf(rule: RuleDefinition): string {
  let note = notes.get(rule);
  if (note === undefined) notes.set(rule, (note = `${rule.rationale} (Source: ${rule.source.join(', ')}.)`));
  return note;
}

/** Whether the rule marks the rewrite set `set` as a safe fix (`fixable: true` marks every set). */
export function isFixableSet(rule: RuleDefinition, set: string): boolean {
  return rule.fixable === true || (Array.isArray(rule.fixable) && rule.fixable.includes(set));
}

/**
 * The automatic fix for a match, or nothing: the rule must mark the match's rewrite set as safe,
 * the first rewrite must leave no visible `{slot}`, and the edit must touch no placeholder and no
 * line break (a fix never rewrites a template tag or joins wrapped lines). The range is trimmed to
 * the words that change, so fixes in one sentence rarely overlap.
 */
function safeFix(
  rule: RuleDefinition,
  match: RawMatch,
  document: ParsedDocument,
  actual: string,
  first: string | undefined,
  contextSlots: Readonly<Record<string, string>>,
): Finding['fix'] {
  const set = match.rewrites ?? 'default';
  const template = rule.rewrites[set]?.[0];
  if (first === undefined || first === actual || !isFixableSet(rule, set) || !filledByMatch(template, match.slots, contextSlots)) {
    return undefined;
  }
  const edit = changedWords(actual, first);
  const start = match.start + edit.start;
  const end = match.start + edit.end;
  if (/[\r\n\u2028\u2029]/.test(actual.slice(edit.start, edit.end)) || /[\r\n\u2028\u2029]/.test(edit.text)) return undefined;
  // An edit that reaches into a tag is no fix (for an insertion: one strictly inside the tag).
  if (document.placeholders.some((span) => span.start < end && start < span.end)) return undefined;
  return { range: [start, end], text: edit.text };
}

/**
 * Whether every slot of `template` is filled by the match's own words or a plain fallback: not left
 * visible for the agent, and not filled from the customer's message (`contextSlots`), which is
 * never applied without a person reading it.
 */
function filledByMatch(
  template: string | undefined,
  slots: Readonly<Record<string, string>>,
  contextSlots: Readonly<Record<string, string>>,
): boolean {
  if (template === undefined) return false;
  return templateSlots(template).every(
    (slot) => !!slots[slot.name]?.trim() || (slot.hasFallback && !contextSlots[slot.name]?.trim()),
  );
}

/**
 * The smallest whole-word edit that turns `before` into `after`: the words both share at the start
 * and at the end are left out ("Sorry for the wait" → "I'm sorry for the wait" replaces "Sorry").
 */
export function changedWords(before: string, after: string): { start: number; end: number; text: string } {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before[prefix] === after[prefix]) prefix += 1;
  // Back off to a word boundary: just after whitespace, or the very start.
  while (prefix > 0 && !/\s/.test(before[prefix - 1]!)) prefix -= 1;
  let suffix = 0;
  const room = shortest - prefix;
  while (suffix < room && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  // The shared tail must start with whitespace (or be empty), so no word is cut.
  while (suffix > 0 && !/\s/.test(before[before.length - suffix]!)) suffix -= 1;
  return { start: prefix, end: before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** Widens a span that starts or ends inside a placeholder to cover it: a tag is never cut. */
function coverWholePlaceholders(match: RawMatch, document: ParsedDocument): RawMatch {
  const [start, end] = coverWhole(document.placeholders, match.start, match.end);
  return start === match.start && end === match.end ? match : { ...match, start, end };
}

function rewritesFor(
  rule: RuleDefinition,
  match: RawMatch,
  document: ParsedDocument,
  contextSlots: Readonly<Record<string, string>>,
): string[] {
  const templates = rule.rewrites[match.rewrites ?? 'default'] ?? [];
  // The sentence's own words come first: "You're right, the page is slow" keeps "the page is slow".
  const slots: Record<string, string> = { ...contextSlots };
  for (const [name, value] of Object.entries(match.slots)) slots[name] = lowerSentenceInitial(value.replace(/\s+/g, ' ').trim());
  const startsSentence = isSentenceStart(document, match.start);
  const filled = templates.map((template) => {
    const text = fillTemplate(template, slots);
    return startsSentence ? capitalize(text) : text;
  });
  return [...new Set(filled)];
}

function isSentenceStart(document: ParsedDocument, offset: number): boolean {
  const sentence = sentenceAt(document, offset);
  if (!sentence) return false;
  return /^[\s"'“‘(]*$/.test(document.text.slice(sentence.start, offset));
}
