import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/engine/builtin.js';
import { foldedSource } from '../src/engine/case-fold.js';
import { ruleRegexes } from '../src/engine/regex-safety.js';
import { RuleRegex } from '../src/engine/rule-regex.js';
import { foldedText } from '../src/parse/lower-case.js';

const unicodeFlag = (source: string) => (/\\[pPu]\{/.test(source) ? 'u' : '');

/** Every match of `source` as the engine ran it before folding (`i` flag, original text), as [start, end] pairs. */
function caseInsensitiveMatches(source: string, text: string): Array<[number, number]> {
  return [...text.matchAll(new RegExp(source, `gi${unicodeFlag(source)}`))].map((match) => [match.index, match.index + match[0].length]);
}

function foldedMatches(source: string, text: string): Array<[number, number]> {
  const folded = foldedSource(source)!;
  return [...foldedText(text)!.matchAll(new RegExp(folded, `g${unicodeFlag(folded)}`))].map((match) => [match.index, match.index + match[0].length]);
}

describe('foldedSource', () => {
  it('lowers literal letters and class ranges, and keeps escapes, group names and backreferences as written', () => {
    expect(foldedSource('\\bI (?:Can|WILL)\\b')).toBe('\\bi (?:can|will)\\b');
    expect(foldedSource('[A-Z][a-z]+\\S\\W\\D\\B')).toBe('[a-z][a-z]+\\S\\W\\D\\B');
    expect(foldedSource('(?<Rest>Sorry) \\k<Rest> (A)\\1')).toBe('(?<Rest>sorry) \\k<Rest> (a)\\1');
    expect(foldedSource('(?<=^|But )(?<!If )X\\p{L}+')).toBe('(?<=^|but )(?<!if )x\\p{L}+');
    expect(foldedSource('[\\s,:-]|[- ]|[0-9]|[–—]|\\u2019|\\x2c')).toBe('[\\s,:-]|[- ]|[0-9]|[–—]|\\u2019|\\x2c');
  });

  it('leaves alone what would mean something else in lower case', () => {
    for (const source of ['\\p{Lu}', '\\P{Ll}', '[0-Z]', '[!-~]', '\\x41', '\\u0041', '\\u{41}', '\\A', 'İ', '[À-ÿ]']) {
      expect(foldedSource(source), source).toBeUndefined();
    }
  });

  it('folds every pattern of the built-in rules', () => {
    const unfolded = BUILTIN_RULES.flatMap((rule) => ruleRegexes(rule).filter(({ source }) => foldedSource(source) === undefined).map(({ field }) => `${rule.id} ${field}`));
    expect(unfolded).toEqual([]);
  });

  it('finds, for every built-in pattern, the same matches in lower case as the pattern with `i` finds in the text as written', () => {
    // The rules' own examples, as written, in capitals and with every other letter's case swapped.
    const examples = BUILTIN_RULES.flatMap((rule) => [...rule.examples.flagged.map((example) => example.text.replace(/[[\]]/g, '')), ...rule.examples.clean]);
    const swapped = (text: string) => [...text].map((char, index) => (index % 2 ? char.toUpperCase() : char.toLowerCase())).join('');
    const texts = [...examples, ...examples.map((text) => text.toUpperCase()), ...examples.map(swapped)];
    let compared = 0;
    let matched = 0;
    for (const rule of BUILTIN_RULES) {
      for (const { field, source } of ruleRegexes(rule)) {
        for (const text of texts) {
          const expected = caseInsensitiveMatches(source, text);
          expect(foldedMatches(source, text), `${rule.id} ${field} on ${JSON.stringify(text)}`).toEqual(expected);
          compared += 1;
          matched += expected.length;
        }
      }
    }
    // The comparison is of real matches, not of patterns that never fire.
    expect(compared).toBeGreaterThan(100_000);
    expect(matched).toBeGreaterThan(5_000);
  });
});

describe('foldedText', () => {
  it('is the text in lower case, or nothing when lower case changes its length', () => {
    expect(foldedText('Sorry, ÉMILE’S ORDER')).toBe('sorry, émile’s order');
    expect(foldedText('İstanbul')).toBeUndefined();
  });
});

describe('RuleRegex', () => {
  it('matches text whose lower case is longer with the pattern as written, at the same offsets', () => {
    const regex = new RuleRegex('(?<what>sorry) for', 'dg');
    const masked = 'İ am SORRY for the wait';
    const [match] = [...regex.matches({ masked, folded: foldedText(masked) })];
    expect(match?.index).toBe(5);
    expect(match?.indices?.groups?.what).toEqual([5, 10]);
    expect(regex.test({ masked: 'İ AM', folded: undefined })).toBe(false);
  });

  it('runs a pattern it cannot fold on the text as written, case-insensitively', () => {
    const regex = new RuleRegex('\\p{Lu}{2}');
    expect(regex.test({ masked: 'ok then', folded: 'ok then' })).toBe(true);
  });
});
