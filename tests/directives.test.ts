// Disable comments (`tactful-disable`, `-enable`, `-disable-line`, `-disable-next-line`) in every
// comment syntax, through the library and through the spawned CLI (`npm run build` first).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter, findDirectives, lintSource, type SourceFinding, type SourceFormat } from '../src/index.js';
import { jsonMessages, runTactful } from './run-cli.js';

// Sentence rules only: the reply-level rules (no-acknowledgement, no-action-plan) are not what these tests are about.
const REPLY_RULES = new Set(['no-acknowledgement', 'no-action-plan']);

/** `line ruleId` of each finding, in order. */
function found(findings: readonly SourceFinding[]): string[] {
  return findings.filter((f) => !REPLY_RULES.has(f.ruleId)).map((f) => `${f.line} ${f.ruleId}`);
}

async function lintLines(lines: readonly string[], format: SourceFormat = 'text', report = false): Promise<string[]> {
  return found(await lintSource(lines.join('\n'), { format, reportUnusedDisableDirectives: report }));
}

const SORRY = 'Sorry for the wait.';
const FURIOUS = 'I am furious about the delay too.';

describe('finding directives', () => {
  it('reads the kind, the rule ids (comma- or space-separated) and the reason in every syntax', () => {
    const source = [
      '<!-- tactful-disable bare-sorry, sympathy -- quoted from the customer -->',
      '{% comment %}tactful-enable bare-sorry{% endcomment %}',
      '{%- comment -%} tactful-disable-line {%- endcomment -%}',
      '{{!-- tactful-disable-next-line shouting sympathy --}}',
      '{{! tactful-disable-next-line bare-sorry }}',
      '# tactful-disable-next-line bare-sorry -- house sign-off',
      '// tactful-disable',
      '  tactful-enable',
    ].join('\n');
    expect(findDirectives(source).map(({ kind, ruleIds, reason, bareLine }) => ({ kind, ruleIds, reason, bareLine }))).toEqual([
      { kind: 'disable', ruleIds: ['bare-sorry', 'sympathy'], reason: 'quoted from the customer', bareLine: false },
      { kind: 'enable', ruleIds: ['bare-sorry'], reason: undefined, bareLine: false },
      { kind: 'disable-line', ruleIds: [], reason: undefined, bareLine: false },
      { kind: 'disable-next-line', ruleIds: ['shouting', 'sympathy'], reason: undefined, bareLine: false },
      { kind: 'disable-next-line', ruleIds: ['bare-sorry'], reason: undefined, bareLine: false },
      { kind: 'disable-next-line', ruleIds: ['bare-sorry'], reason: 'house sign-off', bareLine: true },
      { kind: 'disable', ruleIds: [], reason: undefined, bareLine: true },
      { kind: 'enable', ruleIds: [], reason: undefined, bareLine: true },
    ]);
  });

  it('ignores ordinary comments, look-alike words and directives inside sentences', () => {
    const source = '<!-- note to self -->\ntactful-disabled bare-sorry\nPlease see tactful-disable in the docs.\n{{! greeting }}';
    expect(findDirectives(source)).toEqual([]);
    expect(findDirectives('<!--\ndraft notes:\ntactful-disable\n-->\nHi')).toEqual([]);
  });

  it('reads a directive line inside a multi-line comment once', () => {
    expect(findDirectives('<!--\ntactful-disable bare-sorry\n-->\nHi')).toHaveLength(1);
  });

  it('stays fast on a file full of unclosed comment openings', () => {
    const started = performance.now();
    findDirectives('<!-- {{!-- {% comment %} tactful-'.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('disable comments in plain text', () => {
  it('lints the text as usual when there are none', async () => {
    expect(await lintLines([SORRY, FURIOUS])).toEqual(['1 bare-sorry', '2 sympathy']);
  });

  it('disable-next-line silences the named rule on the next line only', async () => {
    const lines = ['tactful-disable-next-line bare-sorry -- our sign-off', `${SORRY} ${FURIOUS}`, SORRY];
    expect(await lintLines(lines)).toEqual(['2 sympathy', '3 bare-sorry']);
  });

  it('disable-next-line without ids silences every rule on the next line', async () => {
    expect(await lintLines(['# tactful-disable-next-line', `${SORRY} ${FURIOUS}`, SORRY])).toEqual(['3 bare-sorry']);
  });

  it('accepts several ids, comma- or space-separated, behind # or //', async () => {
    expect(await lintLines(['// tactful-disable-next-line bare-sorry, sympathy', `${SORRY} ${FURIOUS}`])).toEqual([]);
    expect(await lintLines(['tactful-disable-next-line bare-sorry sympathy', `${SORRY} ${FURIOUS}`])).toEqual([]);
  });

  it('disable … enable silences a region; enable with an id makes an exception', async () => {
    const lines = [SORRY, 'tactful-disable', SORRY, FURIOUS, 'tactful-enable sympathy', SORRY, FURIOUS, 'tactful-enable', SORRY];
    expect(await lintLines(lines)).toEqual(['1 bare-sorry', '7 sympathy', '9 bare-sorry']);
  });

  it('disable with ids and no enable lasts to the end of the file', async () => {
    expect(await lintLines([SORRY, 'tactful-disable bare-sorry', SORRY, FURIOUS, SORRY])).toEqual(['1 bare-sorry', '4 sympathy']);
  });

  it('does not lint the directive line itself, reason included', async () => {
    // "Sorry for the wait" in the reason would be a bare-sorry finding if the line were linted.
    expect(await lintLines(['tactful-disable-next-line sympathy -- Sorry for the wait', FURIOUS])).toEqual([]);
  });

  it('keeps the lines around a directive line as they would be without it', async () => {
    const without = await lintSource(`Hi Ana,\n\n${SORRY}\n\nBest,\nSam`);
    const withLine = await lintSource(`Hi Ana,\n\n${SORRY}\n\ntactful-disable-next-line sympathy\nBest,\nSam`);
    expect(withLine.map((f) => f.ruleId)).toEqual(without.map((f) => f.ruleId));
  });

  it('hides an HTML comment in plain text from the rules too', async () => {
    expect(await lintLines([`${SORRY} <!-- tactful-disable-line bare-sorry --> ${FURIOUS}`])).toEqual(['1 sympathy']);
  });
});

describe('disable comments in templates, Markdown and HTML', () => {
  it('reads Liquid comments', async () => {
    const lines = ['{% comment %}tactful-disable-next-line bare-sorry -- approved macro{% endcomment %}', SORRY, SORRY];
    expect(await lintLines(lines)).toEqual(['3 bare-sorry']);
  });

  it('reads Handlebars comments, long and short', async () => {
    expect(await lintLines(['{{!-- tactful-disable bare-sorry --}}', SORRY, '{{!-- tactful-enable --}}', SORRY])).toEqual(['4 bare-sorry']);
    expect(await lintLines([`${SORRY} {{! tactful-disable-line }}`, SORRY])).toEqual(['2 bare-sorry']);
  });

  it('reads HTML comments in Markdown', async () => {
    const lines = ['Hi Ana,', '', '<!-- tactful-disable-next-line bare-sorry -->', SORRY, '', SORRY];
    expect(await lintLines(lines, 'markdown')).toEqual(['6 bare-sorry']);
  });

  it('reads HTML comments in HTML, on the same line or the line before', async () => {
    const lines = ['<p>Hi Ana,</p>', `<p>${SORRY} <!-- tactful-disable-line --></p>`, '<!-- tactful-disable-next-line bare-sorry -->', `<p>${SORRY}</p>`, `<p>${SORRY}</p>`];
    expect(await lintLines(lines, 'html')).toEqual(['5 bare-sorry']);
  });
});

describe('problems with directives', () => {
  it('reports nothing about unused directives unless asked', async () => {
    expect(await lintLines(['tactful-disable-next-line sympathy', SORRY])).toEqual(['2 bare-sorry']);
  });

  it('reports unused directives as warnings, naming the rules that reported nothing', async () => {
    const findings = await lintSource(['tactful-disable-next-line bare-sorry, sympathy', SORRY, '<!-- tactful-disable -->'].join('\n'), {
      reportUnusedDisableDirectives: true,
    });
    const unused = findings.filter((f) => f.ruleId === 'unused-disable-directive');
    expect(unused.map((f) => [f.line, f.severity, f.reason])).toEqual([
      [1, 'warning', "unused tactful-disable-next-line directive (no problems were reported from 'sympathy')"],
      [3, 'warning', 'unused tactful-disable directive (no problems were reported)'],
    ]);
    expect(unused[1]!.actual).toBe('<!-- tactful-disable -->');
  });

  it('always reports an unknown rule id, with the nearest one', async () => {
    const findings = await lintSource(`tactful-disable-next-line bare-sory\n${SORRY}`);
    expect(findings.map((f) => [f.line, f.ruleId, f.severity])).toContainEqual([1, 'invalid-disable-directive', 'error']);
    expect(findings.find((f) => f.ruleId === 'invalid-disable-directive')!.reason).toBe(
      "unknown rule 'bare-sory' in tactful-disable-next-line — did you mean 'bare-sorry'?",
    );
    expect(found(findings)).toContain('2 bare-sorry');
  });

  it('says that disable-line on a line of its own silences nothing', async () => {
    const findings = await lintSource(`tactful-disable-line bare-sorry\n${SORRY}`);
    expect(findings.find((f) => f.ruleId === 'invalid-disable-directive')?.reason).toMatch(/use tactful-disable-next-line/);
  });

  it("knows a linter's custom rules", async () => {
    const linter = createLinter({
      customRules: [
        {
          id: 'no-kindly',
          severity: 'warning',
          summary: '"Kindly" reads as curt.',
          rationale: 'House style.',
          source: 'Acme style guide',
          message: 'Drop "kindly".',
          trigger: 'kindly',
          patterns: [{ regex: '\\bkindly\\b' }],
          rewrites: ['please'],
          examples: { flagged: [{ text: '[Kindly] send the receipt.', rewrites: ['Please'] }], clean: ['Please send the receipt.'] },
        },
      ],
    });
    const findings = await linter.lintSource('tactful-disable-next-line no-kindly\nKindly send it.\nKindly send it.');
    expect(found(findings)).toEqual(['3 no-kindly']);
  });
});

describe('disable comments through the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tactful-directives-'));
    await writeFile(join(dir, 'macro.txt'), ['Hi Ana,', '', '# tactful-disable-next-line bare-sorry -- house style', SORRY, SORRY, '', 'tactful-disable-next-line sympathy', 'Best,', 'Sam', ''].join('\n'));
    await writeFile(join(dir, 'clean.txt'), ['Hi Ana,', '', 'tactful-disable-next-line bare-sorry', SORRY, ''].join('\n'));
    await writeFile(join(dir, 'typo.md'), ['<!-- tactful-disable-next-line bare-sory -->', SORRY, ''].join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('silences the finding on the next line and keeps the rest', async () => {
    const run = await runTactful(['--format', 'json', 'macro.txt'], dir);
    expect(jsonMessages(run.stdout).filter((m) => !REPLY_RULES.has(m.ruleId)).map((m) => `${m.line} ${m.ruleId}`)).toEqual(['5 bare-sorry']);
    expect(run.code).toBe(1);
  });

  it('--report-unused-disable-directives adds warnings in json and stylish', async () => {
    const json = await runTactful(['--format', 'json', '--report-unused-disable-directives', 'macro.txt'], dir);
    expect(jsonMessages(json.stdout).filter((m) => m.ruleId === 'unused-disable-directive')).toEqual([
      { ruleId: 'unused-disable-directive', line: 7, severity: 1, message: "unused tactful-disable-next-line directive (no problems were reported from 'sympathy')" },
    ]);
    const stylish = await runTactful(['--report-unused-disable-directives', 'macro.txt'], dir);
    expect(stylish.stdout).toMatch(/7:1 +warning +unused tactful-disable-next-line directive .*unused-disable-directive/);
  });

  it('a used directive reports nothing with --report-unused-disable-directives', async () => {
    const run = await runTactful(['--format', 'json', '--report-unused-disable-directives', 'clean.txt'], dir);
    expect(jsonMessages(run.stdout).filter((m) => !REPLY_RULES.has(m.ruleId))).toEqual([]);
  });

  it('an unknown rule id in a directive is an error with a did-you-mean', async () => {
    const run = await runTactful(['typo.md'], dir);
    expect(run.stdout).toContain("unknown rule 'bare-sory' in tactful-disable-next-line — did you mean 'bare-sorry'?");
    expect(run.code).toBe(1);
  });
});
