import type { Paragraph, Sentence as SentenceNode } from 'nlcst';

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
