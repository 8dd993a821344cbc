import type { ParsedDocument } from '../parse/document.js';
import type { RawMatch } from './context.js';
import { capitalize, fillTemplate, lowerSentenceInitial } from './rewrite.js';
import type { Finding, RuleDefinition, Severity } from './types.js';

/** Where each rule's documentation lives; the rule id is appended as the anchor. */
export const DEFAULT_DOCS_URL = 'https://github.com/tactful-lint/tactful/blob/main/rules/README.md#';

/** Turns a raw match into a finding: place, the flagged text, and filled rewrites. */
export function buildFinding(
  rule: RuleDefinition,
  severity: Severity,
  match: RawMatch,
  document: ParsedDocument,
  docsUrl: string,
): Finding {
  match = coverWholePlaceholders(match, document);
  const start = document.lines.pointAt(match.start);
  const end = document.lines.pointAt(match.end);
  const actual = document.text.slice(match.start, match.end);
  const expected = rewritesFor(rule, match, document);
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
    note: `${rule.rationale} (Source: ${rule.source.join(', ')}.)`,
    url: docsUrl + rule.id,
  };
  const first = expected[0];
  if (rule.fixable && first !== undefined && !/\{[^{}]+\}/.test(first)) {
    finding.fix = { range: [match.start, match.end], text: first };
  }
  return finding;
}

/** Widens a span that starts or ends inside a placeholder to cover it: a tag is never cut. */
function coverWholePlaceholders(match: RawMatch, document: ParsedDocument): RawMatch {
  let { start, end } = match;
  for (const span of document.placeholders) {
    if (span.start < start && start < span.end) start = span.start;
    if (span.start < end && end < span.end) end = span.end;
  }
  return start === match.start && end === match.end ? match : { ...match, start, end };
}

function rewritesFor(rule: RuleDefinition, match: RawMatch, document: ParsedDocument): string[] {
  const templates = rule.rewrites[match.rewrites ?? 'default'] ?? [];
  const slots: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.slots)) slots[name] = lowerSentenceInitial(value.replace(/\s+/g, ' ').trim());
  const startsSentence = isSentenceStart(document, match.start);
  const filled = templates.map((template) => {
    const text = fillTemplate(template, slots);
    return startsSentence ? capitalize(text) : text;
  });
  return [...new Set(filled)];
}

function isSentenceStart(document: ParsedDocument, offset: number): boolean {
  const sentence = document.sentences.find((candidate) => candidate.start <= offset && offset < candidate.end);
  if (!sentence) return false;
  return /^[\s"'“‘(]*$/.test(document.text.slice(sentence.start, offset));
}
