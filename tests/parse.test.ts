// The parser is the ground every rule stands on: sentences must split where a reader would split them,
// and every offset must point back at the exact characters of the original draft.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../src/parse/blocks.js';
import { parseDocument, type ParsedDocument } from '../src/parse/document.js';
import { LineIndex } from '../src/parse/lines.js';

/** The sentences of `text`, as the strings a reader would see. */
function sentencesOf(text: string): string[] {
  return parseDocument(text).sentences.map((sentence) => sentence.text);
}

/** Every way the parser's offsets disagree with the original text (empty when all are exact). */
function offsetProblems(document: ParsedDocument): string[] {
  const { text, sentences } = document;
  const problems: string[] = [];
  let previousEnd = 0;
  for (const sentence of sentences) {
    const where = `sentence ${sentence.index} [${sentence.start}, ${sentence.end})`;
    if (sentence.start < previousEnd) problems.push(`${where} overlaps the previous sentence`);
    if (sentence.end <= sentence.start) problems.push(`${where} is empty`);
    if (sentence.text !== text.slice(sentence.start, sentence.end)) problems.push(`${where} text differs from the slice`);
    if (sentence.masked.length !== sentence.text.length) problems.push(`${where} masked length differs`);
    if (sentence.text !== sentence.text.trim()) problems.push(`${where} has surrounding whitespace`);
    if (splitsSurrogatePair(text, sentence.start) || splitsSurrogatePair(text, sentence.end)) problems.push(`${where} splits a surrogate pair`);
    let previousWordEnd = sentence.start;
    for (const word of sentence.words) {
      const at = `${where} word [${word.start}, ${word.end})`;
      if (word.start < previousWordEnd || word.end <= word.start || word.end > sentence.end) problems.push(`${at} is out of order or outside its sentence`);
      if (word.text !== text.slice(word.start, word.end)) problems.push(`${at} text differs from the slice`);
      if (splitsSurrogatePair(text, word.start) || splitsSurrogatePair(text, word.end)) problems.push(`${at} splits a surrogate pair`);
      previousWordEnd = word.end;
    }
    previousEnd = sentence.end;
  }
  return problems;
}

/**
 * The non-whitespace characters of the text that fall outside every sentence, as `offset:char`.
 * Control tags and template comments (`break` placeholders) are not text and belong to no sentence.
 */
function lostCharacters(document: ParsedDocument): string[] {
  const covered = new Uint8Array(document.text.length);
  for (const sentence of document.sentences) covered.fill(1, sentence.start, sentence.end);
  for (const span of document.placeholders) if (span.kind === 'break') covered.fill(1, span.start, span.end);
  const lost: string[] = [];
  for (let offset = 0; offset < document.text.length; offset += 1) {
    if (!covered[offset] && /\S/.test(document.text[offset]!)) lost.push(`${offset}:${document.text[offset]}`);
  }
  return lost;
}

function expectExactOffsets(document: ParsedDocument): void {
  expect(offsetProblems(document)).toEqual([]);
}

function expectNothingLost(document: ParsedDocument): void {
  expect(lostCharacters(document)).toEqual([]);
}

