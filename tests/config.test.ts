// Config files, custom rules and the `allow` list: through the library (createLinter options) and
// through the spawned CLI (`npm run build` first), with configs in fresh directories under os.tmpdir().
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLinter, lint, RuleDefinitionError, UnknownRuleError } from '../src/index.js';
import { describeRuleExamples } from './example-harness.js';
import { jsonMessages, runTactful, type CliRun } from './run-cli.js';
import { sarifValidator } from './sarif-schema.js';

/** A custom rule as a team would keep it in its own YAML file. */
const CANNED_APOLOGY_YAML = `id: canned-apology
severity: warning
summary: A stock apology names nothing that went wrong.
rationale: Our customers read "we apologize for any inconvenience" as a brush-off.
source: Acme support style guide
message: Replace the stock apology with one that says what went wrong.
trigger: inconvenience
patterns:
  - regex: "\\\\b(?:we|I) apologi[sz]e for any inconvenience(?: (?:this|that) (?:may have|has) caused)?"
rewrites:
  - "I'm sorry for {what went wrong}"
examples:
  flagged:
    - text: "[We apologize for any inconvenience]."
      rewrites: ["I'm sorry for {what went wrong}"]
    - text: "Again, [we apologise for any inconvenience this may have caused]!"
      rewrites: ["I'm sorry for {what went wrong}"]
  clean:
    - "I'm sorry the parcel arrived two days late."
    - "Any inconvenience is on us: the courier missed the slot."
`;

/** A custom rule written inline in a config. */
const NO_KINDLY = {
  id: 'no-kindly',
  severity: 'suggestion',
  summary: '"Kindly" reads as stiff in a reply.',
  rationale: 'House style: plain words sound warmer.',
  source: 'Acme support style guide',
  message: 'Say "please" instead of "kindly".',
  trigger: 'kindly',
  patterns: [{ regex: '\\bkindly\\b' }],
  rewrites: ['please'],
  examples: { flagged: [{ text: '[Kindly] send the receipt.', rewrites: ['Please'] }], clean: ['Please send the receipt.'] },
};

const SORRY_REPLY = 'Hi Ana,\n\nSorry for the wait. We apologize for any inconvenience. Kindly send the receipt.\n\nBest,\nSam\n';

describe('custom rules through the library', () => {
  const customRules = [{ file: 'rules/canned-apology.yml', data: parseYaml(CANNED_APOLOGY_YAML) }, NO_KINDLY];
  const linter = createLinter({ customRules });

  it('lints with the built-in rules and the custom ones', () => {
    expect(linter.lint(SORRY_REPLY).map((f) => f.ruleId)).toEqual(expect.arrayContaining(['bare-sorry', 'canned-apology', 'no-kindly']));
    expect(linter.rules.map((rule) => rule.id).slice(-2)).toEqual(['canned-apology', 'no-kindly']);
  });

  it('gives custom findings no link into tactful’s docs', () => {
    expect(linter.lint(SORRY_REPLY).find((f) => f.ruleId === 'no-kindly')!.url).toBe('');
  });

  it('accepts severity settings for custom rule ids and suggests them for typos', () => {
    expect(createLinter({ customRules, rules: { 'no-kindly': 'off' } }).lint(SORRY_REPLY).map((f) => f.ruleId)).not.toContain('no-kindly');
    expect(() => createLinter({ customRules, rules: { 'no-kindy': 'off' } })).toThrow(new UnknownRuleError('no-kindy', 'no-kindly'));
  });

  it('validates custom rules with the built-ins’ validator, naming the file and field', () => {
    const broken = { ...parseYaml(CANNED_APOLOGY_YAML), patterns: [{ regex: '(unclosed' }] };
    expect(() => createLinter({ customRules: [{ file: 'acme.yml', data: broken }] })).toThrow(RuleDefinitionError);
    expect(() => createLinter({ customRules: [{ file: 'acme.yml', data: broken }] })).toThrow(/^acme\.yml: patterns\[0\]\.regex is not a valid regular expression/);
    expect(() => createLinter({ customRules: [{ ...NO_KINDLY, patterns: [] }] })).toThrow(/^customRules\[0\]: patterns must be a non-empty list/);
  });

  it('refuses a custom rule that takes a built-in id or another custom rule’s id', () => {
    expect(() => createLinter({ customRules: [{ ...NO_KINDLY, id: 'bare-sorry' }] })).toThrow(/"bare-sorry" is already the id of a built-in rule/);
    expect(() => createLinter({ customRules: [NO_KINDLY, NO_KINDLY] })).toThrow(/already the id of another custom rule/);
    expect(() => createLinter({ customRules: [{ ...NO_KINDLY, id: 'unused-disable-directive' }] })).toThrow(/is reserved for disable-comment problems/);
  });

  it('allows named TypeScript matchers, which are built in', () => {
    const { patterns: _patterns, ...rest } = NO_KINDLY;
    expect(() => createLinter({ customRules: [{ ...rest, patterns: [{ matcher: 'no-such-matcher' }] }] })).toThrow(/names no known matcher/);
  });

  // The same generic example test as the built-in rules (tests/rule-examples.test.ts).
  for (const rule of linter.rules.filter((r) => r.id === 'canned-apology' || r.id === 'no-kindly')) {
    describeRuleExamples(rule, (text) => linter.lint(text));
  }
});

