// Liquid, Handlebars/Mustache and Help Scout templates: each branch of a conditional is linted as the
// sentence it makes, findings point into that branch of the file, and nothing points into a tag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintSource, type SourceFinding } from '../src/index.js';
import { expandTemplate, MAX_TEMPLATE_VARIANTS } from '../src/parse/template.js';
import { expectOnFlaggedWords } from './format-positions.js';
import { runTactful } from './run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATES = 'fixtures/formats/templates';
const read = (name: string) => readFileSync(join(ROOT, TEMPLATES, name), 'utf8');

async function variants(text: string): Promise<string[]> {
  return (await expandTemplate({ text })).map((unit) => unit.text);
}

/** The offset just after `tag` in `source` (the first occurrence), to say which branch a finding is in. */
function after(source: string, tag: string): number {
  const at = source.indexOf(tag);
  expect(at, tag).toBeGreaterThanOrEqual(0);
  return at + tag.length;
}

function only(findings: SourceFinding[], ruleId: string): SourceFinding {
  const matching = findings.filter((finding) => finding.ruleId === ruleId);
  expect(matching, ruleId).toHaveLength(1);
  return matching[0]!;
}

describe('template variants', () => {
  it('lints each branch of an if/else as the sentence it makes', async () => {
    expect(await variants('Hi {% if name %}{{name}}{% else %}there{% endif %}, sorry.')).toEqual(['Hi {{name}}, sorry.', 'Hi there, sorry.']);
  });

  it('adds the variant without the branch when an if has no else', async () => {
    expect(await variants('Thanks!{% if late %} Sorry for the wait.{% endif %} Bye.')).toEqual(['Thanks! Sorry for the wait. Bye.', 'Thanks! Bye.']);
  });

  it('follows elsif, unless, case/when and for/else', async () => {
    expect(await variants('{% if a %}A.{% elsif b %}B.{% else %}C.{% endif %}')).toEqual(['A.', 'B.', 'C.']);
    expect(await variants('{% unless vip %}Queue.{% endunless %}')).toEqual(['Queue.', '']);
    // Nothing before the first `when` is printed.
    expect(await variants('{% case via %} x {% when "email" %}Mail.{% when "chat" %}Chat.{% else %}Other.{% endcase %}')).toEqual(['Mail.', 'Chat.', 'Other.']);
    expect(await variants('{% for item in items %}Item {{item}}.{% else %}Nothing.{% endfor %}')).toEqual(['Item {{item}}.', 'Nothing.']);
  });

  it('reads Handlebars and Mustache blocks the same way', async () => {
    expect(await variants('Hello {{#if name}}{{name}}{{else if nick}}{{nick}}{{else}}there{{/if}}.')).toEqual(['Hello {{name}}.', 'Hello {{nick}}.', 'Hello there.']);
    expect(await variants('{{^shipped}}Not sent yet.{{/shipped}}{{#each items}}{{this}}{{/each}}')).toEqual(['Not sent yet.{{this}}', '{{this}}']);
    expect(await variants('{{~#unless ok~}}Sorry.{{~/unless~}} Hi {{{sig}}}')).toEqual(['Sorry. Hi {{{sig}}}', ' Hi {{{sig}}}']);
  });

  it('skips comments, assignments and code sections, keeps raw text and value tags', async () => {
    expect(
      await variants('{% comment %}Calm down{% endcomment %}{% assign x = 1 %}{{!-- note }} here --}}{{! short }}{% # inline %}Hi {%customer.firstName,fallback=there%}.{% if a %}!{% endif %}'),
    ).toEqual(['Hi {%customer.firstName,fallback=there%}.!', 'Hi {%customer.firstName,fallback=there%}.']);
    expect(await variants('{% raw %}{{ shown }}{% endraw %} text{% if a %}.{% endif %}')).toEqual(['{{ shown }} text.', '{{ shown }} text']);
  });

  it('lints a capture body on its own, and a block it does not know as its body', async () => {
    expect(await variants('{% capture note %}Sorry.{% endcapture %}{% form "contact" %}Write to us.{% endform %}{% if a %}A{% endif %}')).toEqual([
      'Write to us.A',
      'Write to us.',
      'Sorry.',
    ]);
  });

  it('leaves a template it cannot tokenize or that nests too deep, and one without control tags, as it is', async () => {
    const unclosed = 'Hi {{name}, {% if a %}A{% endif %}';
    expect(await expandTemplate({ text: unclosed })).toEqual([{ text: unclosed }]);
    // An unknown tag that reads to the next `%}` is a value, as liquidjs reads it.
    expect(await variants('Save 20{% off today. {% if a %}A{% endif %}')).toEqual(['Save 20{% off today. {% if a %}A']);
    const deep = `Hi. ${'{% if a %}'.repeat(20_000)}Calm down.${'{% endif %}'.repeat(20_000)}`;
    expect(await expandTemplate({ text: deep })).toEqual([{ text: deep }]);
    const unit = { text: 'Hi {{name}}, sorry.' };
    expect(await expandTemplate(unit)).toEqual([unit]);
  });

  it(`stops at ${MAX_TEMPLATE_VARIANTS} variants and lints the branches left over on their own`, async () => {
    const template = Array.from({ length: 40 }, (_, index) => `{% if c${index} %}A${index}.{% else %}B${index}.{% endif %}`).join(' ');
    const units = await expandTemplate({ text: template });
    expect(units).toHaveLength(MAX_TEMPLATE_VARIANTS + 1);
    const leftover = units.at(-1)!;
    expect(leftover.text).toHaveLength(template.length);
    expect(leftover.text.match(/B\d+\./g)).toEqual(Array.from({ length: 9 }, (_, index) => `B${index + 31}.`));
    // Each leftover branch stands alone between breaks.
    expect(leftover.text).toMatch(/B31\.\n\n\s+B32\./);
  });

  it('maps every character of every variant to the same character of the template', async () => {
    const source = read('order-delay.liquid');
    for (const unit of await expandTemplate({ text: source })) {
      const offsets = unit.sourceOffsets!;
      const ends = unit.sourceEnds!;
      for (let index = 0; index < unit.text.length; index++) {
        expect(source[offsets[index]!]).toBe(unit.text[index]);
        expect(ends[index + 1]).toBe(offsets[index]! + 1);
      }
    }
  });

  it('counts the variants of the fixtures', async () => {
    const counts = Object.fromEntries(
      await Promise.all(['order-delay.liquid', 'refund.hbs'].map(async (name) => [name, (await expandTemplate({ text: read(name) })).length])),
    );
    // order-delay: 1 default + 1 (name) + 2 (priority) + 1 (unless) + 2 (case with no else); refund: 1 + 1 + 2 + 1.
    expect(counts).toEqual({ 'order-delay.liquid': 7, 'refund.hbs': 5 });
  });
});

