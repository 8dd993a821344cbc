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
  /** `text` with every placeholder replaced by `x`s of the same length. */
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
        sentences.push(toSentence(node, block.start, block.paragraph, sentences.length, text, masked, placeholders));
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
  const start = base + (node.position?.start.offset ?? 0);
  const end = base + (node.position?.end.offset ?? 0);
  const words: Word[] = [];
  for (const child of node.children) {
    if (child.type !== 'WordNode' || !child.position) continue;
    const wordStart = base + (child.position.start.offset ?? 0);
    const wordEnd = base + (child.position.end.offset ?? 0);
    words.push({
      start: wordStart,
      end: wordEnd,
      text: text.slice(wordStart, wordEnd),
      placeholder: overlapsAny(placeholders, wordStart, wordEnd),
    });
  }
  return { index, paragraph, start, end, text: text.slice(start, end), masked: masked.slice(start, end), words };
}

function overlapsAny(spans: readonly PlaceholderSpan[], start: number, end: number): boolean {
  for (const span of spans) {
    if (span.start >= end) return false;
    if (span.end > start) return true;
  }
  return false;
}
