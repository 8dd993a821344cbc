// The customer's concern: found in their message, said back in the agent's voice, and put into the
// rewrites that have a `{concern}` slot. Accuracy on a labelled set is measured by `npm run eval`;
// these tests pin behaviour a user would notice.
import { describe, expect, it } from 'vitest';
import { MODEM_REPLY_EMAIL } from './modem-email.js';
import { createLinter, extractConcern, lint, lintSource, toAgentVoice } from '../src/index.js';

const MODEM = 'My modem has been dead since Tuesday!!';
const MODEM_CONCERN = 'your modem has been dead since Tuesday';

function rewrites(text: string, ruleId: string, context?: string): string[] {
  const finding = lint(text, context === undefined ? undefined : { context }).find((candidate) => candidate.ruleId === ruleId);
  if (!finding) throw new Error(`no ${ruleId} finding in: ${text}`);
  return finding.expected;
}

describe('extractConcern', () => {
  it('turns the example from the issue into the agent\'s voice', () => {
    expect(extractConcern(MODEM)?.text).toBe(MODEM_CONCERN);
  });

  it.each([
    ['I was charged twice for my March subscription.', 'you were charged twice for your March subscription'],
    ["I'm locked out of my account.", "you're locked out of your account"],
    ['I am locked out of my account after three attempts.', 'you are locked out of your account after three attempts'],
    ["I've emailed three times and nobody has replied.", "you've emailed three times and nobody has replied"],
    ['We were overcharged on our last bill.', 'you were overcharged on your last bill'],
    ['Our heating stopped working last night.', 'your heating stopped working last night'],
    ['The app keeps crashing every time I open the camera.', 'the app keeps crashing every time you open the camera'],
  ])('keeps the tense and swaps the persons: %s', (message, concern) => {
    expect(extractConcern(message)?.text).toBe(concern);
  });

  it('strips what frames the concern and what follows it', () => {
    expect(extractConcern("I'm writing to complain that my flight was cancelled with no notice.")?.text).toBe(
      'your flight was cancelled with no notice',
    );
    expect(extractConcern("I'm really frustrated because my refund still hasn't come through.")?.text).toBe(
      "your refund still hasn't come through",
    );
    expect(extractConcern('I ordered a kettle and it arrived with a cracked lid, and I want a refund.')?.text).toBe(
      'you ordered a kettle and it arrived with a cracked lid',
    );
  });

  it('drops emoji and emoticons, and an order number is no concern', () => {
    expect(extractConcern('hey my order is late :/')?.text).toBe('your order is late');
    expect(extractConcern('My wifi is down again :D')?.text).toBe('your wifi is down again');
    expect(extractConcern('The app crashed 😡😡!!')?.text).toBe('the app crashed');
    expect(extractConcern('hi my order number is 4471 and the app says it is delayed again')?.text).toBe('the app says it is delayed again');
  });

  it('finds the concern in an e-mail with a greeting, a sign-off and quote marks', () => {
    const message = '> Hi team,\n>\n> Thanks for the quick delivery last time.\n> The table arrived with two legs missing.\n>\n> Regards,\n> Margaret';
    const concern = extractConcern(message);
    expect(concern?.text).toBe('the table arrived with two legs missing');
    expect(message.slice(concern!.start, concern!.end)).toBe('The table arrived with two legs missing.');
  });

  it('reads a "why" question that states a problem as a statement', () => {
    expect(extractConcern("Why hasn't my refund arrived yet?")?.text).toBe("your refund hasn't arrived yet");
    expect(extractConcern('Why was I charged a late fee when I paid on time?')?.text).toBe('you were charged a late fee when you paid on time');
  });

  it('speaks for the company when the customer says what "you" did', () => {
    expect(extractConcern('You sent me a broken phone!')?.text).toBe('we sent you a broken phone');
    expect(extractConcern('Your website keeps logging me out.')?.text).toBe('our website keeps logging you out');
  });

  it.each([
    'Thanks so much for your help yesterday, everything works perfectly now!',
    'What are your opening hours on Sunday?',
    'This is ridiculous!!!',
    "I'm so angry.",
    'Could you send me an invoice for my last order?',
    'I would like to cancel my membership please.',
    '',
  ])('returns nothing rather than guessing: %j', (message) => {
    expect(extractConcern(message)).toBeUndefined();
  });
});

