// Splits an e-mail body into what the agent wrote and what they did not: the quoted history (`>`
// lines, "On … wrote:", Outlook's "From: … Sent: …" block and everything under it) and the
// signature (after `-- `, or a sign-off such as "Best regards," and the name under it). Lines that
// are not the agent's are blanked in place, so offsets do not move; the quoted text is returned
// as the context the customer wrote.

/** The body with every line the agent did not write blanked, and the customer's quoted text. */
export interface SeparatedReply {
  text: string;
  context: string;
}

type LineKind = 'agent' | 'blank' | 'quoted' | 'attribution' | 'history' | 'signature';

interface Line {
  start: number;
  end: number;
  content: string;
  kind: LineKind;
}

const QUOTED = /^[ \t]*>/;
const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)+/;
// "On Mon, 3 Jun 2024 at 10:02, Ana <ana@example.com> wrote:", which clients wrap over two or three
// lines; and its French, German, Spanish, Italian and Dutch forms. Bounded, so matching stays linear.
const ATTRIBUTION_START = /^[ \t]*(?:On|Le|Am|El|Il|Op)\s/;
const ATTRIBUTION =
  /^[ \t]*(?:On\s[^]{1,300}?\swrote|Le\s[^]{1,300}?\sa\s+écrit|Am\s[^]{1,300}?\sschrieb[^:]{0,80}|El\s[^]{1,300}?\sescribió|Il\s[^]{1,300}?\sha\s+scritto|Op\s[^]{1,300}?\sschreef[^:]{0,80})\s*:\s*$/i;
// "Ana Lee <ana@example.com> wrote:" on one short line, right above the quote.
const SHORT_ATTRIBUTION = /^(?![ \t]*>).{1,120}\swrote:\s*$/i;
const ORIGINAL_MESSAGE =
  /^[ \t]*(?:-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine|Mensaje original)\s*-{2,}|Begin forwarded message:)\s*$/i;
// Outlook's header block: "From:" and, within a few lines, "Sent:"/"Date:" and "To:"/"Subject:".
const OUTLOOK_FROM = /^[ \t]*\*?(?:From|De|Von|Van|Da)\s?:\*?[ \t]*\S/i;
const OUTLOOK_SENT = /^[ \t]*\*?(?:Sent|Date|Envoyé|Gesendet|Datum|Verzonden|Inviato|Enviado)\s?:\*?[ \t]*\S/i;
const OUTLOOK_TO = /^[ \t]*\*?(?:To|Subject|À|Objet|An|Betreff|Aan|Onderwerp|A|Oggetto|Para|Asunto)\s?:\*?[ \t]*/i;
const OUTLOOK_LOOKAHEAD = 12;
const SEPARATOR_RULE = /^[ \t]*(?:_{8,}|-{8,})[ \t]*$/;
const SIGNATURE_DELIMITER = /^--[ \t]?$/;
const SENT_FROM_DEVICE = /^[ \t]*Sent from my [\w ]{1,40}$/i;
// A closing formula on its own line: "Best regards," or "Thanks, Ana Lee" (a name may follow the
// comma), or a bare "Thanks!".
const SIGN_OFF_WITH_COMMA =
  /^[ \t]*(?:best|kind|warm|warmest|warmly|many|with|all|regards|thanks|thank|thx|cheers|sincerely|yours|respectfully|cordially|take|talk|speak|love)\b[^,.!?\n]{0,30},(.*)$/i;
const NAME_AFTER_SIGN_OFF = /^(?:[ \t]*\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,2})?[ \t]*$/u;
const BARE_SIGN_OFF =
  /^[ \t]*(?:thanks|thank you|thanks again|many thanks|cheers|best|regards|best regards|kind regards|warm regards|all the best|take care)[ \t]*[!.]?[ \t]*$/i;
// What may stand under a sign-off: a name, a title, a phone number, a link — a few short lines.
const MAX_LINES_UNDER_SIGN_OFF = 6;
const MAX_WORDS_UNDER_SIGN_OFF = 10;
const SIGN_OFF_SEARCH_LINES = 8;

/** Separates what the agent wrote from the quoted history and the signature of an e-mail body. */
export function separateQuotedHistory(text: string): SeparatedReply {
  const lines = splitLines(text);
  markAttributions(lines);
  const historyStart = findHistoryStart(lines);
  for (let index = historyStart; index < lines.length; index += 1) if (lines[index]!.kind !== 'blank') lines[index]!.kind = 'history';
  markSignature(lines);
  markSignOff(lines);

  let blanked = '';
  let cursor = 0;
  const context: string[] = [];
  for (const line of lines) {
    if (line.kind === 'agent' || line.kind === 'blank') continue;
    blanked += text.slice(cursor, line.start) + text.slice(line.start, line.end).replace(/[^\n]/g, ' ');
    cursor = line.end;
    if (line.kind === 'signature') continue;
    context.push(line.kind === 'quoted' ? line.content.replace(QUOTE_MARKERS, '') : line.content);
  }
  return { text: blanked + text.slice(cursor), context: context.join('\n').replace(/\n{3,}/g, '\n\n').trim() };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    const kind: LineKind = content.trim() === '' ? 'blank' : QUOTED.test(content) ? 'quoted' : 'agent';
    lines.push({ start, end, content, kind });
    start = end + 1;
  }
  return lines;
}

