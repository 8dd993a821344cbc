import type { Code, Heading, Nodes, Root } from 'mdast';
import { extractHtmlText } from './html.js';
import { loadHtmlParser, loadMarkdownParser, parseMarkdown } from './parsers.js';
import { MappedTextBuilder, alignDecoded, composeMapped, identityMapped, toTextUnit, type MappedText } from './html-mapped-text.js';
import { SourceFormatError, type FormatAdapter, type TextUnit } from './types.js';

// Blocks of prose: each ends its sentence.
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
// Inline markup around linted text.
const INLINE_CONTAINERS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);
// Code is not prose: a code span stands in the sentence as one opaque word, like a placeholder.
const OPAQUE_WORD = '{{code}}';
// A fenced block that says it holds Markdown or text is a reply kept verbatim (collections of
// GitHub saved replies are written that way), so it is linted, as is an untagged block that reads
// as prose (see looksLikeProse); any other code block is not.
const PROSE_FENCES = new Map<string, 'markdown' | 'text'>([
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['gfm', 'markdown'],
  ['text', 'text'],
  ['txt', 'text'],
  ['plaintext', 'text'],
]);
const INLINE_BREAK_TAG = /^<br\s*\/?>$/i;
/** How deep quotes and lists may nest. The parser slows down far faster than linearly beyond. */
export const MAX_MARKDOWN_DEPTH = 100;
const ORDERED_MARKER = /\d{1,9}[.)](?=[ \t])/y;

/**
 * Markdown: prose is linted; code, HTML comments, link URLs, images and front matter are not. A
 * file is read as a collection of saved replies: each heading starts a new reply named by it (the
 * heading itself is a title, not linted), and a ```md or ```text fence, or an untagged code block
 * that reads as prose, is a reply of its own. When a file keeps its replies in two or more such
 * blocks, the text around them is documentation ("use when…", labels to add) and is not linted.
 */
export const markdownFormat: FormatAdapter = {
  name: 'markdown',
  extensions: ['md', 'markdown', 'mdown', 'mkd'],
  async extract(source) {
    // Markdown may embed HTML, whose visible text is linted too.
    await Promise.all([loadMarkdownParser(), loadHtmlParser()]);
    return walkMarkdown(source, true)
      .filter(({ mapped }) => mapped.text.trim() !== '')
      .map(({ mapped, title }): TextUnit => {
        const unit: TextUnit = toTextUnit(mapped);
        if (title !== undefined) unit.label = { title };
        return unit;
      });
  },
};

/**
 * The prose of a Markdown document (parsed with remark) as one text, each character mapped to its
 * place in `source`. `loadMarkdownParser` and `loadHtmlParser` must have run.
 */
export function extractMarkdownText(source: string): MappedText {
  return walkMarkdown(source, false)[0]!.mapped;
}

interface MarkdownSection {
  mapped: MappedText;
  title?: string;
  fenced?: boolean;
}

// Fenced replies from this many on make a collection: only the fences are replies.
const FENCED_COLLECTION = 2;

/**
 * Walks the tree with an explicit stack, not recursion (nesting — quotes in lists in quotes — is
 * the input's to choose). With `bySection`, headings and prose fences start new sections.
 */
function walkMarkdown(source: string, bySection: boolean): MarkdownSection[] {
  assertNestingDepth(source);
  const tree = parseMarkdown(source);
  const replyBlocks = bySection ? collectReplyBlocks(tree) : new Map<Code, ProseKind>();
  const sections: MarkdownSection[] = [];
  let builder = new MappedTextBuilder();
  let title: string | undefined;
  const closeSection = () => {
    sections.push(title === undefined ? { mapped: builder.build() } : { mapped: builder.build(), title });
    builder = new MappedTextBuilder();
  };
  type Step = { node: Nodes; exit: boolean; inline: boolean };
  const stack: Step[] = [{ node: tree, exit: false, inline: false }];
  while (stack.length > 0) {
    const { node, exit, inline } = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    if (exit) {
      builder.blockBreak(end);
      continue;
    }
    switch (node.type) {
      case 'text': {
        const aligned = alignDecoded(source, start, end, node.value);
        builder.pushAll(node.value, aligned.starts, aligned.ends);
        continue;
      }
      case 'inlineCode':
        for (const character of OPAQUE_WORD) builder.push(character, start, end);
        continue;
      case 'break':
        builder.lineBreak(start);
        continue;
      case 'html':
        if (inline) {
          if (INLINE_BREAK_TAG.test(node.value)) builder.lineBreak(start);
        } else {
          pushBlock(builder, composeMapped(extractHtmlText(node.value), alignDecoded(source, start, end, node.value), end), start, end);
        }
        continue;
      case 'code':
        if (!replyBlocks.has(node)) {
          builder.blockBreak(start);
        } else if (bySection) {
          const mapped = proseFence(source, node, replyBlocks.get(node)!);
          sections.push(title === undefined ? { mapped, fenced: true } : { mapped, title, fenced: true });
        } else {
          pushBlock(builder, proseFence(source, node, replyBlocks.get(node)!), start, end);
        }
        continue;
      case 'heading':
        if (bySection) {
          closeSection();
          title = plainText(node);
          continue;
        }
        break;
      case 'thematicBreak':
        builder.blockBreak(start);
        continue;
      default:
        break;
    }
    if (!('children' in node)) continue; // images, definitions, footnote references, front matter
    const childrenInline = inline || TEXT_BLOCKS.has(node.type) || INLINE_CONTAINERS.has(node.type);
    if (!childrenInline || TEXT_BLOCKS.has(node.type)) {
      builder.blockBreak(start);
      stack.push({ node, exit: true, inline });
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      stack.push({ node: node.children[index]!, exit: false, inline: childrenInline });
    }
  }
  closeSection();
  const fences = sections.filter((section) => section.fenced);
  return fences.length >= FENCED_COLLECTION ? fences : sections;
}

