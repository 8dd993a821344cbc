// Decodes the body of one MIME part (transfer encoding, then charset) and keeps, for every decoded
// character, the range of the .eml file it came from. Plain 7bit/8bit bodies are the file's own
// text, so positions are exact; a quoted-printable character points at its `=XX` escapes; a base64
// character points at the four-letter group that holds its bytes, on the right line of the block.
import { identityMapped, type MappedText } from './html-mapped-text.js';
import type { MimeLeaf } from './email-mime.js';
import { lineOf } from './email-mime.js';
import { SourceFormatError } from './types.js';

interface MappedBytes {
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length: number;
}

/** The decoded body of `leaf`, mapped into `source`; undefined when its charset is one this runtime cannot decode. */
export function decodeMimeBody(source: string, leaf: MimeLeaf): MappedText | undefined {
  const { bodyStart, bodyEnd, transferEncoding } = leaf;
  if (transferEncoding === 'quoted-printable') return decodeCharset(quotedPrintableBytes(source, bodyStart, bodyEnd), leaf.charset);
  if (transferEncoding === 'base64') return decodeCharset(base64Bytes(source, bodyStart, bodyEnd), leaf.charset);
  // 7bit, 8bit, binary: the file was read as text already, so the body is the file's own characters.
  return identityMapped(source, bodyStart, bodyEnd);
}

function createBytes(capacity: number): MappedBytes {
  return { bytes: new Uint8Array(capacity), starts: new Int32Array(capacity), ends: new Int32Array(capacity), length: 0 };
}

function pushByte(target: MappedBytes, byte: number, start: number, end: number): void {
  target.bytes[target.length] = byte;
  target.starts[target.length] = start;
  target.ends[target.length] = end;
  target.length += 1;
}

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const encoder = new TextEncoder();

/** Quoted-printable (RFC 2045 §6.7): `=XX` is a byte, `=` at a line end is a soft break. */
function quotedPrintableBytes(source: string, start: number, end: number): MappedBytes {
  // At most three bytes per UTF-16 unit (a stray non-ASCII character is passed through as UTF-8).
  const target = createBytes((end - start) * 3);
  let at = start;
  while (at < end) {
    const character = source[at]!;
    if (character === '=') {
      const pair = source.slice(at + 1, at + 3);
      if (HEX_PAIR.test(pair)) {
        pushByte(target, Number.parseInt(pair, 16), at, at + 3);
        at += 3;
        continue;
      }
      const softBreak = /^[ \t]*\r?\n/.exec(source.slice(at + 1, Math.min(at + 80, end)));
      if (softBreak) {
        at += 1 + softBreak[0].length;
        continue;
      }
    }
    const code = source.charCodeAt(at);
    if (code < 0x80) {
      pushByte(target, code, at, at + 1);
      at += 1;
    } else {
      const width = code >= 0xd800 && code <= 0xdbff && at + 1 < end ? 2 : 1;
      for (const byte of encoder.encode(source.slice(at, at + width))) pushByte(target, byte, at, at + width);
      at += width;
    }
  }
  return target;
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((letter, value) => {
  BASE64_VALUES[letter.charCodeAt(0)] = value;
});

/** Base64: every byte points at the four-letter group it was decoded from. */
function base64Bytes(source: string, start: number, end: number): MappedBytes {
  const target = createBytes(Math.ceil(((end - start) * 3) / 4) + 3);
  let group = 0;
  let letters = 0;
  let groupStart = start;
  for (let at = start; at < end; at += 1) {
    const code = source.charCodeAt(at);
    if (code === 0x3d) break; // `=` padding ends the data
    if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a) continue;
    const value = code < 128 ? BASE64_VALUES[code]! : -1;
    if (value === -1) {
      throw new SourceFormatError(`line ${lineOf(source, at)}: '${source[at]}' is not base64; expected the base64 body its Content-Transfer-Encoding declares`);
    }
    if (letters === 0) groupStart = at;
    group = (group << 6) | value;
    letters += 1;
    if (letters === 4) {
      pushByte(target, (group >> 16) & 0xff, groupStart, at + 1);
      pushByte(target, (group >> 8) & 0xff, groupStart, at + 1);
      pushByte(target, group & 0xff, groupStart, at + 1);
      group = 0;
      letters = 0;
    }
  }
  // A final group of two or three letters holds one or two bytes.
  if (letters >= 2) {
    const groupEnd = end;
    group <<= 6 * (4 - letters);
    pushByte(target, (group >> 16) & 0xff, groupStart, groupEnd);
    if (letters === 3) pushByte(target, (group >> 8) & 0xff, groupStart, groupEnd);
  }
  return target;
}

/** Bytes → characters in `charset`, each character mapped to the source range of its bytes. */
function decodeCharset(input: MappedBytes, charset: string): MappedText | undefined {
  const label = charset === 'us-ascii' || charset === 'ascii' ? 'utf-8' : charset;
  let whole: string;
  try {
    // Streaming mode even for the whole body: Node 20's one-shot decode reads windows-1252 (and
    // ISO-8859-1, which means windows-1252 on the web and in mail) as Latin-1, losing ’ and “ ”.
    const decoder = new TextDecoder(label);
    whole = decoder.decode(input.bytes.subarray(0, input.length), { stream: true }) + decoder.decode();
  } catch {
    return undefined;
  }
  const starts = input.starts.slice(0, input.length);
  const ends = input.ends.slice(0, input.length);
  // One character per byte (ASCII, Latin-1, Windows-1252…): the byte ranges are the character ranges.
  if (whole.length === input.length) return { text: whole, starts, ends };
  const streamed = decodeByteByByte(input, label);
  return streamed.text === whole ? streamed : undefined;
}

/** Feeds the decoder a byte at a time: it returns each character when its last byte arrives. */
function decodeByteByByte(input: MappedBytes, label: string): MappedText {
  const decoder = new TextDecoder(label);
  const characters: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (decoded: string, first: number, last: number) => {
    for (let unit = 0; unit < decoded.length; unit += 1) {
      characters.push(decoded[unit]!);
      starts.push(input.starts[first] ?? 0);
      ends.push(input.ends[last] ?? 0);
    }
  };
  let sequenceStart = 0;
  const single = new Uint8Array(1);
  for (let index = 0; index < input.length; index += 1) {
    single[0] = input.bytes[index]!;
    const decoded = decoder.decode(single, { stream: true });
    if (decoded === '') continue;
    push(decoded, sequenceStart, index);
    sequenceStart = index + 1;
  }
  push(decoder.decode(), sequenceStart, input.length - 1);
  return { text: characters.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
