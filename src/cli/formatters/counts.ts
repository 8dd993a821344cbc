import type { FileResult } from './types.js';

/** Findings counted by severity, and how many carry a safe fix. */
export interface Counts {
  errors: number;
  warnings: number;
  suggestions: number;
  fixableErrors: number;
  fixableWarnings: number;
}

/** Counts the findings of one or more files. */
export function countFindings(results: readonly FileResult[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, suggestions: 0, fixableErrors: 0, fixableWarnings: 0 };
  for (const { findings } of results) {
    for (const finding of findings) {
      if (finding.severity === 'error') {
        counts.errors += 1;
        if (finding.fix) counts.fixableErrors += 1;
      } else if (finding.severity === 'warning') {
        counts.warnings += 1;
        if (finding.fix) counts.fixableWarnings += 1;
      } else {
        counts.suggestions += 1;
      }
    }
  }
  return counts;
}
