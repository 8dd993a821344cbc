// Each formatter on fixed findings built by hand, so the expected output is exact and does not move
// when a rule changes. The SARIF log is validated against the SARIF 2.1.0 JSON schema that
// @microsoft/jest-sarif ships (schemastore's sarif-2.1.0-rtm.5, the one GitHub code scanning
// documents); JUnit XML is checked for well-formedness by the small XML 1.0 reader at the bottom.
import chalk from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCompact } from '../src/cli/formatters/compact.js';
import { countFindings } from '../src/cli/formatters/counts.js';
import { escapeCommandData, escapeCommandProperty, formatGithub } from '../src/cli/formatters/github.js';
import { FORMATTERS } from '../src/cli/formatters/index.js';
import { formatJson, jsonMessage } from '../src/cli/formatters/json.js';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../src/cli/formatters/junit.js';
import { formatSarif } from '../src/cli/formatters/sarif.js';
import { formatStylish } from '../src/cli/formatters/stylish.js';
import { sarifValidator } from './sarif-schema.js';
import type { FileResult, FormatOptions } from '../src/cli/formatters/types.js';
import { rules, type Finding, type Severity } from '../src/index.js';

const CWD = '/work/repo';

/** A finding at `line:column` spanning `actual` on that line; everything else is a plain default. */
function finding(overrides: Partial<Finding> & { ruleId: string; severity: Severity; line: number; column: number; actual: string }): Finding {
  const offset = (overrides.line - 1) * 40 + overrides.column - 1;
  const start = { line: overrides.line, column: overrides.column, offset };
  const end = { line: overrides.line, column: overrides.column + overrides.actual.length, offset: offset + overrides.actual.length };
  return {
    source: 'tactful',
    reason: 'Make the apology a full sentence that says what went wrong.',
    fatal: overrides.severity === 'error' ? true : overrides.severity === 'warning' ? false : undefined,
    place: { start, end },
    expected: ["I'm sorry for the wait"],
    note: 'A lone "sorry" sounds automatic. (Source: 001.txt.)',
    url: `https://example.test/rules#${overrides.ruleId}`,
    ...overrides,
  };
}

const SORRY = finding({
  ruleId: 'bare-sorry',
  severity: 'warning',
  line: 2,
  column: 1,
  actual: 'Sorry for the wait',
  fix: { range: [40, 45], text: "I'm sorry" },
});
const SHOUTING = finding({
  ruleId: 'shouting',
  severity: 'error',
  line: 3,
  column: 7,
  actual: 'NOT OUR FAULT',
  reason: "Don't raise your voice with capitals or \"!!\".",
  expected: ['not our fault'],
});
const NO_PLAN = finding({
  ruleId: 'no-action-plan',
  severity: 'suggestion',
  line: 2,
  column: 1,
  actual: 'Sorry for the wait.',
  reason: 'Commit to a concrete next step.',
  expected: ["Here's what I'll do: {step}, and I'll update you by {when}."],
  insertAt: 120,
});
/** Text that needs escaping in every format: %, CR/LF, :, ",", XML's five, ]]>, a control character, a lone surrogate. */
const AWKWARD = finding({
  ruleId: 'team-rule',
  severity: 'warning',
  line: 1,
  column: 5,
  actual: 'a <b> & "c" \'d\' ]]> \u000B \uD800',
  reason: '50% off: call us, now\r\nplease',
  expected: ['x & <y>'],
});

const RESULTS: FileResult[] = [
  { filePath: 'replies/late refund.txt', findings: [SORRY, NO_PLAN, SHOUTING] },
  { filePath: 'clean.md', findings: [] },
  { filePath: 'odd/100%: a,b.txt', findings: [AWKWARD] },
  { filePath: '<stdin>', findings: [SORRY] },
];

const OPTIONS: FormatOptions = { why: false, cwd: CWD, version: '9.8.7' };

/** A report's chunks joined: the text a user sees. */
function text(chunks: Iterable<string>): string {
  return [...chunks].join('');
}

describe('the formatter registry', () => {
  it('offers every format the issue lists', () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(expect.arrayContaining(['compact', 'github', 'json', 'junit', 'sarif', 'stylish']));
  });

  it.each(['compact', 'github', 'junit', 'sarif'])('%s gives output that ends with a newline or is empty', (name) => {
    const output = text(FORMATTERS[name]!(RESULTS, OPTIONS));
    expect(output.endsWith('\n')).toBe(true);
    const empty = text(FORMATTERS[name]!([], OPTIONS));
    expect(empty === '' || empty.endsWith('\n')).toBe(true);
  });
});

