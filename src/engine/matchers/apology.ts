import { coverWhole } from '../../parse/spans.js';
import type { Matcher, RawMatch } from '../context.js';

// An apology word, with the words that may lead a fragment apology ("So sorry", "My apologies").
const APOLOGY =
  /\b(?<lead>(?:(?:oh|again|and|also|so|very|really|truly|terribly|deeply|awfully|incredibly|extremely|sincerely|super|my|our|many|sincere|deepest|humble|humblest|profuse|ok(?:ay)?)[\s,]+){0,3})(?<word>sorry|apologies|apology|apologi[sz]e[sd]?|apologi[sz]ing)\b/giu;

// A subject and verb right before the apology word make it the predicate of a full clause.
// Each repetition starts at a separator and takes one whole word, so matching stays linear.
const CLAUSE_BEFORE =
  /\b(?:I|we|the team|our team|everyone here|all of us)(?:['’](?:m|re|ve|d))?(?:[\s,]+(?:am|are|was|were|have|had|been|be|feel|felt|do|would|like|want|wanted|must|just|can|only|really|so|very|truly|terribly|deeply|awfully|incredibly|extremely|sincerely|genuinely|profoundly|again|also|once|say|to|offer|owe|you|extend|an|our|my|sincere|sincerest|deepest|humble|please|accept))*\s+$/iu;
const ACCEPT_BEFORE = /\b(?:please\s+)?accept\s+(?:my|our)(?:\s+(?:sincere|sincerest|deepest|humble|humblest))?\s+$/iu;

// What follows an apology that names nothing: nothing at all, or a vague object.
// Each repetition after the first starts at separators and then a word, and "may have" has one
// reading, so there is one way to split the text (no catastrophic backtracking).
const VAGUE_WORDS = String.raw`(?:(?:^|[\s,]+)(?:again|once again|so much|very much|about (?:that|this|it)|for (?:that|this|it|all (?:that|this))|(?:for|about) (?:the|any|all the|this|that|these|those|your) (?:inconvenience|trouble|hassle|confusion|issues?|problems?|frustration|difficult(?:y|ies)|mix-?up|situation|experience|error|annoyance)(?: (?:this|that|it|which)(?: (?:may|might|has|had)(?: have)?| have)? (?:caused|created)(?: you)?)?|(?:to hear|to read|to learn)(?: (?:that|this|it))?|to (?:you|everyone)))*`;
const VAGUE_OBJECT = new RegExp(`^${VAGUE_WORDS}\\s*(?:$|[.!…,;:)\\-–—]|(?:but|however|and|as|because|since|thanks?|thank you)\\b)`, 'iu');
// …unless a reason follows it: "we're sorry as your seat was given away" says what went wrong.
const VAGUE_THEN_REASON = new RegExp(`^${VAGUE_WORDS}\\s*(?:as|because|since)\\s+\\p{L}`, 'iu');

// Where the apology phrase ends: a clause break or a new clause that continues the reply. A break
// after blanks is tried only from the first blank of a run, so a long run of spaces stays linear.
const PHRASE_END = /[.!?;:…]|,(?:\s+(?!(?:and|or)\b)|\s*$)|(?<!\s)\s+(?:but|however|though|although|as|because|since)\b|(?<!\s)\s+and\s+(?=(?:thanks?|thank you|we|I|let|please|hope)\b)|(?<!\s)\s+[-–—]\s+/iu;

/** Finds apologies that are not a full sentence naming what went wrong (rule `bare-sorry`). */
export const apology: Matcher = ({ sentence, document }) => {
  const matches: RawMatch[] = [];
  const text = sentence.masked;
  for (const found of text.matchAll(APOLOGY)) {
    const word = found.groups!.word!;
    const lead = found.groups!.lead ?? '';
    const wordStart = found.index + lead.length;
    const before = text.slice(0, wordStart);
    if (!isApologyWord(word, before, text.slice(wordStart + word.length))) continue;

    const after = text.slice(wordStart + word.length);
    const fullClause = CLAUSE_BEFORE.test(before) || ACCEPT_BEFORE.test(before);
    const namesSomething = !VAGUE_OBJECT.test(after);
    if (fullClause && (namesSomething || VAGUE_THEN_REASON.test(after))) continue;

    if (fullClause) {
      // A full clause that names nothing: flag the apology word itself.
      matches.push(at(sentence.start, wordStart, wordStart + word.length, {}, 'vague'));
      continue;
    }
    const phraseStart = found.index + leadingStart(lead);
    const rest = after.slice(0, phraseLength(after)).trimEnd();
    const vague = !namesSomething || rest.trim() === '';
    const restStart = wordStart + word.length;
    // Slots come from the original text, so a placeholder reaches the rewrite as written (and whole).
    const [, coveredEnd] = coverWhole(document.placeholders, sentence.start + restStart, sentence.start + restStart + rest.length);
    const end = coveredEnd - sentence.start;
    const restText = sentence.text.slice(restStart, end).trim();
    matches.push(at(sentence.start, phraseStart, end, { rest: restText }, vague ? 'vague' : 'fragment'));
  }
  return matches;
};

/** Excludes "sorry" that is not an apology: pity, "you won't be sorry", "sorry state", "Sorry?". */
function isApologyWord(word: string, before: string, after: string): boolean {
  if (/^apolog/i.test(word) && /\b(?:an?|no|the|his|her|their|your)\s+$/i.test(before)) return false;
  if (/^sorry$/i.test(word)) {
    if (/^\s*(?:for you|state|excuse|sight|lot)\b/i.test(after) && !/^\s*for your\b/i.test(after)) return false;
    if (/\b(?:you|they|he|she|it|nobody|no one|won['’]t be|will not be|never be|feel|felt)\s+(?:\w+\s+)?$/i.test(before)) return false;
    if (/^\s*\?/.test(after) && before.trim() === '') return false;
  }
  return true;
}

function leadingStart(lead: string): number {
  // Keep intensifiers and "my/our" in the span, drop interjections and connectors that only lead in.
  const dropped = /^(?:(?:oh|again|and|also|ok(?:ay)?)[\s,]+)*/i.exec(lead)?.[0] ?? '';
  return dropped.length;
}

function phraseLength(after: string): number {
  const end = PHRASE_END.exec(after);
  return end ? end.index : after.length;
}

function at(base: number, start: number, end: number, slots: Record<string, string>, rewrites: string): RawMatch {
  return { start: base + start, end: base + end, slots, rewrites };
}
