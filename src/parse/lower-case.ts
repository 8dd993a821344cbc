// The rules' patterns run on sentences in lower case (see engine/case-fold.ts for why).

/**
 * `text` in lower case, offset for offset, or `undefined` when lower case changes its length
 * ("İ" becomes two code units): the rules then run their case-insensitive patterns on `text`.
 */
export function foldedText(text: string): string | undefined {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}