/** One file with `count` findings, as a long helpdesk export gives, and a clean file after it. */
function manyFindings(count: number): FileResult[] {
  const findings = Array.from({ length: count }, (_, index) => finding({ ruleId: 'bare-sorry', severity: index % 3 === 0 ? 'error' : 'warning', line: index + 1, column: 1, actual: 'Sorry for the wait' }));
  return [{ filePath: 'export.csv', findings }, { filePath: 'clean.md', findings: [] }];
}

describe('streaming', () => {
  const many = manyFindings(300);

  it.each(Object.keys(FORMATTERS))('%s yields the report a finding at a time, not as one string', (name) => {
    const chunks = [...FORMATTERS[name]!(many, OPTIONS)];
    expect(chunks.length).toBeGreaterThanOrEqual(300);
    // The framing at either end (SARIF's rule descriptors, the summary) may be long; what lies between
    // is a finding's worth each, so memory does not grow with the report.
    const report = chunks.join('');
    const longest = Math.max(...chunks.slice(1, -1).map((chunk) => chunk.length));
    expect(longest).toBeLessThan(report.length / 100);
  });

  it.each(Object.keys(FORMATTERS))('%s formats a finding only when its chunk is asked for', (name) => {
    const late = finding({ ruleId: 'bare-sorry', severity: 'warning', line: 9, column: 1, actual: 'Sorry' });
    Object.defineProperty(late, 'reason', {
      get: () => {
        throw new Error('formatted too early');
      },
    });
    const results: FileResult[] = [{ filePath: 'a.txt', findings: [SORRY] }, { filePath: 'b.txt', findings: [late] }];
    const chunks = FORMATTERS[name]!(results, OPTIONS)[Symbol.iterator]();
    let seen = '';
    while (!seen.includes(SORRY.reason)) seen += chunks.next().value as string;
    expect(() => [...{ [Symbol.iterator]: () => chunks }]).toThrow('formatted too early');
  });

  it('json is byte for byte what JSON.stringify gives for the whole array, as before it streamed', () => {
    for (const results of [RESULTS, many, [], [{ filePath: 'clean "quoted".md', findings: [] }]]) {
      const whole = results.map((result) => {
        const counts = countFindings([result]);
        return {
          filePath: result.filePath,
          messages: result.findings.map(jsonMessage),
          errorCount: counts.errors,
          warningCount: counts.warnings,
          suggestionCount: counts.suggestions,
          fixableErrorCount: counts.fixableErrors,
          fixableWarningCount: counts.fixableWarnings,
        };
      });
      expect(text(formatJson(results, OPTIONS))).toBe(`${JSON.stringify(whole)}\n`);
    }
  });

  it('sarif is byte for byte what JSON.stringify(log, null, 2) gives, with and without results', () => {
    for (const results of [RESULTS, many, [], [{ filePath: 'clean.md', findings: [] }]]) {
      const report = text(formatSarif(results, OPTIONS));
      expect(report).toBe(`${JSON.stringify(JSON.parse(report), null, 2)}\n`);
    }
    expect(text(formatSarif([], OPTIONS))).toContain('"results": []\n    }\n  ]\n}\n');
  });
});

describe('stylish', () => {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 0;
  });
  afterAll(() => {
    chalk.level = level;
  });

  it('prints a block per file with findings, then the summary counted over all of them', () => {
    expect(text(formatStylish(RESULTS, OPTIONS))).toBe(
      [
        'replies/late refund.txt',
        '  2:1  warning    Make the apology a full sentence that says what went wrong.  bare-sorry',
        "       “Sorry for the wait” → “I'm sorry for the wait”",
        '  2:1  suggestion Commit to a concrete next step.  no-action-plan',
        "       add at the end of the reply: “Here's what I'll do: {step}, and I'll update you by {when}.”",
        '  3:7  error      Don\'t raise your voice with capitals or "!!".  shouting',
        '       “NOT OUR FAULT” → “not our fault”',
        '',
        'odd/100%: a,b.txt',
        '  1:5  warning    50% off: call us, now\r\nplease  team-rule',
        `       “${AWKWARD.actual.replace(/\s+/g, ' ')}” → “x & <y>”`,
        '',
        '<stdin>',
        '  2:1  warning    Make the apology a full sentence that says what went wrong.  bare-sorry',
        "       “Sorry for the wait” → “I'm sorry for the wait”",
        '',
        '✖ 4 problems (1 error, 3 warnings), 1 suggestion',
        '  2 problems can be fixed safely with --fix (it applies the first rewrite).',
        '',
      ].join('\n'),
    );
  });

  it('pads positions to the widest in the file, and prints nothing at all for clean files', () => {
    const lines = text(formatStylish(manyFindings(10), OPTIONS)).split('\n');
    expect(lines[1]).toMatch(/^ {2}1:1 {3}error {6}/);
    expect(lines[19]).toMatch(/^ {2}10:1 {2}error {6}/);
    expect(text(formatStylish([{ filePath: 'clean.md', findings: [] }], OPTIONS))).toBe('');
  });
});