describe('the allow list', () => {
  const text = 'Hi Ana,\n\nSorry for the wait. Your refund is on its way.\n\nSorry for the trouble — the Acme team\n';

  it('drops a finding whose flagged text contains an allowed phrase, ignoring case', () => {
    const ruleIds = (allow: string[]) => lint(text, { allow }).filter((f) => f.ruleId === 'bare-sorry').map((f) => f.actual);
    expect(ruleIds([])).toEqual(['Sorry for the wait', 'Sorry for the trouble']);
    expect(ruleIds(['SORRY FOR THE WAIT'])).toEqual(['Sorry for the trouble']);
  });

  it('drops a finding that lies inside an allowed phrase, such as a sign-off', () => {
    const findings = lint(text, { allow: ['Sorry for the trouble — the Acme team'] }).filter((f) => f.ruleId === 'bare-sorry');
    expect(findings.map((f) => f.actual)).toEqual(['Sorry for the wait']);
  });

  it('matches across spacing and either apostrophe', () => {
    const findings = lint("Hi,\n\nI'm really angry about that too.\n", { allow: ['i’m   really angry'] });
    expect(findings.filter((f) => f.ruleId === 'sympathy')).toEqual([]);
  });
});

describe('config files through the CLI', () => {
  let root: string;
  const draft = 'Hi Ana,\n\nSorry for the wait. I understand how frustrating the delay must be.\n\nI will refund you today.\n\nBest,\nSam\n';
  const ruleIds = (run: CliRun) => jsonMessages(run.stdout).map((m) => m.ruleId);

  /** A fresh project directory under root with `files` (path → content). */
  async function project(name: string, files: Record<string, string>): Promise<string> {
    const dir = join(root, name);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tactful-config-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('lints with the defaults when there is no config', async () => {
    const dir = await project('none', { 'draft.txt': draft });
    const run = await runTactful(['--format', 'json', 'draft.txt'], dir);
    expect(ruleIds(run)).toEqual(['bare-sorry']);
    expect(run.code).toBe(1);
  });

  it('finds .tactfulrc.json upward from each file', async () => {
    const dir = await project('upward', { '.tactfulrc.json': '{ "rules": { "bare-sorry": "off" } }', 'macros/billing/draft.txt': draft });
    const run = await runTactful(['--format', 'json', 'macros'], dir);
    expect(run.stderr).toBe('');
    expect(ruleIds(run)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('uses the nearest config for each file: one linter per config', async () => {
    const dir = await project('nearest', {
      '.tactfulrc.yml': 'rules:\n  bare-sorry: off\n',
      'a/draft.txt': draft,
      'b/.tactfulrc.yaml': 'rules:\n  bare-sorry: error\n',
      'b/draft.txt': draft,
    });
    const run = await runTactful(['--format', 'json', 'a/draft.txt', 'b/draft.txt'], dir);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>;
    expect(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}:${m.severity}`)])).toEqual([
      [join('a', 'draft.txt'), []],
      [join('b', 'draft.txt'), ['bare-sorry:2']],
    ]);
  });

  it('reads a "tactful" key in package.json, and skips a package.json without one', async () => {
    const dir = await project('package', {
      'package.json': JSON.stringify({ name: 'macros', tactful: { rules: { 'bare-sorry': 'off' } } }),
      'sub/package.json': JSON.stringify({ name: 'inner' }),
      'sub/draft.txt': draft,
    });
    expect(ruleIds(await runTactful(['--format', 'json', 'sub/draft.txt'], dir))).toEqual([]);
  });

  it('uses the working directory’s config for standard input', async () => {
    const dir = await project('stdin', { '.tactfulrc.json': '{ "rules": { "bare-sorry": "off" } }' });
    expect(ruleIds(await runTactful(['--format', 'json'], dir, draft))).toEqual([]);
  });

  it('--config uses one file for every input; --no-config uses none', async () => {
    const dir = await project('explicit', {
      '.tactfulrc.json': '{ "rules": { "bare-sorry": "off" } }',
      'ci/strict.yaml': 'rules:\n  bare-sorry: error\n',
      'draft.txt': draft,
    });
    const explicit = await runTactful(['--format', 'json', '--config', 'ci/strict.yaml', 'draft.txt'], dir);
    expect(jsonMessages(explicit.stdout).map((m) => `${m.ruleId}:${m.severity}`)).toEqual(['bare-sorry:2']);
    expect(ruleIds(await runTactful(['--format', 'json', '--no-config', 'draft.txt'], dir))).toEqual(['bare-sorry']);
  });

  it('--rule overrides the config', async () => {
    const dir = await project('override', { '.tactfulrc.json': '{ "rules": { "bare-sorry": "off" } }', 'draft.txt': draft });
    expect(ruleIds(await runTactful(['--format', 'json', '--rule', 'bare-sorry=warning', 'draft.txt'], dir))).toEqual(['bare-sorry']);
  });

  it('extends tactful:strict raises every rule one level, custom rules too; rules still override it', async () => {
    const reply = 'Hi Ana,\n\nSorry for the wait. Kindly send the receipt. We will NOT refund it.\n';
    const custom = `customRules:\n  - ${JSON.stringify(NO_KINDLY)}\n`;
    const dir = await project('strict', { '.tactfulrc.yaml': custom, 'draft.txt': reply });
    const levels = async () => {
      const run = await runTactful(['--format', 'json', 'draft.txt'], dir);
      const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; level: string }> }>;
      const watched = ['bare-sorry', 'no-kindly', 'shouting'];
      return result!.messages.filter((m) => watched.includes(m.ruleId)).map((m) => `${m.ruleId}:${m.level}`);
    };
    expect(await levels()).toEqual(['bare-sorry:warning', 'no-kindly:suggestion', 'shouting:error']);
    await writeFile(join(dir, '.tactfulrc.yaml'), `extends: tactful:strict\n${custom}`);
    expect(await levels()).toEqual(['bare-sorry:error', 'no-kindly:warning', 'shouting:error']);
    await writeFile(join(dir, '.tactfulrc.yaml'), `extends: [tactful:strict]\nrules:\n  bare-sorry: off\n${custom}`);
    expect(await levels()).toEqual(['no-kindly:warning', 'shouting:error']);
    await writeFile(join(dir, '.tactfulrc.yaml'), `extends: [tactful:strict, tactful:recommended]\n${custom}`);
    expect(await levels()).toEqual(['bare-sorry:warning', 'no-kindly:suggestion', 'shouting:error']);
  });

  it('allow drops findings on the listed phrases', async () => {
    const dir = await project('allow', { '.tactfulrc.json': '{ "allow": ["sorry for the wait"] }', 'draft.txt': draft });
    expect(ruleIds(await runTactful(['--format', 'json', 'draft.txt'], dir))).toEqual([]);
  });

  it('ignorePatterns skips files, relative to the config, and says so for a file named on the command line', async () => {
    const dir = await project('ignore', {
      '.tactfulrc.yaml': 'ignorePatterns:\n  - "legacy/"\n  - "*.draft.txt"\n',
      'legacy/old.txt': draft,
      'macros/new.txt': draft,
      'macros/wip.draft.txt': draft,
    });
    const run = await runTactful(['--format', 'json', '.'], dir);
    expect((JSON.parse(run.stdout) as Array<{ filePath: string }>).map((r) => r.filePath)).toEqual([join('macros', 'new.txt')]);
    const named = await runTactful(['--format', 'json', 'legacy/old.txt'], dir);
    expect(named.stderr).toBe("tactful: skipped 'legacy/old.txt': ignored by ignorePatterns in .tactfulrc.yaml\n");
    expect(named.code).toBe(0);
  });

  it('runs custom rules inline and from files relative to the config, and lists them with --rules', async () => {
    const dir = await project('custom', {
      '.tactfulrc.yaml': `customRules:\n  - tactful-rules/canned-apology.yml\n  - ${JSON.stringify(NO_KINDLY)}\nrules:\n  no-kindly: warning\n`,
      'tactful-rules/canned-apology.yml': CANNED_APOLOGY_YAML,
      'replies/draft.txt': SORRY_REPLY,
    });
    const run = await runTactful(['--format', 'json', 'replies/draft.txt'], dir);
    expect(jsonMessages(run.stdout).map((m) => `${m.ruleId}:${m.severity}`)).toEqual(
      expect.arrayContaining(['bare-sorry:1', 'canned-apology:1', 'no-kindly:1']),
    );
    const list = await runTactful(['--rules'], dir);
    expect(list.stdout).toMatch(/^canned-apology +warning +A stock apology names nothing that went wrong\.$/m);
    expect(list.stdout).toMatch(/^no-kindly +suggestion /m);
  });

  it('describes a team\'s own rules in a SARIF log from their definitions', async () => {
    const dir = await project('custom-sarif', {
      '.tactfulrc.yaml': 'customRules:\n  - tactful-rules/canned-apology.yml\n',
      'tactful-rules/canned-apology.yml': CANNED_APOLOGY_YAML,
      'draft.txt': 'Hi Ana,\n\nThe parcel is late. We apologize for any inconvenience.\n\nBest,\nSam\n',
    });
    const run = await runTactful(['--format', 'sarif', 'draft.txt'], dir);
    const log = JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown> & { id: string }> } } }> };
    expect(sarifValidator()(log)).toBe(true);
    const described = log.runs[0]!.tool.driver.rules;
    const canned = described.find((rule) => rule.id === 'canned-apology')!;
    // Its summary and rationale, as for a built-in rule, not the message of its first finding.
    expect(canned.shortDescription).toEqual({ text: 'A stock apology names nothing that went wrong.' });
    expect(canned.fullDescription).toEqual({ text: 'Our customers read "we apologize for any inconvenience" as a brush-off.' });
    expect(canned.help).toMatchObject({ text: expect.stringContaining('We apologize for any inconvenience') });
    // No page in tactful's docs.
    expect(canned).not.toHaveProperty('helpUri');
    expect(described.find((rule) => rule.id === 'bare-sorry')).toHaveProperty('helpUri');
  });

  describe('config errors: one line, exit 2', () => {
    async function expectError(files: Record<string, string>, line: string | RegExp, args: string[] = ['draft.txt']): Promise<void> {
      const dir = await project(`error-${Math.random().toString(36).slice(2)}`, { 'draft.txt': draft, ...files });
      const run = await runTactful(args, dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
      if (typeof line === 'string') expect(run.stderr).toBe(`tactful: ${line}\n`);
      else expect(run.stderr.trimEnd()).toMatch(line);
    }

    it('an unknown rule, with the nearest id', () =>
      expectError({ '.tactfulrc.json': '{ "rules": { "bare-sory": "off" } }' }, "unknown rule 'bare-sory' in .tactfulrc.json — did you mean 'bare-sorry'?"));

    it('an unknown key, with the nearest key', () =>
      expectError({ '.tactfulrc.yaml': 'rule:\n  bare-sorry: off\n' }, "unknown key 'rule' in .tactfulrc.yaml — did you mean 'rules'?"));

    it('an unknown preset', () =>
      expectError({ '.tactfulrc.yaml': 'extends: tactful:stricter\n' }, "unknown preset 'tactful:stricter' in .tactfulrc.yaml — did you mean 'tactful:strict'?"));

    it('a severity that does not exist', () =>
      expectError({ '.tactfulrc.json': '{ "rules": { "bare-sorry": "warn" } }' }, `rule 'bare-sorry' in .tactfulrc.json must be off, suggestion, warning or error (got "warn")`));

    it('malformed YAML: file, line and column', () =>
      expectError({ '.tactfulrc.yaml': 'rules:\n  bare-sorry: off\n extra: [\n' }, /^tactful: \.tactfulrc\.yaml:3:\d+: not valid YAML: /));

    it('malformed JSON: file, line and column', () =>
      expectError({ '.tactfulrc.json': '{\n  "rules": {\n    "bare-sorry": "off",\n  }\n}\n' }, `.tactfulrc.json:4:3: not valid JSON: unexpected "}", expected a property name in double quotes`));

    it('JSON that ends too soon', () =>
      expectError({ '.tactfulrc.json': '{ "rules": {' }, '.tactfulrc.json:1:13: not valid JSON: unexpected end of file, expected a property name in double quotes'));

    it('a custom rule file with an invalid regex: the file and the field', () =>
      expectError(
        { '.tactfulrc.yaml': 'customRules: [acme.yml]\n', 'acme.yml': CANNED_APOLOGY_YAML.replace('regex: "', 'regex: "(') },
        /^tactful: acme\.yml: patterns\[0\]\.regex is not a valid regular expression: .*$/,
      ));

    it('an inline custom rule with an invalid regex: the config, the entry and the field', () =>
      expectError(
        { '.tactfulrc.json': JSON.stringify({ customRules: [{ ...NO_KINDLY, trigger: 'kind(ly' }] }) },
        /^tactful: \.tactfulrc\.json customRules\[0\]: trigger is not a valid regular expression: .*$/,
      ));

    it('a custom rule file that is not valid YAML', () =>
      expectError({ '.tactfulrc.yaml': 'customRules: [acme.yml]\n', 'acme.yml': 'id: x\n  bad: [\n' }, /^tactful: acme\.yml:\d+:\d+: not valid YAML: /));

    it('a custom rule file that is missing', () =>
      expectError({ '.tactfulrc.yaml': 'customRules: [missing.yml]\n' }, "cannot read custom rule 'missing.yml' (customRules[0] in .tactfulrc.yaml): no such file"));

    it('a custom rule that takes a built-in id', () =>
      expectError(
        { '.tactfulrc.json': JSON.stringify({ customRules: [{ ...NO_KINDLY, id: 'bare-sorry' }] }) },
        '.tactfulrc.json customRules[0]: id "bare-sorry" is already the id of a built-in rule',
      ));

    it('a --config that does not exist', () => expectError({}, "cannot read config 'nope.json': no such file", ['--config', 'nope.json', 'draft.txt']));

    it('a JavaScript config, which is never run', () =>
      expectError({ 'tactful.config.js': 'process.exit(7)' }, /never JavaScript$/, ['--config', 'tactful.config.js', 'draft.txt']));

    it('an unknown --rule still names the rule', () =>
      expectError({}, "unknown rule 'bare-sory' — did you mean 'bare-sorry'?", ['--rule', 'bare-sory=off', 'draft.txt']));
  });

  it('the README’s example config is valid', async () => {
    const dir = await project('readme', { '.tactfulrc.yaml': README_CONFIG, 'draft.txt': draft });
    const run = await runTactful(['--format', 'json', 'draft.txt'], dir);
    expect(run.stderr).toBe('');
    expect(jsonMessages(run.stdout).map((m) => `${m.ruleId}:${m.severity}`)).toEqual(['bare-sorry:2']);
  });
});

// The README's example custom rule passes its own examples, like every built-in rule.
const README_CONFIG = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readFileSync(new URL('../README.md', import.meta.url), 'utf8'))![1]!;
const readmeLinter = createLinter({ customRules: (parseYaml(README_CONFIG) as { customRules: unknown[] }).customRules });
for (const rule of readmeLinter.rules.filter((r) => r.id === 'canned-apology')) describeRuleExamples(rule, (text) => readmeLinter.lint(text));
