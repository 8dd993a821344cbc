// Reply-level rules judge the whole draft, not one sentence: "does any sentence acknowledge the
// customer?", "does any sentence commit to a next step?". They need to know where the body of the
// reply is (after the greeting, before the sign-off) and whether there is enough of it to judge.
import type { ParsedDocument, Sentence } from '../parse/document.js';
import { SentenceContext } from './context.js';
import { buildFinding } from './findings.js';
import { MATCHERS } from './matchers/index.js';
import { RuleRegex } from './rule-regex.js';
import type { Finding, ReplyRuleDefinition, Severity } from './types.js';

/** A reply rule ready to run: its regular expressions compiled once. */
export interface CompiledReplyRule {
  definition: ReplyRuleDefinition;
  /**
   * The finding for `document`, or nothing when the reply is fine or too short to judge (`body` is
   * `findReplyBody(document)`, found once for all reply rules; `contextSlots` fill the rewrite).
   */
  check(
    document: ParsedDocument,
    body: ReplyBody | undefined,
    severity: Severity,
    docsUrl: string,
    contextSlots?: Readonly<Record<string, string>>,
  ): Finding | undefined;
  /** Whether `sentence` does what the rule asks (one such sentence makes the reply fine); the scorecard shows it. */
  satisfies(document: ParsedDocument, sentence: Sentence): boolean;
}

/** Compiles a validated reply rule. */
export function compileReplyRule(definition: ReplyRuleDefinition): CompiledReplyRule {
  const satisfiedBy = definition.satisfiedBy.map((source) => new RuleRegex(source, 'g'));
  const notCounting = definition.notCounting.map(({ regex, matcher }) =>
    regex ? regexSpans(new RuleRegex(regex, 'g')) : (context: SentenceContext) => MATCHERS[matcher!]!(context),
  );
  const counts = (document: ParsedDocument, sentence: Sentence): boolean => {
    // The spans that do not count are found once per sentence, not once per match: a sentence of
    // a thousand "sorry"s would otherwise run the apology matcher a thousand times.
    let excluded: Array<{ start: number; end: number }> | undefined;
    for (const regex of satisfiedBy) {
      for (const found of regex.matches(sentence)) {
        const start = sentence.start + found.index;
        const end = start + found[0].length;
        if (!excluded) {
          const context = new SentenceContext(document, sentence);
          excluded = notCounting.flatMap((exclude) => exclude(context));
        }
        const discounted = excluded.some((span) => span.start < end && start < span.end);
        if (!discounted) return true;
      }
    }
    return false;
  };
  return {
    definition,
    satisfies: counts,
    check(document, body, severity, docsUrl, contextSlots) {
      if (!body) return undefined;
      if (body.sentences.some((sentence) => counts(document, sentence))) return undefined;
      const span = { start: body.start, end: body.end, slots: {} };
      const finding = buildFinding(definition, severity, span, document, docsUrl, contextSlots);
      finding.insertAt = definition.insert === 'opening' ? body.start : body.closingAt;
      return finding;
    },
  };
}

/** Where a reply's body is: the span a reply-level finding points at, and where a closing line goes. */
export interface ReplyBody {
  /** The sentences between greeting and sign-off; only these can satisfy a reply rule. */
  sentences: Sentence[];
  /** The first sentence of the body that says something (greeting and opening thanks skipped). */
  start: number;
  end: number;
  /** Just after the last sentence of the body, before any sign-off or signature. */
  closingAt: number;
}

// A reply is judged only when there is enough of it: at least two sentences that say something
// (besides greeting, opening thanks and sign-off) in a reply shaped like a letter (a greeting line
// or a sign-off block), or three in a message without that shape (a tweet, a chat turn, a snippet).
// A one-line "Thanks, you too!", a single tweet in a thread or a two-sentence snippet may follow an
// earlier message that already listened and promised; we cannot tell, so we stay quiet.
// Sentences under three words ("Oh!", "Got it.", a "^JK" signature) do not count towards it.
const MIN_SENTENCES_FRAMED = 2;
const MIN_SENTENCES_BARE = 3;
const MIN_WORDS_TO_COUNT = 3;
// One part of a message split over several posts ("1/2", "2:", a leading or trailing ">>" or "…") is not a whole reply.
const PART_OF_THREAD = /^\s*(?:<<|>>?|\.\.\.|…|\(?\d\/\d\)?\s|\d:\s)|(?:>>|\.\.\.|…|\(?\d\/\d\)?)\s*$/u;