describe('compact', () => {
  it('prints file:line:col: severity message [rule], one finding per line', () => {
    expect(text(formatCompact(RESULTS, OPTIONS))).toBe(
      [
        'replies/late refund.txt:2:1: warning Make the apology a full sentence that says what went wrong. [bare-sorry]',
        'replies/late refund.txt:2:1: suggestion Commit to a concrete next step. [no-action-plan]',
        'replies/late refund.txt:3:7: error Don\'t raise your voice with capitals or "!!". [shouting]',
        'odd/100%: a,b.txt:1:5: warning 50% off: call us, now please [team-rule]',
        '<stdin>:2:1: warning Make the apology a full sentence that says what went wrong. [bare-sorry]',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for clean files', () => {
    expect(text(formatCompact([{ filePath: 'clean.md', findings: [] }], OPTIONS))).toBe('');
  });
});

describe('github', () => {
  const lines = text(formatGithub(RESULTS, OPTIONS)).trimEnd().split('\n');

  it('prints one workflow command per finding: error, warning, or notice for a suggestion', () => {
    expect(lines).toHaveLength(5);
    expect(lines.map((line) => /^::(\w+) /.exec(line)?.[1])).toEqual(['warning', 'notice', 'error', 'warning', 'warning']);
  });

  it('gives file, line, col, endLine, endColumn and title, then the message and the rewrites', () => {
    expect(lines[0]).toBe(
      "::warning file=replies/late refund.txt,line=2,col=1,endLine=2,endColumn=19,title=bare-sorry (tactful)::Make the apology a full sentence that says what went wrong.%0ATry: “I'm sorry for the wait”",
    );
    expect(lines[1]).toContain("::Commit to a concrete next step.%0AAdd: “Here's what I'll do: {step}, and I'll update you by {when}.”");
  });

  it("escapes %, CR and LF in the message, and also : and , in properties, as GitHub's toolkit does", () => {
    expect(lines[3]).toBe(
      '::warning file=odd/100%25%3A a%2Cb.txt,line=1,col=5,endLine=1,endColumn=' +
        `${5 + AWKWARD.actual.length},title=team-rule (tactful)::50%25 off: call us, now%0D%0Aplease%0ATry: “x & <y>”`,
    );
    expect(escapeCommandData('100% a:b,c\r\n')).toBe('100%25 a:b,c%0D%0A');
    expect(escapeCommandProperty('100% a:b,c\r\n')).toBe('100%25 a%3Ab%2Cc%0D%0A');
  });

  it('makes paths relative to the working directory with forward slashes, and names no file for stdin', () => {
    const absolute = text(formatGithub([{ filePath: `${CWD}/macros/x.txt`, findings: [SORRY] }], OPTIONS));
    expect(absolute).toMatch(/^::warning file=macros\/x\.txt,line=2,/);
    const outside = text(formatGithub([{ filePath: '/elsewhere/y.txt', findings: [SORRY] }], OPTIONS));
    expect(outside).toMatch(/^::warning file=\.\.\/\.\.\/elsewhere\/y\.txt,/);
    expect(lines[4]).toMatch(/^::warning line=2,col=1,endLine=2,endColumn=19,title=bare-sorry \(tactful\)::/);
  });

  it('never lets a message end the command early: each command is one physical line', () => {
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [^:\r\n]*::[^\r\n]*$/);
  });
});

describe('junit', () => {
  const xml = text(formatJunit(RESULTS, OPTIONS));
  const root = parseXml(xml);

  it('is well-formed XML 1.0 with a testsuites root', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ name: 'tactful', tests: '6', failures: '4', errors: '0' });
  });

  it('has one testsuite per file and one testcase per finding; a clean file passes one testcase', () => {
    const suites = root.children;
    expect(suites.map((suite) => suite.attributes.name)).toEqual(['replies/late refund.txt', 'clean.md', 'odd/100%: a,b.txt', '<stdin>']);
    expect(suites.map((suite) => suite.children.length)).toEqual([3, 1, 1, 1]);
    expect(suites.map((suite) => suite.attributes.failures)).toEqual(['2', '0', '1', '1']);
    expect(suites[1]!.children[0]!.children).toEqual([]);
    expect(suites[0]!.children.map((testcase) => testcase.attributes.name)).toEqual(['bare-sorry at 2:1', 'no-action-plan at 2:1', 'shouting at 3:7']);
  });

  it('marks warnings and errors as failures and keeps a suggestion as a passing testcase', () => {
    const [sorry, plan, shouting] = root.children[0]!.children;
    expect(sorry!.children[0]).toMatchObject({ name: 'failure', attributes: { type: 'warning', message: SORRY.reason } });
    expect(shouting!.children[0]).toMatchObject({ name: 'failure', attributes: { type: 'error', message: SHOUTING.reason } });
    expect(plan!.children[0]!.name).toBe('system-out');
    expect(sorry!.children[0]!.text).toContain("Try: “I'm sorry for the wait”");
  });

  it('escapes markup in text and attributes so it reads back exactly, and replaces characters XML forbids', () => {
    const failure = root.children[2]!.children[0]!.children[0]!;
    expect(failure.attributes.message).toBe('50% off: call us, now\r\nplease');
    expect(failure.text).toContain('Flagged: “a <b> & "c" \'d\' ]]> \uFFFD \uFFFD”');
    expect(escapeXmlText('a<b>&]]>')).toBe('a&lt;b&gt;&amp;]]&gt;');
    expect(escapeXmlAttribute('"\'\t\n\r')).toBe('&quot;&apos;&#9;&#10;&#13;');
    expect(escapeXmlText('\u0000\u0008\u001F\uDC00 ok \uD83D\uDE00')).toBe('\uFFFD\uFFFD\uFFFD\uFFFD ok \uD83D\uDE00');
  });

  it('is still well-formed with no files at all', () => {
    expect(parseXml(text(formatJunit([], OPTIONS))).attributes).toMatchObject({ tests: '0', failures: '0' });
  });
});

