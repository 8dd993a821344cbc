import { GERUNDS } from '../generated/lexicon.js';
import { lexiconEntry } from './lexicon.js';

// Prefixes that make a new verb of a verb, which keeps its spelling: reset → resetting, unplug → unplugging.
const VERB_PREFIX = /^(?:re|un|dis|pre|over|under|out|up|mis|de)(?=[a-z]{2})/;

/**
 * The -ing form of a verb ("turn" → "turning", "reset" → "resetting", "cleared" → "clearing"), in
 * the verb's own case, or undefined when `word` is a known word but no verb ("a", "another"). Verbs
 * compromise knows take its form, extracted at build time (scripts/build-lexicon.mjs); a word it
 * does not list is read as a verb and spelled by rule.
 */
export function gerundOf(word: string): string | undefined {
  const lower = word.toLowerCase();
  const gerund = GERUNDS[lower] ?? (lexiconEntry(lower) === undefined ? unlistedGerund(lower) : undefined);
  if (gerund === undefined || word === lower) return gerund;
  if (word === word.toUpperCase()) return gerund.toUpperCase();
  return gerund[0]!.toUpperCase() + gerund.slice(1);
}

/** The phrase with its first word in the -ing form ("turn the power on" → "turning the power on"); unchanged when that word is no verb. */
export function toGerundPhrase(phrase: string): string {
  const [first = '', ...rest] = phrase.split(' ');
  const gerund = /ing$/i.test(first) || !/^\p{L}+$/u.test(first) ? undefined : gerundOf(first);
  return gerund === undefined ? phrase : [gerund, ...rest].join(' ');
}

function unlistedGerund(verb: string): string {
  const prefix = VERB_PREFIX.exec(verb)?.[0];
  if (prefix) {
    const base = verb.slice(prefix.length);
    const gerund = GERUNDS[base] ?? (lexiconEntry(base) === undefined ? spelledGerund(base) : undefined);
    if (gerund) return prefix + gerund;
  }
  return spelledGerund(verb);
}

/** The -ing form by English spelling rules alone. */
function spelledGerund(verb: string): string {
  // A regular past form already has any doubled consonant: plugged → plugging, synced → syncing.
  if (/ied$/.test(verb)) return `${verb.slice(0, -3)}ying`;
  if (/[^e]ed$/.test(verb)) return `${verb.slice(0, -2)}ing`;
  if (verb.endsWith('ie')) return `${verb.slice(0, -2)}ying`; // tie → tying
  if (/(?:ee|ye|oe)$/.test(verb)) return `${verb}ing`; // agree → agreeing
  if (/[^aeiou]e$|ue$/.test(verb)) return `${verb.slice(0, -1)}ing`; // save → saving
  // One syllable ending consonant-vowel-consonant doubles its last letter: zip → zipping.
  if (/^[^aeiouy]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.at(-1)}ing`;
  return `${verb}ing`;
}