/** True when `offset` falls between the two halves of a surrogate pair. */
function splitsSurrogatePair(text: string, offset: number): boolean {
  return /[\uD800-\uDBFF]/.test(text[offset - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[offset] ?? '');
}

describe('sentence splitting', () => {
  it('keeps a greeting line apart from the body on the next line', () => {
    expect(sentencesOf('Hi Ana,\nThanks for your patience while I checked the order.')).toEqual([
      'Hi Ana,',
      'Thanks for your patience while I checked the order.',
    ]);
  });

  it('keeps a greeting without a comma apart from the body', () => {
    expect(sentencesOf('Hello Marcus\nYour refund was issued on Monday.')).toEqual(['Hello Marcus', 'Your refund was issued on Monday.']);
  });

  it('keeps a sign-off and the name under it apart', () => {
    expect(sentencesOf('I will call you at 3pm.\n\nBest,\nSam\nSupport Team')).toEqual(['I will call you at 3pm.', 'Best,', 'Sam', 'Support Team']);
  });

  it('keeps hard-wrapped prose in one sentence', () => {
    const text = 'I checked the order and the courier\nsays it left the depot on Monday\nmorning, so it should reach you soon.';
    expect(sentencesOf(text)).toEqual([text]);
  });

  it('keeps hard-wrapped prose in one sentence when a wrapped line ends in a comma', () => {
    // Mail clients wrap wherever the width runs out, often right after a comma.
    const text = 'I have read every message you sent this week and you are right,\nthe new login process is far too strict.';
    expect(sentencesOf(text)).toEqual([text]);
  });

  it('keeps hard-wrapped prose in one sentence when a wrapped line ends in a bracket or a colon', () => {
    expect(sentencesOf('The refund was sent on Monday (the 4th)\nand should reach your card this week.')).toHaveLength(1);
    expect(sentencesOf('There is one thing left to do:\nconfirm the new address by replying here.')).toHaveLength(1);
  });

  it('ends a sentence after "in." like any other full stop', () => {
    // retext-english reads "in." as the abbreviation for inches; in a reply it ends "thanks for writing in."
    expect(sentencesOf("Thanks for writing in. We're looking at your order now.")).toEqual([
      'Thanks for writing in.',
      "We're looking at your order now.",
    ]);
    expect(sentencesOf('Please sign in. Then open Settings and choose Billing.')).toEqual([
      'Please sign in.',
      'Then open Settings and choose Billing.',
    ]);
  });

  it('ends a sentence after a number and a full stop when a capitalised word follows', () => {
    // retext-english reads "20." as an ordinal and ran the two sentences into one.
    expect(sentencesOf('We have refunded £20. Sorry for the delay.')).toEqual(['We have refunded £20.', 'Sorry for the delay.']);
    expect(sentencesOf('Your ticket is #48213. The total was $49.99. We refunded 1,000 points.')).toEqual([
      'Your ticket is #48213.',
      'The total was $49.99.',
      'We refunded 1,000 points.',
    ]);
    expect(sentencesOf('Please update to version 2.0. Then restart the app.')).toEqual(['Please update to version 2.0.', 'Then restart the app.']);
    // A lower-case word goes on with the sentence, as after any full stop retext-english merges.
    expect(sentencesOf('It ships in 3 days. thanks for waiting')).toHaveLength(1);
  });

  it('ends a sentence after "a.m.", "etc." or "U.S." when a word that opens sentences follows', () => {
    expect(sentencesOf("We open at 9 a.m. Please call then. We close at 5 P.M. I'll be here.")).toEqual([
      'We open at 9 a.m.',
      'Please call then.',
      'We close at 5 P.M.',
      "I'll be here.",
    ]);
    expect(sentencesOf('We stock shoes, bags, etc. Sorry for the wait.')).toEqual(['We stock shoes, bags, etc.', 'Sorry for the wait.']);
    expect(sentencesOf('Our office is in the U.S. We ship worldwide.')).toEqual(['Our office is in the U.S.', 'We ship worldwide.']);
    // Before a name the abbreviation is inside the sentence.
    expect(sentencesOf('It left the U.S. Postal Service depot at 9 a.m. Eastern time.')).toHaveLength(1);
  });

  it('keeps "no.", "Tel." or "approx." in the sentence of the number after it', () => {
    // retext-english ended the sentence at the abbreviation's full stop.
    expect(sentencesOf('Please quote booking no. 12345 when you call. It takes approx. 3 days.')).toEqual([
      'Please quote booking no. 12345 when you call.',
      'It takes approx. 3 days.',
    ]);
    expect(sentencesOf('Call Tel. 0800 123 456 for help.')).toEqual(['Call Tel. 0800 123 456 for help.']);
    // The joined sentence still ends at the number's own full stop.
    expect(sentencesOf('Your ref. 12345. Sorry for the wait.')).toEqual(['Your ref. 12345.', 'Sorry for the wait.']);
    expect(sentencesOf('Is it a yes or a no. Thanks.')).toEqual(['Is it a yes or a no.', 'Thanks.']);
  });

  it('ends a sentence at a smiley, and at an emoji before a word that opens sentences', () => {
    expect(sentencesOf('Your refund is on its way :) Expect it by Friday.')).toEqual(['Your refund is on its way :)', 'Expect it by Friday.']);
    expect(sentencesOf('Happy to sort this out =) The new card ships today.')).toHaveLength(2);
    expect(sentencesOf('We fixed it 👍🏽 Please check again.')).toEqual(['We fixed it 👍🏽', 'Please check again.']);
    // An emoji standing for a word, and a registered mark, stay inside the sentence.
    expect(sentencesOf('Trains 🚆 to the Lake ⛰️ District run hourly.')).toHaveLength(1);
    expect(sentencesOf('Try Acme® Support for help.')).toHaveLength(1);
    // A smiley that opens the reply is no sentence of its own.
    expect(sentencesOf(':) Expect it by Friday.')).toEqual([':) Expect it by Friday.']);
  });

  it('keeps a list number with its item', () => {
    expect(sentencesOf('1. Restart the router.\n2. Reset the modem.')).toEqual(['1. Restart the router.', '2. Reset the modem.']);
    expect(sentencesOf('Two steps: 1. Restart the router.')).toEqual(['Two steps: 1. Restart the router.']);
  });

  it('splits sentences within a line', () => {
    expect(sentencesOf("I've refunded the fee. It should arrive in 3 days! Anything else?")).toEqual([
      "I've refunded the fee.",
      'It should arrive in 3 days!',
      'Anything else?',
    ]);
  });

  it('numbers paragraphs at blank lines, including whitespace-only and CRLF blank lines', () => {
    const document = parseDocument('Hi Ana,\nThanks for waiting.\n\nThe parcel left today.\n \t \nBest,\r\n\r\nSam');
    expect(document.sentences.map((sentence) => [sentence.paragraph, sentence.text])).toEqual([
      [0, 'Hi Ana,'],
      [0, 'Thanks for waiting.'],
      [1, 'The parcel left today.'],
      [2, 'Best,'],
      [3, 'Sam'],
    ]);
  });

  it('numbers sentences in document order', () => {
    const document = parseDocument('One. Two.\n\nThree.');
    expect(document.sentences.map((sentence) => sentence.index)).toEqual([0, 1, 2]);
  });

  it('makes every bullet and numbered item its own sentence', () => {
    const text = [
      "Here's what I've done:",
      '- refunded the delivery charge',
      '* booked a courier for Tuesday',
      '• added a note to your account',
      '1. Reply with a time that suits you',
      '2) Keep the old unit until we collect it',
    ].join('\n');
    expect(sentencesOf(text)).toEqual(text.split('\n'));
  });

  it('keeps a wrapped bullet item together', () => {
    const text = "- I've asked the courier to put your parcel on the first van out\n  tomorrow morning\n- I'll email you at noon";
    expect(sentencesOf(text)).toEqual([
      "- I've asked the courier to put your parcel on the first van out\n  tomorrow morning",
      "- I'll email you at noon",
    ]);
  });

  it('gives nothing for empty or blank text', () => {
    expect(parseDocument('').sentences).toEqual([]);
    expect(parseDocument(' \n\t\r\n  ').sentences).toEqual([]);
  });
});

describe('offsets', () => {
  it('are exact for a reply with CRLF line endings', () => {
    const text = 'Hi Ana,\r\nSorry for the wait.\r\n\r\nI have refunded the fee.\r\nBest,\r\nSam\r\n';
    const document = parseDocument(text);
    expectExactOffsets(document);
    expectNothingLost(document);
    expect(document.sentences.map((sentence) => sentence.text)).toEqual(['Hi Ana,', 'Sorry for the wait.', 'I have refunded the fee.', 'Best,', 'Sam']);
    expect(document.sentences.flatMap((sentence) => sentence.words).some((word) => word.text.includes('\r'))).toBe(false);
  });

  it('are exact with emoji and characters outside the Basic Multilingual Plane', () => {
    const text = 'Hi Ana 👋🏽, the 𝒇older sync is back! 😀 Your files 📁 are safe.\n👍 Thanks, Zoë 🇬🇧';
    const document = parseDocument(text);
    expectExactOffsets(document);
    expectNothingLost(document);
    const words = document.sentences.flatMap((sentence) => sentence.words);
    const files = words.find((word) => word.text === 'files')!;
    expect(files.start).toBe(text.indexOf('files'));
    const zoe = words.find((word) => word.text === 'Zoë')!;
    expect(zoe.start).toBe(text.indexOf('Zoë'));
  });

  it('are exact for any mix of words, punctuation, placeholders, emoji and line breaks', () => {
    const token = fc.constantFrom(
      'Sorry', 'sorry', 'I', "I'm", 'agree', 'the', 'order', 'refund', 'Ana', 'wait', 'Did', 'you', 'turn', 'it', 'on',
      'café', 'naïve', '😀', '👋🏽', '𝒇', '🇬🇧', '—', '–', '…', '"quoted"', '(note)', '$29.00', '3pm', 'e.g.', 'U.S.',
      '{{ticket.requester.first_name}}', '{{{raw_html}}}', '{% if vip %}', '{% endif %}', '{%customer.firstName,fallback=there%}',
      '{{!-- agents: check the date --}}', '{what went wrong}', 'x',
    );
    const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '! ', '? ', '\n', '\r\n', '\n\n', '\r\n\r\n', '\n- ', '\n1. ', '  ', '\t', ': ');
    const draft = fc.array(fc.tuple(token, separator), { maxLength: 60 }).map((parts) => parts.map(([word, gap]) => word + gap).join(''));
    fc.assert(
      fc.property(draft, (text) => {
        const document = parseDocument(text);
        expectExactOffsets(document);
        expectNothingLost(document);
      }),
      { numRuns: 300 },
    );
  });
});

