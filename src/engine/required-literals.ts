import { codeEscapeAt } from './case-fold.js';

// A rule's trigger is a long alternation of word fragments ("calm|relax|…|over\b"), and running it
// on every sentence was the largest single cost of linting (about 12 % of it). Most sentences hold
// none of its fragments, which one scan for all rules at once can tell (literal-scan.ts); for that,
// each trigger is reduced here to the fragments any match of it must contain.

/** A piece of a pattern, as far as required text goes. */
type Element =
  | { kind: 'text'; variants: string[] } // one character, or one of a few (a small class)
  | { kind: 'group'; alternatives: Element[][] } // a group every match goes through
  | { kind: 'other' }; // anything else: a class escape, an assertion, an optional part

// A run of text with classes in it multiplies its variants: past this many, it is not used.
const MAX_VARIANTS = 32;
// A fragment shorter than this appears in nearly every sentence and would filter nothing.
const MIN_LITERAL = 2;

/**
 * Strings such that every match of `source` contains at least one of them, each at least two
 * characters long; `undefined` when no such list can be read off the pattern. `source` is a
 * pattern for lower-case text (see case-fold.ts), so the strings are in lower case.
 */
export function requiredLiterals(source: string): string[] | undefined {
  // A character beyond the BMP is two code units here, and a quantifier after it applies to both.
  if (/[\uD800-\uDFFF]/.test(source)) return undefined;
  const parsed = parseAlternatives(source, 0);
  if (parsed === undefined || parsed.end !== source.length) return undefined;
  const literals = alternativesLiterals(parsed.alternatives);
  return literals && [...new Set(literals)];
}

function alternativesLiterals(alternatives: Element[][]): string[] | undefined {
  const all: string[] = [];
  for (const sequence of alternatives) {
    const literals = sequenceLiterals(sequence);
    if (literals === undefined) return undefined;
    all.push(...literals);
  }
  return all;
}

/** The best set a sequence offers: a run of text, or a group it must go through; the longest shortest string wins. */
function sequenceLiterals(sequence: Element[]): string[] | undefined {
  const candidates: string[][] = [];
  let run: string[] | undefined;
  const endRun = () => {
    if (run) candidates.push(run);
    run = undefined;
  };
  for (const element of sequence) {
    if (element.kind === 'text') {
      const grown: string[] = (run ?? ['']).flatMap((prefix) => element.variants.map((variant) => prefix + variant));
      if (grown.length > MAX_VARIANTS) {
        endRun();
        run = element.variants;
      } else {
        run = grown;
      }
      continue;
    }
    endRun();
    if (element.kind === 'group') {
      const literals = alternativesLiterals(element.alternatives);
      if (literals) candidates.push(literals);
    }
  }
  endRun();
  let best: string[] | undefined;
  let bestLength = MIN_LITERAL - 1;
  for (const candidate of candidates) {
    const shortest = Math.min(...candidate.map((literal) => literal.length));
    if (shortest > bestLength || (shortest === bestLength && best !== undefined && candidate.length < best.length)) {
      best = candidate;
      bestLength = shortest;
    }
  }
  return best;
}

/** The alternatives from `at` up to the `)` that closes them or the end of the source. */
function parseAlternatives(source: string, at: number): { alternatives: Element[][]; end: number } | undefined {
  const alternatives: Element[][] = [[]];
  while (at < source.length && source[at] !== ')') {
    if (source[at] === '|') {
      alternatives.push([]);
      at += 1;
      continue;
    }
    const parsed = parseElement(source, at);
    if (parsed === undefined) return undefined;
    const quantified = readQuantifier(source, parsed.end);
    // An optional element (`?`, `*`, `{0,…}`) requires nothing; a repeated one ends the run after it.
    const element: Element = quantified.optional ? { kind: 'other' } : parsed.element;
    alternatives[alternatives.length - 1]!.push(element);
    if (quantified.repeated && !quantified.optional) alternatives[alternatives.length - 1]!.push({ kind: 'other' });
    at = quantified.end;
  }
  return { alternatives, end: at };
}

function parseElement(source: string, at: number): { element: Element; end: number } | undefined {
  const char = source[at]!;
  if (char === '\\') return parseEscape(source, at);
  if (char === '[') return parseClass(source, at);
  if (char === '(') {
    const lookaround = /^\(\?<?[=!]/.test(source.slice(at, at + 4));
    const named = !lookaround && source.startsWith('(?<', at);
    let innerStart = at + 1;
    if (lookaround) innerStart = at + (source[at + 2] === '<' ? 4 : 3);
    else if (named) innerStart = source.indexOf('>', at) + 1;
    else if (source.startsWith('(?:', at)) innerStart = at + 3;
    if (innerStart <= at) return undefined;
    const inner = parseAlternatives(source, innerStart);
    if (inner === undefined || source[inner.end] !== ')') return undefined;
    // What a lookaround asks is not text a match contains.
    return { element: lookaround ? { kind: 'other' } : { kind: 'group', alternatives: inner.alternatives }, end: inner.end + 1 };
  }
  if ('.^$'.includes(char)) return { element: { kind: 'other' }, end: at + 1 };
  if ('*+?{}'.includes(char)) return undefined;
  return { element: { kind: 'text', variants: [char] }, end: at + 1 };
}

function parseEscape(source: string, at: number): { element: Element; end: number } | undefined {
  const kind = source[at + 1];
  if (kind === undefined) return undefined;
  // A property, a backreference by name or a character written out: none is text read off here.
  if (kind === 'p' || kind === 'P' || kind === 'k') {
    const end = source.indexOf(kind === 'k' ? '>' : '}', at) + 1;
    return end > 0 ? { element: { kind: 'other' }, end } : undefined;
  }
  if (kind === 'u' || kind === 'x' || kind === 'c') {
    const written = codeEscapeAt(source, at);
    return written ? { element: { kind: 'other' }, end: at + written.length } : undefined;
  }
  // A letter or digit after a backslash is a class, an assertion or a backreference; anything else stands for itself.
  if (/[\dA-Za-z]/.test(kind)) return { element: { kind: 'other' }, end: at + 2 };
  return { element: { kind: 'text', variants: [kind] }, end: at + 2 };
}

/** A class of a few plain characters (`['’]`) is one of them; any other class requires nothing. */
function parseClass(source: string, at: number): { element: Element; end: number } | undefined {
  let end = at + 1;
  while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
  if (end >= source.length) return undefined;
  const body = source.slice(at + 1, end);
  const plain = body.length > 0 && body.length <= 4 && !/[\\^\-\uD800-\uDFFF]/.test(body);
  return { element: plain ? { kind: 'text', variants: [...new Set(body)] } : { kind: 'other' }, end: end + 1 };
}

function readQuantifier(source: string, at: number): { optional: boolean; repeated: boolean; end: number } {
  const char = source[at];
  let result = { optional: false, repeated: false, end: at };
  if (char === '?') result = { optional: true, repeated: false, end: at + 1 };
  else if (char === '*') result = { optional: true, repeated: true, end: at + 1 };
  else if (char === '+') result = { optional: false, repeated: true, end: at + 1 };
  else if (char === '{') {
    const braces = /^\{(\d+)(,\d*)?\}/.exec(source.slice(at));
    if (braces) result = { optional: braces[1] === '0', repeated: true, end: at + braces[0].length };
  }
  // A lazy quantifier (`??`, `*?`, `+?`) matches the same strings.
  if (result.end > at && source[result.end] === '?') result.end += 1;
  return result;
}
