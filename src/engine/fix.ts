import { findPlaceholders } from '../parse/placeholders.js';
import { changedWords } from './findings.js';
import type { Finding } from './types.js';

/** Why a finding's fix was not applied. */
export type SkippedFixReason =
  /** Its range overlaps a fix applied earlier in the text. */
  | 'overlap'
  /** Its range reaches into a template placeholder such as `{{name}}`. */
  | 'placeholder'
  /** The text at the finding is no longer `actual`, or the fix would not give `expected[0]`. */
  | 'stale'
  /** Its range is not a span of the text. */
  | 'invalid';

/** A fix left out, and why. */
export interface SkippedFix<F extends Finding = Finding> {
  finding: F;
  reason: SkippedFixReason;
}

/** What `applyFixes` did: the fixed text, the findings it fixed, and the fixes it left out. */
export interface FixResult<F extends Finding = Finding> {
  output: string;
  applied: F[];
  skipped: SkippedFix<F>[];
}

/**
 * Applies the safe fixes among `findings` to `source`, the text they were found in, in text order.
 * A fix is applied only when its range holds no placeholder and overlaps no fix already applied,
 * and only when the text still reads as it did where the finding is (so stale findings change
 * nothing); findings from `lintSource` work on the source file as well as on plain text.
 * Findings without a fix are ignored. Pure: the same input always gives the same output.
 */
export function applyFixes<F extends Finding>(source: string, findings: readonly F[]): FixResult<F> {
  const candidates = findings
    .filter((finding) => finding.fix !== undefined)
    .sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  const placeholders = findPlaceholders(source);
  const applied: F[] = [];
  const skipped: SkippedFix<F>[] = [];
  let output = '';
  let cursor = 0;
  let lastInsertAt = -1;
  for (const finding of candidates) {
    const [start, end] = finding.fix!.range;
    const reason = problemWith(source, finding, placeholders);
    if (reason) {
      skipped.push({ finding, reason });
      continue;
    }
    // Two insertions at one offset would depend on order: the second counts as overlapping.
    if (start < cursor || (start === end && start === lastInsertAt)) {
      skipped.push({ finding, reason: 'overlap' });
      continue;
    }
    output += source.slice(cursor, start) + finding.fix!.text;
    cursor = end;
    if (start === end) lastInsertAt = start;
    applied.push(finding);
  }
  return { output: output + source.slice(cursor), applied, skipped };
}

function problemWith(
  source: string,
  finding: Finding,
  placeholders: readonly { start: number; end: number }[],
): SkippedFixReason | undefined {
  const [start, end] = finding.fix!.range;
  const placeStart = finding.place.start.offset;
  const placeEnd = finding.place.end.offset;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > source.length) return 'invalid';
  if (start < placeStart || end > placeEnd) return 'invalid';
  if (placeholders.some((span) => span.start < end && start < span.end)) return 'placeholder';
  if (source.slice(placeStart, placeEnd) === finding.actual) {
    // The fix is the first rewrite, trimmed to the words that change: put back, it must give that rewrite.
    const rewritten = finding.actual.slice(0, start - placeStart) + finding.fix!.text + finding.actual.slice(end - placeStart);
    return rewritten === finding.expected[0] ? undefined : 'stale';
  }
  // A finding mapped from an extracted reply (markup or a template tag inside its span): the words
  // the fix replaces must stand in the file exactly as they stood in the reply.
  const edit = changedWords(finding.actual, finding.expected[0] ?? '');
  const verbatim = edit.text === finding.fix!.text && source.slice(start, end) === finding.actual.slice(edit.start, edit.end);
  return verbatim ? undefined : 'stale';
}