describe('long paragraphs', () => {
  const MAX_BLOCK = 4000;
  const sentences = [
    'I checked the order and it left the depot on Monday.',
    'Sorry for the wait, {{ticket.requester.first_name}}!',
    'Did you turn the power on?',
    'The courier says it will arrive tomorrow morning',
    'Your reference is {%customer.id,fallback=unknown%} and the parcel weighs 2 kg;',
  ];

  function longParagraph(separator: string): string {
    let text = '';
    for (let index = 0; text.length < 200_000; index += 1) text += sentences[index % sentences.length] + separator;
    return text;
  }

  function expectBoundedCover(text: string): void {
    const blocks = splitBlocks(text);
    let cursor = 0;
    for (const block of blocks) {
      expect(block.end - block.start).toBeLessThanOrEqual(MAX_BLOCK);
      expect(block.start).toBeGreaterThanOrEqual(cursor);
      // Between blocks there may be whitespace, never text.
      expect(text.slice(cursor, block.start).trim()).toBe('');
      expect(block.paragraph).toBe(0);
      cursor = block.end;
    }
    expect(text.slice(cursor).trim()).toBe('');
  }

  it('cuts 200 KB on one line into bounded blocks without losing or duplicating text', () => {
    expectBoundedCover(longParagraph(' '));
  });

  it('cuts 200 KB of hard-wrapped prose into bounded blocks', () => {
    expectBoundedCover(longParagraph('\n'));
  });

  it('cuts 200 KB with no spaces at all', () => {
    expectBoundedCover('ab'.repeat(100_000));
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(100_000);
    const blocks = splitBlocks(text);
    expect(blocks.length).toBeGreaterThan(1);
    const cutsInsidePairs = blocks.filter((block) => splitsSurrogatePair(text, block.start) || splitsSurrogatePair(text, block.end));
    expect(cutsInsidePairs.map((block) => block.start)).toEqual([]);
  });

  it('parses 200 KB without blank lines into sentences that cover all of it, each word once', () => {
    const text = longParagraph(' ');
    const document = parseDocument(text);
    expectExactOffsets(document);
    expectNothingLost(document);
    // A placeholder is never cut in two by a block boundary.
    const words = document.sentences.flatMap((sentence) => sentence.words);
    const placeholderWords = words.filter((word) => word.placeholder).map((word) => [word.start, word.end]);
    expect(placeholderWords).toEqual(document.placeholders.map((span) => [span.start, span.end]));
  });
});

