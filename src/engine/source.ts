import { LineIndex } from '../parse/lines.js';
import { FORMATS } from '../parse/formats/index.js';
import type { SourceFormat, TextUnit, UnitLabel } from '../parse/formats/index.js';
import type { Linter } from './linter.js';
import type { Finding } from './types.js';

/** A finding in a source file: positions point into the file; `unit` names the macro it is in. */
export interface SourceFinding extends Finding {
  unit?: UnitLabel;
}

/** Extracts the units of `source` in `format`, lints each, and maps every finding back to the file. */
export async function lintSourceWith(linter: Linter, source: string, format: SourceFormat): Promise<SourceFinding[]> {
  const adapter = FORMATS.get(format);
  if (!adapter) throw new TypeError(`unknown format '${format}'`);
  const units = await adapter.extract(source);
  const lines = new LineIndex(source);
  const findings: SourceFinding[] = [];
  for (const unit of units) {
    for (const finding of linter.lint(unit.text)) findings.push(toSource(finding, unit, lines));
  }
  return findings.sort((a, b) => a.place.start.offset - b.place.start.offset || a.ruleId.localeCompare(b.ruleId));
}

function toSource(finding: Finding, unit: TextUnit, lines: LineIndex): SourceFinding {
  const map = unit.sourceOffsets;
  const mapped: SourceFinding = unit.label ? { ...finding, unit: unit.label } : { ...finding };
  if (!map) return mapped;
  const at = (offset: number) => map[Math.min(offset, map.length - 1)]!;
  const start = lines.pointAt(at(finding.place.start.offset));
  const end = lines.pointAt(at(finding.place.end.offset));
  mapped.place = { start, end };
  mapped.line = start.line;
  mapped.column = start.column;
  if (finding.insertAt !== undefined) mapped.insertAt = at(finding.insertAt);
  if (finding.fix) mapped.fix = { range: [at(finding.fix.range[0]), at(finding.fix.range[1])], text: finding.fix.text };
  return mapped;
}
