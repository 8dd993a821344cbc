// The public API: lint() gives findings that unified tooling can read as vfile messages, options
// switch rules off or change their level, and the retext plugin reports the same findings.
import retextEnglish from 'retext-english';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { createLinter, lint, nearestRuleId, retextTactful, rules, UnknownRuleError, type Finding } from '../src/index.js';
import { findPlaceholders } from '../src/parse/placeholders.js';

// A draft with findings from several rules, over several lines.
const DRAFT = [
  'Hi Marcus,',
  '',
  'Sorry for the delay.',
  '',
  "You're right, our refund process is way too slow. I'm really frustrated about it too.",
  'Did you actually check your bank statement?',
  '',
  'Sorry again,',
  'Jo',
].join('\n');

/** Line and column of `offset`, counted by hand. */
function pointByHand(text: string, offset: number): { line: number; column: number; offset: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1, offset };
}

/** Lets unified's `process` run: the plugin only adds messages, so the output is the input. */
function passThrough(this: Processor): void {
  this.compiler = (_tree, file) => String(file.value);
}

describe('lint()', () => {
  it('returns nothing for an empty or blank string', () => {
    expect(lint('')).toEqual([]);
    expect(lint('  \n\r\n\t')).toEqual([]);
  });

  it('returns nothing for a reply in the style the seeds recommend', () => {
    const good = [
      'Hi Ana,',
      "I understand how frustrating it is when a parcel you were counting on doesn't arrive.",
      'Let me just confirm, you mentioned that the tracking page has not changed since Tuesday.',
      "I'm sorry your order didn't arrive on Friday as we promised.",
      "I've booked a courier for tomorrow morning and refunded the delivery charge.",
    ].join('\n');
    expect(lint(good)).toEqual([]);
  });

  it('finds several rules in a bad draft, in document order', () => {
    const findings = lint(DRAFT);
    expect(new Set(findings.map((finding) => finding.ruleId)).size).toBeGreaterThanOrEqual(3);
    const offsets = findings.map((finding) => finding.place.start.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  describe('findings are vfile-message compatible', () => {
    const findings = lint(DRAFT);
    const ruleIds = rules.map((rule) => rule.id);

    it.each(findings.map((finding) => [finding.ruleId, finding.actual, finding] as const))('%s “%s”', (_id, _actual, finding) => {
      expect(ruleIds).toContain(finding.ruleId);
      expect(finding.source).toBe('tactful');
      expect(typeof finding.reason).toBe('string');
      expect(finding.reason.length).toBeGreaterThan(0);
      expect(finding.fatal).toBe(finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined);

      const { start, end } = finding.place;
      expect(start).toEqual(pointByHand(DRAFT, start.offset));
      expect(end).toEqual(pointByHand(DRAFT, end.offset));
      expect(end.offset).toBeGreaterThan(start.offset);
      expect([finding.line, finding.column]).toEqual([start.line, start.column]);
      expect(finding.actual).toBe(DRAFT.slice(start.offset, end.offset));

      expect(finding.expected.length).toBeGreaterThanOrEqual(1);
      expect(finding.expected.length).toBeLessThanOrEqual(3);
      for (const rewrite of finding.expected) expect(typeof rewrite).toBe('string');

      const rule = rules.find((candidate) => candidate.id === finding.ruleId)!;
      for (const seed of rule.source) {
        expect(seed).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
        expect(finding.note).toContain(seed);
      }
      expect(finding.note).toContain(rule.rationale);
      expect(finding.url.endsWith(`#${finding.ruleId}`)).toBe(true);

      if (finding.fix) {
        // The fix covers only the words that change; put in place, it gives the first rewrite.
        const [fixStart, fixEnd] = finding.fix.range;
        expect(start.offset <= fixStart && fixStart <= fixEnd && fixEnd <= end.offset).toBe(true);
        const local = (offset: number) => offset - start.offset;
        expect(finding.actual.slice(0, local(fixStart)) + finding.fix.text + finding.actual.slice(local(fixEnd))).toBe(finding.expected[0]);
      }
    });
  });

  it('counts columns from the start of the line with CRLF line endings', () => {
    const text = 'Hi Tom,\r\n\r\nThanks for the photos. Sorry for the wait.\r\n';
    const [finding] = lint(text).filter((f) => f.ruleId === 'bare-sorry');
    expect(finding!.place.start).toEqual({ line: 3, column: 24, offset: text.indexOf('Sorry') });
    expect(finding!.actual).toBe('Sorry for the wait');
  });

  it('counts columns in UTF-16 code units after emoji', () => {
    const text = 'Hi Ana 👋🏽 Sorry for the wait.';
    const [finding] = lint(text).filter((f) => f.ruleId === 'bare-sorry');
    expect(finding!.place.start).toEqual({ line: 1, column: text.indexOf('Sorry') + 1, offset: text.indexOf('Sorry') });
  });
});

describe('lint() options', () => {
  it('turns a rule off and leaves the others on', () => {
    const findings = lint(DRAFT, { rules: { 'bare-sorry': 'off' } });
    expect(findings.some((finding) => finding.ruleId === 'bare-sorry')).toBe(false);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('changes a rule to error, with fatal true', () => {
    const findings = lint(DRAFT, { rules: { 'bare-sorry': 'error' } }).filter((finding) => finding.ruleId === 'bare-sorry');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.severity === 'error' && finding.fatal === true)).toBe(true);
  });

  it('changes a rule to suggestion, with fatal undefined', () => {
    const findings = lint(DRAFT, { rules: { sympathy: 'suggestion' } }).filter((finding) => finding.ruleId === 'sympathy');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.severity === 'suggestion' && finding.fatal === undefined)).toBe(true);
  });

  it('uses docsUrl as the base of every url', () => {
    const findings = lint('Sorry.', { docsUrl: 'https://example.test/rules#' });
    expect(findings.map((finding) => finding.url)).toEqual(['https://example.test/rules#bare-sorry']);
  });

  it('throws UnknownRuleError with a did-you-mean for a misspelt rule id', () => {
    expect(() => lint('Sorry.', { rules: { 'bare-sory': 'off' } })).toThrow(UnknownRuleError);
    try {
      lint('Sorry.', { rules: { 'bare-sory': 'off' } });
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownRuleError);
      expect((error as UnknownRuleError).ruleId).toBe('bare-sory');
      expect((error as UnknownRuleError).suggestion).toBe('bare-sorry');
      expect((error as Error).message).toBe("unknown rule 'bare-sory' — did you mean 'bare-sorry'?");
    }
  });

  it('throws UnknownRuleError without a guess when nothing is close', () => {
    expect(() => createLinter({ rules: { 'totally-unrelated-thing': 'off' } })).toThrow(/^unknown rule 'totally-unrelated-thing'$/);
    expect(nearestRuleId('totally-unrelated-thing')).toBeUndefined();
  });

  it('throws for a severity that does not exist', () => {
    expect(() => createLinter({ rules: { 'bare-sorry': 'loud' as never } })).toThrow(/off, suggestion, warning or error/);
  });
});

