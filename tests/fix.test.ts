// Safe fixes in the library: which rewrites are fixes (per rewrite set), how applyFixes applies them
// (in order, never overlapping, never into a placeholder, never on stale findings), and that fixing
// is idempotent and keeps line endings.
import { describe, expect, it } from 'vitest';
import { applyFixes, lint, rules, RuleDefinitionError, type Finding } from '../src/index.js';
import { changedWords } from '../src/engine/findings.js';
import { validateRule } from '../src/engine/validate-rule.js';
import { findPlaceholders } from '../src/parse/placeholders.js';

/** Lints and fixes until nothing more applies, as `--fix` does. */
function fixFully(text: string): string {
  let current = text;
  for (let pass = 0; pass < 10; pass += 1) {
    const { output, applied } = applyFixes(current, lint(current));
    if (applied.length === 0) break;
    current = output;
  }
  return current;
}

/** A finding with a fix, as the engine would build it, for `text` at [start, end). */
function findingAt(text: string, start: number, end: number, rewrite: string, fix?: [number, number, string]): Finding {
  const point = (offset: number) => ({ line: 1, column: offset + 1, offset });
  const [fixStart, fixEnd, fixText] = fix ?? [start, end, rewrite];
  return {
    ruleId: 'shouting',
    source: 'tactful',
    reason: 'test',
    severity: 'warning',
    fatal: false,
    line: 1,
    column: start + 1,
    place: { start: point(start), end: point(end) },
    actual: text.slice(start, end),
    expected: [rewrite],
    note: '',
    url: '',
    fix: { range: [fixStart, fixEnd], text: fixText },
  };
}

const DRAFT = [
  'Hi Ana,',
  '',
  'Sorry for the wait!! Your refund is on its way.',
  'As I said, the refund takes five working days.',
  'Simply restart the router and it will reconnect.',
  'Please DO NOT reply to this email.',
  '',
].join('\n');

const FIXED = [
  'Hi Ana,',
  '',
  "I'm sorry for the wait! Your refund is on its way.",
  'The refund takes five working days.',
  'Restart the router and it will reconnect.',
  'Please do not reply to this email.',
  '',
].join('\n');

describe('which rewrites are safe fixes', () => {
  it('fixes bare-sorry only from its fragment set, never from the vague set with a slot', () => {
    const [fragment] = lint('Sorry for the wait, Ana.');
    expect(fragment!.fix).toEqual({ range: [0, 5], text: "I'm sorry" });
    const [vague] = lint('Sorry again, Tom.').filter((finding) => finding.ruleId === 'bare-sorry');
    expect(vague!.expected[0]).toContain('{what went wrong}');
    expect(vague!.fix).toBeUndefined();
  });

  it('fixes the deletions of defensive and minimizing, not the sets that replace what was said', () => {
    expect(applyFixes('As I said, the refund takes five days.', lint('As I said, the refund takes five days.')).output).toBe(
      'The refund takes five days.',
    );
    expect(lint('Simply restart the router.')[0]!.fix).toEqual({ range: [0, 14], text: 'Restart' });
    const blame = lint("It's not our fault the courier lost your parcel.").find((finding) => finding.ruleId === 'defensive');
    expect(blame!.fix).toBeUndefined();
    const trivial = lint("It's just a small delay, your parcel is on its way.").find((finding) => finding.ruleId === 'minimizing');
    expect(trivial!.fix).toBeUndefined();
  });

  it('gives every rule example of a fixable set a fix that yields its first rewrite', () => {
    for (const rule of rules) {
      if (!rule.fixable) continue;
      let fixed = 0;
      for (const example of rule.examples.flagged) {
        const text = example.text.replace(/[[\]]/g, '');
        const finding = lint(text).find((candidate) => candidate.ruleId === rule.id)!;
        if (!finding.fix) continue;
        fixed += 1;
        const start = example.text.indexOf('[');
        const expected = text.slice(0, start) + example.rewrites[0] + text.slice(start + finding.actual.length);
        expect(applyFixes(text, [finding]).output).toBe(expected);
      }
      expect(fixed, `${rule.id} has no fixed example`).toBeGreaterThan(0);
    }
  });

  it('trims a fix to the whole words that change', () => {
    expect(changedWords('Sorry for the wait', "I'm sorry for the wait")).toEqual({ start: 0, end: 5, text: "I'm sorry" });
    expect(changedWords('The refund, as I said, takes days.', 'The refund takes days.')).toEqual({ start: 4, end: 22, text: 'refund' });
    expect(changedWords('!!', '!')).toEqual({ start: 0, end: 2, text: '!' });
    expect(changedWords('a 😀b', 'a 😁b')).toEqual({ start: 2, end: 5, text: '😁b' });
  });
});