/** A heading's words, for the label of its section. */
function plainText(heading: Heading): string {
  const words: string[] = [];
  const stack: Nodes[] = [heading];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' || node.type === 'inlineCode') words.push(node.value);
    else if ('children' in node) for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index]!);
  }
  return words.join('').replace(/\s+/g, ' ').trim();
}

type ProseKind = 'markdown' | 'text';

/**
 * The code blocks that hold replies, and how to read them: fences tagged md or text, and untagged
 * blocks that read as prose when such blocks stand under FENCED_COLLECTION different headings (a
 * collection of replies; within one reply a prose-like block is a quotation set apart as code).
 */
function collectReplyBlocks(tree: Root): Map<Code, ProseKind> {
  const tagged = new Map<Code, ProseKind>();
  const untagged: Code[] = [];
  const sectionsWithProse = new Set<number>();
  let section = 0;
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'heading') section += 1;
    if (node.type === 'code') {
      const kind = node.lang ? PROSE_FENCES.get(node.lang.toLowerCase()) : undefined;
      if (kind) tagged.set(node, kind);
      else if (!node.lang && looksLikeProse(node.value)) {
        untagged.push(node);
        sectionsWithProse.add(section);
      }
    } else if ('children' in node) {
      // In reverse, so nodes come off the stack in document order.
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index]!);
    }
  }
  if (sectionsWithProse.size >= FENCED_COLLECTION) for (const node of untagged) tagged.set(node, 'markdown');
  return tagged;
}

// Template placeholders and link targets say nothing about whether a block is prose or code.
const NOT_TELLING = /\{\{[^{}]{0,200}\}\}|\{%[^%]{0,200}%\}|\]\([^()\s]{0,500}\)/g;
const WORD = /^["'“‘(*_]*\p{L}[\p{L}\p{M}'’-]*[.,!?:;)"”’*_]*$/u;
const CODE_PUNCTUATION = /[{};=<>$|\\]/g;
const SENTENCE_END = /\p{L}[.!?](?:\s|$)/u;
const MIN_PROSE_WORDS = 5;
const MIN_WORD_SHARE = 0.75;
const MAX_CODE_PUNCTUATION_SHARE = 0.02;

/**
 * Whether an untagged code block reads as prose rather than code: mostly words, at least one
 * sentence, hardly any of the punctuation code is made of. GitHub saved-reply collections keep
 * each reply in a bare fence so it can be copied as it is.
 */
function looksLikeProse(value: string): boolean {
  const text = value.replace(NOT_TELLING, ' ');
  const tokens = text.split(/\s+/).filter((token) => token !== '');
  if (tokens.length < MIN_PROSE_WORDS || !SENTENCE_END.test(text)) return false;
  const words = tokens.filter((token) => WORD.test(token)).length;
  const codePunctuation = text.match(CODE_PUNCTUATION)?.length ?? 0;
  return words >= tokens.length * MIN_WORD_SHARE && codePunctuation <= tokens.length * MAX_CODE_PUNCTUATION_SHARE;
}

/** The prose inside a code block that holds a reply, mapped through the block to the file. */
function proseFence(source: string, node: Code, kind: ProseKind): MappedText {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  // A fence's content starts on the line after the opening fence; an indented block's at once.
  const fenced = /^[ \t]*(?:```|~~~)/.test(source.slice(start, start + 40));
  const firstLineEnd = source.indexOf('\n', start);
  const contentStart = !fenced ? start : firstLineEnd === -1 || firstLineEnd > end ? end : firstLineEnd + 1;
  const inner = kind === 'markdown' ? extractMarkdownText(node.value) : identityMapped(node.value);
  return composeMapped(inner, alignDecoded(source, contentStart, end, node.value), end);
}

/** Writes a block extracted on its own (embedded HTML, a prose fence) as blocks of this text. */
function pushBlock(builder: MappedTextBuilder, block: MappedText, start: number, end: number): void {
  builder.blockBreak(start);
  builder.pushAll(block.text, block.starts, block.ends);
  builder.blockBreak(end);
}

/**
 * Rejects Markdown whose quotes and lists nest deeper than MAX_MARKDOWN_DEPTH, estimated in one
 * linear pass over the line prefixes: each `>` and list marker is a level, as is every two columns
 * of indentation.
 */
function assertNestingDepth(source: string): void {
  let line = 1;
  let at = 0;
  while (at < source.length) {
    let markers = 0;
    let columns = 0;
    for (;;) {
      const character = source[at];
      if (character === ' ') columns += 1;
      else if (character === '\t') columns += 4;
      else if (character === '>') markers += 1;
      else if ((character === '-' || character === '*' || character === '+') && /[ \t]/.test(source[at + 1] ?? '')) markers += 1;
      else {
        ORDERED_MARKER.lastIndex = at;
        if (!ORDERED_MARKER.test(source)) break;
        markers += 1;
        at = ORDERED_MARKER.lastIndex;
        continue;
      }
      at += 1;
    }
    if (markers + Math.floor(columns / 2) > MAX_MARKDOWN_DEPTH) {
      throw new SourceFormatError(`quotes or lists nested more than ${MAX_MARKDOWN_DEPTH} levels deep (line ${line}); expected Markdown nested at most ${MAX_MARKDOWN_DEPTH} levels`);
    }
    const newline = source.indexOf('\n', at);
    if (newline === -1) break;
    at = newline + 1;
    line += 1;
  }
}
