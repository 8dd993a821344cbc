import { lexiconEntry as listedWord } from '../../parse/lexicon.js';
import type { Sentence, Word } from '../../parse/document.js';
import type { Matcher, RawMatch } from '../context.js';

// compromise's lexicon tells an emphasised word ("NOT", "PLEASE", "TODAY") from an acronym or code
// ("NRC", "DPD", "ASAP"), which it does not list, or a name ("PARIS").

// Support acronyms that happen to spell an English word, and "OK", which is not emphasis at all.
const ACRONYMS = new Set([
  'OK', 'TV', 'PIN', 'PAN', 'SIM', 'ZIP', 'MAC', 'SWIFT', 'POS', 'APP', 'GIF', 'RAM', 'NET', 'CEO', 'WHO',
]);

// A project's files are named in capitals ("see CONTRIBUTING", "the LICENSE file"): names, not
// stress. Those that are also English words are names only before "file".
const FILE_NAMES = new Set(['README', 'CONTRIBUTING', 'CHANGELOG', 'CODEOWNERS']);
const WORD_FILE_NAMES = new Set(['LICENSE', 'COPYING', 'AUTHORS', 'NOTICE', 'SECURITY', 'INSTALL']);
const FILE_AFTER = /^\s(?:file|files)\b/;

// Two-letter words are mostly codes, states or initials ("US", "IT", "ME", "^HE"); these few are
// stressed often enough to flag on their own ("NO refunds", "SO sorry", "DO not", "turn it ON").
const SHORT_EMPHASIS = new Set(['NO', 'SO', 'DO', 'IS', 'BE', 'WE', 'MY', 'ON', 'UP', 'IF']);

// Word endings that mark an English word the lexicon leaves to compromise's suffix rules
// ("EXACTLY", "IMPOSSIBLE", "PRIORITY"); an acronym rarely ends like this and is pronounceable.
const ENGLISH_SUFFIX = /(?:LY|IBLE|ABLE|TIONS?|SIONS?|MENTS?|NESS|IT(?:Y|IES)|ANCE|ENCE|FUL|LESS|OUS|IVE|ING|ED|EST|[IY]ZE|ISE)$/;

// Consonants an English word may start with; "NRC", "XFINITY" and "DPD" start otherwise.
const ONSET =
  /^(?:[BCDFGHJKLMNPRSTVWYZ]|BL|BR|CH|CHR|CL|CR|DR|DW|FL|FR|GH|GL|GN|GR|KL|KN|KR|PH|PHR|PL|PR|PS|QU|RH|SC|SCH|SCHR|SCR|SH|SHR|SK|SL|SM|SN|SP|SPH|SPL|SPR|SQU|ST|STR|SW|TH|THR|TR|TW|WH|WR)?[AEIOU]/;

