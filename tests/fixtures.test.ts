// Whole replies through the real CLI, snapshotted in both formats so any change in what tactful says
// about a realistic draft shows up as a diff. Paths are relative to the repo root, so snapshots hold
// no machine-specific paths. After an intended change, review the diff and run `npx vitest run -u`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTactful, type CliRun } from './run-cli.js';
import { findPlaceholders } from '../src/parse/placeholders.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPLIES = 'fixtures/replies';
const LINTABLE = /\.(?:txt|md|html|eml)$/;
const FIXTURES = readdirSync(join(ROOT, REPLIES))
  .filter((name) => LINTABLE.test(name))
  .sort();

interface JsonMessage {
  ruleId: string;
  level: 'error' | 'warning' | 'suggestion';
  offset: number;
  endOffset: number;
  actual: string;
  suggestions: string[];
}

/** Runs `node bin/tactful.js …args` from the repo root. */
function tactful(args: readonly string[]): Promise<CliRun> {
  return runTactful(args, ROOT);
}

const jsonRuns = new Map<string, ReturnType<typeof tactful>>();

/** The `--format json` run of one fixture; each fixture is run once and shared by the tests below. */
function jsonRun(file: string): ReturnType<typeof tactful> {
  let run = jsonRuns.get(file);
  if (!run) jsonRuns.set(file, (run = tactful(['--no-color', '--format', 'json', `${REPLIES}/${file}`])));
  return run;
}

/** The findings of one fixture, from the JSON output. */
async function findingsOf(file: string): Promise<JsonMessage[]> {
  const run = await jsonRun(file);
  if (run.stderr !== '') throw new Error(`tactful failed on ${file}: ${run.stderr.split('\n')[0]}`);
  return (JSON.parse(run.stdout) as { messages: JsonMessage[] }[])[0]!.messages;
}

