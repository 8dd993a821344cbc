import type { Element, Nodes } from 'hast';
import { loadHtmlParser, parseHtml } from './parsers.js';
import { MappedTextBuilder, alignDecoded, toTextUnit, type MappedText } from './html-mapped-text.js';
import { SourceFormatError, type FormatAdapter } from './types.js';

// Not shown on the page: their text is never linted.
const INVISIBLE = new Set([
  'head', 'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'audio', 'video', 'select', 'datalist', 'textarea', 'input', 'button', 'img', 'map', 'area', 'meta', 'link', 'title',
]);
// Elements that start and end a block of text, so the sentence before them ends; everything else
// (including unknown elements, which browsers lay out inline) runs on within the sentence.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
// Code is not prose: it stands in the sentence as one opaque word, like a template placeholder.
const CODE = new Set(['code', 'kbd', 'samp']);
const OPAQUE_WORD = '{{code}}';
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b/i;

// E-mail clients mark the message being answered: Gmail, Yahoo, Thunderbird, Apple Mail, Proton.
const QUOTE_CLASSES = ['gmail_quote', 'gmail_quote_container', 'gmail_attr', 'yahoo_quoted', 'moz-cite-prefix', 'protonmail_quote'];
// …and the signature.
const SIGNATURE_CLASSES = ['gmail_signature', 'moz-signature', 'signature'];
// Outlook writes no quote element: its "From: … Sent: …" header block starts the history, and the
// rest of the message after it is the customer's.
const HISTORY_START_IDS = ['divRplyFwdMsg', 'stopSpelling', 'OLK_SRC_BODY_SECTION'];

/** How deep elements may nest. The hast conversion recurses once per level, so far deeper would overflow the stack. */
export const MAX_HTML_DEPTH = 1000;

/** What to do with e-mail quotes and signatures. */
export interface HtmlTextOptions {
  /** Read as an e-mail body: quoted messages and signatures are left out, the quotes kept as `quoted`. */
  email?: boolean;
}

/** The visible text of an HTML document, mapped back to it, and the text of any quoted messages. */
export interface HtmlText extends MappedText {
  quoted: string;
}

/** HTML files: only visible text is linted; block elements end sentences; positions point into the HTML. */
export const htmlFormat: FormatAdapter = {
  name: 'html',
  extensions: ['html', 'htm', 'xhtml'],
  async extract(source) {
    await loadHtmlParser();
    return [toTextUnit(extractHtmlText(source))];
  },
};

/**
 * Extracts the visible text of `html` (parsed with rehype), each character mapped to its place in
 * `html`. `loadHtmlParser` must have run.
 */
export function extractHtmlText(html: string, options: HtmlTextOptions = {}): HtmlText {
  assertNestingDepth(html);
  const tree = parseHtml(html);
  const builder = new MappedTextBuilder();
  const quoted: string[] = [];
  // An explicit stack, not recursion: the walk's depth is the document's, which input controls.
  type Step = { node: Nodes; exit?: false } | { node: Element; exit: true };
  const stack: Step[] = [{ node: tree }];
  let preDepth = 0;
  let quoteDepth = 0;
  let inHistory = false;
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { node } = step;
    if (step.exit) {
      const tag = step.node.tagName;
      if (tag === 'pre') preDepth -= 1;
      if (options.email && isQuote(step.node)) {
        quoteDepth -= 1;
        quoted.push('\n');
      }
      if (BLOCK.has(tag)) {
        if (quoteDepth > 0 || inHistory) quoted.push('\n');
        else builder.blockBreak(endOffset(node) ?? startOffset(node) ?? 0);
      }
      continue;
    }
    if (node.type === 'text') {
      if (quoteDepth > 0 || inHistory) {
        quoted.push(node.value);
        continue;
      }
      const start = startOffset(node);
      const end = endOffset(node);
      if (start === undefined || end === undefined) continue;
      const aligned = alignDecoded(html, start, end, node.value);
      builder.pushAll(node.value, aligned.starts, aligned.ends, preDepth === 0);
      continue;
    }
    if (node.type !== 'element' && node.type !== 'root') continue;
    if (node.type === 'element') {
      const tag = node.tagName;
      if (INVISIBLE.has(tag) || isHidden(node)) continue;
      if (options.email && hasClass(node, SIGNATURE_CLASSES)) continue;
      if (options.email && HISTORY_START_IDS.includes(String(node.properties.id ?? ''))) inHistory = true;
      const at = startOffset(node) ?? 0;
      if (tag === 'br') {
        if (quoteDepth > 0 || inHistory) quoted.push('\n');
        else builder.lineBreak(at);
        continue;
      }
      if (CODE.has(tag)) {
        // `<pre><code>` is a code block and is left out; inline code is one opaque word.
        if (preDepth > 0 || quoteDepth > 0 || inHistory) continue;
        const end = endOffset(node) ?? at;
        for (const character of OPAQUE_WORD) builder.push(character, at, end);
        continue;
      }
      if (BLOCK.has(tag)) {
        if (quoteDepth > 0 || inHistory) quoted.push('\n');
        else builder.blockBreak(at);
      }
      if (tag === 'pre') preDepth += 1;
      if (options.email && isQuote(node)) quoteDepth += 1;
      stack.push({ node, exit: true });
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push({ node: node.children[index]! });
  }
  const mapped = builder.build();
  return { ...mapped, quoted: normaliseQuoted(quoted.join('')) };
}

