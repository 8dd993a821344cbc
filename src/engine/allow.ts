import type { Finding } from './types.js';

/**
 * A matcher for the `allow` option: phrases never to flag, such as a brand's sign-off. Case and
 * spacing are ignored, and straight and curly apostrophes match each other.
 */
export function compileAllowList(phrases: readonly string[]): ((finding: Finding, text: string) => boolean) | undefined {
  const usable = phrases.map((phrase) => phrase.trim()).filter((phrase) => phrase !== '');
  if (usable.length === 0) return undefined;
  // Literal words joined by \s+: no nested quantifiers, so matching stays linear.
  const patterns = usable.map(
    (phrase) => new RegExp(phrase.split(/\s+/).map(escapeWord).join('\\s+'), 'giu'),
  );
  return (finding, text) => patterns.some((pattern) => isAllowed(pattern, finding, text));
}

/** True when the flagged text contains the phrase, or lies inside one of its occurrences in `text`. */
function isAllowed(pattern: RegExp, finding: Finding, text: string): boolean {
  pattern.lastIndex = 0;
  if (pattern.test(finding.actual)) return true;
  const { start, end } = { start: finding.place.start.offset, end: finding.place.end.offset };
  for (const match of text.matchAll(pattern)) {
    if (match.index <= start && end <= match.index + match[0].length) return true;
  }
  return false;
}

function escapeWord(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
}
