// The customer's main concern, said back in the agent's voice: "My modem has been dead since
// Tuesday!!" → "your modem has been dead since Tuesday". It fills the `{concern}` slot of rewrites
// and tells the scorecard whether a reply affirms what the customer said.
//
// The extractor only copies the customer's words: it picks the sentence that states the problem,
// strips what frames it ("I'm writing to complain that…", "Hi team,"), cuts what follows it ("…, and
// I want a refund"), and swaps the persons. When it is unsure it returns nothing, so a rewrite keeps
// its visible slot rather than putting words in the customer's mouth. fixtures/corpus/concerns.jsonl
// measures it (`npm run eval`).
import { parseDocument, type Sentence } from '../parse/document.js';
import { wordTags } from '../parse/nlp.js';

/** The customer's main concern, as the agent would say it back. */
export interface Concern {
  /** The concern in the agent's voice, lower-case first word, no final punctuation. */
  text: string;
  /** Offsets of the customer's sentence it comes from, in the message. */
  start: number;
  end: number;
}

// Words that state a failure: the product broke, the service failed, something is missing or late.
const FAILURE =
  /\b(?:broken|broke|breaks|dead|died|(?:stopped|stops|stop) (?:working|responding|charging|loading|turning)|stopped|crash(?:ed|es|ing)?|freez(?:es|ing)|froze|frozen|fail(?:ed|s|ing|ure)?|errors?|missing|lost|late|delay(?:ed)?|never (?:arrived|came|got|received|turned up|showed up|arrives|works|worked|sent|answered|replied)|still (?:waiting|not|no)|(?:was|were|been|being|got|get) (?:double[- ])?charged|charged (?:me |us )?(?:twice|two times|double|again)|over-?charged|double[- ]charged|wrong|damaged|cracked|scratched|dented|torn|ripped|a (?:tear|hole|crack|dent|stain) in|leak(?:s|ed|ing)?|faulty|defective|locked out|unable to|declined|rejected|refused|cancell?ed|suspended|blocked|expired|bounced|disappeared|deleted|wiped|ruined|fell apart|falling apart|mou?ldy?|dirty|filthy|cold|rude|ignored|(?:on hold|waited|waiting) (?:for )?(?:over |more than |nearly |almost )?(?:an?|\d+|one|two|three|four|five|six|several) (?:hours?|days?|weeks?|months?)|on hold|took (?:over |more than |nearly |almost )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several) (?:hours|days|weeks|months)|without (?:internet|power|water|heating|heat|hot water|gas|electricity|a signal|signal|service|wifi|phone|broadband)|(?:keeps?|kept) (?:crashing|dropping|failing|freezing|logging|disconnecting|cutting|breaking|happening|restarting|rebooting|beeping|asking|charging|sending|turning off|switching off|going off)|drop(?:s|ped|ping) (?:out|off|the connection|every|all the time)|disconnect(?:s|ed|ing)|outage|stuck|jam(?:med|s)?|noise|unauthori[sz]ed|fraud\w*|scam(?:med)?|(?:there (?:is|was|were|are) )?no (?:booking|reservation|record|refund|response|reply|signal|internet|power|water|heating|one|sign|trace|tracking|update)|nobody|no one|(?:can['’]?t|cannot|couldn['’]?t|won['’]?t|wouldn['’]?t) (?:log|sign|access|get|find|use|connect|open|load|turn|start|charge|pay|see|download|install|update|print|send|receive|hear|make|book|reset|change|cancel|remove|work)|not (?:working|received|arrived|delivered|refunded|fixed|resolved|in the box|included|there|issued|applied|showing|turning)|incorrect|doesn['’]?t (?:work|fit|match|turn|charge|load|open|start|connect|show)|(?:hasn['’]?t|haven['’]?t|hadn['’]?t|didn['’]?t|wasn['’]?t|weren['’]?t|isn['’]?t|aren['’]?t) (?:\w+ )?(?:arrived|come|received|heard|got|gotten|been|turned|shown|worked|work|arrive|come|show|turn|issued|processed|refunded|sent|delivered|fixed|applied|working|answered|replied|called)|(?:as|been|was|were|is|says|shows|showing) (?:marked |shown )?(?:as )?delivered|smashed|shattered|soaked|soaking|chipped|bent|stained|rotten|spoil(?:ed|t)|burnt|melted|smells?|smelly|stinks?|drain(?:s|ed|ing)|(?:was|were|is|are) supposed to|should have (?:arrived|been|come)|only (?:works?|charges?|turns? on|plays?|connects?)|(?:has|have|had|came with) no|(?:taken|charged|billed|debited|deducted) (?:\w+ )?(?:twice|two times|double)|since the (?:latest |last |recent |new )?update|(?:is|are|was|were|been|went|goes|keeps going) down|too (?:small|big|large|short|long|tight|loose|slow|expensive|loud|hot)|higher than (?:the|what|I|we|expected|agreed|quoted)|404)\b/iu;
// Words that only say there is a problem, without saying what it is.
const GENERIC = /\b(?:problems?|issues?|trouble|help|not (?:happy|sure)|complain\w*|difficult\w*)\b/iu;
// "I paid for premium but…": what the customer did, then what went wrong.
const BROKEN_EXPECTATION = /\b(?:paid|ordered|bought|booked|returned|sent|signed up|subscribed|upgraded|renewed|followed)\b[^,;]*\bbut\b/iu;
const NEGATED_VERB =
  /\b(?:(?:is|was|were|are|has|have|had|did|does|do|will|could) not|isn['’]?t|wasn['’]?t|weren['’]?t|aren['’]?t|hasn['’]?t|haven['’]?t|hadn['’]?t|didn['’]?t|doesn['’]?t|don['’]?t|won['’]?t|can['’]?t|cannot|couldn['’]?t|never)\b/iu;
// A pronoun for something named earlier: "it arrived broken" says less than "the lamp arrived broken".
const LEADING_REFERENCE = /^(?:it|this|that|they|these|those|he|she)\b/iu;

// What opens a message without saying anything: "Hi team,", "Hello!", "Dear Sir or Madam,".
const GREETING =
  /^(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening))\b(?:(?:\s+[\p{L}'’.-]+){0,3}\s*[,!.:;–—-]+|\s+(?=(?:i|my|we|our|the|it|this|there)\b)|\s*$)\s*/iu;
// Words and short openers that lead into the concern: "So", "Ugh.", "Quick one:", "Please can you help,".
const LEAD_IN =
  /^(?:so|ok(?:ay)?|well|ugh+|argh+|hmm+|oh|um+|look|listen|honestly|seriously|unfortunately|sadly|annoyingly|again|yet again|once again|basically|also|and|but|fyi|ps|quick (?:one|question)|just (?:so you know|a heads[- ]up(?: that)?|fyi)|a heads[- ]up(?: that)?|now|(?:great|brilliant|fantastic|perfect|wonderful|lovely|cool)(?=[,!])|(?:please )?(?:can|could) you (?:please )?help(?: me)?(?: please)?|please help(?: me)?|help(?: me)?(?: please)?)\b[\s,:;!.–—-]+/iu;
const SHORT_LABEL = /^[^\s:]+(?:\s+[^\s:]+){0,2}:\s+/u;
// Framing that introduces a complaint; what follows it is the concern.
const COMPLAINT_FRAME =
  /^(?:I(?:['’]m| am) (?:writing|emailing|contacting you|messaging|reaching out|getting in touch)(?: to you)? (?:(?:in order )?to (?:complain|report|let you know|tell you|say)(?: about)? (?:that )?|because |as |about the fact that )|I (?:just )?(?:want(?:ed)?|would like|['’]d like) to (?:complain|report|let you know|tell you|flag|point out)(?: about)? (?:that )?|(?:the|my|our) (?:main )?(?:problem|issue|complaint|concern) is(?: that)? |I can['’]?t believe(?: that)? )/iu;
// Emotion that introduces a complaint: "I'm really frustrated because…", "I'm disappointed that…".
const EMOTION_FRAME =
  /^(?:I|we)(?:['’]m|['’]re| am| are| was| were| feel| felt)? (?:(?:so|really|very|extremely|quite|pretty|a bit|a little|absolutely|totally|just|incredibly|beyond) ){0,2}(?:frustrated|upset|angry|annoyed|disappointed|furious|unhappy|not happy|livid|confused|worried|concerned|shocked|appalled|disgusted|fed up|gutted|devastated|stressed|surprised)(?: (?:and|&) \p{L}+)? (?:that|because|as|to (?:find|see|learn|discover|hear)(?: that)?) /iu;
// Hedges in front of the concern: "I think the battery is faulty".
const HEDGE = /^(?:I think|I believe|I guess|it (?:seems|looks) (?:like|as if|that)|apparently|I (?:noticed|realised|realized|found|see)(?: that)?)[,\s]+/iu;
// A request or a question about something else is not the concern.
const REQUEST =
  /^(?:please|kindly|pls|(?:can|could|would|will) (?:you|I|we|someone)|I(?:['’]d| would) (?:like|love)|I (?:want|need|wish|wanted|would like) (?:to|a|an|my|the)|how (?:do|can|should|would)|what|when|where|which|who|is there|are there|do you|does|are you|is it|let me know|thanks?|thank you|cheers)\b/iu;
// What follows the concern and asks for something: "…, and I want a refund", "…, can you help?".
const TRAILING_DEMAND =
  /(?:[,;]?\s+(?:and|so|but)\s+(?:I|we)(?:['’]d| would)? (?:(?:really|just|now) )?(?:want|need|like|expect|demand|require)\b|,\s*(?:please|pls|can (?:you|I|we)|could (?:you|I|we)|what|how|when|is there|any ideas)\b|\s+[-–—]\s+(?:please|can you|could you)\b)/iu;
// "My order number is 4471 and …": an identifier is not part of the concern.
const LEADING_IDENTIFIER =
  /^(?:my|our|the) (?:order|account|reference|booking|ticket|case|customer|tracking|policy)(?: (?:number|no\.?|id|ref(?:erence)?))? is #?[\p{L}-]*\p{N}[\p{L}\p{N}-]*,?\s+(?:and\s+)?/iu;
// "Why hasn't my refund arrived?" → "my refund hasn't arrived": a question that states a problem. A
// positive "why did/does…" would need its verb conjugated ("why did I get" → "I got"), so it is left out.
const WHY_QUESTION =
  /^why (was|were|is|are|has|have|had|hasn['’]t|haven['’]t|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|didn['’]t|doesn['’]t|don['’]t|won['’]t|can['’]t) ((?:I|we|it|they)|(?:my|our|the|this|your) (?:[\p{L}\p{N}'’-]+ ){0,2}?[\p{L}\p{N}'’-]+) (?=\p{L})/iu;
// Punctuation, quotes and emoji that end a sentence; an emoticon such as ":D" too.
const TRAILING_MARK = /[\s,;:.!?…)\]"'”’\p{Extended_Pictographic}\uFE0F]/u;
const TRAILING_EMOTICON = /[:;]-?[DP/\\]$/u;
const MAX_WORDS = 30;

/**
 * Finds the customer's main concern in `message` (their e-mail, chat turn or ticket) and returns it
 * in the agent's voice, or nothing when no sentence clearly states a problem.
 */
export function extractConcern(message: string): Concern | undefined {
  // Quote marks of an e-mail ("> ") become spaces, so offsets stay those of the message.
  const unquoted = message.replace(/^([ \t]*)(>[> \t]*)/gm, (_, space: string, marks: string) => space + ' '.repeat(marks.length));
  let best: { concern: Concern; weight: number } | undefined;
  for (const sentence of parseDocument(unquoted).sentences) {
    const candidate = candidateFrom(sentence);
    if (candidate && (!best || candidate.weight > best.weight)) best = candidate;
  }
  return best?.concern;
}

/** The sentence's concern and how clearly it states a problem, or nothing when it states none. */
function candidateFrom(sentence: Sentence): { concern: Concern; weight: number } | undefined {
  let clause = sentence.text.replace(/\s+/g, ' ').trim();
  clause = clause.replace(GREETING, '');
  for (let previous = ''; previous !== clause; ) {
    previous = clause;
    clause = clause.replace(LEAD_IN, '');
  }
  if (SHORT_LABEL.test(clause)) clause = clause.replace(SHORT_LABEL, '');
  let framed = false;
  const frame = COMPLAINT_FRAME.exec(clause) ?? EMOTION_FRAME.exec(clause);
  if (frame) {
    clause = clause.slice(frame[0].length);
    framed = true;
  }
  clause = clause.replace(HEDGE, '');
  const demand = TRAILING_DEMAND.exec(clause);
  if (demand) clause = clause.slice(0, demand.index);
  if (/\?\W*$/u.test(clause)) {
    const statement = whyAsStatement(clause);
    if (!statement) return undefined;
    clause = statement;
  } else if (REQUEST.test(clause)) {
    return undefined;
  }
  clause = clause.replace(LEADING_IDENTIFIER, '');
  clause = trimTrailingMarks(clause);
  clause = clause.replace(/^(?:still )?waiting\b/iu, (found) => `I'm ${found.toLowerCase()}`).replace(/^been\b/iu, "I've been");

  // How clearly the clause states a problem: a failure or a framed complaint counts most.
  const weight =
    (FAILURE.test(clause) || BROKEN_EXPECTATION.test(clause) ? 2 : 0) +
    (NEGATED_VERB.test(clause) ? 2 : 0) +
    (framed ? 2 : 0) +
    (GENERIC.test(clause) ? 1 : 0);
  const words = clause.split(' ').filter(Boolean);
  if (weight < 2 || words.length < 3 || words.length > MAX_WORDS) return undefined;
  const tags = wordTags(clause);
  // A clause says something only with a verb and something it is about.
  if (!tags.some((word) => word.tags.has('Verb')) || !tags.some((word) => word.tags.has('Noun'))) return undefined;
  const text = toAgentVoice(clause);
  if (text === undefined) return undefined;
  return {
    concern: { text: lowerFirst(text), start: sentence.start, end: sentence.end },
    weight: weight - (LEADING_REFERENCE.test(clause) ? 1 : 0),
  };
}

/** "Why was I charged twice?" → "I was charged twice"; other questions give nothing. */
function whyAsStatement(question: string): string | undefined {
  const found = WHY_QUESTION.exec(question);
  if (!found) return undefined;
  return `${found[2]!} ${found[1]!.toLowerCase()} ${trimTrailingMarks(question.slice(found[0].length))}`;
}

/** `text` without the punctuation, quotes, emoji and emoticons at its end; linear, one character at a time. */
function trimTrailingMarks(text: string): string {
  const chars = [...text];
  for (;;) {
    while (chars.length > 0 && TRAILING_MARK.test(chars[chars.length - 1]!)) chars.pop();
    const emoticon = TRAILING_EMOTICON.exec(chars.slice(-3).join(''));
    if (!emoticon) return chars.join('');
    chars.length -= emoticon[0].length;
  }
}

const FIRST_PERSON: Record<string, string> = {
  i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself',
  we: 'you', us: 'you', our: 'your', ours: 'yours', ourselves: 'yourselves',
  "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
  "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
  // Typed without the apostrophe ("im", "ive"): said back written out.
  im: "you're", ive: "you've",
};
// Contractions typed without the apostrophe are said back with it ("cant" → "can't").
const BARE_CONTRACTION: Record<string, string> = {
  cant: "can't", dont: "don't", doesnt: "doesn't", didnt: "didn't", wont: "won't", isnt: "isn't", wasnt: "wasn't",
  arent: "aren't", werent: "weren't", havent: "haven't", hasnt: "hasn't", couldnt: "couldn't", wouldnt: "wouldn't",
};
// After "I" only these verbs change form for "you".
const AFTER_I: Record<string, string> = { am: 'are', was: 'were', "wasn't": "weren't" };
// "you" followed by one of these is the company doing something: "you sent me the wrong size".
const COMPANY_YOU_NEXT = /^(?:have|haven['’]t|had|hadn['’]t|['’]ve|never|didn['’]t|still|keep|kept|promised|said|told|were|weren['’]t|guys|people|lot)$/iu;
const OBJECT_POSITION = /^(?:to|for|with|from|at|by|about|of|than|sent|told|gave|charged|emailed|called|asked|promised|contacted|paid|owe|messaged|rang|phoned|billed|informed)$/iu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Turns the customer's words into the agent's voice: I/my/me → you/your/you, we/our → you/your,
 * "I'm" → "you're", "I am" → "you are"; the company's "you/your" → "we/our/us". Tense is kept.
 * Returns nothing when a "you" could be the generic one ("every time you open it").
 */
export function toAgentVoice(clause: string): string | undefined {
  const words = [...clause.matchAll(WORD)];
  const tags = /\byou\b/iu.test(clause) ? wordTags(clause) : [];
  const pastTenseAt = new Set(tags.filter((word) => word.tags.has('PastTense')).map((word) => word.start));
  let result = '';
  let from = 0;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    const raw = word[0];
    const lower = raw.toLowerCase().replace('’', "'");
    const apostrophe = raw.includes('’') ? '’' : "'";
    const next = words[index + 1];
    const previous = words[index - 1];
    let replacement: string | undefined;
    let consumed = 0;
    if (lower === 'i' && next && AFTER_I[next[0].toLowerCase().replace('’', "'")] !== undefined) {
      replacement = `you ${AFTER_I[next[0].toLowerCase().replace('’', "'")]!.replace("'", apostrophe)}`;
      consumed = 1;
    } else if ((lower === 'am' || lower === 'was') && next?.[0].toLowerCase() === 'i') {
      replacement = lower === 'am' ? 'are you' : 'were you';
      consumed = 1;
    } else if (lower === 'us' && raw === 'US') {
      replacement = undefined;
    } else if (FIRST_PERSON[lower] !== undefined) {
      replacement = FIRST_PERSON[lower]!.replace("'", apostrophe);
    } else if (BARE_CONTRACTION[lower] !== undefined) {
      replacement = BARE_CONTRACTION[lower]!.replace("'", apostrophe);
    } else if (lower === 'your' || lower === 'yours') {
      replacement = lower === 'your' ? 'our' : 'ours';
    } else if (lower === "you've") {
      replacement = `we${apostrophe}ve`;
    } else if (lower === 'you') {
      if (previous && OBJECT_POSITION.test(previous[0])) replacement = 'us';
      else if (next && (COMPANY_YOU_NEXT.test(next[0]) || pastTenseAt.has(next.index))) replacement = 'we';
      else return undefined;
      // "you guys" is one "we".
      if (next && /^(?:guys|people|lot)$/iu.test(next[0])) consumed = 1;
    } else if (/^(?:you['’](?:re|ll|d)|yourself|yourselves|u|ur)$/iu.test(raw)) {
      return undefined;
    }
    if (replacement === undefined) continue;
    const end = consumed ? next!.index + next![0].length : word.index + raw.length;
    result += clause.slice(from, word.index) + matchCase(raw, replacement, word.index === 0);
    from = end;
    index += consumed;
  }
  return result + clause.slice(from);
}

/** Keeps a capital only where the customer's word started the sentence ("My" → "Your"). */
function matchCase(original: string, replacement: string, atStart: boolean): string {
  return atStart && /^\p{Lu}/u.test(original) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

/** Lower-cases the first letter unless the first word is a name or an acronym ("TV", "Amazon"). */
function lowerFirst(text: string): string {
  const first = /^\S+/.exec(text)?.[0] ?? '';
  const ordinary = /^(?:The|This|That|These|Those|It|Its|Your|You|You['’]\w+|Our|We|A|An|There|Nobody|No|Some|Every|Each|All|Both|My|Their|His|Her|They|Still|Been)$/u;
  return ordinary.test(first) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

const CACHED_CONTEXTS = 16;

/**
 * A function from a customer's message to the rewrite slots it fills (`{ concern }`, or none when
 * no concern is found), remembering the last few messages: a file's units often share one.
 */
export function concernSlotsCache(): (context: string | undefined) => Readonly<Record<string, string>> {
  const cache = new Map<string, Readonly<Record<string, string>>>();
  return (context) => {
    if (context === undefined || context.trim() === '') return {};
    let slots = cache.get(context);
    if (!slots) {
      const concern = extractConcern(context);
      slots = concern ? { concern: concern.text } : {};
      if (cache.size >= CACHED_CONTEXTS) cache.delete(cache.keys().next().value!);
      cache.set(context, slots);
    }
    return slots;
  };
}
