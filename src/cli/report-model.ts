import { SEVERITIES, type Finding } from '../library.js';
import type { ScoredUnit } from './scored-units.js';

/** How often one rule fired across the library. */
export interface RuleTally {
  ruleId: string;
  findings: number;
  /** How many replies it fired in. */
  replies: number;
}

/** A reply of the library with the finding to fix first. */
export interface RankedReply {
  unit: ScoredUnit;
  top?: Finding;
}

/** What `tactful report` shows about a macro library. */
export interface LibraryReport {
  files: number;
  replies: number;
  findings: number;
  averageScore: number;
  /** Every rule that fired, most findings first. */
  byRule: RuleTally[];
  /** The lowest-scoring replies, lowest first (at most LOWEST_COUNT). */
  lowest: RankedReply[];
  /** Every reply, lowest score first. */
  ranked: RankedReply[];
}

/** How many of the lowest-scoring replies the report lists. */
export const LOWEST_COUNT = 10;

/** Builds the report from the scored replies of `files` files. */
export function buildReport(units: readonly ScoredUnit[], files: number): LibraryReport {
  const tallies = new Map<string, RuleTally>();
  for (const unit of units) {
    const seen = new Set<string>();
    for (const finding of unit.card.findings) {
      const tally = tallies.get(finding.ruleId) ?? { ruleId: finding.ruleId, findings: 0, replies: 0 };
      tally.findings += 1;
      if (!seen.has(finding.ruleId)) tally.replies += 1;
      seen.add(finding.ruleId);
      tallies.set(finding.ruleId, tally);
    }
  }
  const ranked = units
    .map((unit): RankedReply => {
      const top = topFinding(unit.card.findings);
      return top ? { unit, top } : { unit };
    })
    .sort((a, b) => a.unit.card.score - b.unit.card.score || a.unit.name.localeCompare(b.unit.name));
  const findings = units.reduce((sum, unit) => sum + unit.card.findings.length, 0);
  return {
    files,
    replies: units.length,
    findings,
    averageScore: units.length === 0 ? 0 : Math.round(units.reduce((sum, unit) => sum + unit.card.score, 0) / units.length),
    byRule: [...tallies.values()].sort((a, b) => b.findings - a.findings || a.ruleId.localeCompare(b.ruleId)),
    lowest: ranked.slice(0, LOWEST_COUNT),
    ranked,
  };
}

/** The finding to fix first: the most severe, then the earliest. */
export function topFinding(findings: readonly Finding[]): Finding | undefined {
  let top: Finding | undefined;
  for (const finding of findings) {
    if (!top || SEVERITIES.indexOf(finding.severity) > SEVERITIES.indexOf(top.severity)) top = finding;
  }
  return top;
}
