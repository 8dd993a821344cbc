// LanguageTool's habit, shared by the built-in rules and a team's custom rules: every rule's own
// examples are its tests. A flagged example gives exactly one finding of that rule at the [marked]
// span with the listed rewrites; each rewrite, put in place, silences the rule; a clean example gives
// nothing from that rule. A sentence rule's rewrite replaces the span; a reply rule's rewrite is a
// line inserted where the finding says (`insertAt`): an opening line right before the marked first
// sentence of the body, or a closing line after its last one.
import { describe, expect, it } from 'vitest';
import type { Finding, RuleDefinition } from '../src/index.js';

/** Lints one reply with the rule under test enabled. */
export type LintText = (text: string) => Finding[];

/** The example text without its [brackets], and the offsets of the marked span. */
export function unmark(marked: string): { text: string; start: number; end: number } {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']', start) - 1;
  return { text: marked.slice(0, start) + marked.slice(start + 1, end + 1) + marked.slice(end + 2), start, end };
}

/** Puts a reply rule's line in at the offset its finding gives, a space apart from the text around it. */
function insertLine(lint: LintText, text: string, line: string, ruleId: string): string {
  const at = lint(text).find((finding) => finding.ruleId === ruleId)!.insertAt!;
  const before = at > 0 && !/\s/.test(text[at - 1]!) ? ' ' : '';
  const after = at < text.length && !/\s/.test(text[at]!) ? ' ' : '';
  return text.slice(0, at) + before + line + after + text.slice(at);
}

/** Declares one vitest block per rule that runs every example of `rule` through `lint`. */
export function describeRuleExamples(rule: RuleDefinition, lint: LintText): void {
  describe(`rule ${rule.id}`, () => {
    for (const example of rule.examples.flagged) {
      const { text, start, end } = unmark(example.text);

      it(`flags ${JSON.stringify(example.text)}`, () => {
        const findings = lint(text).filter((finding) => finding.ruleId === rule.id);
        expect(findings.map((f) => [f.place.start.offset, f.place.end.offset, f.actual])).toEqual([
          [start, end, text.slice(start, end)],
        ]);
        expect(findings[0]!.expected).toEqual(example.rewrites);
        if (rule.scope === 'sentence') expect(findings[0]!.insertAt).toBeUndefined();
        else if (rule.insert === 'opening') expect(findings[0]!.insertAt).toBe(start);
        else expect(findings[0]!.insertAt).toBeGreaterThanOrEqual(end);
      });

      for (const rewrite of example.rewrites) {
        it(`is silenced by the rewrite ${JSON.stringify(rewrite)}`, () => {
          const rewritten =
            rule.scope === 'sentence'
              ? text.slice(0, start) + rewrite + text.slice(end)
              : insertLine(lint, text, rewrite, rule.id);
          expect(lint(rewritten).filter((finding) => finding.ruleId === rule.id)).toEqual([]);
        });
      }
    }

    for (const clean of rule.examples.clean) {
      it(`stays silent on ${JSON.stringify(clean)}`, () => {
        expect(lint(clean).filter((finding) => finding.ruleId === rule.id)).toEqual([]);
      });
    }
  });
}
