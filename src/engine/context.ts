import type { ParsedDocument, Sentence } from '../parse/document.js';
import { SentenceNlp } from '../parse/nlp.js';

/** What a sentence rule sees: the sentence, its neighbours in the same paragraph, and the document. */
export class SentenceContext {
  private nlpView: SentenceNlp | undefined;
  private question: boolean | undefined;

  constructor(
    readonly document: ParsedDocument,
    readonly sentence: Sentence,
  ) {}

  /** The next sentence when it is in the same paragraph. */
  get next(): Sentence | undefined {
    const next = this.document.sentences[this.sentence.index + 1];
    return next && next.paragraph === this.sentence.paragraph ? next : undefined;
  }

  /** The previous sentence when it is in the same paragraph. */
  get previous(): Sentence | undefined {
    const previous = this.document.sentences[this.sentence.index - 1];
    return previous && previous.paragraph === this.sentence.paragraph ? previous : undefined;
  }

  /** compromise's view of the sentence, built on first use and shared by every rule. */
  get nlp(): SentenceNlp {
    this.nlpView ??= new SentenceNlp(this.sentence);
    return this.nlpView;
  }

  /** Whether the sentence asks a question (it ends in a question mark, quotes and emoji aside). */
  get isQuestion(): boolean {
    this.question ??= isQuestion(this.sentence.masked);
    return this.question;
  }
}

const QUESTION_END = /\?[\s"'”’)\]!?.\p{Extended_Pictographic}]*$/u;

/** Whether a sentence asks a question: it ends in a question mark, quotes and emoji aside. */
export function isQuestion(sentence: string): boolean {
  return QUESTION_END.test(sentence);
}

/** A match found by a pattern or matcher, before it becomes a finding. */
export interface RawMatch {
  /** Document offsets of the flagged span. */
  start: number;
  end: number;
  /** Values for the rewrite templates' slots. */
  slots: Record<string, string>;
  /** Which rewrite set applies; default `default`. */
  rewrites?: string;
}

/** A named TypeScript matcher: logic a pattern cannot express. */
export type Matcher = (context: SentenceContext) => RawMatch[];