describe('sarif', () => {
  const validate = sarifValidator();
  const log = JSON.parse(text(formatSarif(RESULTS, OPTIONS))) as SarifLog;
  const run = log.runs[0]!;

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('is valid with no results, and for stdin only', () => {
    expect(validate(JSON.parse(text(formatSarif([], OPTIONS))))).toBe(true);
    expect(validate(JSON.parse(text(formatSarif([{ filePath: '<stdin>', findings: [SORRY, NO_PLAN] }], OPTIONS))))).toBe(true);
  });

  it("stays valid for a team's rule whose findings carry no docs link or note", () => {
    const bare = { ...AWKWARD, ruleId: 'bare-team-rule', url: '', note: '' };
    const bareLog = JSON.parse(text(formatSarif([{ filePath: 'a.txt', findings: [bare] }], OPTIONS))) as SarifLog;
    expect(validate(bareLog), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(bareLog.runs[0]!.tool.driver.rules.at(-1)).toEqual({
      id: 'bare-team-rule',
      shortDescription: { text: AWKWARD.reason },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('the validator is not a rubber stamp: it rejects a broken log', () => {
    const broken = structuredClone(log);
    (broken.runs[0]!.results[0] as { level: string }).level = 'suggestion';
    expect(validate(broken)).toBe(false);
    const noDriverName = structuredClone(log);
    delete (noDriverName.runs[0]!.tool.driver as { name?: string }).name;
    expect(validate(noDriverName)).toBe(false);
  });

  it('describes the tool and every built-in rule with its help', () => {
    const { driver } = run.tool;
    expect(driver).toMatchObject({ name: 'tactful', version: '9.8.7', informationUri: 'https://github.com/tactful-lint/tactful' });
    expect(driver.rules.slice(0, rules.length).map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const rule of rules) {
      const descriptor = driver.rules.find((candidate) => candidate.id === rule.id)!;
      expect(descriptor.shortDescription.text).toBe(rule.summary);
      expect(descriptor.fullDescription.text).toBe(rule.rationale);
      expect(descriptor.helpUri).toBe(`https://github.com/tactful-lint/tactful/blob/main/rules/README.md#${rule.id}`);
      expect(descriptor.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', suggestion: 'note' }[rule.severity]);
      expect(descriptor.help.text).toContain(rule.rationale);
      expect(descriptor.help.text).toContain(rule.source[0]);
      expect(descriptor.help.markdown).toContain(`**Source:** \`${rule.source[0]}\``);
    }
    const sorry = driver.rules.find((candidate) => candidate.id === 'bare-sorry')!;
    expect(sorry.help.markdown).toContain('“**Sorry for the wait**, Ana.” → “I\'m sorry for the wait”');
    const plan = driver.rules.find((candidate) => candidate.id === 'no-action-plan')!;
    expect(plan.help.markdown).toContain('**Add a line such as:**');
  });

  it("gives a rule the list does not know (a team's own) a descriptor, so ruleIndex always points at its rule", () => {
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(run.tool.driver.rules.at(-1)).toMatchObject({ id: 'team-rule', helpUri: 'https://example.test/rules#team-rule' });
  });

  it('maps severities to levels and locates each result by a relative URI and a region', () => {
    expect(run.results.map((result) => result.level)).toEqual(['warning', 'note', 'error', 'warning', 'warning']);
    const [sorry] = run.results;
    expect(sorry!.message.text).toBe("Make the apology a full sentence that says what went wrong. Try: “I'm sorry for the wait”");
    expect(sorry!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'replies/late%20refund.txt', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 19, snippet: { text: 'Sorry for the wait' } },
    });
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///work/repo/');
    expect(run.results[3]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('odd/100%25%3A%20a%2Cb.txt');
    expect(run.results[4]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'stdin', description: { text: 'standard input' } });
  });

  it('uses forward slashes relative to the working directory, for absolute paths too', () => {
    const nested = JSON.parse(text(formatSarif([{ filePath: `${CWD}/macros/billing/late.md`, findings: [SORRY] }], OPTIONS))) as SarifLog;
    expect(nested.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('macros/billing/late.md');
  });

  it('carries a safe fix as a SARIF fix and every rewrite as properties.suggestions', () => {
    const [sorry, plan, shouting] = run.results;
    expect(sorry!.fixes).toEqual([
      expect.objectContaining({
        artifactChanges: [
          {
            artifactLocation: { uri: 'replies/late%20refund.txt', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 6 }, insertedContent: { text: "I'm sorry" } }],
          },
        ],
      }),
    ]);
    expect(shouting!.fixes).toBeUndefined();
    expect(shouting!.properties).toMatchObject({ severity: 'error', suggestions: ['not our fault'] });
    expect(plan!.properties).toMatchObject({ severity: 'suggestion', insertAt: 120 });
  });
});

// --- SARIF schema --------------------------------------------------------------------------------

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: object } }[];
  fixes?: unknown[];
  properties: Record<string, unknown>;
}


