import { foldedSource } from './case-fold.js';
import { LiteralScanner } from './literal-scan.js';
import { requiredLiterals } from './required-literals.js';
import type { RuleText } from './rule-regex.js';

/**
 * Which rules' triggers could match a sentence, from one scan for the fragments each trigger
 * requires: a rule whose bit a sentence lacks cannot match it, and its trigger need not run there.
 */
export interface TriggerPrefilter {
  /** Per rule, in the order given: its bit, or 0 for a rule that is never skipped. */
  readonly bits: readonly number[];
  /** The bits of the rules whose fragments `sentence` holds (all of them when it has no lower case). */
  scan(sentence: RuleText): number;
}

// Bits of a 32-bit integer that stay positive; rules past these are never skipped.
const MAX_RULES = 31;
const EVERY_RULE = -1;

// Built prefilters by their list of triggers: every linter of the built-in rules shares one.
const built = new Map<string, TriggerPrefilter>();
const MAX_BUILT = 16;
const keyOf = (triggers: readonly string[]) => triggers.join('\u0000');

/** The prefilter for rules with these triggers, in order, when one was built already. */
export function builtTriggerPrefilter(triggers: readonly string[]): TriggerPrefilter | undefined {
  return built.get(keyOf(triggers));
}

/** A prefilter for rules with these triggers, in order (built once per list of triggers). */
export function triggerPrefilter(triggers: readonly string[]): TriggerPrefilter {
  const key = keyOf(triggers);
  let prefilter = built.get(key);
  if (!prefilter) {
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
    built.set(key, (prefilter = buildPrefilter(triggers)));
  }
  return prefilter;
}

function buildPrefilter(triggers: readonly string[]): TriggerPrefilter {
  const bits: number[] = [];
  const literals: Array<{ literal: string; bit: number }> = [];
  let used = 0;
  for (const trigger of triggers) {
    const folded = foldedSource(trigger);
    const required = folded === undefined ? undefined : requiredLiterals(folded);
    if (!required || used === MAX_RULES) {
      bits.push(0);
      continue;
    }
    const bit = 1 << used++;
    bits.push(bit);
    for (const literal of required) literals.push({ literal, bit });
  }
  const scanner = new LiteralScanner(literals);
  return {
    bits,
    scan: (sentence) => (sentence.folded === undefined ? EVERY_RULE : scanner.scan(sentence.folded)),
  };
}