function startOffset(node: Nodes): number | undefined {
  return node.position?.start.offset;
}

function endOffset(node: Nodes): number | undefined {
  return node.position?.end.offset;
}

function hasClass(element: Element, names: readonly string[]): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.some((name) => names.includes(String(name)));
}

function isQuote(element: Element): boolean {
  return element.tagName === 'blockquote' || hasClass(element, QUOTE_CLASSES);
}

function isHidden(element: Element): boolean {
  const { hidden, style } = element.properties;
  return (hidden !== undefined && hidden !== false && hidden !== null) || (typeof style === 'string' && HIDDEN_STYLE.test(style));
}

/** Quoted text as one readable string: white space collapsed within lines, no blank runs. */
function normaliseQuoted(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim();
}

// Elements the parser closes by itself (void) or whose end tag may be left out: neither nests.
const DOES_NOT_NEST = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param',
  'keygen', 'basefont', 'bgsound', 'frame', 'image', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup',
  'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
// A tag: bounded by the next `<` or `>`, so a stray `<` costs one short scan and matching stays linear.
const TAG = /<(\/?)([A-Za-z][^\s/<>]{0,63})[^<>]*?(\/?)>/y;

/**
 * Rejects HTML nested deeper than MAX_HTML_DEPTH with a one-pass, linear scan of its tags (comments
 * and raw text skipped), before the parser and the recursive hast conversion see it.
 */
function assertNestingDepth(html: string): void {
  const open: string[] = [];
  const openCount = new Map<string, number>();
  let lowerCase: string | undefined;
  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      if (close === -1) return;
      at = html.indexOf('<', close + 3);
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(html);
    if (!match) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    const [whole, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    let next = at + whole.length;
    if (closing) {
      if ((openCount.get(name) ?? 0) > 0) {
        // Closing an outer element closes everything opened inside it.
        for (let popped = open.pop(); popped !== undefined; popped = open.pop()) {
          openCount.set(popped, openCount.get(popped)! - 1);
          if (popped === name) break;
        }
      }
    } else if (RAW_TEXT.has(name)) {
      lowerCase ??= html.toLowerCase();
      const close = lowerCase.indexOf(`</${name}`, next);
      next = close === -1 ? html.length : close;
    } else if (!selfClosing && !DOES_NOT_NEST.has(name)) {
      open.push(name);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
      if (open.length > MAX_HTML_DEPTH) {
        const line = html.slice(0, at).split('\n').length;
        throw new SourceFormatError(
          `HTML elements nested more than ${MAX_HTML_DEPTH} deep (line ${line}); expected HTML nested at most ${MAX_HTML_DEPTH} levels`,
        );
      }
    }
    at = html.indexOf('<', next);
  }
}
