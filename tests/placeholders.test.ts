// Macros are full of template syntax. Each placeholder must reach the rules as one opaque word, so
// "{{SORRY_MACRO}}" is never read as an apology and "{what went wrong}" is never split or rewritten.
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/parse/document.js';
import { findPlaceholders, maskPlaceholders } from '../src/parse/placeholders.js';

/** The text of every placeholder found in `text`. */
function placeholdersIn(text: string): string[] {
  return findPlaceholders(text).map((span) => text.slice(span.start, span.end));
}

/** Every word of the parsed text as [text, placeholder]. */
function wordsOf(text: string): [string, boolean][] {
  return parseDocument(text).sentences.flatMap((sentence) => sentence.words.map((word): [string, boolean] => [word.text, word.placeholder]));
}

const PLACEHOLDERS = [
  ['Zendesk/Liquid output', '{{ticket.requester.first_name}}'],
  ['Liquid output with a filter', '{{ ticket.created_at | date: "%B %d" }}'],
  ['Liquid whitespace control', '{{- ticket.id -}}'],
  ['Handlebars triple-stash', '{{{signature_html}}}'],
  ['Help Scout variable with fallback', '{%customer.firstName,fallback=there%}'],
  ['Help Scout fallback with spaces', '{%customer.company,fallback=your company%}'],
  ['Help Scout variable', '{%mailbox.name%}'],
  ['visible rewrite slot', '{what went wrong}'],
  ['visible slot with an underscore', '{order_number}'],
] as const;

/** Control tags and comments steer the template: they are not words, and they separate what they stand between. */
const BREAKS = [
  ['Liquid tag', '{% if ticket.priority == "urgent" %}'],
  ['Liquid tag with whitespace control', '{%- endif -%}'],
  ['Liquid comment block', '{% comment %}Agents: say sorry here{% endcomment %}'],
  ['Handlebars block', '{{#if vip}}'],
  ['Handlebars else', '{{else}}'],
  ['Handlebars comment', '{{!-- agents: never promise a date --}}'],
  ['Handlebars comment with braces inside', '{{!-- use {{name}} here, not {name} --}}'],
] as const;