describe('createLinter()', () => {
  it('lints many texts with the same settings, each on its own', () => {
    const linter = createLinter({ rules: { 'bare-sorry': 'error' } });
    const first = linter.lint(DRAFT);
    expect(linter.lint('Thanks, I have booked the courier for Monday.')).toEqual([]);
    expect(linter.lint(DRAFT)).toEqual(first);
    expect(first).toEqual(lint(DRAFT, { rules: { 'bare-sorry': 'error' } }));
  });

  it('does not change the default settings of lint()', () => {
    createLinter({ rules: { 'bare-sorry': 'off' } }).lint(DRAFT);
    expect(lint(DRAFT).some((finding) => finding.ruleId === 'bare-sorry')).toBe(true);
  });
});

describe('retextTactful', () => {
  it('adds real vfile messages when used with retext-english', async () => {
    const file = await unified().use(retextEnglish).use(retextTactful).use(passThrough).process(DRAFT);
    const findings = lint(DRAFT);
    expect(file.messages).toHaveLength(findings.length);
    file.messages.forEach((message, index) => {
      const finding = findings[index]!;
      expect(message).toBeInstanceOf(Error);
      expect(message.name).toBe(`${finding.line}:${finding.column}-${finding.place.end.line}:${finding.place.end.column}`);
      expect(message.reason).toBe(finding.reason);
      expect(message.ruleId).toBe(finding.ruleId);
      expect(message.source).toBe('tactful');
      expect([message.line, message.column]).toEqual([finding.line, finding.column]);
      expect(message.place).toEqual(finding.place);
      expect(message.actual).toBe(finding.actual);
      expect(message.expected).toEqual(finding.expected);
      expect(message.note).toBe(finding.note);
      expect(message.url).toBe(finding.url);
      expect(message.fatal).toBe(finding.fatal);
    });
  });

  it('passes its options on', async () => {
    const file = await unified().use(retextEnglish).use(retextTactful, { rules: { 'bare-sorry': 'off' } }).use(passThrough).process(DRAFT);
    expect(file.messages.length).toBeGreaterThan(0);
    expect(file.messages.some((message) => message.ruleId === 'bare-sorry')).toBe(false);
  });

  it('adds nothing for a clean text', async () => {
    const file = await unified().use(retextEnglish).use(retextTactful).use(passThrough).process('Thanks, I have booked the courier.');
    expect(file.messages).toEqual([]);
  });
});

