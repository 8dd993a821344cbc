// Writes rules/README.md and the rule table in README.md from the built rules (run `npm run build` first),
// and the README's example run from the fixture test's snapshot of it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../dist/index.js';
import { EXAMPLE_SNAPSHOT, renderRuleDocs, withExample, withRuleTable } from './rule-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'rules', 'README.md'), renderRuleDocs(rules));
const readmePath = join(root, 'README.md');
const example = readFileSync(join(root, EXAMPLE_SNAPSHOT), 'utf8');
writeFileSync(readmePath, withExample(withRuleTable(readFileSync(readmePath, 'utf8'), rules), example));
console.log(`tactful: documented ${rules.length} rules in rules/README.md and README.md`);
