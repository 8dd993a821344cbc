/** A run of text that is parsed on its own: a paragraph, or a line that stands apart from the next. */
export interface Block {
  start: number;
  end: number;
  /** Index of the paragraph (text between blank lines) the block belongs to. */
  paragraph: number;
}

// retext's parse time grows faster than linearly with input size, so no single parse may be long.
const MAX_BLOCK_LENGTH = 4000;
const BULLET = /^[ \t]*(?:[-*•–>]|\d{1,3}[.)])\s/;
// A line ending like this closes its sentence whatever follows.
const LINE_END_THAT_CLOSES = /[.!?;…]["”’)\]]?\s*$/;
// A line ending like this (a greeting's comma, a colon) closes it only before a capital or a bullet.
const LINE_END_THAT_MAY_CLOSE = /[:,)\]"”’]\s*$/;
const INDENTED = /^[ \t]+\S/;
const UPPERCASE_START = /^[ \t]*[\p{Lu}\d"“{]/u;

/**
 * Splits a document into blocks: paragraphs at blank lines, and lines within a paragraph where the
 * line break clearly ends a unit (a greeting, a sign-off, a list item, a line ending in punctuation).
 * Hard-wrapped prose stays together.
 */
export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph = -1;
  let blockStart = -1;
  let previousWasBlank = true;
  let lineStart = 0;

  const close = (end: number) => {
    if (blockStart !== -1) pushBounded(blocks, text, blockStart, trimEnd(text, blockStart, end), paragraph);
    blockStart = -1;
  };

  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      close(lineStart);
      previousWasBlank = true;
    } else {
      if (previousWasBlank) {
        paragraph += 1;
      } else if (blockStart !== -1 && startsNewBlock(text.slice(blockStart, lineStart), line)) {
        close(lineStart);
      }
      if (blockStart === -1) blockStart = lineStart;
      previousWasBlank = false;
    }
    lineStart = lineEnd + 1;
  }
  close(text.length);
  return blocks;
}

function startsNewBlock(blockSoFar: string, nextLine: string): boolean {
  const lines = blockSoFar.replace(/\r?\n$/, '').split('\n');
  const previousLine = lines[lines.length - 1] ?? '';
  if (BULLET.test(nextLine)) return true;
  if (LINE_END_THAT_CLOSES.test(previousLine)) return true;
  // An indented line under a bullet continues that item.
  const inBulletItem = lines.some((line) => BULLET.test(line));
  if (inBulletItem && INDENTED.test(nextLine)) return false;
  if (LINE_END_THAT_MAY_CLOSE.test(previousLine)) return UPPERCASE_START.test(nextLine);
  const shortLine = previousLine.trim().split(/\s+/).length < 8;
  return shortLine && UPPERCASE_START.test(nextLine);
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return end;
}

/** Cuts an over-long block at sentence ends (or, failing that, spaces) so every parse stays short. */
function pushBounded(blocks: Block[], text: string, start: number, end: number, paragraph: number): void {
  while (end - start > MAX_BLOCK_LENGTH) {
    const window = text.slice(start, start + MAX_BLOCK_LENGTH);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '), window.lastIndexOf('\n'));
    if (cut < MAX_BLOCK_LENGTH / 4) cut = window.lastIndexOf(' ');
    if (cut < MAX_BLOCK_LENGTH / 4) cut = MAX_BLOCK_LENGTH - 1;
    // Never cut between the two halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(text[start + cut] ?? '')) cut -= 1;
    const cutEnd = start + cut + 1;
    blocks.push({ start, end: cutEnd, paragraph });
    start = cutEnd;
    while (start < end && /\s/.test(text[start]!)) start += 1;
  }
  if (end > start) blocks.push({ start, end, paragraph });
}