describe('LineIndex', () => {
  const text = 'ab\ncd\n\nef';
  const index = new LineIndex(text);

  it('puts the first character at 1:1 and counts the offset from 0', () => {
    expect(index.pointAt(0)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('puts a line break at the end of its own line', () => {
    expect(index.pointAt(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(index.pointAt(5)).toEqual({ line: 2, column: 3, offset: 5 });
  });

  it('puts the character after a line break at column 1 of the next line', () => {
    expect(index.pointAt(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(index.pointAt(6)).toEqual({ line: 3, column: 1, offset: 6 });
    expect(index.pointAt(7)).toEqual({ line: 4, column: 1, offset: 7 });
  });

  it('points just past the last character at the end of the document', () => {
    expect(index.pointAt(text.length)).toEqual({ line: 4, column: 3, offset: 9 });
    expect(new LineIndex('Thanks!\n').pointAt(8)).toEqual({ line: 2, column: 1, offset: 8 });
    expect(new LineIndex('').pointAt(0)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('counts a CR of CRLF as the last column of its line', () => {
    const crlf = new LineIndex('ab\r\ncd');
    expect(crlf.pointAt(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(crlf.pointAt(4)).toEqual({ line: 2, column: 1, offset: 4 });
  });

  it('counts columns in UTF-16 code units, as unist and vfile do', () => {
    expect(new LineIndex('😀 Sorry').pointAt(3)).toEqual({ line: 1, column: 4, offset: 3 });
  });

  it('agrees with counting line breaks by hand at every offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', '😀'), maxLength: 80 }), (sample) => {
        const lines = new LineIndex(sample);
        for (let offset = 0; offset <= sample.length; offset += 1) {
          const before = sample.slice(0, offset);
          const line = before.split('\n').length;
          const column = offset - (before.lastIndexOf('\n') + 1) + 1;
          expect(lines.pointAt(offset)).toEqual({ line, column, offset });
        }
      }),
    );
  });
});
