import type { ParsedDocument } from '../parse/document.js';
import { spanOverlapping } from '../parse/spans.js';
import { SentenceContext, type RawMatch } from './context.js';
import type { CompiledRule } from './compile.js';
import { buildFinding } from './findings.js';
import { findReplyBody, type CompiledReplyRule } from './reply.js';
import type { Finding, Severity } from './types.js';

/** A compiled rule with the severity it runs at in this lint. */
export interface ActiveRule {
  rule: CompiledRule;
  severity: Severity;
}

/** A compiled reply-level rule with the severity it runs at in this lint. */
export interface ActiveReplyRule {
  rule: CompiledReplyRule;
  severity: Severity;
}

/**
 * Runs every active rule over a parsed document: a sentence rule's trigger first, then its patterns
 * only on the sentences the trigger picked; then each reply rule once over the whole reply.
 * Findings come back sorted by position, one per rule and span. `contextSlots` (the customer's
 * `concern`) fill rewrite slots a match leaves empty.
 */
export function runRules(
  document: ParsedDocument,
  rules: readonly ActiveRule[],
  docsUrl: string,
  replyRules: readonly ActiveReplyRule[] = [],
  contextSlots: Readonly<Record<string, string>> = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of document.sentences) {
    let context: SentenceContext | undefined;
    for (const { rule, severity } of rules) {
      if (!rule.accepts(sentence)) continue;
      context ??= new SentenceContext(document, sentence);
      for (const match of keepDistinct(rule.match(context), document)) {
        findings.push(buildFinding(rule.definition, severity, match, document, docsUrl, contextSlots));
      }
    }
  }
  if (replyRules.length > 0) {
    const body = findReplyBody(document);
    for (const { rule, severity } of replyRules) {
      const finding = rule.check(document, body, severity, docsUrl, contextSlots);
      if (finding) findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.place.start.offset - b.place.start.offset || a.ruleId.localeCompare(b.ruleId));
}

/** Drops matches inside a placeholder and matches that overlap an earlier, longer one. */
function keepDistinct(matches: RawMatch[], document: ParsedDocument): RawMatch[] {
  if (matches.length === 0) return matches;
  const kept: RawMatch[] = [];
  const byLength = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const match of byLength) {
    if (match.end <= match.start) continue;
    const placeholder = spanOverlapping(document.placeholders, match.start, match.end);
    if (placeholder && placeholder.start <= match.start && match.end <= placeholder.end) continue;
    if (kept.some((other) => other.start < match.end && match.start < other.end)) continue;
    kept.push(match);
  }
  return kept;
}