describe('placeholders are never flagged', () => {
  it.each([
    '{{SORRY_MACRO}}',
    '{{SORRY_MACRO}}.',
    '{{SORRY_MACRO}} for the wait.',
    '{{apology_sorry_for_delay}}',
    '{% if sorry %}{{sorry}}{% endif %}',
    '{%sorry.text,fallback=Sorry%}',
    '{{!-- Sorry, agents: do not say "I agree" or "I feel your pain" --}}',
    '{sorry for the wait}',
    '{{ANGRY_TOO_MACRO}}',
    '{{DID_YOU_TURN_IT_ON}}?',
  ])('%s', (text) => {
    expect(lint(text)).toEqual([]);
  });

  it.each([
    'Hi {{ticket.requester.first_name}}, I agree.',
    'Sorry {{ticket.requester.first_name}}.',
    'Sorry for the {{delay_reason}}.',
    "You're right, {{ticket.requester.first_name}}, the tracking page is hopeless.",
    '{{ticket.requester.first_name}}, sorry for the wait.',
    "I'm also upset about {{order.item}} too.",
    'Did you turn {{device}} on?',
    'Sorry for {what went wrong}.',
  ])('%s: no finding starts or ends inside a placeholder, and rewrites never show the mask', (text) => {
    const spans = findPlaceholders(text);
    const findings = lint(text);
    const cutPlaceholders = findings.flatMap((finding) =>
      spans
        .filter((span) => [finding.place.start.offset, finding.place.end.offset].some((offset) => offset > span.start && offset < span.end))
        .map((span) => `${finding.ruleId} cuts ${text.slice(span.start, span.end)}`),
    );
    expect(cutPlaceholders).toEqual([]);
    // The parser masks placeholders as runs of x; a rewrite must give the placeholder back as written.
    const maskedRewrites = findings.flatMap((finding) => finding.expected.filter((rewrite) => /x{5,}/.test(rewrite)));
    expect(maskedRewrites).toEqual([]);
  });

  it.each([
    '{% if ticket.priority == "urgent" %}\nThanks for your patience, Ana.\n{% endif %}',
    '{{ticket.requester.first_name}},\n\nThanks for your message about the refund.',
    '{%customer.firstName,fallback=there%}\n{{!-- reply within 24h --}}\nSorry.',
    'Hi {{ticket.requester.first_name}},\n\n{% if ticket.priority == "urgent" %}\nSorry for the wait.\n{% endif %}\n\nThe parcel left on Monday.',
  ])('%j: no finding points at template syntax alone', (text) => {
    const spans = findPlaceholders(text);
    const onPlaceholdersOnly = lint(text).filter((finding) => {
      let rest = finding.actual;
      const base = finding.place.start.offset;
      for (const span of [...spans].reverse()) {
        if (span.start >= base && span.end <= finding.place.end.offset) rest = rest.slice(0, span.start - base) + rest.slice(span.end - base);
      }
      return rest.replace(/[\s\p{P}]/gu, '') === '';
    });
    expect(onPlaceholdersOnly.map((finding) => `${finding.ruleId}: ${finding.actual}`)).toEqual([]);
  });
});

// Keep the type import used, so a change to Finding's shape shows up here as a type error.
const _typeCheck: Finding[] = [];
void _typeCheck;
