/** Lines of context around each change, as `diff -u` and git show. */
const CONTEXT = 3;

/**
 * A unified diff from `before` to `after` for the file `path` (empty when they are equal), readable
 * by `patch -p1` and `git apply`. Fixes never add or remove a line break, so line i of the old text
 * is line i of the new one and changed lines are found by comparing them in pairs; should the line
 * counts ever differ, every line from the first difference to the end is shown as changed.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const hunks = changedRanges(oldLines, newLines);
  const name = path.replace(/\\/g, '/');
  const [oldName, newName] = /^(?:\/|[A-Za-z]:\/)/.test(name) ? [name, name] : [`a/${name}`, `b/${name}`];
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  for (const hunk of hunks) {
    const oldCount = hunk.oldEnd - hunk.start;
    const newCount = hunk.newEnd - hunk.start;
    out += `@@ -${rangeLabel(hunk.start, oldCount)} +${rangeLabel(hunk.start, newCount)} @@\n`;
    let index = hunk.start;
    // Pairs first, so a changed line shows as its old version then its new one.
    while (index < hunk.oldEnd || index < hunk.newEnd) {
      const oldLine = index < hunk.oldEnd ? oldLines[index] : undefined;
      const newLine = index < hunk.newEnd ? newLines[index] : undefined;
      if (oldLine !== undefined && oldLine === newLine) {
        out += line(' ', oldLine);
      } else {
        if (oldLine !== undefined) out += line('-', oldLine);
        if (newLine !== undefined) out += line('+', newLine);
      }
      index += 1;
    }
  }
  return out;
}

interface Hunk {
  /** First line shown (0-based), the same in both texts. */
  start: number;
  oldEnd: number;
  newEnd: number;
}

function changedRanges(oldLines: readonly string[], newLines: readonly string[]): Hunk[] {
  const changed: number[] = [];
  const common = Math.min(oldLines.length, newLines.length);
  for (let index = 0; index < common; index += 1) if (oldLines[index] !== newLines[index]) changed.push(index);
  const tailChanged = oldLines.length !== newLines.length;
  const hunks: Hunk[] = [];
  for (const index of changed) {
    const start = Math.max(0, index - CONTEXT);
    const end = Math.min(common, index + CONTEXT + 1);
    const last = hunks.at(-1);
    // Hunks whose context would touch are merged into one.
    if (last && start <= last.oldEnd) {
      last.oldEnd = last.newEnd = end;
    } else {
      hunks.push({ start, oldEnd: end, newEnd: end });
    }
  }
  if (tailChanged) {
    const start = Math.max(0, common - CONTEXT);
    const last = hunks.at(-1);
    if (last && start <= last.oldEnd) {
      last.oldEnd = oldLines.length;
      last.newEnd = newLines.length;
    } else {
      hunks.push({ start, oldEnd: oldLines.length, newEnd: newLines.length });
    }
  }
  return hunks;
}

/** Splits text into lines that keep their own line ending, so CRLF files diff as CRLF. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function line(marker: string, text: string): string {
  return /(?:\r\n|\r|\n)$/.test(text) ? `${marker}${text}` : `${marker}${text}\n\\ No newline at end of file\n`;
}

function rangeLabel(start: number, count: number): string {
  // diff's convention: an empty range names the line before it.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}