describe('findPlaceholders', () => {
  it.each(PLACEHOLDERS)('finds a %s as one span', (_kind, placeholder) => {
    expect(placeholdersIn(`Hi there, ${placeholder}, thanks.`)).toEqual([placeholder]);
  });

  it('finds several placeholders in order, with exact offsets', () => {
    const text = 'Hi {{name}}, your order {{order.id}} ships {what day}.';
    expect(findPlaceholders(text)).toEqual([
      { start: 3, end: 11, kind: 'value' },
      { start: 24, end: 36, kind: 'value' },
      { start: 43, end: 53, kind: 'value' },
    ]);
  });

  it('finds a Liquid tag that spans a line break', () => {
    expect(placeholdersIn('Hi,\n{% if ticket.tags contains "vip"\n   and ticket.status == "open" %}\nThanks.')).toEqual([
      '{% if ticket.tags contains "vip"\n   and ticket.status == "open" %}',
    ]);
  });

  it.each([
    ['empty braces', 'Use {} for nothing.'],
    ['a brace followed by a space', 'The CSS is a { color: red } rule.'],
    ['JSON', 'The payload was {"status": "failed"}.'],
    ['a number in braces', 'Step {1} failed.'],
    ['an unclosed brace', 'Use the {braces and carry on.'],
    ['a lone double brace', 'Type {{ to start a variable.'],
    ['a single-brace slot broken over two lines', 'Tell me {what\nwent wrong}.'],
  ])('finds nothing in %s', (_kind, text) => {
    expect(placeholdersIn(text)).toEqual([]);
  });

  it('stays fast on pathological input (bounded, linear-time patterns)', () => {
    for (const text of ['{%'.repeat(100_000), '{{'.repeat(100_000), '{{!--'.repeat(40_000), '{a'.repeat(100_000), '{{{a '.repeat(40_000)]) {
      const started = performance.now();
      findPlaceholders(text);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('maskPlaceholders', () => {
  it('masks a value as one capitalised word of the same length, spaced off where text touches it', () => {
    const text = 'Hi {{name}}, sorry about {what went wrong}.';
    const masked = maskPlaceholders(text, findPlaceholders(text));
    expect(masked).toBe('Hi Xxxxxxx , sorry about Xxxxxxxxxxxxxxxx .');
    expect(masked).toHaveLength(text.length);
  });

  it('masks a control tag as a blank line of the same length', () => {
    const text = 'Ok.{% if vip %}Thanks!';
    const masked = maskPlaceholders(text, findPlaceholders(text));
    expect(masked).toBe('Ok. \n\n         Thanks!');
    expect(masked).toHaveLength(text.length);
  });

  it('returns text without placeholders unchanged', () => {
    expect(maskPlaceholders('Thanks, Ana.', [])).toBe('Thanks, Ana.');
  });
});

describe('placeholders in parsed sentences', () => {
  it.each(PLACEHOLDERS)('keeps a %s as one opaque word', (_kind, placeholder) => {
    const text = `Thanks for waiting ${placeholder} and I've sent the refund.`;
    const document = parseDocument(text);
    const words = document.sentences.flatMap((sentence) => sentence.words);
    const start = text.indexOf(placeholder);
    const covering = words.filter((word) => word.start < start + placeholder.length && word.end > start);
    expect(covering.map((word) => [word.start, word.text, word.placeholder])).toEqual([[start, placeholder, true]]);
    expect(words.filter((word) => word !== covering[0]).every((word) => !word.placeholder)).toBe(true);
  });

  it.each(BREAKS)('keeps a %s out of every sentence and apart from its neighbours', (_kind, tag) => {
    const text = `Thanks for waiting${tag}I've sent the refund.`;
    const document = parseDocument(text);
    const start = text.indexOf(tag);
    expect(document.placeholders).toEqual([{ start, end: start + tag.length, kind: 'break' }]);
    expect(document.sentences.map((sentence) => sentence.text)).toEqual(['Thanks for waiting', "I've sent the refund."]);
  });

  it('marks only placeholder words as placeholders', () => {
    expect(wordsOf('Hi {{ticket.requester.first_name}}, I refunded {%customer.company,fallback=your company%} today.')).toEqual([
      ['Hi', false],
      ['{{ticket.requester.first_name}}', true],
      ['I', false],
      ['refunded', false],
      ['{%customer.company,fallback=your company%}', true],
      ['today', false],
    ]);
  });

  it('keeps a placeholder followed by punctuation as one word without the punctuation', () => {
    expect(wordsOf('Thanks, {{name}}!')).toEqual([
      ['Thanks', false],
      ['{{name}}', true],
    ]);
  });

  it('masks placeholders in the masked sentence text only', () => {
    const [sentence] = parseDocument('Sorry, {{SORRY_MACRO}}.').sentences;
    expect(sentence!.text).toBe('Sorry, {{SORRY_MACRO}}.');
    expect(sentence!.masked).toBe('Sorry, Xxxxxxxxxxxxxx .');
  });

  it('keeps a Liquid tag on its own line out of the next sentence', () => {
    const document = parseDocument('{% if ticket.priority == "urgent" %}\nSorry for the wait.\n{% endif %}');
    expect(document.sentences.map((sentence) => sentence.text)).toEqual(['Sorry for the wait.']);
  });

  it('keeps words written right against a Liquid tag as words of their own', () => {
    // Zendesk macros put conditional text inline: {% if … %}Hi {{name}},{% else %}Hi there,{% endif %}
    expect(wordsOf('Hi {{name}}!{% if vip %}Sorry for the wait.{% endif %}')).toEqual([
      ['Hi', false],
      ['{{name}}', true],
      ['Sorry', false],
      ['for', false],
      ['the', false],
      ['wait', false],
    ]);
  });
});

describe('placeholders in rewrites', () => {
  it('carries a placeholder whole into a rewrite, also when a full stop follows it', async () => {
    const { lint } = await import('../src/index.js');
    for (const [text, rewrite] of [
      ['Sorry for the {{thing}}. We will ship it today.', "I'm sorry for the {{thing}}"],
      ['Sorry for the delay with {{order.name}}!', "I'm sorry for the delay with {{order.name}}"],
    ] as const) {
      const [finding] = lint(text).filter((found) => found.ruleId === 'bare-sorry');
      expect(finding?.expected?.[0]).toBe(rewrite);
    }
  });
});
