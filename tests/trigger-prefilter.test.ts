import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/engine/builtin.js';
import { foldedSource } from '../src/engine/case-fold.js';
import { compileRule } from '../src/engine/compile.js';
import { LiteralScanner } from '../src/engine/literal-scan.js';
import { requiredLiterals } from '../src/engine/required-literals.js';
import { runRules, type ActiveRule } from '../src/engine/run.js';
import { builtTriggerPrefilter, triggerPrefilter } from '../src/engine/trigger-prefilter.js';
import type { SentenceRuleDefinition } from '../src/engine/types.js';
import { parseDocument } from '../src/parse/document.js';
import { foldedText } from '../src/parse/lower-case.js';

const sentenceRules = BUILTIN_RULES.filter((rule): rule is SentenceRuleDefinition => rule.scope !== 'reply');

/** The rules' own examples, as written, in capitals and with every other letter's case swapped. */
function exampleTexts(): string[] {
  const examples = BUILTIN_RULES.flatMap((rule) => [...rule.examples.flagged.map((example) => example.text.replace(/[[\]]/g, '')), ...rule.examples.clean]);
  const swapped = (text: string) => [...text].map((char, index) => (index % 2 ? char.toUpperCase() : char.toLowerCase())).join('');
  return [...examples, ...examples.map((text) => text.toUpperCase()), ...examples.map(swapped)];
}

describe('requiredLiterals', () => {
  it('reads off the fragments every match must contain', () => {
    expect(requiredLiterals('sorry|apolog')).toEqual(['sorry', 'apolog']);
    expect(requiredLiterals('\\bmad\\b|\\bpain\\b')).toEqual(['mad', 'pain']);
    // An optional letter ends the fragment; a small class multiplies it; a group it must pass through counts.
    expect(requiredLiterals('behaviou?r')).toEqual(['behavio']);
    expect(requiredLiterals("n['’]t\\b")).toEqual(["n't", 'n’t']);
    expect(requiredLiterals('\\b(?:can|don)t\\b')).toEqual(['can', 'don']);
    expect(requiredLiterals('(?:our|my) (?:problem|concern)')).toEqual(['problem', 'concern']);
    // Of two as long, the one with fewer strings: "from " rather than "start" or "beginning".
    expect(requiredLiterals('from (?:the )?(?:very )?(?:start|beginning)')).toEqual(['from ']);
  });

  it('gives nothing where a match may hold no fragment of two characters', () => {
    for (const source of ['\\p{L}{2}', 'a|b', 'x?y?', '(?:sorry)?', '[a-z]+', 'sorry|.', '(?=sorry)\\w+', 'sorry|(?:a|)']) {
      expect(requiredLiterals(source), source).toBeUndefined();
    }
  });

  it('never rejects a text a built-in trigger matches', () => {
    const texts = exampleTexts();
    let matched = 0;
    for (const rule of sentenceRules) {
      const folded = foldedSource(rule.trigger)!;
      const literals = requiredLiterals(folded);
      if (!literals) continue;
      const trigger = new RegExp(folded, /\\[pP]\{/.test(folded) ? 'u' : '');
      for (const text of texts) {
        const lower = foldedText(text)!;
        if (!trigger.test(lower)) continue;
        matched += 1;
        expect(literals.some((literal) => lower.includes(literal)), `${rule.id} on ${JSON.stringify(text)}`).toBe(true);
      }
    }
    // The check is of real trigger matches, not of triggers that never fire.
    expect(matched).toBeGreaterThan(1_000);
  });
});

describe('LiteralScanner', () => {
  it('finds every literal in one pass, overlapping ones and those inside others included', () => {
    const scanner = new LiteralScanner([
      { literal: 'he', bit: 1 },
      { literal: 'she', bit: 2 },
      { literal: 'his', bit: 4 },
      { literal: 'hers', bit: 8 },
      { literal: '’ll', bit: 16 },
    ]);
    expect(scanner.scan('ushers')).toBe(1 | 2 | 8);
    expect(scanner.scan('this')).toBe(4);
    expect(scanner.scan('we’ll see')).toBe(16);
    expect(scanner.scan('nothing here')).toBe(1);
    expect(scanner.scan('')).toBe(0);
    expect(scanner.scan('xyz')).toBe(0);
  });
});

describe('triggerPrefilter', () => {
  it('gives each rule with required fragments a bit, and skips nothing for the others', () => {
    const prefilter = triggerPrefilter(['sorry|apolog', '\\p{L}{2}', '\\bcalm\\b']);
    expect(prefilter.bits).toEqual([1, 0, 2]);
    expect(prefilter.scan({ masked: 'Calm down', folded: 'calm down' })).toBe(2);
    expect(prefilter.scan({ masked: 'Sorry, calm', folded: 'sorry, calm' })).toBe(3);
    // Text whose lower case is longer is never skipped.
    expect(prefilter.scan({ masked: 'İ', folded: undefined })).toBe(-1);
  });

  it('is built once per list of triggers, and found again by that list', () => {
    const triggers = ['refund(?:ed)?', 'parcel'];
    expect(builtTriggerPrefilter(triggers)).toBeUndefined();
    const prefilter = triggerPrefilter(triggers);
    expect(triggerPrefilter([...triggers])).toBe(prefilter);
    expect(builtTriggerPrefilter(triggers)).toBe(prefilter);
    expect(builtTriggerPrefilter(['parcel', 'refund(?:ed)?'])).toBeUndefined();
  });

  it('leaves the findings of every rule on its examples as they are without it', () => {
    const active: ActiveRule[] = sentenceRules.map((rule) => ({ rule: compileRule(rule), severity: 'warning' }));
    const prefilter = triggerPrefilter(sentenceRules.map((rule) => rule.trigger));
    let findings = 0;
    for (const text of exampleTexts()) {
      const document = parseDocument(text);
      const expected = runRules(document, active, 'x#');
      expect(runRules(document, active, 'x#', [], {}, prefilter), text).toEqual(expected);
      findings += expected.length;
    }
    expect(findings).toBeGreaterThan(300);
  });
});