function nextNonBlank(lines: readonly Line[], from: number): Line | undefined {
  for (let index = from; index < lines.length; index += 1) if (lines[index]!.kind !== 'blank') return lines[index];
  return undefined;
}

/** Marks "On … wrote:" lines (over up to three lines) and "Ana <ana@example.com> wrote:" above a quote. */
function markAttributions(lines: Line[]): void {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.kind !== 'agent') continue;
    let span = 0;
    if (ATTRIBUTION_START.test(line.content)) {
      let joined = line.content;
      for (let count = 1; count <= 3 && span === 0; count += 1) {
        if (ATTRIBUTION.test(joined)) span = count;
        const next = lines[index + count];
        if (!next || next.kind !== 'agent') break;
        joined += ` ${next.content}`;
      }
    }
    if (span === 0 && SHORT_ATTRIBUTION.test(line.content) && nextNonBlank(lines, index + 1)?.kind === 'quoted') span = 1;
    for (let count = 0; count < span; count += 1) lines[index + count]!.kind = 'attribution';
    index += Math.max(span - 1, 0);
  }
}

/**
 * The first line of history that runs to the end of the message: an "Original Message" rule, an
 * Outlook header block, or an attribution not followed by `>` lines (its quote is unmarked).
 */
function findHistoryStart(lines: readonly Line[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.kind === 'attribution') {
      let after = index + 1;
      while (lines[after]?.kind === 'attribution') after += 1;
      const next = nextNonBlank(lines, after);
      if (next && next.kind !== 'quoted') return index;
      index = after - 1;
      continue;
    }
    if (line.kind !== 'agent') continue;
    if (ORIGINAL_MESSAGE.test(line.content)) return index;
    if (OUTLOOK_FROM.test(line.content) && isOutlookHeader(lines, index)) {
      let previous = index - 1;
      while (previous >= 0 && lines[previous]!.kind === 'blank') previous -= 1;
      return previous >= 0 && SEPARATOR_RULE.test(lines[previous]!.content) ? previous : index;
    }
  }
  return lines.length;
}

function isOutlookHeader(lines: readonly Line[], fromIndex: number): boolean {
  let sent = false;
  let to = false;
  for (let index = fromIndex + 1; index < Math.min(lines.length, fromIndex + OUTLOOK_LOOKAHEAD); index += 1) {
    const { content } = lines[index]!;
    if (OUTLOOK_SENT.test(content)) sent = true;
    else if (OUTLOOK_TO.test(content)) to = true;
  }
  return sent && to;
}

/** `-- ` and everything under it, up to the next quote; and a "Sent from my phone" line. */
function markSignature(lines: Line[]): void {
  let inSignature = false;
  for (const line of lines) {
    if (line.kind === 'agent' && (SIGNATURE_DELIMITER.test(line.content) || SENT_FROM_DEVICE.test(line.content))) {
      inSignature = SIGNATURE_DELIMITER.test(line.content);
      line.kind = 'signature';
    } else if (line.kind === 'agent' && inSignature) {
      line.kind = 'signature';
    } else if (line.kind !== 'agent' && line.kind !== 'blank') {
      inSignature = false;
    }
  }
}

/** A sign-off near the end of the agent's last passage, with the few short lines under it. */
function markSignOff(lines: Line[]): void {
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.kind !== 'agent') last -= 1;
  if (last < 0) return;
  let linesUnder = 0;
  for (let index = last; index >= 0 && last - index <= SIGN_OFF_SEARCH_LINES; index -= 1) {
    const line = lines[index]!;
    if (line.kind === 'blank') continue;
    if (line.kind !== 'agent') return;
    if (isSignOff(line.content) && linesUnder <= MAX_LINES_UNDER_SIGN_OFF) {
      for (let marked = index; marked <= last; marked += 1) if (lines[marked]!.kind === 'agent') lines[marked]!.kind = 'signature';
      return;
    }
    if (wordCount(line.content) > MAX_WORDS_UNDER_SIGN_OFF) return;
    linesUnder += 1;
  }
}

function isSignOff(line: string): boolean {
  const withComma = SIGN_OFF_WITH_COMMA.exec(line);
  return withComma ? NAME_AFTER_SIGN_OFF.test(withComma[1]!) : BARE_SIGN_OFF.test(line);
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}
