// The scorecards of a whole source file: its units linted as `lintSource` lints them, disable comments
// included, so that what lint silences costs no reply a point.
import type { SourceFormat, UnitLabel } from '../parse/formats/index.js';
import { directiveSilencer } from './directives.js';
import type { Linter } from './linter.js';
import { score, type Scorecard } from './scorecard.js';
import { lintUnits, type SourceFinding } from './source.js';

/** One reply of a source file, scored: where it sits, its text as the rules read it, and its card. */
export interface ScoredReply {
  /** The macro's title or id, for exports that hold many replies. */
  label?: UnitLabel;
  /** The reply's text; the card's offsets (evidence, findings) point into it, not into the file. */
  text: string;
  card: Scorecard;
  /** The card's findings, in the same order, placed in the file as `lintSource` places them (line, column, offsets into `source`). */
  findings: SourceFinding[];
}

/**
 * Scores every reply of `source` in `format` (units with no text are skipped): each card is built only
 * from the findings that the file's disable comments leave. Problems with the comments themselves (an
 * unknown rule id, an unused directive) are about the file, not a reply: `lintSource` reports them.
 * `context`, the customer's message, overrides each unit's own (an e-mail's quoted message).
 */
export async function scoreSourceWith(linter: Linter, source: string, format: SourceFormat, context?: string): Promise<ScoredReply[]> {
  const { units, directives, lines } = await lintUnits(linter, source, format, context);
  const silencedBy = directiveSilencer(directives, lines);
  const replies: ScoredReply[] = [];
  for (const { unit, findings } of units) {
    if (unit.text.trim() === '') continue;
    const kept = findings.filter(({ inSource }) => !silencedBy(inSource));
    const card = score(unit.text, { context: context ?? unit.context, findings: kept.map(({ inUnit }) => inUnit) });
    replies.push({ ...(unit.label ? { label: unit.label } : {}), text: unit.text, card, findings: kept.map(({ inSource }) => inSource) });
  }
  return replies;
}
