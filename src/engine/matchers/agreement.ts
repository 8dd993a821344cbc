import type { Sentence } from '../../parse/document.js';
import type { Matcher } from '../context.js';

// What may come before the agreement at the start of a clause: interjections only.
const LEAD = String.raw`(?:^|[,;:–—-]\s*|\band\s+)(?<lead>(?:(?:yes|yeah|yep|yup|oh|ah|absolutely|totally|definitely|completely)[\s,!]+){0,3})`;
const MARKER = String.raw`(?<marker>(?:I )?(?:(?:totally|completely|fully|absolutely|really|do|100%) )?agree(?: with (?:you|that|this))?(?: (?:completely|totally|100%|entirely|wholeheartedly))?|(?:I |we )?(?:couldn['’]t|could not|can['’]t|cannot) agree (?:more|with you more)|agreed|(?:that['’]s|that is|it['’]s|it is|so|very|how|all) true|true|you['’]re (?:(?:absolutely|totally|so|quite|completely|100%|dead|definitely) )?right|you are (?:(?:absolutely|totally|so|quite|completely|100%|definitely) )?right|exactly right|exactly|precisely|I know(?:,? right)?|you['’]re not wrong|you are not wrong|(?:fair|good|valid) point|fair enough|you have a point|point taken|tell me about it|(?:I )?(?:can['’]t|couldn['’]t) argue with (?:that|you))`;
const AGREEMENT = new RegExp(`${LEAD}${MARKER}(?=$|[\\s,.!?;:–—-])`, 'giu');

// Markers that agree only when nothing but punctuation follows ("I know." but not "I know how…").
const NEEDS_BREAK = /^(?:I know|true|exactly|precisely)$/i;

const FORWARD =
  /\b(?:I can|I['’]ll|I will|(?:I|we)(?:['’]ve| have) (?:just |already )?(?:sent|added|issued|refunded|booked|arranged|escalated|fixed|reset|credited|extended|moved|changed|passed|raised|logged|opened|processed|cancell?ed|canceled|applied|reopened|flagged|reported|forwarded|waived|set up|put)|let me|let['’]s|we can|we['’]ll|we will|here['’]s|here is|I['’]d (?:suggest|recommend)|I suggest|I recommend|(?:the )?(?:best|fastest|quickest|easiest|simplest) (?:way|option|route|thing)|a (?:call|chat) (?:is|would be)|would be (?:best|great|quickest)|should (?:help|fix|sort)|will (?:help|fix|sort))\b/iu;
const POSITIVE =
  /\b(?:enjoy|great|amazing|awesome|love|loved|lovely|brilliant|fantastic|wonderful|best|nice|good|happy|glad|thanks?|thank you|congrat\w*|fun|beautiful|cool|perfect|excellent|delicious|gorgeous|stunning|incredible|exciting|helpful|well deserved|deserve|proud|impressive|fab|legend)\b|[:;]-?[)D]|[\p{Extended_Pictographic}]/iu;
const NEGATIVE =
  /\b(?:hopeless|terrible|awful|horrible|unacceptable|ridiculous|bad|poor|useless|rubbish|garbage|disgrace\w*|shocking|appalling|pathetic|broken|slow|late|wrong|mess|joke|nightmare|frustrat\w*|annoy\w*|disappoint\w*|confus\w*|upset|angry|furious|not good enough|should(?:n['’]t| not)? have|should['’]ve|fail\w*|sucks?|worst|shambles|incompetent|unreliable|buggy|glitch\w*|overpriced|expensive|rip-?off|no excuse|let you down|dropped the ball|messed up|screwed up|disaster|crap|lousy|(?:way |far |much )?too (?:long|much|slow|high|expensive|late|many|hard|complicated|often|little|few)|brok(?:e|en)|downhill|filthy|dirty|smelly|noisy|rude|unprofessional|overcharged|ruined|wasted?|pointless|worthless|unusable|outdated|clunky|badly|worse|hate[sd]?|treated badly|fed up|sick of|never|nobody|no one|isn['’]t|doesn['’]t|don['’]t|didn['’]t|wasn['’]t|weren['’]t|can['’]t|won['’]t|haven['’]t|hasn['’]t|not|unfair|outrageous|absurd|insane|crazy|silly|stupid|dreadful|unhelpful|rude|lost|missing|damaged|delayed|cracked|faulty|defective)\b/iu;

// Signs elsewhere in the reply that it answers a complaint, which turns a bare "I agree." into reinforcement.
const COMPLAINT_SIGNAL =
  /\b(?:sorry|apolog\w*|unfortunately|frustrat\w*|disappoint\w*|inconvenien\w*|unacceptable|terrible|awful|problem|broken|wrong|delay\w*|late|fault\w*|fail\w*|complain\w*|not (?:working|good enough|acceptable|ok(?:ay)?)|(?:doesn|isn|wasn|didn)['’]t work\w*|upset|angry|annoy\w*|hopeless|useless|ridiculous|poor|mess|(?:way |far |much )?too (?:long|slow|high|expensive|late|many|hard|complicated|often))\b/iu;

/** Finds agreement that endorses a complaint (rule `reinforcing-agreement`). */
export const agreement: Matcher = ({ sentence, next, document }) => {
  const text = sentence.masked;
  for (const found of text.matchAll(AGREEMENT)) {
    const lead = found.groups!.lead ?? '';
    const marker = found.groups!.marker!;
    const markerEnd = found.index + found[0].length;
    const complement = complementAfter(text.slice(markerEnd));
    if (NEEDS_BREAK.test(marker) && !/^\s*(?:[,.!;:–—-]|$)/.test(text.slice(markerEnd))) continue;
    // "…, agree?" asks for agreement rather than giving it.
    if (/^\s*\?/.test(text.slice(markerEnd))) continue;
    if (complement.text === '') {
      if (!bareAgreementAnswersComplaint(next, document.sentences.filter((other) => other !== sentence))) continue;
    } else if (FORWARD.test(complement.text) || !NEGATIVE.test(complement.text)) {
      continue;
    }
    const start = found.index + found[0].length - marker.length - lead.length;
    const end = complement.text === '' ? markerEnd : markerEnd + complement.end;
    // The concern comes from the original text, so a placeholder reaches the rewrite as written.
    const original = sentence.text.slice(markerEnd, markerEnd + complement.end);
    const concern = original.slice(original.length - complement.text.length).replace(/^(?:that|and|but)\s+/i, '');
    return [{ start: sentence.start + start, end: sentence.start + end, slots: concern ? { concern } : ({} as Record<string, string>) }];
  }
  return [];
};

/** The clause after the agreement marker: what is being agreed with. */
function complementAfter(rest: string): { text: string; end: number } {
  const body = /^[\s,:;–—-]*/.exec(rest)![0].length;
  const stop = /[.!?]+\s*$|[.!?]+\s+(?=\S)/.exec(rest.slice(body));
  const end = body + (stop ? stop.index : rest.length - body);
  return { text: rest.slice(body, end).trim(), end: rest.slice(0, end).trimEnd().length };
}

/**
 * A bare "I agree." reinforces a complaint when the reply shows it answers one (an apology, a
 * problem named) and the next sentence is not simply positive; otherwise it is small talk.
 */
function bareAgreementAnswersComplaint(next: Sentence | undefined, others: readonly Sentence[]): boolean {
  if (others.length === 0) return true;
  if (next && COMPLAINT_SIGNAL.test(next.masked)) return true;
  if (next && POSITIVE.test(next.masked)) return false;
  return others.some((other) => COMPLAINT_SIGNAL.test(other.masked));
}
