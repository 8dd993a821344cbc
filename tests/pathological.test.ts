// Pathological inputs (issue 7): each must be linted to the end, with findings that point into it.
// No wall-clock limit is asserted (machines differ); each duration is written to
// bench/results/pathological.json, and scripts/pathological.mjs measures how time grows with size.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
// @ts-expect-error: a plain .mjs script without type declarations.
import { PATHOLOGICAL_INPUTS } from '../scripts/pathological.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const durations: Array<{ name: string; chars: number; findings: number; ms: number }> = [];

describe('pathological inputs', () => {
  afterAll(() => {
    mkdirSync(`${ROOT}bench/results`, { recursive: true });
    writeFileSync(`${ROOT}bench/results/pathological.json`, `${JSON.stringify({ node: process.version, durations }, null, 1)}\n`);
  });

  it.each((PATHOLOGICAL_INPUTS as Array<{ name: string; build: (factor: number) => string }>).map((input) => [input.name, input.build]))(
    '%s is linted to the end',
    (name, build) => {
      const text = build(1);
      const started = performance.now();
      const findings = lint(text);
      const ms = Math.round(performance.now() - started);
      durations.push({ name, chars: text.length, findings: findings.length, ms });
      for (const finding of findings) {
        expect(finding.place.end.offset).toBeLessThanOrEqual(text.length);
        expect(finding.actual).toBe(text.slice(finding.place.start.offset, finding.place.end.offset));
      }
    },
    10 * 60_000,
  );
});