/** The text left when every placeholder and all punctuation and space are taken out. */
function withoutPlaceholders(text: string): string {
  let rest = text;
  for (const span of findPlaceholders(text).reverse()) rest = rest.slice(0, span.start) + rest.slice(span.end);
  return rest.replace(/[\s\p{P}]/gu, '');
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` before the fixture tests');
});

describe('the bundled replies', () => {
  it('are at least eight, including the README example', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
    expect(FIXTURES).toContain('refund-delay.txt');
  });

  it('include an e-mail hard-wrapped at 72 columns', () => {
    const lines = readFileSync(join(ROOT, REPLIES, 'account-locked-wrapped-72.txt'), 'utf8').split('\n');
    expect(lines.filter((line) => line.length > 72)).toEqual([]);
    expect(lines.filter((line) => line.length > 60).length).toBeGreaterThanOrEqual(5);
  });

  it('include one with CRLF line endings throughout', () => {
    const text = readFileSync(join(ROOT, REPLIES, 'password-reset-crlf.txt'), 'utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('include macros with Liquid and Help Scout placeholders', () => {
    const zendesk = readFileSync(join(ROOT, REPLIES, 'zendesk-macro-shipping-delay.txt'), 'utf8');
    expect(zendesk).toContain('{{ticket.requester.first_name}}');
    expect(zendesk).toMatch(/\{% if [^%]+%\}[\s\S]*\{% endif %\}/);
    const helpScout = readFileSync(join(ROOT, REPLIES, 'helpscout-double-charge-good.txt'), 'utf8');
    expect(helpScout).toContain('{%customer.firstName,fallback=there%}');
  });
});

describe.concurrent('CLI output for each reply', () => {
  for (const file of FIXTURES) {
    it(file, async ({ expect }) => {
      const path = `${REPLIES}/${file}`;
      const [stylish, json] = await Promise.all([tactful(['--no-color', path]), jsonRun(file)]);
      expect(stylish.stderr).toBe('');
      expect(json.stderr).toBe('');
      const results = JSON.parse(json.stdout) as { filePath: string; messages: JsonMessage[] }[];
      expect(results.map((result) => result.filePath)).toEqual([path]);
      const failing = results[0]!.messages.some((message) => message.level !== 'suggestion');
      expect(stylish.code).toBe(failing ? 1 : 0);
      expect(json.code).toBe(stylish.code);
      expect(stylish.stdout + json.stdout).not.toContain(ROOT);

      await expect(stylish.stdout).toMatchFileSnapshot(`__snapshots__/fixtures/${file}.stylish.txt`);
      await expect(JSON.stringify(results, null, 2) + '\n').toMatchFileSnapshot(`__snapshots__/fixtures/${file}.json`);
    });
  }
});

describe.concurrent('what the replies should show', () => {
  it('refund-delay.txt, the README example, fires several different rules', async ({ expect }) => {
    const rules = new Set((await findingsOf('refund-delay.txt')).map((message) => message.ruleId));
    expect(rules.size).toBeGreaterThanOrEqual(4);
    for (const id of ['bare-sorry', 'reinforcing-agreement', 'sympathy', 'dismissive-question']) expect(rules).toContain(id);
  });

  for (const file of FIXTURES.filter((name) => /-(?:good|clean)\./.test(name))) {
    it(`${file} gives no warnings or errors`, async ({ expect }) => {
      const problems = (await findingsOf(file)).filter((message) => message.level !== 'suggestion');
      expect(problems.map((message) => `${message.ruleId}: ${message.actual}`)).toEqual([]);
    });
  }

  for (const file of FIXTURES.filter((name) => /-bad\./.test(name))) {
    it(`${file} gives at least three warnings`, async ({ expect }) => {
      const problems = (await findingsOf(file)).filter((message) => message.level !== 'suggestion');
      expect(problems.length).toBeGreaterThanOrEqual(3);
    });
  }

  for (const file of FIXTURES) {
    it(`${file}: every finding's actual is the file's text at its offsets, never template syntax`, async ({ expect }) => {
      const text = readFileSync(join(ROOT, REPLIES, file), 'utf8');
      const spans = findPlaceholders(text);
      for (const message of await findingsOf(file)) {
        expect(text.slice(message.offset, message.endOffset)).toBe(message.actual);
        const cut = spans.filter((span) => [message.offset, message.endOffset].some((offset) => offset > span.start && offset < span.end));
        expect(cut).toEqual([]);
        // A finding points at the agent's words, never at template syntax alone.
        expect(withoutPlaceholders(message.actual), `${message.ruleId} flags “${message.actual}”`).not.toBe('');
        expect(message.suggestions.filter((rewrite) => /x{5,}/.test(rewrite))).toEqual([]);
      }
    });
  }

  it('account-locked-wrapped-72.txt: findings across a line break are still found', async ({ expect }) => {
    // "I am just as\nfrustrated as you are" and "Why didn't\nyou use the link…?" are wrapped mid-phrase.
    const findings = await findingsOf('account-locked-wrapped-72.txt');
    expect(findings.map((message) => message.ruleId)).toEqual(expect.arrayContaining(['sympathy', 'dismissive-question', 'reinforcing-agreement']));
    expect(findings.some((message) => message.ruleId === 'sympathy' && message.actual.startsWith('I am just as\nfrustrated'))).toBe(true);
    expect(findings.some((message) => message.ruleId === 'dismissive-question' && message.actual.startsWith("Why didn't\nyou use"))).toBe(true);
  });

  it('zendesk-macro-shipping-delay.txt: text written inline between Liquid tags is still linted', async ({ expect }) => {
    // {% if … %}You're right, the packaging was a mess.{% else %}…
    const findings = await findingsOf('zendesk-macro-shipping-delay.txt');
    expect(findings.some((message) => message.ruleId === 'reinforcing-agreement' && message.actual.startsWith("You're right"))).toBe(true);
  });
});
