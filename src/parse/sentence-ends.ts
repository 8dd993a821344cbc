// Where sentences end, where retext-english's reading of full stops does not fit a reply: ends it
// misses (split off by missedEnds) and ends it makes before a number (joined by sentencesOf).
import type { Paragraph, Sentence as SentenceNode } from 'nlcst';

// Full stops retext-english does not read as the end of a sentence, though a capitalised word
// follows: "in." (it takes it for inches: "Thanks for writing in. We're on it.") and a number's
// (it takes "20." for an ordinal: "We refunded $20. Sorry for the wait." stayed one sentence). A
// number that opens its sentence or follows a colon is a list's "1." and stays with its item.
const NUMBER_OR_IN_END = String.raw`\bin\.|[^\s:]\s+[\p{Sc}#]?\d[\d.,]*\.`;
// Abbreviations that often end a sentence ("We open at 9 a.m. Please call then.") end one when a
// word that opens sentences follows; before a name ("a.m. Eastern", "U.S. Customs") they do not.
const ABBREVIATION_END = String.raw`\b(?:[aApP]\.[mM]|[eE]tc|[iI]nc|[lL]td|[cC]orp|[uU]\.[sSkK])\.`;
const SENTENCE_OPENER =
  "(?:I|I['’](?:m|ve|ll|d)|We|We['’](?:re|ve|ll|d)|You|You['’](?:re|ve|ll|d)|Your|Our|My|It|It['’]s|This|That|These|Those|The|They|There|Here|He|She|" +
  "Please|Sorry|Thanks|Thank|If|Let|Let['’]s|Feel|Hope|Once|When|Also|However|Unfortunately|Meanwhile|In|For|As|So|Just|Is|Are|Can|Could|Would|Will|Do|Does|Did|Have|Has)\\b";
// A smiley after a word ends a sentence in chat replies, in place of a full stop ("Your refund is on
// its way :) Expect it by Friday."). An emoji may stand for a word ("trains 🚆 to the Lake ⛰️ District"),
// so it ends one only before a word that opens sentences; ©, ® and ™ are not emoji.
const SMILEY_END = String.raw`\p{L}\p{P}*\s+[:;=]-?[)(DPp]`;
const EMOJI_END = String.raw`\p{L}\p{P}*\s+(?![©®™])\p{Extended_Pictographic}[\u{FE0F}\u{200D}\p{Emoji_Modifier}\p{Extended_Pictographic}]*`;
const MISSED_END = new RegExp(
  String.raw`(?<=${NUMBER_OR_IN_END}|${SMILEY_END})\s+(?=\p{Lu})|(?<=${ABBREVIATION_END}|${EMOJI_END})\s+(?=${SENTENCE_OPENER})`,
  'gu',
);
// A cheap test for a sentence that may hold one of those.
const MAY_MISS_END = /(?:in|\d|\.m|etc|inc|ltd|orp|\.s|\.k)\.\s|[:;=]-?[)(dp]\s|\p{Extended_Pictographic}/iu;

/**
 * Where `text` (one sentence as retext-english gave it) runs on past an end: the offset of the
 * white space after each such full stop.
 */
export function missedEnds(text: string): number[] {
  // Most sentences hold none; matchAll copies its regular expression on every call.
  if (!MAY_MISS_END.test(text)) return [];
  return [...text.matchAll(MISSED_END)].map((match) => match.index);
}

// Abbreviations that stand before a number ("order no. 12345", "Tel. 0800 123 456", "approx. 3
// days"). retext-english knows none of them, so it ends a sentence at their full stop and the
// number opens the next one.
const BEFORE_A_NUMBER = new Set(['no', 'nos', 'nr', 'num', 'ref', 'tel', 'ph', 'mob', 'ext', 'approx', 'ca', 'vs', 'est', 'dept', 'apt', 'acct', 'inv', 'vol', 'pp']);
const DIGIT_START = /^\d/;

/**
 * The sentences of a parsed paragraph, with each one that ends in such an abbreviation joined to the
 * next when that one opens with a number.
 */
export function sentencesOf(paragraph: Paragraph): SentenceNode[] {
  const sentences: SentenceNode[] = [];
  let between: Paragraph['children'] = [];
  for (const node of paragraph.children) {
    if (node.type !== 'SentenceNode') {
      between.push(node);
      continue;
    }
    const previous = sentences[sentences.length - 1];
    if (previous && between.every((gap) => gap.type === 'WhiteSpaceNode') && endsInAbbreviation(previous) && opensWithNumber(node)) {
      sentences[sentences.length - 1] = {
        type: 'SentenceNode',
        children: [...previous.children, ...(between as SentenceNode['children']), ...node.children],
        ...(previous.position && node.position ? { position: { start: previous.position.start, end: node.position.end } } : {}),
      };
    } else {
      sentences.push(node);
    }
    between = [];
  }
  return sentences;
}

function endsInAbbreviation(sentence: SentenceNode): boolean {
  const children = sentence.children;
  const stop = children[children.length - 1];
  const word = children[children.length - 2];
  if (stop?.type !== 'PunctuationNode' || stop.value !== '.' || word?.type !== 'WordNode' || word.children.length !== 1) return false;
  const only = word.children[0]!;
  return only.type === 'TextNode' && BEFORE_A_NUMBER.has(only.value.toLowerCase());
}

function opensWithNumber(sentence: SentenceNode): boolean {
  const first = sentence.children.find((child) => child.type !== 'WhiteSpaceNode');
  return first?.type === 'WordNode' && first.children[0]?.type === 'TextNode' && DIGIT_START.test(first.children[0].value);
}