// --- A small XML 1.0 reader: enough to prove well-formedness and read the report back ------------

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_][\\w.-]*';
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes entity and character references; throws on a bare `&` or an unknown entity. */
function decode(raw: string, where: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bare & in ${where}: ${raw}`);
  return raw.replace(ENTITY, (_, named: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (named) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named]!;
    return String.fromCodePoint(decimal ? Number(decimal) : Number.parseInt(hex!, 16));
  });
}

/**
 * Parses `xml` strictly: a declaration, one root element, matching tags, quoted attributes without
 * `<` or duplicates, no `<` or `]]>` in text, only the five named entities, no character XML forbids.
 * Attribute values are normalised as the spec says (literal tabs and line breaks become spaces).
 */
function parseXml(xml: string): XmlElement {
  if (FORBIDDEN_CHARACTER.test(xml)) throw new Error('a character XML 1.0 forbids');
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) throw new Error('no XML declaration');
  const token = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>|([^<]+)`, 'y');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  token.lastIndex = declaration[0].length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`malformed markup at ${at}: ${xml.slice(at, at + 40)}`);
    const [, closing, name, rawAttributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (text.includes(']]>')) throw new Error(`]]> in text at ${at}`);
      const decoded = decode(text, `text at ${at}`);
      if (stack.length === 0) {
        if (decoded.trim() !== '') throw new Error(`text outside the root at ${at}`);
      } else stack.at(-1)!.text += decoded;
      continue;
    }
    if (closing) {
      if (rawAttributes || selfClosing) throw new Error(`malformed end tag at ${at}`);
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}> at ${at}`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of rawAttributes!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
      if (key! in attributes) throw new Error(`duplicate attribute ${key} at ${at}`);
      attributes[key!] = decode(value!.replace(/[\t\n\r]/g, ' '), `attribute ${key}`);
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) throw new Error(`a second root element at ${at}`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  return root;
}

describe('the XML reader used above', () => {
  it.each([
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a></b>', /closes/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" x="2"/>', /duplicate/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>1 < 2</a>', /malformed/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>R&D</a>', /bare &/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>]]></a>', /]]>/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a/><b/>', /second root/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>\u0001</a>', /forbids/],
    ['<a/>', /declaration/],
  ])('rejects %j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });
});
