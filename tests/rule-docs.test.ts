// The rule docs are generated from the rule files; this fails when someone edits a rule and
// forgets `npm run build && npm run docs:rules`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
// @ts-expect-error: plain ESM script without type declarations
import { EXAMPLE_SNAPSHOT, renderRuleDocs, withExample, withRuleTable } from '../scripts/rule-docs.mjs';

describe('generated rule docs', () => {
  it('rules/README.md matches the rule files', () => {
    expect(readFileSync('rules/README.md', 'utf8')).toBe(renderRuleDocs(rules));
  });

  it("README.md's rule table matches the rule files", () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('<!-- rules:start -->');
    expect(readme).toBe(withRuleTable(readme, rules));
  });

  it("README.md's example run is the CLI's output on the example reply (the fixture test's snapshot)", () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('<!-- example:start -->');
    expect(readme).toBe(withExample(readme, readFileSync(EXAMPLE_SNAPSHOT, 'utf8')));
  });

  it('documents every rule under an anchor equal to its id', () => {
    const docs = readFileSync('rules/README.md', 'utf8');
    for (const rule of rules) expect(docs).toContain(`\n## ${rule.id}\n`);
  });
});
