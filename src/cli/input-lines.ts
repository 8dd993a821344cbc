/** One line of a byte stream, decoded; or, for a line over the size limit, only its length. */
export type InputLine = { number: number; text: string } | { number: number; tooLong: number };

const NEWLINE = 0x0a;
const decoder = new TextDecoder(); // invalid UTF-8 becomes U+FFFD, as in files

/**
 * Splits a stream of byte chunks into lines (`\n` or `\r\n`), numbered from 1, pulling one chunk at
 * a time so a fast writer waits for us. A line longer than `maxBytes` is never held: its bytes are
 * counted and dropped until its end, so memory stays bounded whatever the input.
 */
export async function* inputLines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<InputLine> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let number = 0;
  const finish = (last: Uint8Array): InputLine => {
    number += 1;
    const length = pendingBytes + last.length;
    const parts = [...pending, last];
    pending = [];
    pendingBytes = 0;
    if (length > maxBytes) return { number, tooLong: length };
    const text = decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      yield finish(chunk.subarray(start, end));
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    // Over the limit already: keep the count, drop the bytes.
    pendingBytes += rest.length;
    if (pendingBytes <= maxBytes) pending.push(rest);
    else pending = [];
  }
  if (pendingBytes > 0) yield finish(new Uint8Array());
}
