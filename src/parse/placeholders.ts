/** A template placeholder or visible rewrite slot: opaque to every rule, never flagged, never split. */
export interface PlaceholderSpan {
  start: number;
  end: number;
}

// Liquid/Handlebars/Mustache tags and comments, Help Scout `{%customer.firstName,fallback=there%}`,
// and single-brace slots such as `{what went wrong}` that tactful's own rewrites leave visible.
// Each alternative is bounded and has no nested quantifiers, so matching stays linear.
const PLACEHOLDER =
  /\{\{!--[\s\S]{0,2000}?--\}\}|\{\{\{[^{}]{1,200}\}\}\}|\{\{[^{}]{1,200}\}\}|\{%[\s\S]{1,400}?%\}|\{[A-Za-z_][^{}\n]{0,80}\}/g;

/** Finds every placeholder in `text`, in order. */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  if (!text.includes('{')) return [];
  const spans: PlaceholderSpan[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    spans.push({ start, end: start + match[0].length });
  }
  return spans;
}

/**
 * Replaces each placeholder with a run of `x` of the same length, so the English parser sees one
 * ordinary word and every offset still points into the original text.
 */
export function maskPlaceholders(text: string, spans: readonly PlaceholderSpan[]): string {
  if (spans.length === 0) return text;
  let masked = '';
  let cursor = 0;
  for (const span of spans) {
    masked += text.slice(cursor, span.start) + 'x'.repeat(span.end - span.start);
    cursor = span.end;
  }
  return masked + text.slice(cursor);
}