describe('toAgentVoice', () => {
  it.each([
    ['my order is mine', 'your order is yours'],
    ['I was told I am next', 'You were told you are next'],
    ["we've lost our keys ourselves", "you've lost your keys yourselves"],
    ['the US office charged me', 'the US office charged you'],
    ['i cant log in', "you can't log in"],
    ['the link you sent me is broken', 'the link we sent you is broken'],
  ])('%s → %s', (clause, voiced) => {
    expect(toAgentVoice(clause)).toBe(voiced);
  });

  it('gives nothing for a "you" that may be the generic one', () => {
    expect(toAgentVoice('it crashes every time you open it')).toBeUndefined();
  });
});

describe('rewrites filled from the context', () => {
  it('fills the slot of bare-sorry, and leaves it visible without a context', () => {
    expect(rewrites('Sorry.', 'bare-sorry', MODEM)).toEqual([`I'm sorry that ${MODEM_CONCERN}`, `I'm sorry ${MODEM_CONCERN}`]);
    expect(rewrites('Sorry.', 'bare-sorry')).toEqual(["I'm sorry that {what went wrong}", "I'm sorry {what went wrong}"]);
  });

  it('fills dismissive-question, asks-to-repeat and no-acknowledgement', () => {
    expect(rewrites('Are you certain you paid?', 'dismissive-question', MODEM)[0]).toBe(
      `I understand how frustrating it is when ${MODEM_CONCERN}. Let's check this together.`,
    );
    expect(rewrites('Are you certain you paid?', 'dismissive-question')[0]).toBe(
      "I understand how frustrating it is when {problem}. Let's check this together.",
    );
    expect(rewrites('Can you explain the problem again?', 'asks-to-repeat', MODEM)).toEqual([
      `Let me just confirm, you mentioned that ${MODEM_CONCERN}.`,
      `If I heard it right, your concern is that ${MODEM_CONCERN}.`,
    ]);
    const reply = 'Hi Dan,\n\nYour ticket is with our network team. They reply within two days.\n\nThanks,\nOllie';
    expect(rewrites(reply, 'no-acknowledgement', MODEM)[0]).toBe(`I understand how frustrating it is that ${MODEM_CONCERN}.`);
    expect(rewrites(reply, 'no-acknowledgement')[0]).toBe('I understand how frustrating it is that {concern}.');
  });

  it("keeps the reply's own words over the context in reinforcing-agreement", () => {
    expect(rewrites("You're right, the tracking page is hopeless.", 'reinforcing-agreement', MODEM)[0]).toBe(
      'I hear that the tracking page is hopeless',
    );
    expect(rewrites('I agree. The last two deliveries were late.', 'reinforcing-agreement', MODEM)[0]).toBe(`I hear that ${MODEM_CONCERN}`);
  });

  it('leaves the slot visible when no concern can be found, and never makes a filled rewrite a fix', () => {
    expect(rewrites('Sorry.', 'bare-sorry', 'Thanks for your help!')[0]).toBe("I'm sorry that {what went wrong}");
    const finding = lint('Sorry.', { context: MODEM }).find((candidate) => candidate.ruleId === 'bare-sorry');
    expect(finding?.fix).toBeUndefined();
  });

  it('takes the context from createLinter, overridden per call', () => {
    const linter = createLinter({ context: MODEM });
    expect(linter.lint('Sorry.')[0]?.expected[0]).toBe(`I'm sorry that ${MODEM_CONCERN}`);
    expect(linter.lint('Sorry.', { context: 'My parcel was lost.' })[0]?.expected[0]).toBe("I'm sorry that your parcel was lost");
  });

  it("uses an e-mail's quoted message as the context, unless one is given", async () => {
    const eml = MODEM_REPLY_EMAIL;
    const quoted = await lintSource(eml, { format: 'email' });
    expect(quoted.find((finding) => finding.ruleId === 'bare-sorry')?.expected[0]).toBe(`I'm sorry that ${MODEM_CONCERN}`);
    const given = await lintSource(eml, { format: 'email', context: 'My parcel was lost.' });
    expect(given.find((finding) => finding.ruleId === 'bare-sorry')?.expected[0]).toBe("I'm sorry that your parcel was lost");
  });
});
