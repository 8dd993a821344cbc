import { toGerundPhrase } from '../parse/gerund.js';

// A fallback may itself be a visible slot, `{concern|{what went wrong}}`: one level of braces.
const SLOT = /\{([^{}|:]+?)(?::([a-z]+))?(?:\|((?:[^{}]|\{[^{}]*\})*))?\}/g;
const VISIBLE_SLOT = /^\{[^{}]+\}$/;

const EMOTION_ADJECTIVES: Record<string, string> = {
  anger: 'angry', annoyance: 'annoyed', frustration: 'frustrated', disappointment: 'disappointed',
  outrage: 'outraged', irritation: 'irritated', exasperation: 'exasperated', disgust: 'disgusted',
  pain: 'upset', upset: 'upset', fury: 'furious', stress: 'stressed', worry: 'worried', concern: 'concerned',
};

/** Filters a template may apply to a slot: `{step:gerund}`, `{feeling:adjective}`, `{cause:makes}`. */
const FILTERS: Record<string, (value: string) => string> = {
  gerund: toGerundPhrase,
  adjective: (value) => EMOTION_ADJECTIVES[value.toLowerCase()] ?? value,
};

/**
 * Fills a rewrite template. `{name}` takes the slot's value; `{name|fallback}` the fallback when the
 * slot is empty; `{name:filter}` passes the value through a filter (`gerund`, `adjective`, or a
 * verb such as `makes`, which yields that verb in the form agreeing with the value). A slot with no
 * value and no fallback, such as `{what went wrong}`, stays visible for the agent to fill; so does a
 * visible fallback: `{concern|{what went wrong}}` takes the customer's concern when there is one and
 * shows `{what went wrong}` when there is not.
 */
export function fillTemplate(template: string, slots: Readonly<Record<string, string>>): string {
  let filled = '';
  for (const part of parsedTemplate(template)) {
    if (typeof part === 'string') {
      filled += part;
      continue;
    }
    const value = slots[part.name]?.trim() || part.fallback;
    if (value === undefined) filled += part.whole;
    else if (!part.filter || (value === part.fallback && part.visibleFallback)) filled += value;
    else filled += FILTERS[part.filter]?.(value) ?? agree(part.filter, value);
  }
  return filled;
}

/**
 * The slots a template fills, in order, and whether each has a fallback for when it is empty (a
 * visible fallback such as `{concern|{what went wrong}}` is none: the agent still fills it).
 */
export function templateSlots(template: string): { name: string; hasFallback: boolean }[] {
  return parsedTemplate(template)
    .filter((part) => typeof part !== 'string')
    .map((slot) => ({ name: slot.name, hasFallback: slot.fallback !== undefined && !slot.visibleFallback }));
}

/** One `{slot}` of a template as written (`whole`), and its parts. */
interface TemplateSlot {
  whole: string;
  name: string;
  filter: string | undefined;
  fallback: string | undefined;
  /** The fallback is itself a visible slot, `{what went wrong}`. */
  visibleFallback: boolean;
}

// Templates are few (the rules' rewrites) and filled for every finding: each is read once.
const parsedTemplates = new Map<string, ReadonlyArray<string | TemplateSlot>>();

/** A template as its literal text and slots, in order. */
function parsedTemplate(template: string): ReadonlyArray<string | TemplateSlot> {
  let parts = parsedTemplates.get(template);
  if (parts) return parts;
  const parsed: Array<string | TemplateSlot> = [];
  let at = 0;
  for (const found of template.matchAll(SLOT)) {
    if (found.index > at) parsed.push(template.slice(at, found.index));
    const fallback = found[3];
    parsed.push({ whole: found[0], name: found[1]!, filter: found[2], fallback, visibleFallback: fallback !== undefined && VISIBLE_SLOT.test(fallback) });
    at = found.index + found[0].length;
  }
  if (at < template.length) parsed.push(template.slice(at));
  // Custom rules bring their own templates; the cache stays small however many texts are linted.
  if (parsedTemplates.size >= MAX_PARSED_TEMPLATES) parsedTemplates.clear();
  parsedTemplates.set(template, (parts = parsed));
  return parts;
}

const MAX_PARSED_TEMPLATES = 4096;

const PLURAL_FORMS: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do' };

/** The verb `singular` ("makes", "is", "has") in the form that agrees with `subject`. */
export function agree(singular: string, subject: string): string {
  if (!isPlural(subject)) return singular;
  return PLURAL_FORMS[singular] ?? singular.replace(/(?<=ch|sh|ss|x|z|o)es$|s$/, '');
}

const PLURAL_DETERMINERS = /^(?:these|those|they|them|all|both|several|many|your \w+s)\b/i;
const SINGULAR_HEAD = /(?:ss|us|is|ness|ics)$/i;

function isPlural(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  if (PLURAL_DETERMINERS.test(phrase.trim())) return true;
  const head = words.find((word, index) => index > 0 && /^(?:of|with|from|about|on|in|for|that|which)$/i.test(word));
  const headIndex = head ? words.indexOf(head) - 1 : words.length - 1;
  const noun = words[headIndex] ?? '';
  return /[a-z]s$/i.test(noun) && !SINGULAR_HEAD.test(noun) && words.length > 1;
}

/** Upper-cases the first letter, for a rewrite that starts a sentence. */
export function capitalize(text: string): string {
  return text.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toUpperCase());
}

// Words that are capitalised only because they began the customer's sentence; names stay as written.
const SENTENCE_INITIAL_WORD = /^(?:The|This|That|These|Those|It|Its|My|Our|Your|A|An|There|We|They|He|She|His|Her|Their|Some|Any|All|Every|No|Nothing|Everything|Each|What|When|Why|How|If|And|But|So|For|About|To|With)\b/;

/** Lower-cases a leading capital that only marked the start of a sentence ("The delay" → "the delay"). */
export function lowerSentenceInitial(text: string): string {
  return SENTENCE_INITIAL_WORD.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
