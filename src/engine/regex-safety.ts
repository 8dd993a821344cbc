/**
 * Catastrophic-backtracking check for the regular expressions of rule files. recheck (a ReDoS
 * checker that runs in pure JavaScript, offline) analyses each pattern and, when it finds one
 * super-linear, gives an attack string. An exponential pattern is refused outright; a polynomial one
 * is replayed, in a worker that is stopped at the deadline, on that attack string grown to the
 * longest sentence tactful ever matches, and refused when it is too slow there.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { AttackPattern, Diagnostics, Parameters } from 'recheck';
import type { RuleDefinition } from './types.js';

/**
 * The longest text a rule's regular expression is ever matched against: the parser cuts a longer
 * run of text into blocks of at most this many characters (src/parse/blocks.ts), and a sentence
 * never spans two blocks. It is what bounds a polynomial pattern's worst case.
 */
export const LONGEST_SENTENCE = 4000;

/** The most a pattern may take, at worst, over the longest sentence, in milliseconds. */
export const REPLAY_BUDGET_MS = 250;

/** How long recheck may analyse one pattern before it is refused as too complex to check. */
export const ANALYSIS_TIMEOUT_MS = 10_000;

/** What the check found: a safe pattern (with its worst replay time when it was replayed), or why it is not. */
export type RegexSafety =
  | { safe: true; complexity: string; worstMs?: number }
  | { safe: false; problem: string; complexity: string; worstMs?: number };

type Recheck = { checkSync: (source: string, flags: string, params?: Parameters) => Diagnostics };
let recheck: Recheck | undefined;
const verdicts = new Map<string, RegexSafety>();

/**
 * Checks one pattern, compiled with `flags` as the engine compiles it (case-insensitive, Unicode).
 * Results are remembered for the process, so a pattern shared by rules is analysed once.
 */
export function checkRegexSafety(source: string, flags = 'iu', timeout = ANALYSIS_TIMEOUT_MS): RegexSafety {
  const key = `${flags}/${source}`;
  let verdict = verdicts.get(key);
  if (!verdict) verdicts.set(key, (verdict = analyse(source, flags, timeout)));
  return verdict;
}

function analyse(source: string, flags: string, timeout: number): RegexSafety {
  // Loaded on first use: built-in rules are checked by the test suite, not at every start.
  recheck ??= createRequire(import.meta.url)('recheck') as Recheck;
  const result = recheck.checkSync(source, flags, { timeout });
  if (result.status === 'safe') return { safe: true, complexity: result.complexity.summary };
  if (result.status === 'unknown') {
    const why = result.error.kind === 'timeout' ? `is too complex to check within ${timeout / 1000} s` : `could not be checked (${result.error.kind})`;
    return { safe: false, complexity: 'unknown', problem: `${why}; split it into simpler patterns` };
  }
  const { complexity, attack } = result;
  const example = `input such as ${attack.pattern.length > 80 ? `${attack.pattern.slice(0, 77)}...` : attack.pattern}`;
  if (complexity.type === 'exponential') {
    return { safe: false, complexity: complexity.summary, problem: `can backtrack catastrophically (exponential time) on ${example}` };
  }
  const worstMs = replay(source, flags, grownAttack(attack, LONGEST_SENTENCE));
  if (worstMs <= REPLAY_BUDGET_MS) return { safe: true, complexity: complexity.summary, worstMs };
  const took = Number.isFinite(worstMs) ? `${Math.round(worstMs)} ms` : `over ${REPLAY_DEADLINE_MS} ms`;
  return {
    safe: false,
    complexity: complexity.summary,
    worstMs,
    problem: `takes ${took} on a ${LONGEST_SENTENCE}-character sentence (${complexity.summary}) on ${example}; the limit is ${REPLAY_BUDGET_MS} ms`,
  };
}

/** recheck's attack string with each pump repeated so that the whole is about `length` characters. */
export function grownAttack(attack: AttackPattern, length: number): string {
  const fixed = attack.pumps.reduce((sum, { prefix }) => sum + prefix.length, attack.suffix.length);
  const pumped = attack.pumps.reduce((sum, { pump }) => sum + pump.length, 0);
  const times = Math.max(1, Math.floor((length - fixed) / Math.max(1, pumped)));
  return attack.pumps.map(({ prefix, pump }) => prefix + pump.repeat(times)).join('') + attack.suffix;
}

// The replay is stopped after this long; anything slower counts as endless.
const REPLAY_DEADLINE_MS = 2000;
// Worker start-up is not part of the measured time, but has to happen within this.
const WORKER_START_ALLOWANCE_MS = 5000;
const [WAITING, STARTED, FINISHED] = [0, 1, 2];

const REPLAY_WORKER = `
const { workerData } = require('node:worker_threads');
const { source, flags, text, shared } = workerData;
const state = new Int32Array(shared, 0, 1);
const regex = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
Atomics.store(state, 0, ${STARTED});
Atomics.notify(state, 0);
const started = performance.now();
for (const match of text.matchAll(regex)) void match;
new Float64Array(shared, 8)[0] = performance.now() - started;
Atomics.store(state, 0, ${FINISHED});
Atomics.notify(state, 0);
`;

/**
 * Milliseconds `source` takes to find every match in `text`, as the engine scans a sentence;
 * Infinity when it does not finish within the deadline (the worker is then stopped).
 */
export function replay(source: string, flags: string, text: string): number {
  const shared = new SharedArrayBuffer(16);
  const state = new Int32Array(shared, 0, 1);
  const worker = new Worker(REPLAY_WORKER, { eval: true, workerData: { source, flags, text, shared } });
  worker.unref();
  try {
    Atomics.wait(state, 0, WAITING, WORKER_START_ALLOWANCE_MS);
    if (Atomics.load(state, 0) === STARTED) Atomics.wait(state, 0, STARTED, REPLAY_DEADLINE_MS);
    if (Atomics.load(state, 0) !== FINISHED) return Infinity;
    const elapsed = new Float64Array(shared, 8)[0]!;
    return elapsed > REPLAY_DEADLINE_MS ? Infinity : elapsed;
  } finally {
    void worker.terminate();
  }
}

/** Every regular expression of a validated rule, with the field it comes from, as error messages name it. */
export function ruleRegexes(rule: RuleDefinition): Array<{ field: string; source: string }> {
  const found: Array<{ field: string; source: string }> = [];
  if (rule.scope === 'reply') {
    rule.satisfiedBy.forEach((source, index) => found.push({ field: `satisfiedBy[${index}]`, source }));
    rule.notCounting.forEach(({ regex }, index) => regex && found.push({ field: `notCounting[${index}].regex`, source: regex }));
    return found;
  }
  found.push({ field: 'trigger', source: rule.trigger });
  rule.patterns.forEach((pattern, index) => {
    if (pattern.regex) found.push({ field: `patterns[${index}].regex`, source: pattern.regex });
    if (pattern.trigger) found.push({ field: `patterns[${index}].trigger`, source: pattern.trigger });
    for (const key of ['unless', 'unlessNext', 'unlessPrevious'] as const) {
      pattern[key]?.forEach((source, inner) => found.push({ field: `patterns[${index}].${key}[${inner}]`, source }));
    }
  });
  return found;
}
