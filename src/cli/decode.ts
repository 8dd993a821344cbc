/** The text of a file, and why it could not be linted as-is. */
export type DecodedFile = { kind: 'text'; text: string; replacedInvalidBytes: boolean } | { kind: 'binary' };

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes file bytes: UTF-16 by its byte-order mark, UTF-8 otherwise (a BOM is dropped, invalid
 * sequences become U+FFFD so the rest is still linted). A NUL byte in UTF-8 marks a binary file.
 */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes), replacedInvalidBytes: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes), replacedInvalidBytes: false };
  if (bytes.includes(0)) return { kind: 'binary' };
  try {
    return { kind: 'text', text: strictUtf8.decode(bytes), replacedInvalidBytes: false };
  } catch {
    return { kind: 'text', text: utf8.decode(bytes), replacedInvalidBytes: true };
  }
}
