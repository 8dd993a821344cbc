/**
 * A template tag or visible rewrite slot. A `value` (`{{name}}`, `{what went wrong}`) stands in the
 * sentence as one opaque word; a `break` (a control tag such as `{% if %}` or `{{else}}`, or a
 * template comment) is not text at all and separates what comes before from what comes after.
 */
export interface PlaceholderSpan {
  start: number;
  end: number;
  kind: 'value' | 'break';
}

// Template comments first (their whole body is skipped), then Liquid/Handlebars/Mustache tags,
// Help Scout `{%customer.firstName,fallback=there%}`, and single-brace slots such as
// `{what went wrong}` that tactful's own rewrites leave visible. Every alternative is bounded and
// free of nested quantifiers, so matching stays linear.
const PLACEHOLDER =
  /\{%-?\s*comment\s*-?%\}[\s\S]{0,20000}?\{%-?\s*endcomment\s*-?%\}|\{\{!--[\s\S]{0,2000}?--\}\}|\{\{![^{}]{0,2000}\}\}|\{\{\{[^{}]{1,200}\}\}\}|\{\{[^{}]{1,200}\}\}|\{%[\s\S]{1,400}?%\}|\{[A-Za-z_][^{}\n]{0,80}\}/g;

// Tags that steer the template rather than print a value: each branch is text of its own.
const BREAK_TAG =
  /^(?:\{%-?\s*(?:comment|if|elsif|else|endif|unless|endunless|case|when|endcase|for|endfor|capture|endcapture|raw|endraw|liquid|break|continue)\b|\{\{[!#/^]|\{\{-?\s*else\b)/;

/** Finds every placeholder in `text`, in order. */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  if (!text.includes('{')) return [];
  const spans: PlaceholderSpan[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    spans.push({ start, end: start + match[0].length, kind: BREAK_TAG.test(match[0]) ? 'break' : 'value' });
  }
  return spans;
}

const TOUCHING = /\S/u;

/** A capitalised run of x's: read as a name, so a sentence before it can end ("wait. Xxxx"). */
function maskWord(length: number): string {
  return length > 0 ? 'X' + 'x'.repeat(length - 1) : '';
}

/** Spaces around a blank line: a paragraph break of the same length as the tag it replaces. */
function maskBreak(length: number): string {
  return length >= 3 ? ` \n\n${' '.repeat(length - 3)}` : ' '.repeat(length);
}

/**
 * Masks every placeholder with text of the same length, so every offset still points into the
 * original: a value becomes one word `Xxx…` (where text touches it, as in `wait.{{x}}`, the edge
 * becomes a space so the two stay separate words); a break becomes a blank line.
 */
export function maskPlaceholders(text: string, spans: readonly PlaceholderSpan[]): string {
  if (spans.length === 0) return text;
  let masked = '';
  let cursor = 0;
  for (const span of spans) {
    const length = span.end - span.start;
    masked += text.slice(cursor, span.start);
    if (span.kind === 'break') {
      masked += maskBreak(length);
    } else {
      const spaceBefore = length > 2 && TOUCHING.test(text[span.start - 1] ?? '');
      const spaceAfter = length > 2 && TOUCHING.test(text[span.end] ?? '');
      masked += (spaceBefore ? ' ' : '') + maskWord(length - Number(spaceBefore) - Number(spaceAfter)) + (spaceAfter ? ' ' : '');
    }
    cursor = span.end;
  }
  return masked + text.slice(cursor);
}