describe('applyFixes', () => {
  it('applies every fix of a draft in text order and leaves the rest of the text alone', () => {
    const findings = lint(DRAFT);
    const result = applyFixes(DRAFT, [...findings].reverse());
    expect(result.output).toBe(FIXED);
    expect(result.applied.map((finding) => finding.ruleId)).toEqual(['bare-sorry', 'shouting', 'defensive', 'minimizing', 'shouting']);
    expect(result.skipped).toEqual([]);
  });

  it('ignores findings without a fix and returns the text unchanged when there is nothing to fix', () => {
    const text = 'Sorry again, Tom.';
    expect(applyFixes(text, lint(text))).toEqual({ output: text, applied: [], skipped: [] });
  });

  it('skips a fix that overlaps one applied before it, and applies it once the text is linted again', () => {
    const text = 'WE WILL NOT REFUND IT';
    const whole = findingAt(text, 0, 21, 'we will not refund it');
    const inner = findingAt(text, 8, 11, 'not');
    const result = applyFixes(text, [inner, whole]);
    expect(result.output).toBe('we will not refund it');
    expect(result.skipped).toEqual([{ finding: inner, reason: 'overlap' }]);

    const adjacent = findingAt(text, 0, 7, 'we will');
    const after = findingAt(text, 7, 21, ' not refund it');
    expect(applyFixes(text, [after, adjacent]).output).toBe('we will not refund it');
  });

  it('skips the second of two insertions at the same offset', () => {
    const text = 'sorry';
    const first = findingAt(text, 0, 5, "I'm sorry", [0, 0, "I'm "]);
    const second = findingAt(text, 0, 5, "I'm sorry", [0, 0, "I'm "]);
    const result = applyFixes(text, [first, second]);
    expect(result.output).toBe("I'm sorry");
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['overlap']);
  });

  it('never touches a placeholder: the engine gives no such fix, and applyFixes refuses one', () => {
    const text = 'Sorry for the {{thing}}, {{first_name}}!! SORRY {{ORDER_ID}} IS LATE.';
    for (const finding of lint(text)) {
      if (!finding.fix) continue;
      const [start, end] = finding.fix.range;
      expect(findPlaceholders(text).some((span) => span.start < end && start < span.end)).toBe(false);
    }
    const fixed = fixFully(text);
    expect(findPlaceholders(fixed).map((span) => fixed.slice(span.start, span.end))).toEqual(
      findPlaceholders(text).map((span) => text.slice(span.start, span.end)),
    );

    const crafted = 'PLEASE {{NAME}} READ';
    const finding = findingAt(crafted, 0, 20, 'please {{NAME}} read', [0, 20, 'please {{name}} read']);
    expect(applyFixes(crafted, [finding]).skipped).toEqual([{ finding, reason: 'placeholder' }]);
  });

  it('keeps a placeholder that the rewrite carries over, changing only the words before it', () => {
    const text = 'As I said, your order {{order_id}} ships on Monday.';
    expect(applyFixes(text, lint(text)).output).toBe('Your order {{order_id}} ships on Monday.');
  });

  it('skips stale findings: words that changed since they were linted, or a fix that does not give the rewrite', () => {
    const findings = lint('Sorry for the wait, Ana.');
    const result = applyFixes('Oops, the wait is over.', findings);
    expect(result.output).toBe('Oops, the wait is over.');
    expect(result.skipped.map((skip) => skip.reason)).toEqual(['stale']);

    const text = 'NOT';
    expect(applyFixes(text, [findingAt(text, 0, 3, 'not', [0, 3, 'no'])]).skipped[0]!.reason).toBe('stale');
    expect(applyFixes(text, [findingAt(text, 0, 3, 'not', [0, 9, 'not'])]).skipped[0]!.reason).toBe('invalid');
  });

  it('is idempotent: after fixing, linting finds nothing more to fix and fixing again changes nothing', () => {
    const once = fixFully(DRAFT);
    expect(lint(once).filter((finding) => finding.fix)).toEqual([]);
    expect(fixFully(once)).toBe(once);
    expect(applyFixes(once, lint(once)).output).toBe(once);
  });

  it('keeps CRLF line endings and gives the same fixes as for LF', () => {
    const crlf = DRAFT.replace(/\n/g, '\r\n');
    const fixed = fixFully(crlf);
    expect(fixed).toBe(FIXED.replace(/\n/g, '\r\n'));
    expect(fixed.match(/\r\n/g)).toHaveLength(crlf.match(/\r\n/g)!.length);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('never fixes across a line break, so wrapped lines stay wrapped', () => {
    const text = 'Thanks for writing in. Sorry for\r\nthe wait, Ana.';
    const finding = lint(text).find((candidate) => candidate.ruleId === 'bare-sorry')!;
    expect(finding.expected[0]).toBe("I'm sorry for the wait");
    expect(finding.fix).toBeUndefined();
    expect(applyFixes(text, lint(text)).output).toBe(text);
  });
});

describe('fixable in rule files', () => {
  const base = {
    id: 'custom-rule',
    severity: 'warning',
    summary: 'Summary.',
    rationale: 'Why.',
    source: '000_3df12f0c809dc8d0.txt',
    message: 'Message.',
    trigger: 'sorry',
    patterns: [{ regex: '(?<rest>sorry)', rewrites: 'safe' }, { regex: 'oops', rewrites: 'vague' }],
    rewrites: { safe: ["I'm {rest}"], vague: ['{what went wrong}'] },
    examples: { flagged: [{ text: '[sorry]', rewrites: ["I'm sorry"] }], clean: ['fine'] },
  };
  const check = (fixable: unknown) => validateRule({ ...base, fixable }, 'custom.yml', new Set());

  it('accepts true, false, or a list of rewrite sets', () => {
    expect(check(true).fixable).toBe(true);
    expect(check(false).fixable).toBe(false);
    expect(check(['safe']).fixable).toEqual(['safe']);
    expect(validateRule(base, 'custom.yml', new Set()).fixable).toBe(false);
  });

  it('names the file and field for a set that does not exist, is repeated, or can never be a fix', () => {
    expect(() => check(['sfae'])).toThrow(new RuleDefinitionError('custom.yml', 'fixable[0]', 'names no rewrite set ("sfae"; the rule has safe, vague)'));
    expect(() => check(['safe', 'safe'])).toThrow(/fixable\[1\] repeats the rewrite set "safe"/);
    expect(() => check(['vague'])).toThrow(/fixable\[0\] names the set "vague", whose first rewrite leaves \{what went wrong\}/);
    expect(() => check('yes')).toThrow(/fixable must be true, false or a list of rewrite sets \(safe, vague\)/);
    expect(() => check([])).toThrow(/fixable must be true, false or a list/);
  });

  it('refuses a set whose first rewrite needs a slot that a regex using it does not capture', () => {
    const rule = { ...base, patterns: [{ regex: 'sorry', rewrites: 'safe' }], fixable: ['safe'] };
    expect(() => validateRule(rule, 'custom.yml', new Set())).toThrow(/needs \{rest\}, which patterns\[0\] does not capture/);
  });
});
