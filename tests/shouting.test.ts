// The shouting matcher on its own: which capitals and marks raise the voice, which are codes, names
// and labels, and what the rewrite slot holds.
import { describe, expect, it } from 'vitest';
import { SentenceContext } from '../src/engine/context.js';
import { shouting } from '../src/engine/matchers/shouting.js';
import { parseDocument } from '../src/parse/document.js';

/** Every span the matcher flags in `text`, with the lower-cased slot when there is one. */
function shouted(text: string): { actual: string; lowered?: string; rewrites?: string }[] {
  const document = parseDocument(text);
  return document.sentences.flatMap((sentence) =>
    shouting(new SentenceContext(document, sentence)).map((match) => ({
      actual: text.slice(match.start, match.end),
      ...(match.slots.lowered === undefined ? {} : { lowered: match.slots.lowered }),
      ...(match.rewrites === undefined ? {} : { rewrites: match.rewrites }),
    })),
  );
}

const actuals = (text: string): string[] => shouted(text).map(({ actual }) => actual);

describe('shouting: words in capitals', () => {
  it.each([
    ['We will NOT refund a used ticket.', 'NOT'],
    ['PLEASE read the email first.', 'PLEASE'],
    ['I SAID the order has shipped.', 'SAID'],
    ['Do NOT unplug the console.', 'NOT'],
    ["Please DON'T throw the old SIM away.", "DON'T"],
    ['This is really, REALLY important.', 'REALLY'],
    ["I'm SO sorry your bag went to Rome.", 'SO'],
    ['Read the steps CAREFULLY first.', 'CAREFULLY'],
    ['Your router needs to be ON at all times.', 'ON'],
    ['The update is FREE for every player.', 'FREE'],
  ])('flags the stressed word in %j', (text, word) => {
    expect(actuals(text)).toEqual([word]);
  });

  it('flags a whole sentence in capitals as one span and lower-cases it', () => {
    expect(shouted('PLEASE DO NOT REPLY TO THIS EMAIL.')).toEqual([
      { actual: 'PLEASE DO NOT REPLY TO THIS EMAIL', lowered: 'please do not reply to this email', rewrites: 'capitals' },
    ]);
  });

  it('keeps acronyms inside a shouted run in capitals', () => {
    expect(shouted('SEND THE PDF NOW please.')).toEqual([
      { actual: 'SEND THE PDF NOW', lowered: 'send the PDF now', rewrites: 'capitals' },
    ]);
  });

  it('keeps the pronoun I and leaves it out of the span at the edge', () => {
    expect(shouted("I'M SO SORRY about the wait.")).toEqual([
      { actual: 'SO SORRY', lowered: 'so sorry', rewrites: 'capitals' },
    ]);
    expect(shouted('WE WILL SEE WHAT I CAN DO.')[0]!.lowered).toBe('we will see what I can do');
  });

  it.each([
    'Your parcel is with UPS and should arrive on Thursday.',
    'I have attached the invoice as a PDF, and the price includes VAT.',
    'Could you reply ASAP with the SKU from the FAQ page?',
    'Your order ABC-123 shipped with tracking number 1Z999AA10123456784.',
    'Your order number is UK-88421-B and the SKU is XK-4410-B.',
    'Please update your iPhone to the latest iOS, or your Mac to macOS 15.',
    'OK, I have reset your PIN and sent it by SMS.',
    'Your ETA at Heathrow is 14:35, and the APR on the card is 22.9%.',
    'The NRC and DPS teams will call you.',
    'The plan is 0.99 CAD a month until 10 AM tomorrow.',
    'Flights to SUB/Java are back on sale.',
    'We are based in the U.S. and ship worldwide.',
    'A note from our CEO and a link to the WHO website.',
  ])('stays silent on acronyms, codes and units: %j', (text) => {
    expect(actuals(text)).toEqual([]);
  });

  it('never flags a placeholder, even one written in capitals', () => {
    expect(actuals('Your ticket {{TICKET_ID}} is open.')).toEqual([]);
    expect(actuals('Hi {{CUSTOMER_NAME}}, your order is on its way.')).toEqual([]);
  });

  it.each([
    'Thanks for waiting. ^JK',
    'Let us know how it goes /ME',
    'Hope this helps! -GO',
    'Can you DM us your email? ~AT',
    'Congrats on the win #GAMEDAY',
  ])('stays silent on sign-offs, hashtags and handles: %j', (text) => {
    expect(actuals(text)).toEqual([]);
  });

  it.each([
    'The screen will say ‘THIS IS NOT A BOARDING PASS’ at the top.',
    'Select Logging in > I STILL NEED HELP.',
    'Click SIGN OUT EVERYWHERE to log out of every device.',
    'If you did not click the NEED PAYMENT button, nothing changes.',
    'Reply STOP to opt out of texts.',
  ])('stays silent on quoted messages and on-screen labels: %j', (text) => {
    expect(actuals(text)).toEqual([]);
  });

  it.each([
    'Link the booking to your BIG Points account.',
    'Pay with your BIG Visa card.',
    'The booking cannot be linked to your BIG ID.',
  ])('treats one capitalised word before a name or code as part of the name: %j', (text) => {
    expect(actuals(text)).toEqual([]);
  });

  it.each(['---- NOT OUR ADDON\n\nThanks for the report.', '== REFUNDS ==\n\nYour refund is on its way.', '### BILLING\nThe invoice is attached.'])(
    'stays silent on a title line that a rule of dashes, equals signs or hashes opens: %j',
    (text) => {
      expect(actuals(text)).toEqual([]);
    },
  );

  it.each(['Is Night Mode ON or OFF?', 'Check whether sync is ENABLED or DISABLED in Settings.'])(
    'stays silent on a setting named by its two states: %j',
    (text) => {
      expect(actuals(text)).toEqual([]);
    },
  );

  it('still flags a state word written in capitals on its own', () => {
    expect(actuals('Please turn it ON right now.')).toEqual(['ON']);
  });

  it('still flags capitals after a dash inside a sentence', () => {
    expect(actuals('Thanks -- but we will NOT refund it.')).toEqual(['NOT']);
  });
});

describe('shouting: punctuation', () => {
  it.each([
    ['Your refund is on its way!!', '!!', 'exclamation'],
    ['Thanks so much!!!', '!!!', 'exclamation'],
    ['Did you even restart it?!', '?!', 'question'],
    ['You did what!?', '!?', 'question'],
    ['Wait, what?!?', '?!?', 'question'],
  ])('flags the run in %j', (text, run, rewrites) => {
    expect(shouted(text)).toEqual([{ actual: run, rewrites }]);
  });

  it('stays silent on a single "!" or "?", and on a doubled "??"', () => {
    expect(actuals('Thanks for waiting! Is the order still missing? Really??')).toEqual([]);
  });

  it('flags capitals and punctuation in the same sentence separately', () => {
    expect(actuals('It is ONLY a one-day delay!!')).toEqual(['ONLY', '!!']);
  });
});
