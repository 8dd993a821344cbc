import { unified } from 'unified';
import retextEnglish from 'retext-english';
import type { Root, Sentence as SentenceNode } from 'nlcst';
import { splitBlocks } from './blocks.js';
import { LineIndex } from './lines.js';
import { foldedText } from './lower-case.js';
import { findPlaceholders, maskPlaceholders, type PlaceholderSpan } from './placeholders.js';
import { missedEnds, sentencesOf } from './sentence-ends.js';
import { spanAt, spanOverlapping } from './spans.js';
import { WordTable } from './word-table.js';

/** One word of a sentence, with offsets into the original document. */
export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True when the word is a template placeholder or visible slot. */
  readonly placeholder: boolean;
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
  /** `masked` in lower case, for the rules' patterns; `undefined` when lower case would change its length (see engine/case-fold.ts). */
  readonly folded: string | undefined;
  /** The sentence's words; a parsed document builds this list anew on each read, so keep it. */
  readonly words: readonly Word[];
  /** How many words it has (without building them). */
  readonly wordCount: number;
  /** Whether any of its words is not a placeholder: template syntax alone is no sentence of the reply. */
  readonly hasPlainWord: boolean;
}

/** A sentence of a parsed document, whose words stay packed in the document's table until read. */
class DocumentSentence implements Sentence {
  private lowerCase: string | undefined | null = null;

  constructor(
    readonly index: number,
    readonly paragraph: number,
    readonly start: number,
    readonly end: number,
    readonly text: string,
    readonly masked: string,
    private readonly table: WordTable,
    private readonly firstWord: number,
    readonly wordCount: number,
  ) {}

  get folded(): string | undefined {
    if (this.lowerCase === null) this.lowerCase = foldedText(this.masked);
    return this.lowerCase;
  }

  get words(): Word[] {
    return this.table.words(this.firstWord, this.wordCount);
  }

  get hasPlainWord(): boolean {
    for (let index = this.firstWord; index < this.firstWord + this.wordCount; index += 1) {
      if (!this.table.isPlaceholder(index)) return true;
    }
    return false;
  }

  /** The same sentence at another index. */
  at(index: number): DocumentSentence {
    return new DocumentSentence(index, this.paragraph, this.start, this.end, this.text, this.masked, this.table, this.firstWord, this.wordCount);
  }

  /** The part of the sentence from `from` to `to` (offsets in its text), with the words inside it. */
  slice(from: number, to: number): DocumentSentence {
    const start = this.start + from;
    const end = this.start + to;
    let first = this.firstWord;
    const last = this.firstWord + this.wordCount;
    while (first < last && this.table.start(first) < start) first += 1;
    let count = 0;
    while (first + count < last && this.table.end(first + count) <= end) count += 1;
    const text = this.text.slice(from, to);
    return new DocumentSentence(this.index, this.paragraph, start, end, text, this.masked.slice(from, to), this.table, first, count);
  }
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
  const table = new WordTable(text);
  for (const block of splitBlocks(masked)) {
    const tree = english.parse(masked.slice(block.start, block.end)) as Root;
    for (const paragraph of tree.children) {
      if (paragraph.type !== 'ParagraphNode') continue;
      for (const node of sentencesOf(paragraph)) {
        const sentence = toSentence(node, block.start, block.paragraph, table, text, masked, placeholders);
        for (const part of splitMissedEnds(sentence)) sentences.push(part.at(sentences.length));
      }
    }
  }
  return { text, sentences, placeholders, lines: new LineIndex(text) };
}

function toSentence(
  node: SentenceNode,
  base: number,
  paragraph: number,
  table: WordTable,
  text: string,
  masked: string,
  placeholders: readonly PlaceholderSpan[],
): DocumentSentence {
  let start = base + (node.position?.start.offset ?? 0);
  let end = base + (node.position?.end.offset ?? 0);
  let firstWord = -1;
  let lastWord = -1;
  for (const child of node.children) {
    if (child.type !== 'WordNode' || !child.position) continue;
    let wordStart = base + (child.position.start.offset ?? 0);
    let wordEnd = base + (child.position.end.offset ?? 0);
    const placeholder = spanOverlapping(placeholders, wordStart, wordEnd);
    if (placeholder) {
      // The masked word may cover only the inside of the placeholder: the word is the whole tag.
      wordStart = Math.min(wordStart, placeholder.start);
      wordEnd = Math.max(wordEnd, placeholder.end);
    }
    lastWord = table.add(wordStart, wordEnd, placeholder !== undefined);
    if (firstWord === -1) firstWord = lastWord;
  }
  // A placeholder's masked edge may be a space: the sentence still covers the whole tag.
  if (firstWord !== -1) {
    if (table.isPlaceholder(firstWord) && table.start(firstWord) < start) start = table.start(firstWord);
    if (table.isPlaceholder(lastWord) && table.end(lastWord) > end) end = table.end(lastWord);
  }
  const flatMasked = masked.slice(start, end).replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ');
  const wordCount = firstWord === -1 ? 0 : lastWord - firstWord + 1;
  return new DocumentSentence(0, paragraph, start, end, text.slice(start, end), flatMasked, table, Math.max(firstWord, 0), wordCount);
}


/** The sentence, or its parts where it runs over an end retext-english missed (see sentence-ends.ts). */
function splitMissedEnds(sentence: DocumentSentence): DocumentSentence[] {
  const cuts = missedEnds(sentence.masked);
  if (cuts.length === 0) return [sentence];
  const parts: DocumentSentence[] = [];
  let from = 0;
  for (const cut of [...cuts, sentence.masked.length]) {
    parts.push(sentence.slice(from, cut));
    from = cut + (/^\s+/.exec(sentence.masked.slice(cut))?.[0].length ?? 0);
  }
  return parts;
}

/** The sentence of `document` that holds `offset`, if any. */
export function sentenceAt(document: ParsedDocument, offset: number): Sentence | undefined {
  return spanAt(document.sentences, offset);
}
