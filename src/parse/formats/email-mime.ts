// Where each part of a MIME message sits in the .eml file. postal-mime decodes the message but
// keeps no offsets, so this walks the same structure (header blocks, multipart boundaries) and
// records, for every leaf part, its content type, transfer encoding and the range of its body.
import { SourceFormatError } from './types.js';

/** A part with no sub-parts, and the range of its (still encoded) body in the file. */
export interface MimeLeaf {
  /** Lower-case `type/subtype`; `text/plain` when the part does not say. */
  contentType: string;
  charset: string;
  /** Lower-case Content-Transfer-Encoding: `7bit`, `quoted-printable`, `base64`… */
  transferEncoding: string;
  /** Lower-case Content-Disposition value (`inline`, `attachment`), or empty. */
  disposition: string;
  /** The `format` parameter (`flowed`), or empty. */
  format: string;
  bodyStart: number;
  bodyEnd: number;
}

// Deeper nesting is no real message; it bounds the work a crafted file can cause.
const MAX_PART_DEPTH = 50;
// A header field name is printable ASCII without the colon (RFC 5322 §2.2).
const FIELD = /^([!-9;-~]+)[ \t]*:/;
// Parameters of a structured header: `; name=value` or `; name="quoted value"`.
const PARAMETER = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;

interface PartRange {
  start: number;
  end: number;
  depth: number;
}

/** The leaf parts of the message in `source`, in document order. Throws `SourceFormatError` on malformed MIME. */
export function readMimeLeaves(source: string): MimeLeaf[] {
  const leaves: MimeLeaf[] = [];
  const pending: PartRange[] = [{ start: skipMboxLine(source), end: source.length, depth: 0 }];
  while (pending.length > 0) {
    const part = pending.pop()!;
    const { fields, bodyStart } = readHeaderBlock(source, part.start, part.end, part.depth === 0);
    const [contentType, parameters] = parseStructured(fields.get('content-type') ?? 'text/plain');
    const [disposition] = parseStructured(fields.get('content-disposition') ?? '');
    if (contentType.startsWith('multipart/')) {
      const boundary = parameters.get('boundary');
      if (!boundary) throw new SourceFormatError(`${contentType} part at line ${lineOf(source, part.start)} has no boundary parameter; expected Content-Type: ${contentType}; boundary="…"`);
      if (part.depth >= MAX_PART_DEPTH) throw new SourceFormatError(`MIME parts nested more than ${MAX_PART_DEPTH} deep; expected an e-mail message`);
      const children = splitMultipart(source, bodyStart, part.end, boundary);
      if (children.length === 0) {
        throw new SourceFormatError(`the MIME boundary "${boundary}" declared at line ${lineOf(source, part.start)} never occurs; expected --${boundary} lines between the parts`);
      }
      for (let index = children.length - 1; index >= 0; index -= 1) pending.push({ ...children[index]!, depth: part.depth + 1 });
      continue;
    }
    leaves.push({
      contentType,
      charset: (parameters.get('charset') ?? 'us-ascii').toLowerCase(),
      transferEncoding: (fields.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase(),
      disposition,
      format: (parameters.get('format') ?? '').toLowerCase(),
      bodyStart,
      bodyEnd: part.end,
    });
  }
  return leaves;
}

/** An mbox file's "From sender date" separator line comes before the headers. */
function skipMboxLine(source: string): number {
  if (!source.startsWith('From ')) return 0;
  const newline = source.indexOf('\n');
  return newline === -1 ? source.length : newline + 1;
}

/**
 * Reads the header block at `start` (fields by lower-case name, folded lines unfolded, first
 * occurrence kept) up to the blank line that starts the body. A message must open with a header
 * field; a part may have none (its body then starts after the blank line).
 */
function readHeaderBlock(source: string, start: number, end: number, isMessage: boolean): { fields: Map<string, string>; bodyStart: number } {
  const fields = new Map<string, string>();
  let name: string | undefined;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
    const next = Math.min(lineEnd + 1, end);
    if (line === '') return { fields, bodyStart: next };
    const field = FIELD.exec(line);
    if (field) {
      name = field[1]!.toLowerCase();
      if (!fields.has(name)) fields.set(name, line.slice(field[0].length).trim());
      else name = undefined;
    } else if (/^[ \t]/.test(line) && lineStart !== start) {
      if (name !== undefined) fields.set(name, `${fields.get(name)} ${line.trim()}`);
    } else if (isMessage || lineStart !== start) {
      const what = lineStart === start ? 'an e-mail message: header fields (Name: value), a blank line, then the body' : 'a header field (Name: value) or a blank line before the body';
      throw new SourceFormatError(`line ${lineOf(source, lineStart)} is not a MIME header; expected ${what}`);
    } else {
      // A part without headers whose body starts at once: plain text, as RFC 2046 defaults it.
      return { fields, bodyStart: start };
    }
    lineStart = next;
  }
  return { fields, bodyStart: end };
}

/** `type/subtype; name=value…` → the lower-case value and its parameters (lower-case names, unquoted values). */
function parseStructured(header: string): [string, Map<string, string>] {
  const semicolon = header.indexOf(';');
  const value = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const parameters = new Map<string, string>();
  if (semicolon !== -1) {
    for (const [, name, raw] of header.slice(semicolon).matchAll(PARAMETER)) {
      const unquoted = raw!.startsWith('"') ? raw!.slice(1, -1).replace(/\\(.)/g, '$1') : raw!;
      parameters.set(name!.toLowerCase(), unquoted);
    }
  }
  return [value, parameters];
}

/**
 * The parts of a multipart body: the text between `--boundary` lines, up to `--boundary--`. The
 * line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1). A missing closing
 * delimiter is tolerated, as most readers do.
 */
function splitMultipart(source: string, start: number, end: number, boundary: string): Array<{ start: number; end: number }> {
  const delimiter = `--${boundary}`;
  const parts: Array<{ start: number; end: number }> = [];
  let partStart: number | undefined;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    if (source.startsWith(delimiter, lineStart)) {
      const rest = source.slice(lineStart + delimiter.length, lineEnd).trimEnd();
      if (rest === '' || rest === '--') {
        if (partStart !== undefined) parts.push({ start: partStart, end: lineBreakBefore(source, partStart, lineStart) });
        if (rest === '--') return parts;
        partStart = Math.min(lineEnd + 1, end);
      }
    }
    lineStart = lineEnd + 1;
  }
  if (partStart !== undefined) parts.push({ start: partStart, end });
  return parts;
}

/** Where the line break before `lineStart` begins (not before `floor`). */
function lineBreakBefore(source: string, floor: number, lineStart: number): number {
  let end = lineStart;
  if (end > floor && source[end - 1] === '\n') end -= 1;
  if (end > floor && source[end - 1] === '\r') end -= 1;
  return end;
}

/** The 1-based line number of `offset`. */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = source.indexOf('\n'); index !== -1 && index < offset; index = source.indexOf('\n', index + 1)) line += 1;
  return line;
}