describe('template findings', () => {
  it('points a finding in one branch into that branch, once, and skips the comment', async () => {
    const source = read('order-delay.liquid');
    const findings = await lintSource(source);
    findings.forEach((finding) => expectOnFlaggedWords(source, finding));

    const sorry = only(findings, 'bare-sorry');
    expect(sorry.place.start.offset).toBe(after(source, '{% elsif ticket.priority == "high" %}'));
    expect(sorry.actual).toBe('Sorry');

    const question = only(findings, 'dismissive-question');
    expect(question.place.start.offset).toBe(after(source, '{% when "chat" %}'));
    expect(question.actual).toBe('Did you even read the FAQ?');

    // "calm down" stands in every variant but one and in the comment: reported once, in the unless branch.
    const tone = only(findings, 'tone-policing');
    expect(tone.place.start.offset).toBe(after(source, '{% unless ticket.tags contains "vip" %}'));
    expect(tone.place.start).toMatchObject({ line: 5, column: 40 });
  });

  it('reports a reply-level finding once per template, however many variants miss it', async () => {
    const findings = await lintSource(read('order-delay.liquid'));
    expect(findings.filter((finding) => finding.ruleId === 'no-action-plan')).toHaveLength(1);
    expect(findings.filter((finding) => finding.ruleId === 'no-acknowledgement')).toHaveLength(1);
  });

  it('reads Handlebars blocks and skips a comment with }} inside', async () => {
    const source = read('refund.hbs');
    const findings = await lintSource(source);
    findings.forEach((finding) => expectOnFlaggedWords(source, finding));
    expect(findings.some((finding) => finding.ruleId === 'tone-policing')).toBe(false);
    expect(only(findings, 'defensive').place.start).toMatchObject({ line: 7, column: 31 });
    expect(only(findings, 'bare-sorry').place.start.offset).toBe(after(source, '{{^order.shipped}}'));
  });

  it('ends a finding on its last word, not past the tag after it', async () => {
    const source = 'Hi there,\n\n{% if late %}Sorry{% endif %} for the wait, calm down.\n';
    const findings = await lintSource(source);
    findings.forEach((finding) => expectOnFlaggedWords(source, finding));
    const sorry = findings.find((finding) => finding.ruleId === 'bare-sorry');
    if (sorry) expect(source.slice(sorry.place.start.offset, sorry.place.end.offset).startsWith('Sorry')).toBe(true);
    const tone = only(findings, 'tone-policing');
    expect(source.slice(tone.place.end.offset - 1, tone.place.end.offset)).toMatch(/[a-z.]/);
  });

  it('keeps Help Scout placeholders opaque', async () => {
    const source = read('helpscout-saved-reply.txt');
    const findings = await lintSource(source);
    findings.forEach((finding) => expectOnFlaggedWords(source, finding));
    expect(only(findings, 'bare-sorry').place.start).toMatchObject({ line: 3, column: 1 });
    expect(findings.every((finding) => !finding.actual.includes('fallback'))).toBe(true);
  });

  it('lints a template with an unclosed tag as text, tags masked', async () => {
    const source = read('unclosed-tag.liquid');
    const findings = await lintSource(source);
    findings.forEach((finding) => expectOnFlaggedWords(source, finding));
    expect(only(findings, 'tone-policing').actual).toBe('Calm down, it is only a sale.');
  });

  it('drops a fix whose words run across a tag', async () => {
    const source = 'HI {% if a %}THERE{% endif %} PLEASE STOP EMAILING US ABOUT THIS.\n';
    for (const finding of await lintSource(source)) {
      if (!finding.fix) continue;
      const [from, to] = finding.fix.range;
      expect(source.slice(from, to)).not.toMatch(/\{%/);
    }
  });

  it('keeps every finding on its words for generated templates', async () => {
    const sentences = ['Sorry.', 'Calm down, it is not our fault.', 'Did you even read the FAQ?', 'Thanks for waiting, {{name}}.', 'We will refund you by Friday.', 'PLEASE STOP EMAILING US.'];
    const sentence = fc.constantFrom(...sentences);
    const block: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
      block: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        sentence,
        fc.tuple(tie('block'), tie('block')).map(([a, b]) => `${a} ${b}`),
        fc.tuple(tie('block'), tie('block')).map(([a, b]) => `{% if x %}${a}{% else %}${b}{% endif %}`),
        tie('block').map((a) => `{{#if y}}${a}{{/if}}\n`),
        tie('block').map((a) => `{% comment %}${a}{% endcomment %}`),
      ),
    })).block;
    await fc.assert(
      fc.asyncProperty(block, async (template) => {
        const source = `Hi {{name}},\n\n${template}\n\nBest,\nSam\n`;
        for (const finding of await lintSource(source)) expectOnFlaggedWords(source, finding);
      }),
      { numRuns: 150 },
    );
  });
});

describe('templates through the CLI', () => {
  it('reports line and column inside the branch, in both formats', async () => {
    const run = await runTactful(['--format', 'json', `${TEMPLATES}/order-delay.liquid`, `${TEMPLATES}/refund.hbs`], ROOT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const [liquid, handlebars] = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(liquid!.messages.find((m) => m.ruleId === 'bare-sorry')).toMatchObject({ line: 4, column: 119 });
    expect(handlebars!.messages.find((m) => m.ruleId === 'bare-sorry')).toMatchObject({ line: 11, column: 19 });
    const stylish = await runTactful(['--no-color', `${TEMPLATES}/order-delay.liquid`], ROOT);
    expect(stylish.stdout).toContain('5:40');
    expect(stylish.stdout).toContain('“Please calm down, it is not our fault.”');
  });
});
