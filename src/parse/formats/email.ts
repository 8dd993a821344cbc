import { decodeMimeBody } from './email-decode.js';
import { readMimeLeaves, type MimeLeaf } from './email-mime.js';
import { separateQuotedHistory } from './email-quotes.js';
import { extractHtmlText } from './html.js';
import { loadHtmlParser } from './parsers.js';
import { composeMapped, toTextUnit, type MappedText } from './html-mapped-text.js';
import { SourceFormatError, type FormatAdapter, type TextUnit } from './types.js';

/**
 * E-mail (.eml): the body the agent wrote — the text/plain part, or the visible text of the
 * text/html part when there is no plain one — without the quoted history and the signature. The
 * customer's quoted message becomes the unit's `context`.
 */
export const emailFormat: FormatAdapter = {
  name: 'email',
  extensions: ['eml'],
  extract: extractEmail,
};

async function extractEmail(source: string): Promise<TextUnit[]> {
  const leaves = readMimeLeaves(source);
  // Imported here, not at the top: most runs read no e-mail, and the import is not free.
  const { default: PostalMime } = await import('postal-mime');
  let decoded: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    decoded = await PostalMime.parse(source);
  } catch (error) {
    throw new SourceFormatError(`malformed MIME (${error instanceof Error ? error.message : String(error)}); expected an RFC 5322 e-mail message`);
  }
  const inline = leaves.filter((leaf) => leaf.disposition !== 'attachment');
  const plain = inline.find((leaf) => leaf.contentType === 'text/plain');
  const leaf = plain ?? inline.find((leaf) => leaf.contentType === 'text/html');
  if (!leaf) return [];
  const body = mappedBody(source, leaf, plain ? decoded.text : decoded.html);

  let mapped = body;
  let htmlQuote = '';
  if (!plain) {
    await loadHtmlParser();
    const html = extractHtmlText(body.text, { email: true });
    mapped = composeMapped(html, body, leaf.bodyEnd);
    htmlQuote = html.quoted;
  }
  const reply = separateQuotedHistory(mapped.text);
  const context = [htmlQuote, reply.context].filter((part) => part !== '').join('\n\n');
  const unit: TextUnit = toTextUnit({ ...mapped, text: reply.text });
  if (context !== '') unit.context = context;
  return [unit];
}

/**
 * The decoded body of `leaf` with each character mapped into the file. postal-mime's decoding
 * (`reference`) is what is linted; tactful decodes the part again only to know where each
 * character came from. When the two disagree (a charset this runtime lacks, text postal-mime
 * reflowed), postal-mime's text is linted and every position points at the start of the part's body.
 */
function mappedBody(source: string, leaf: MimeLeaf, reference: string | undefined): MappedText {
  const own = decodeMimeBody(source, leaf);
  if (own && (reference === undefined || comparable(reference).includes(comparable(own.text)))) return own;
  const text = reference ?? '';
  const at = new Int32Array(text.length).fill(leaf.bodyStart);
  return { text, starts: at, ends: at };
}

/** Text to compare decodings by: no white space (postal-mime reflows format=flowed text), and any
 * non-ASCII character as `?` (Node's one-shot decoding, which postal-mime uses, reads windows-1252 as Latin-1). */
function comparable(text: string): string {
  return text.replace(/\s+/g, '').replace(/[^\x00-\x7f]/g, '?');
}
