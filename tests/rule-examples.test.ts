// LanguageTool's habit: every rule's own examples are its tests. A flagged example gives exactly one
// finding of that rule at the [marked] span with the listed rewrites; each rewrite, put in place,
// silences the rule; a clean example gives nothing from that rule.
import { describe, expect, it } from 'vitest';
import { lint, rules } from '../src/index.js';

function unmark(marked: string): { text: string; start: number; end: number } {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']', start) - 1;
  return { text: marked.slice(0, start) + marked.slice(start + 1, end + 1) + marked.slice(end + 2), start, end };
}

for (const rule of rules) {
  describe(`rule ${rule.id}`, () => {
    for (const example of rule.examples.flagged) {
      const { text, start, end } = unmark(example.text);

      it(`flags ${JSON.stringify(example.text)}`, () => {
        const findings = lint(text).filter((finding) => finding.ruleId === rule.id);
        expect(findings.map((f) => [f.place.start.offset, f.place.end.offset, f.actual])).toEqual([
          [start, end, text.slice(start, end)],
        ]);
        expect(findings[0]!.expected).toEqual(example.rewrites);
      });

      for (const rewrite of example.rewrites) {
        it(`is silenced by the rewrite ${JSON.stringify(rewrite)}`, () => {
          const rewritten = text.slice(0, start) + rewrite + text.slice(end);
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
