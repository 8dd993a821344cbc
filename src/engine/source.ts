import { loadCompromise } from '../parse/compromise.js';
import { LineIndex } from '../parse/lines.js';
import { FORMATS } from '../parse/formats/index.js';
import type { SourceFormat, TextUnit, UnitLabel } from '../parse/formats/index.js';
import { templateOf } from '../parse/template.js';
import { applyDirectives, blankDirectives, findDirectives, type Directive, type DirectiveOptions } from './directives.js';
import type { Linter } from './linter.js';
import type { Finding } from './types.js';

/** A finding in a source file: positions point into the file; `unit` names the macro it is in. */
export interface SourceFinding extends Finding {
  unit?: UnitLabel;
}

/** A finding of one unit: in the unit's own offsets (as a scorecard reads it), and mapped to the file. */
export interface UnitFinding {
  inUnit: Finding;
  inSource: SourceFinding;
}

/** One unit of a source file with its findings, before the file's disable comments are applied. */
export interface LintedUnit {
  unit: TextUnit;
  findings: UnitFinding[];
}

/** A source file linted unit by unit, with its disable comments and the index that places findings on its lines. */
export interface LintedSource {
  units: LintedUnit[];
  directives: Directive[];
  lines: LineIndex;
}

/**
 * Extracts the units of `source` in `format` with its disable comments blanked (a plain-text directive
 * line is no sentence of the reply), lints each with `context` (or the unit's own) and maps every
 * finding to the file. The one path `lintSourceWith` and `scoreSourceWith` share.
 */
export async function lintUnits(linter: Linter, source: string, format: SourceFormat, context?: string): Promise<LintedSource> {
  const adapter = FORMATS.get(format);
  if (!adapter) throw new TypeError(`unknown format '${format}'`);
  const directives = findDirectives(source);
  const units = await adapter.extract(blankDirectives(source, directives, format === 'text'));
  if (needsCompromise(linter, context !== undefined || units.some((unit) => unit.context !== undefined))) await loadCompromise();
  const lines = new LineIndex(source);
  const linted = units.map((unit): LintedUnit => {
    const found = linter.lint(unit.text, { context: context ?? unit.context });
    return { unit, findings: found.map((inUnit) => ({ inUnit, inSource: toSource(inUnit, unit, lines, source) })) };
  });
  return { units: linted, directives, lines };
}

/**
 * Lints every unit of `source` in `format`, reports each finding once at its place in the file, and
 * applies the file's disable comments (`directives`: the rule ids they may name, whether to report
 * unused ones). `context`, the customer's message, overrides each unit's own (an e-mail's quoted message).
 */
export async function lintSourceWith(
  linter: Linter,
  source: string,
  format: SourceFormat,
  directives: DirectiveOptions = { knownRuleIds: linter.rules.map((rule) => rule.id) },
  context?: string,
): Promise<SourceFinding[]> {
  const linted = await lintUnits(linter, source, format, context);
  const findings: SourceFinding[] = [];
  const isRepeat = repeatChecker();
  for (const { unit, findings: found } of linted.units) {
    // The variants of one template share most of their text: report each finding once.
    for (const { inSource } of found) if (!isRepeat(inSource, unit)) findings.push(inSource);
  }
  findings.sort((a, b) => a.place.start.offset - b.place.start.offset || a.ruleId.localeCompare(b.ruleId));
  return applyDirectives(findings, linted.directives, source, directives);
}

/** Whether linting needs compromise: to find the concern in a customer's message, or for an `nlp` pattern. */
export function needsCompromise(linter: Linter, hasContext: boolean): boolean {
  return hasContext || linter.rules.some((rule) => rule.scope !== 'reply' && rule.patterns.some((pattern) => pattern.nlp !== undefined));
}

function toSource(finding: Finding, unit: TextUnit, lines: LineIndex, source: string): SourceFinding {
  const map = unit.sourceOffsets;
  const mapped: SourceFinding = unit.label ? { ...finding, unit: unit.label } : { ...finding };
  if (!map) return mapped;
  const at = (offset: number) => map[Math.min(offset, map.length - 1)]!;
  const ends = unit.sourceEnds;
  // A span's end is mapped as the end of its last character where the unit says where that is.
  const atEnd = (from: number, to: number) => (ends && to > from ? ends[Math.min(to, ends.length - 1)]! : at(to));
  const start = lines.pointAt(at(finding.place.start.offset));
  const end = lines.pointAt(atEnd(finding.place.start.offset, finding.place.end.offset));
  mapped.place = { start, end };
  mapped.line = start.line;
  mapped.column = start.column;
  if (finding.insertAt !== undefined) mapped.insertAt = atEnd(finding.place.start.offset, finding.insertAt);
  if (finding.fix) {
    const [from, to] = finding.fix.range;
    const range: [number, number] = [at(from), atEnd(from, to)];
    // A fix is applied to the file as written: only where the words stand there verbatim (no tag,
    // escape or entity in between) and the new text needs no escaping (a JSON string, a CSV cell, HTML).
    const verbatim = source.slice(range[0], range[1]) === unit.text.slice(from, to) && !/["\\<>&\p{Cc}]/u.test(finding.fix.text);
    if (verbatim) mapped.fix = { range, text: finding.fix.text };
    else delete mapped.fix;
  }
  return mapped;
}

/**
 * Tells whether a finding repeats an earlier one: the same rule on the same span, or, between the
 * variants of one template, the same rule on overlapping words (a sentence that starts inside a
 * branch spans differently in each variant) or the same reply-level verdict.
 */
function repeatChecker(): (finding: SourceFinding, unit: TextUnit) => boolean {
  const spans = new Set<string>();
  const byTemplate = new Map<TextUnit, SourceFinding[]>();
  return (finding, unit) => {
    const key = `${finding.ruleId}|${finding.place.start.offset}|${finding.place.end.offset}|${finding.insertAt ?? ''}`;
    if (spans.has(key)) return true;
    spans.add(key);
    const template = templateOf(unit);
    if (template === unit) return false;
    const earlier = byTemplate.get(template) ?? [];
    byTemplate.set(template, earlier);
    const isReply = finding.insertAt !== undefined;
    const repeat = earlier.some(
      (other) =>
        other.ruleId === finding.ruleId &&
        (other.insertAt !== undefined) === isReply &&
        (isReply || (other.place.start.offset < finding.place.end.offset && finding.place.start.offset < other.place.end.offset)),
    );
    if (!repeat) earlier.push(finding);
    return repeat;
  };
}