// "Hi Ana,", "Hello {{ticket.requester.first_name}},", "Dear Sir/Madam", "Hey there!", "Good morning".
// The name runs to the first mark that closes the greeting; bounded, so matching stays linear.
const GREETING =
  /^[\s"'“]*(?:hi|hello|hey|hiya|heya|howdy|greetings|dear|good (?:morning|afternoon|evening|day)|morning|afternoon|evening)\b[^.!?,:;\n]{0,40}?(?:[,!.:;]+(?:-?[)(DP](?![a-z]))?|\s[-–—](?=\s)|(?=\n)|$)/iu;
const MAX_NAME_WORDS_AFTER_GREETING = 2;
// Courtesy that opens a reply and says nothing about the case: "Thanks for reaching out!", "Hope
// you're well", "You're chatting with Kev". It is body text, but an opening line belongs after it,
// so the finding points at the next sentence, and it does not count towards the minimum.
const OPENING_COURTESY =
  /^[\s"'“]*(?:(?:many |big )?thanks|thank you|thx|(?:I |we )?hope (?:you['’]re|you are|this (?:email|message) finds you|you['’]ve been|all is)|(?:I |we )?trust (?:you['’]re|you are|this)|you['’]re (?:chatting|speaking|talking) (?:with|to)|my name is)\b/iu;
// "Best wishes,", "Kind regards,", "Thanks,", "Have a wonderful trip," — a closing formula on its own line.
const VALEDICTION =
  /^(?:(?:[\p{L}'’&]+ ){0,5}[\p{L}'’&]+,|(?:thanks|thank you|cheers|regards|best|kind regards|best wishes|warm regards|many thanks|take care|all the best)[!.]?)$/iu;
// A name, team or company under the sign-off: a few words, no sentence-ending mark.
const SIGNATURE_MAX_WORDS = 5;
const MAX_SIGN_OFF_LINES = 4;
// A tweet's signature at the end of its last sentence: "-Anwar", "^JK", "/KB".
const TRAILING_SIGNATURE = /\s*(?:[-–—~]\s?[A-Z][\p{L}]{0,14}|\^[A-Z]{1,3}|\/[A-Z]{1,3})\s*$/u;

/**
 * Finds the body of a reply: sentences after the greeting and before the sign-off. Returns nothing
 * when the reply is too short to judge as a whole (see MIN_SENTENCES_FRAMED and MIN_SENTENCES_BARE).
 */
export function findReplyBody(document: ParsedDocument): ReplyBody | undefined {
  const { text } = document;
  // Template syntax alone ("{% if … %}", "{{SORRY_MACRO}}") is not a sentence of the reply.
  const sentences = document.sentences.filter((sentence) => sentence.hasPlainWord);
  if (sentences.length === 0 || PART_OF_THREAD.test(text)) return undefined;
  // A greeting is a sentence of its own ("Hi Ana,") or leads the first one ("Hi Ana, your order…").
  const greeting = GREETING.exec(sentences[0]!.masked);
  // "Hey, Rebekah!" is all greeting: what follows the opening word is only a name.
  const greetingIsSentence =
    greeting !== null && wordCount(sentences[0]!.masked.slice(greeting[0].length)) <= MAX_NAME_WORDS_AFTER_GREETING;
  const first = greetingIsSentence ? 1 : 0;
  const startOf = (sentence: Sentence): number =>
    skipSpace(text, sentence === sentences[0] && greeting ? sentence.start + greeting[0].length : sentence.start);
  const isCourtesy = (sentence: Sentence): boolean =>
    OPENING_COURTESY.test(sentence.masked.slice(startOf(sentence) - sentence.start));

  const signOff = signOffStart(text, sentences);
  const body = sentences.slice(first, signOff ?? sentences.length);
  let lead = 0;
  while (lead < body.length && isCourtesy(body[lead]!)) lead += 1;
  // Shaped like a letter: a greeting on a line of its own, or a sign-off block.
  const framed = (greetingIsSentence && onItsOwnLine(text, sentences[0]!)) || signOff !== undefined;
  const counted = body.slice(lead).filter((sentence) => sentence.wordCount >= MIN_WORDS_TO_COUNT).length;
  if (counted < (framed ? MIN_SENTENCES_FRAMED : MIN_SENTENCES_BARE)) return undefined;

  const target = body[lead]!;
  const final = body[body.length - 1]!;
  const signature = TRAILING_SIGNATURE.exec(text.slice(final.start, final.end));
  return {
    sentences: body,
    start: startOf(target),
    end: trimEnd(text, target.start, target.end),
    closingAt: signature && signature.index > 0 ? final.start + signature.index : trimEnd(text, final.start, final.end),
  };
}

/** Index of the first sentence of the sign-off block ("Kind regards,\nTom\nNorthwave"), if any. */
function signOffStart(text: string, sentences: readonly Sentence[]): number | undefined {
  let signature = sentences.length;
  for (let index = sentences.length - 1; index > 0 && sentences.length - index <= MAX_SIGN_OFF_LINES; index -= 1) {
    const sentence = sentences[index]!;
    if (!onItsOwnLine(text, sentence)) break;
    if (VALEDICTION.test(sentence.masked.trim())) return index;
    if (!isSignatureLine(sentence)) break;
    signature = index;
  }
  // Names alone in a last paragraph ("…by Friday.\n\nJade") close the reply too.
  const previous = sentences[signature - 1];
  const ownParagraph = previous !== undefined && previous.paragraph !== sentences[signature]?.paragraph;
  return signature < sentences.length && ownParagraph ? signature : undefined;
}

function isSignatureLine(sentence: Sentence): boolean {
  return sentence.wordCount <= SIGNATURE_MAX_WORDS && !/[.?!:;]["'”’)]*\s*$/.test(sentence.masked);
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
}

function onItsOwnLine(text: string, sentence: Sentence): boolean {
  const lineStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
  const lineEnd = text.indexOf('\n', sentence.end);
  const after = text.slice(sentence.end, lineEnd === -1 ? text.length : lineEnd);
  return text.slice(lineStart, sentence.start).trim() === '' && after.trim() === '';
}

function skipSpace(text: string, offset: number): number {
  while (offset < text.length && /\s/.test(text[offset]!)) offset += 1;
  return offset;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return end;
}

function regexSpans(regex: RuleRegex): (context: SentenceContext) => Array<{ start: number; end: number }> {
  return ({ sentence }) =>
    [...regex.matches(sentence)].map((found) => ({
      start: sentence.start + found.index,
      end: sentence.start + found.index + found[0].length,
    }));
}
