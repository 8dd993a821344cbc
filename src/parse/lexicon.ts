import { LEXICON_NAMES, LEXICON_WORDS } from '../generated/lexicon.js';

/** Every lexicon word, as true (an ordinary word) or false (a name or abbreviation); built on first use. */
let lexicon: Map<string, boolean> | undefined;

/**
 * Whether compromise's lexicon (about 20,000 common English words and their forms, extracted at
 * build time by scripts/build-lexicon.mjs) lists `word` (lower case): true for an ordinary word,
 * false for a name, place or abbreviation, undefined when it is not listed.
 */
export function lexiconEntry(word: string): boolean | undefined {
  lexicon ??= loadLexicon();
  return lexicon.get(word);
}

function loadLexicon(): Map<string, boolean> {
  const entries = new Map(LEXICON_WORDS.split(' ').map((word) => [word, true]));
  for (const name of LEXICON_NAMES.split(' ')) entries.set(name, false);
  return entries;
}
