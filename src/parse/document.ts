import { unified } from 'unified';
import retextEnglish from 'retext-english';
import type { Root, Sentence as SentenceNode } from 'nlcst';
import { splitBlocks } from './blocks.js';
import { LineIndex } from './lines.js';
import { findPlaceholders, maskPlaceholders, type PlaceholderSpan } from './placeholders.js';

/** One word of a sentence, with offsets into the original document. */
export interface Word {
  start: number;
  end: number;
  text: string;
  /** True when the word is a template placeholder or visible slot. */
  placeholder: boolean;
}

/** One sentence: its original text, the same text with placeholders masked, and its words. */
export interface Sentence {
  index: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  /**
   * `text` with every placeholder replaced by `x`s of the same length and every line break or tab
   * by a space, so patterns match across wrapped lines with offsets unchanged.
   */
  masked: string;
  words: Word[];
}

/** A parsed document: every sentence in order, placeholders, and an offset → line/column index. */
export interface ParsedDocument {
  text: string;
  sentences: Sentence[];
  placeholders: PlaceholderSpan[];
  lines: LineIndex;
}

const english = unified().use(retextEnglish).freeze();

/** Parses `text` into sentences and words, one short retext parse per block. */
export function parseDocument(text: string): ParsedDocument {
  const placeholders = findPlaceholders(text);
  const masked = maskPlaceholders(text, placeholders);
  const sentences: Sentence[] = [];
  for (const block of splitBlocks(masked)) {
    const tree = english.parse(masked.slice(block.start, block.end)) as Root;
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue;
      for (const node of paragraph.children) {
        if (node.type !== 'SentenceNode') continue;
        const sentence = toSentence(node, block.start, block.paragraph, 0, text, masked, placeholders);
        for (const part of splitMissedEnds(sentence)) sentences.push({ ...part, index: sentences.length });
      }
    }
  }
  return { text, sentences, placeholders, lines: new LineIndex(text) };
}

function toSentence(
  node: SentenceNode,
  base: number,
  paragraph: number,
  index: number,
  text: string,
  masked: string,
  placeholders: readonly PlaceholderSpan[],
): Sentence {
  let start = base + (node.position?.start.offset ?? 0);
  let end = base + (node.position?.end.offset ?? 0);
  const words: Word[] = [];
  for (const child of node.children) {
    if (child.type !== 'WordNode' || !child.position) continue;
    let wordStart = base + (child.position.start.offset ?? 0);
    let wordEnd = base + (child.position.end.offset ?? 0);
    const placeholder = placeholderAt(placeholders, wordStart, wordEnd);
    if (placeholder) {
      // The masked word may cover only the inside of the placeholder: the word is the whole tag.
      wordStart = Math.min(wordStart, placeholder.start);
      wordEnd = Math.max(wordEnd, placeholder.end);
    }
    words.push({ start: wordStart, end: wordEnd, text: text.slice(wordStart, wordEnd), placeholder: placeholder !== undefined });
  }
  // A placeholder's masked edge may be a space: the sentence still covers the whole tag.
  const first = words[0];
  const last = words[words.length - 1];
  if (first?.placeholder && first.start < start) start = first.start;
  if (last?.placeholder && last.end > end) end = last.end;
  const flatMasked = masked.slice(start, end).replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ');
  return { index, paragraph, start, end, text: text.slice(start, end), masked: flatMasked, words };
}

/** The placeholder overlapping [start, end), found by binary search over the ordered spans. */
function placeholderAt(spans: readonly PlaceholderSpan[], start: number, end: number): PlaceholderSpan | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle]!;
    if (span.end <= start) low = middle + 1;
    else if (span.start >= end) high = middle - 1;
    else return span;
  }
  return undefined;
}

// retext-english reads "in." as an abbreviation (inches), so "Thanks for writing in. We're on it."
// stays one sentence; a capitalised word after "in." starts a new one.
const MISSED_END = /(?<=\bin\.)\s+(?=\p{Lu})/gu;

function splitMissedEnds(sentence: Sentence): Sentence[] {
  const cuts = [...sentence.masked.matchAll(MISSED_END)].map((match) => match.index);
  if (cuts.length === 0) return [sentence];
  const parts: Sentence[] = [];
  let from = 0;
  for (const cut of [...cuts, sentence.masked.length]) {
    const start = sentence.start + from;
    const end = sentence.start + cut;
    parts.push({
      ...sentence,
      start,
      end,
      text: sentence.text.slice(from, cut),
      masked: sentence.masked.slice(from, cut),
      words: sentence.words.filter((word) => word.start >= start && word.end <= end),
    });
    from = cut + (/^\s+/.exec(sentence.masked.slice(cut))?.[0].length ?? 0);
  }
  return parts;
}