// Letters only (with apostrophes and inner hyphens), at least one of them; no digits, no lower case.
const CAPS_WORD = /^\p{Lu}+(?:['’-]\p{Lu}+)*$/u;
const CONTRACTION = /['’](?:T|LL|VE|RE|M|D)$/;
const POSSESSIVE = /['’]S$/;

// Characters that glue a word into a handle, hashtag, path, URL or sign-off ("^JK", "/ME", "#SALE"),
// or into a route or path after it ("SUB/Java"); a number before it makes it a unit ("0.99 CAD", "10 AM").
const GLUED_BEFORE = /[\^/~\\*#@_=.:|+]$|\d\s?$/;
const GLUED_AFTER = /^[/\\_@]\p{L}/u;
// A sign-off after a dash at the end of the sentence ("… help. -GO", "– JAY").
const DASH_BEFORE = /[-–—]\s?$/;
// Nothing but punctuation, emoji or a link after a word: the word ends the sentence.
const ENDS_SENTENCE = /^[\s\p{P}\p{S}\p{Extended_Pictographic}]*(?:https?:\/\/\S*\s*)?$/u;
const QUOTE_OPEN = /["“‘'«]\s?$/;
const QUOTE_CLOSE = /^\s?["”’'»]/;
// An on-screen label is cited, not shouted: a menu path ("Settings > I STILL NEED HELP"), a control
// ("click SIGN OUT EVERYWHERE", "the NEED PAYMENT button") or an SMS keyword ("reply STOP").
const LABEL_BEFORE = /(?:>|\b(?:click|tap|press|select|choose|hit|toggle|type|enter|reply|text)(?:\s+on)?)\s?$/i;
const LABEL_AFTER = /^\s(?:button|tab|option|link|menu|icon|key|field|page|section|screen|settings?|toggle|switch)\b/i;
// A capitalised word right after one stressed-looking word makes both a name ("BIG Points", "NOMI Insights");
// words that are only ever stressed ("NOT", "PLEASE") never start a name.
const NAME_AFTER = /^\s\p{Lu}\p{Ll}/u;
const NEVER_A_NAME = /^(?:NOT|NEVER|NO|PLEASE|MUST|ONLY|ALWAYS|\p{Lu}+['’]\p{Lu}+)$/u;
// A title line: capitals after a run of rule characters that opens the line ("---- NOT OUR ADDON",
// "== REFUNDS ==", "### BILLING"), up to the end of the line. Canned-response files name replies so.
const TITLE_MARK_BEFORE = /(?:^|\n)[ \t]*(?:[-=#*~_]{2,}|#)[ \t]*$/;
const TITLE_END_AFTER = /^[ \t]*[-=#*~_]*[ \t]*(?:\n|$)/;
// A setting's states named as a pair ("Is Night Mode ON or OFF?", "set it to YES/NO"): labels, not shouting.
const STATE = String.raw`(?:ON|OFF|YES|NO|TRUE|FALSE|ENABLED|DISABLED)`;
const STATE_WORD = new RegExp(`^${STATE}$`);
const STATE_PAIR_AFTER = new RegExp(`^\\s*(?:or|\\/)\\s*${STATE}\\b`);
const STATE_PAIR_BEFORE = new RegExp(`\\b${STATE}\\s*(?:or|\\/)\\s*$`);

/** How an all-caps word reads: stressed, neutral but part of a shout ("THE", "A"), or a code. */
type CapsKind = 'emphasis' | 'word' | 'code';

/**
 * Finds capitals and punctuation that raise the voice (rule `shouting`): words in ALL CAPS used for
 * emphasis ("we will NOT refund", "PLEASE read", a whole sentence in capitals) and runs of "!!",
 * "?!" or "!!!". Acronyms, codes, product names, placeholders, sign-offs and a single "!" stay silent.
 */
export const shouting: Matcher = ({ sentence }) => [...capitalRuns(sentence), ...punctuationRuns(sentence)];

// A stressed word has two capitals in a row ("NOT", "DON'T"); "I", "A" and "I'M" alone stress nothing.
const TWO_CAPITALS = /\p{Lu}\p{Lu}/u;

/** One finding per run of consecutive all-caps words that holds at least one stressed word. */
function capitalRuns(sentence: Sentence): RawMatch[] {
  // Most sentences have no two capitals in a row: then their words need not even be read.
  if (!TWO_CAPITALS.test(sentence.masked)) return [];
  const matches: RawMatch[] = [];
  let run: { word: Word; kind: CapsKind }[] = [];
  const flush = (): void => {
    const match = runMatch(sentence, run);
    if (match) matches.push(match);
    run = [];
  };
  sentence.words.forEach((word) => {
    const kind = capsKind(sentence, word);
    if (kind === undefined) return flush();
    const previous = run.at(-1);
    // A run continues across spaces and light punctuation ("NO, NEVER", "FARE DIFFERENCE + CHANGE FEE").
    if (previous && !/^[\s,+&/-]*$/.test(textBetween(sentence, previous.word, word))) flush();
    run.push({ word, kind });
  });
  flush();
  return matches;
}

function runMatch(sentence: Sentence, run: { word: Word; kind: CapsKind }[]): RawMatch | undefined {
  const stressed = run.filter(({ kind }) => kind === 'emphasis');
  if (stressed.length === 0) return undefined;
  // The span runs from the first to the last shouted word: codes and a plain "I" at either edge
  // stay as they are ("I SAID" flags "SAID").
  const quiet = ({ word, kind }: { word: Word; kind: CapsKind }): boolean => kind === 'code' || PRONOUN_I.test(word.text);
  let first = 0;
  while (quiet(run[first]!)) first += 1;
  let last = run.length - 1;
  while (quiet(run[last]!)) last -= 1;
  const start = run[first]!.word.start;
  const end = run[last]!.word.end;
  if (isCited(sentence, run)) return undefined;
  let lowered = '';
  let cursor = start;
  for (const { word, kind } of run.slice(first, last + 1)) {
    lowered += sentence.text.slice(cursor - sentence.start, word.start - sentence.start);
    lowered += kind === 'code' ? word.text : lowerWord(word.text);
    cursor = word.end;
  }
  return { start, end, slots: { lowered }, rewrites: 'capitals' };
}

const PRONOUN_I = /^I(?:['’]\p{Lu}+)?$/u;

/** Lower-cases a shouted word, keeping the pronoun "I" ("I'M" → "I'm"). */
function lowerWord(text: string): string {
  return PRONOUN_I.test(text) ? text[0] + text.slice(1).toLowerCase() : text.toLowerCase();
}

function capsKind(sentence: Sentence, word: Word): CapsKind | undefined {
  if (word.placeholder) return undefined;
  // The parser keeps a full stop on abbreviations ("U.S.", "ID." before a name): a code.
  if (/^[\p{Lu}.]+$/u.test(word.text) && word.text.includes('.')) return 'code';
  if (!CAPS_WORD.test(word.text)) return undefined;
  const before = sentence.text.slice(0, word.start - sentence.start);
  const after = sentence.text.slice(word.end - sentence.start);
  if (GLUED_BEFORE.test(before) || GLUED_AFTER.test(after)) return 'code';
  const letters = word.text.replace(/['’-]/g, '');
  // "I" and "A" only carry a shouted sentence along; other single letters are codes ("Plan B").
  if (letters.length === 1) return word.text === 'I' || word.text === 'A' ? 'word' : 'code';
  const endsSentence = ENDS_SENTENCE.test(after);
  if (endsSentence && DASH_BEFORE.test(before)) return 'code';
  if (CONTRACTION.test(word.text)) return /^I['’]/.test(word.text) ? 'word' : 'emphasis';
  const stem = word.text.replace(POSSESSIVE, '');
  if (ACRONYMS.has(stem) || FILE_NAMES.has(stem) || (WORD_FILE_NAMES.has(stem) && FILE_AFTER.test(after))) return 'code';
  if (letters.length === 2) {
    if (stem === 'NO' && /^\s?[.:#]?\s?\d/.test(after)) return 'code'; // "Ref NO. 1234"
    if (SHORT_EMPHASIS.has(stem)) return 'emphasis';
    return lexiconEntry(stem) ? 'word' : 'code';
  }
  const listed = lexiconEntry(stem);
  if (listed !== undefined) return listed ? 'emphasis' : 'code';
  const base = inflectionStem(stem);
  if (base.length >= 3 && lexiconEntry(base)) return 'emphasis';
  if (!isPronounceable(stem)) return 'code';
  return ENGLISH_SUFFIX.test(stem) ? 'emphasis' : 'word';
}

/** True for an ordinary English word in compromise's lexicon, false for a name or abbreviation there. */
function lexiconEntry(upper: string): boolean | undefined {
  return listedWord(upper.toLowerCase());
}

/** The word without a plural or tense ending, so "REFUNDS" and "WAITED" find "refund" and "wait". */
function inflectionStem(upper: string): string {
  return upper.replace(/(?:IES|ES|S|ED|ING)$/, '');
}

/** Whether the word could be English: a usual first consonant cluster and no long consonant runs. */
function isPronounceable(upper: string): boolean {
  return ONSET.test(upper) && !/[^AEIOUY]{4}/.test(upper) && !/(.)\1\1/.test(upper);
}

function textBetween(sentence: Sentence, left: Word, right: Word): string {
  return sentence.text.slice(left.end - sentence.start, right.start - sentence.start);
}

/** Whether the run quotes a message, names a label or is part of a product name rather than shouting. */
function isCited(sentence: Sentence, run: { word: Word; kind: CapsKind }[]): boolean {
  const before = sentence.text.slice(0, run[0]!.word.start - sentence.start);
  const after = sentence.text.slice(run.at(-1)!.word.end - sentence.start);
  if (QUOTE_OPEN.test(before) && QUOTE_CLOSE.test(after)) return true;
  if (LABEL_BEFORE.test(before) || LABEL_AFTER.test(after)) return true;
  if (TITLE_MARK_BEFORE.test(before) && TITLE_END_AFTER.test(after)) return true;
  if (run.length === 1 && STATE_WORD.test(run[0]!.word.text) && (STATE_PAIR_AFTER.test(after) || STATE_PAIR_BEFORE.test(before))) return true;
  // One word before a name or an unknown code is part of that name: "BIG Points", "BIG ID".
  const [head, tail] = run;
  if (run.length === 1) return NAME_AFTER.test(after) && !NEVER_A_NAME.test(head!.word.text);
  return run.length === 2 && head!.kind === 'emphasis' && tail!.kind === 'code' && isUnknownCode(tail!.word.text);
}

/** A code that is neither in the lexicon nor a known support acronym ("ID", "QZ", "NRC"). */
function isUnknownCode(text: string): boolean {
  return !ACRONYMS.has(text) && lexiconEntry(text) === undefined;
}

// Two or more marks in a row; the matcher keeps only runs with an exclamation mark ("!!", "?!", "!?!").
const MARK_RUN = /[!?]{2,}/g;

/** One finding per run of "!!", "!!!" or "?!"; a single "!" and a doubled "??" stay silent. */
function punctuationRuns(sentence: Sentence): RawMatch[] {
  const matches: RawMatch[] = [];
  for (const found of sentence.masked.matchAll(MARK_RUN)) {
    if (!found[0].includes('!')) continue;
    const start = sentence.start + found.index;
    matches.push({
      start,
      end: start + found[0].length,
      slots: {},
      rewrites: found[0].includes('?') ? 'question' : 'exclamation',
    });
  }
  return matches;
}
