// A deterministic corpus of synthetic customer-service replies for the benchmark. Every reply is
// built from the templates and word lists below with a fixed-seed PRNG, so two runs (and two
// machines) measure exactly the same text. Nothing here comes from real replies.

/** The seed used when none is given; changing it changes every figure in docs/performance.md. */
export const DEFAULT_SEED = 0x7ac7f01;

/** mulberry32: a small, fast 32-bit PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAME = '{{ticket.requester.first_name}}';
const AGENT = '{{current_user.first_name}}';

const LISTS = {
  greeting: [
    `Hi ${NAME},`,
    `Hello ${NAME},`,
    `Dear ${NAME},`,
    `Hey ${NAME},`,
    `Good morning ${NAME},`,
    `Hi there,`,
    `Hello {{ticket.requester.name}},`,
  ],
  signoff: [
    `Best regards,\n${AGENT}`,
    `Kind regards,\n${AGENT}\n{{ticket.organization.name}} Support`,
    `Thanks,\n${AGENT}`,
    `All the best,\n${AGENT}`,
    `Cheers,\n${AGENT}`,
    `Warm wishes,\n{{current_user.signature}}`,
  ],
  product: ['order', 'parcel', 'replacement', 'subscription', 'laptop', 'headset', 'blender', 'coffee machine', 'invoice', 'booking', 'gift card', 'account'],
  device: ['router', 'phone', 'tablet', 'printer', 'smart speaker', 'thermostat', 'camera', 'laptop', 'console', 'doorbell'],
  part: ['screen', 'charging port', 'power cable', 'lid', 'battery', 'hinge', 'box', 'label', 'remote', 'base'],
  problem: [
    'the parcel arrived two days late',
    'the screen was cracked when you opened the box',
    'you were charged twice for the same order',
    'the app logged you out in the middle of checkout',
    'the refund still has not reached your card',
    'the wrong size was sent',
    'the courier left the parcel in the rain',
    'your booking was cancelled without warning',
    'the discount code did not apply',
    'the delivery slot was missed',
    'the update wiped your saved settings',
    'the gift card showed a zero balance',
  ],
  action: [
    'send a replacement',
    'refund the second charge',
    'book a new delivery slot',
    'reset your password link',
    'apply the discount manually',
    'arrange a courier collection',
    'extend your subscription by a month',
    'escalate this to our billing team',
    'restore your saved settings',
    'top up the gift card',
  ],
  done: [
    'refunded the duplicate charge',
    'booked a courier for tomorrow morning',
    'sent a prepaid returns label to your email',
    'credited your account with the difference',
    'passed the photos to our quality team',
    'reactivated your subscription',
    'reissued the invoice with the correct address',
  ],
  day: ['Friday', 'Monday', 'tomorrow', 'the end of the week', 'Wednesday afternoon', 'noon on Thursday', 'the 14th'],
  duration: ['three to five working days', 'two working days', '24 hours', 'about an hour', 'one billing cycle'],
  cause: [
    'a label was printed twice at our warehouse',
    'the courier network is running behind this week',
    'a payment retry fired after the first charge succeeded',
    'the size chart on that page was out of date',
    'our last app release had a bug in the sync step',
  ],
  feeling: ['frustrating', 'annoying', 'disappointing', 'stressful', 'worrying'],
  badThing: ['the app', 'the courier', 'the checkout page', 'the new update', 'the delivery service', 'our website'],
  badAdjective: ['hopeless', 'terrible', 'useless', 'a nightmare', 'completely broken', 'ridiculous'],
  emotion: ['furious', 'frustrated', 'annoyed', 'upset', 'fed up', 'disappointed'],
  step: ['turn it on', 'restart the {device}', 'check your spam folder', 'plug it in', 'update the app', 'clear your browser cache', 'log out and back in'],
};

// Good phrasing: acknowledgement, full apologies that name the problem, concrete plans, clear facts.
const GOOD = [
  'I understand how {feeling} it must be that {problem}.',
  'I can see why {problem} would be {feeling}, especially after waiting so long.',
  'Thank you for letting us know that {problem}.',
  "I'm sorry that {problem}.",
  "I'm sorry the {part} on your {product} was damaged; that should never happen.",
  "I'll {action} by {day}.",
  "I've {done}, and you should see it within {duration}.",
  'I have {done} and added a note to ticket {{ticket.id}} so nobody asks you again.',
  'This happened because {cause}.',
  'We have fixed the cause: {cause}, and it will not affect future orders.',
  'Your new tracking number is {{ticket.custom_fields.tracking}}, and it should arrive by {day}.',
  'Could you send me a photo of the {part} so I can {action} straight away?',
  'If it is easier, reply with a good time and I will call you on {{ticket.requester.phone}}.',
  'The refund will show on your statement within {duration}.',
  'Let me know if there is anything else I can do for you.',
  'Thanks for bearing with us while we sorted this out.',
  'I have also checked the rest of your account and everything else looks in order.',
  'Once the {product} is back with us, I will confirm by email on {day}.',
  'You do not need to do anything else; I will keep an eye on it.',
  'I know the timing was bad, so I have upgraded the delivery to next day at no cost.',
];

// Phrasing the rules (built or planned in RULES.md) flag: bare sorry, dismissive questions,
// sympathy, reinforcing agreement, tone-policing, defensiveness, negative framing, shouting.
const BAD = [
  'Sorry for the wait.',
  'Sorry about that.',
  'Apologies for any inconvenience.',
  'So sorry for the trouble this has caused.',
  'Did you {step}?',
  'Have you tried to {step} first?',
  'Did you even read the confirmation email?',
  'Are you sure you entered the right address?',
  "I'm {emotion} about it too.",
  "Honestly, I'm just as {emotion} with {badThing} as you are.",
  "You're right, {badThing} is {badAdjective}.",
  'I agree, the delivery was terrible.',
  'Please calm down so I can help you.',
  'As I said, {cause}.',
  'As I mentioned in my last email, the {product} cannot be returned.',
  'WE CANNOT DO THAT!!!',
  'There is nothing we can do about it.',
  'That is not our policy, so I cannot {action}.',
  'You should have read the terms before ordering.',
  'Unfortunately your request has been denied.',
];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function fill(random, template) {
  // Nested slots ({step} may contain {device}) are filled on a second pass.
  let text = template;
  for (let pass = 0; pass < 2 && /\{[a-zA-Z]+\}/.test(text); pass += 1) {
    text = text.replace(/\{([a-zA-Z]+)\}/g, (whole, name) => (LISTS[name] ? pick(random, LISTS[name]) : whole));
  }
  return text[0].toUpperCase() + text.slice(1);
}

/** One reply: greeting, 1–10 body sentences in one to three paragraphs, sign-off (3–12 sentences in all). */
function reply(random, badShare) {
  const bodyCount = 1 + Math.floor(random() * 10);
  const sentences = [];
  for (let index = 0; index < bodyCount; index += 1) {
    sentences.push(fill(random, pick(random, random() < badShare ? BAD : GOOD)));
  }
  const paragraphs = [];
  while (sentences.length > 0) paragraphs.push(sentences.splice(0, 1 + Math.floor(random() * 4)).join(' '));
  return [pick(random, LISTS.greeting), ...paragraphs, pick(random, LISTS.signoff)].join('\n\n');
}

/** `count` replies, the same for the same `seed`; about `badShare` of body sentences are badly phrased. */
export function generateCorpus(count, { seed = DEFAULT_SEED, badShare = 0.3 } = {}) {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => reply(random, badShare));
}

/** A short reply with two flagged sentences, for timing the CLIs. */
export const SHORT_FLAGGED_REPLY = `Hi ${NAME},\n\nSorry for the wait. Did you turn it on?\n\nThanks,\n${AGENT}\n`;

/** A short reply that trips no rule's trigger, for timing the CLIs' fixed cost. */
export const SHORT_CLEAN_REPLY = `Hi ${NAME},\n\nThanks for the photo. The replacement ships on Monday and should reach the office by Wednesday.\n\nBest,\n${AGENT}\n`;
