// `tactful score` and `--context`, as a user runs them: the real CLI from dist/ in a child process
// (`npm run build` first). Files the tests create live in a fresh directory under os.tmpdir().
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTIVE_MACRO_MARKDOWN, DIRECTIVE_MACRO_TEXT, flagged, lintedFindings } from './directive-macros.js';
import { MODEM_REPLY_EMAIL } from './modem-email.js';
import { runTactful, type CliRun } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Run = CliRun;

function tactful(args: readonly string[], input = ''): Promise<Run> {
  return runTactful(args, ROOT, input);
}

interface JsonCard {
  filePath: string;
  score: number;
  concern?: string;
  steps: Array<{ step: string; met: boolean; points: number; evidence?: { sentence: string; ruleId?: string } }>;
  findings: Array<{ ruleId: string; expected: string[]; actual: string; line: number; column: number }>;
}

let dir: string;
const BAD = 'Hi Dan,\n\nSorry. Could you explain the problem again? Did you plug it in?\n\nOllie\n';
const GOOD =
  "Hi Dan,\n\nI'm sorry your modem has been dead since Tuesday. Let's get it fixed together: I've booked an engineer for " +
  "tomorrow and I'll call you at 9.\n\nOllie\n";
const CONTEXT = 'My modem has been dead since Tuesday!!\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tactful-score-'));
  await writeFile(join(dir, 'bad.txt'), BAD);
  await writeFile(join(dir, 'good.txt'), GOOD);
  await writeFile(join(dir, 'customer.txt'), CONTEXT);
  await writeFile(join(dir, 'reply.eml'), MODEM_REPLY_EMAIL);
  await writeFile(join(dir, 'directives.txt'), DIRECTIVE_MACRO_TEXT);
  await writeFile(join(dir, 'directives.md'), DIRECTIVE_MACRO_MARKDOWN);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tactful score', () => {
  it('prints a readable card for each reply', async () => {
    const run = await tactful(['score', join(dir, 'bad.txt'), join(dir, 'good.txt')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Only "calm" is met: nothing shouts.
    expect(run.stdout).toContain(`${join(dir, 'bad.txt')}  15/100`);
    expect(run.stdout).toMatch(/✖ listen\s+0\/10\s+asks the customer to repeat what they said \(asks-to-repeat\)\n\s+“Could you explain the problem again\?”/);
    expect(run.stdout).toMatch(/✔ plan\s+20\/20\s+commits to a next step/);
    expect(run.stdout).toContain('2 replies, average score');
  });

  it('prints JSON with --format json', async () => {
    const run = await tactful(['score', '--format', 'json', join(dir, 'good.txt')]);
    expect(run.code).toBe(0);
    const cards = JSON.parse(run.stdout) as JsonCard[];
    expect(cards).toHaveLength(1);
    expect(cards[0]!.filePath).toBe(join(dir, 'good.txt'));
    expect(cards[0]!.steps.map((step) => step.step)).toEqual(['listen', 'validate', 'cooperate', 'affirm', 'plan', 'calm']);
    expect(cards[0]!.score).toBe(cards[0]!.steps.reduce((sum, step) => sum + step.points, 0));
  });

  it('fails the run below --min-score, and only then', async () => {
    const failing = await tactful(['score', '--min-score', '60', join(dir, 'bad.txt'), join(dir, 'good.txt')]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('below 60');
    expect(failing.stdout).toContain('1 below 60');
    expect((await tactful(['score', '--min-score', '0', join(dir, 'bad.txt')])).code).toBe(0);
  });

  it('rejects a --min-score that is no score, in one line', async () => {
    const run = await tactful(['score', '--min-score', 'high', join(dir, 'good.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tactful: --min-score expects a whole number from 0 to 100 (got 'high')\n");
  });

  it("reads the customer's message with --context, from a file or standard input", async () => {
    const fromFile = JSON.parse((await tactful(['score', '-f', 'json', '--context', join(dir, 'customer.txt'), join(dir, 'good.txt')])).stdout) as JsonCard[];
    expect(fromFile[0]!.concern).toBe('your modem has been dead since Tuesday');
    expect(fromFile[0]!.steps.find((step) => step.step === 'affirm')?.met).toBe(true);
    const fromStdin = JSON.parse((await tactful(['score', '-f', 'json', '--context', '-', join(dir, 'good.txt')], CONTEXT)).stdout) as JsonCard[];
    expect(fromStdin[0]!.concern).toBe('your modem has been dead since Tuesday');
  });

  it("takes an e-mail's quoted message as the context", async () => {
    const cards = JSON.parse((await tactful(['score', '-f', 'json', join(dir, 'reply.eml')])).stdout) as JsonCard[];
    expect(cards[0]!.concern).toBe('your modem has been dead since Tuesday');
    expect(cards[0]!.findings.find((finding) => finding.ruleId === 'bare-sorry')?.expected[0]).toBe("I'm sorry that your modem has been dead since Tuesday");
  });

  it('says in one line when a file cannot be read (exit 2)', async () => {
    const run = await tactful(['score', join(dir, 'missing.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tactful: cannot read '${join(dir, 'missing.txt')}': no such file\n`);
  });
});

describe('tactful score and disable comments', () => {
  async function scoreJson(file: string): Promise<JsonCard> {
    const run = await tactful(['score', '--format', 'json', join(dir, file)]);
    expect(run.stderr).toBe('');
    const cards = JSON.parse(run.stdout) as JsonCard[];
    expect(cards).toHaveLength(1);
    return cards[0]!;
  }
  const listen = (card: JsonCard) => card.steps.find((step) => step.step === 'listen')!;

  it('keeps on the card exactly the findings lint keeps, in plain text', async () => {
    const linted = lintedFindings((await tactful(['--format', 'json', join(dir, 'directives.txt')])).stdout);
    const card = await scoreJson('directives.txt');
    const at = (findings: ReadonlyArray<{ ruleId: string; line: number; column: number }>) => findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`).sort();
    expect(at(card.findings)).toEqual(at(linted));
    expect(flagged(card.findings)).toEqual(flagged(linted));
    // The directives silenced the question and the first shouting, nothing else.
    expect(flagged(card.findings)).toEqual(expect.arrayContaining(['bare-sorry “Sorry”', 'shouting “!!”', "tone-policing “Calm down, it's just a jug!!”"]));
    expect(card.findings.map((finding) => finding.ruleId)).not.toContain('asks-to-repeat');
    expect(card.findings.filter((finding) => finding.ruleId === 'shouting').map((finding) => finding.line)).toEqual([8]);
    expect(listen(card)).toEqual({ step: 'listen', met: true, points: 10 });
  });

  it('keeps on the card exactly the findings lint keeps, in Markdown', async () => {
    const linted = lintedFindings((await tactful(['--format', 'json', join(dir, 'directives.md')])).stdout);
    const card = await scoreJson('directives.md');
    expect(flagged(card.findings)).toEqual(flagged(linted));
    // Lines and columns are the file's, as lint gives them, not the reply's (the heading is not part of it).
    const at = (findings: ReadonlyArray<{ ruleId: string; line: number; column: number }>) => findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`).sort();
    expect(at(card.findings)).toEqual(at(linted));
    expect(card.findings.map((finding) => finding.ruleId)).not.toContain('asks-to-repeat');
    expect(listen(card).met).toBe(true);
    // The same reply scores the same whichever way its comments are written.
    expect(card.score).toBe((await scoreJson('directives.txt')).score);
  });

  it('prints the card without the directive line as a sentence', async () => {
    const run = await tactful(['score', join(dir, 'directives.txt')]);
    expect(run.stdout).toMatch(/✔ listen\s+10\/10/);
    expect(run.stdout).not.toContain('tactful-disable');
  });
});

describe('tactful --context', () => {
  it("fills the lint command's rewrites with the customer's concern", async () => {
    const run = await tactful(['--context', join(dir, 'customer.txt'), join(dir, 'bad.txt')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('“I\'m sorry that your modem has been dead since Tuesday”');
    expect(run.stdout).toContain('“Let me just confirm, you mentioned that your modem has been dead since Tuesday.”');
  });

  it('keeps the slot visible without a context', async () => {
    const run = await tactful([join(dir, 'bad.txt')]);
    expect(run.stdout).toContain('“I\'m sorry that {what went wrong}”');
  });

  it('needs the reply as a file when the context comes from standard input', async () => {
    const run = await tactful(['--context', '-'], BAD);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("tactful: --context - reads the customer's message from standard input, so give the reply as a file\n");
    const score = await tactful(['score', '--context', '-', '-'], BAD);
    expect(score.code).toBe(2);
  });

  it('says in one line when the context file cannot be read', async () => {
    const run = await tactful(['--context', join(dir, 'nope.txt'), join(dir, 'bad.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tactful: --context: cannot read '${join(dir, 'nope.txt')}': no such file\n`);
  });
});
