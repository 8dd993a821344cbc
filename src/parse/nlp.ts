import { compromise, type Compromise } from './compromise.js';
import type { Sentence } from './document.js';

type View = ReturnType<Compromise>;

/** A span found by compromise, in document offsets. */
export interface NlpSpan {
  start: number;
  end: number;
  /** Named groups of the compromise pattern (`[<name>…]`), in document offsets. */
  groups: Record<string, { start: number; end: number; text: string }>;
}

interface TermJson {
  text: string;
  offset: { start: number; length: number };
}

/**
 * compromise's view of one sentence, built only when a rule asks for it: compromise costs about
 * half a millisecond per sentence, so it runs only on sentences a rule's trigger has picked (and
 * must have been loaded: see compromise.ts).
 */
export class SentenceNlp {
  private view: View | undefined;

  constructor(private readonly sentence: Sentence) {}

  /** The compromise document for the sentence (placeholders masked). */
  get doc(): View {
    this.view ??= compromise()(this.sentence.masked);
    return this.view;
  }

  /** Whether compromise finds `pattern` (compromise match syntax) in the sentence. */
  has(pattern: string): boolean {
    return this.doc.has(pattern);
  }

  /** Every match of `pattern`, with named groups, in document offsets. */
  match(pattern: string): NlpSpan[] {
    const base = this.sentence.start;
    const spans: NlpSpan[] = [];
    const matches = this.doc.match(pattern);
    const groupNames = Object.keys(matches.groups() as Record<string, View>);
    matches.forEach((match) => {
      const range = termRange(match.json({ offset: true })[0]?.terms ?? []);
      if (!range) return;
      const groups: NlpSpan['groups'] = {};
      for (const name of groupNames) {
        const group = match.groups(name) as View;
        const groupRange = termRange(group.json({ offset: true })[0]?.terms ?? []);
        if (groupRange) {
          groups[name] = {
            start: base + groupRange.start,
            end: base + groupRange.end,
            text: this.sentence.text.slice(groupRange.start, groupRange.end),
          };
        }
      }
      spans.push({ start: base + range.start, end: base + range.end, groups });
    });
    return spans;
  }
}

function termRange(terms: TermJson[]): { start: number; end: number } | undefined {
  const first = terms[0];
  if (!first) return undefined;
  let end = first.offset.start + first.offset.length;
  for (const term of terms) end = Math.max(end, term.offset.start + term.offset.length);
  return { start: first.offset.start, end };
}

/** One word of a text with compromise's tags (`Verb`, `Noun`, `PastTense`…) and its offsets in the text. */
export interface TaggedWord {
  text: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
}

/** compromise's tags for every word of a short text (one sentence or clause). */
export function wordTags(text: string): TaggedWord[] {
  const sentences = compromise()(text).json({ offset: true }) as Array<{ terms: Array<TermJson & { tags: string[] }> }>;
  return sentences.flatMap(({ terms }) =>
    terms.map((term) => ({
      text: term.text,
      start: term.offset.start,
      end: term.offset.start + term.offset.length,
      tags: new Set(term.tags),
    })),
  );
}
