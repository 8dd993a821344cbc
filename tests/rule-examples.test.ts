// Every example of every built-in rule is a test (see tests/example-harness.ts for what each checks).
import { lint, rules } from '../src/index.js';
import { describeRuleExamples } from './example-harness.js';

for (const rule of rules) describeRuleExamples(rule, (text) => lint(text));
