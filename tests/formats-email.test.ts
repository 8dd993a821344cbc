// E-mail (.eml): MIME parsed with postal-mime, only what the agent wrote is linted (no quoted
// history, no signature), the customer's quote is the unit's context, and every finding points at
// its words in the .eml file itself. Fixtures: fixtures/formats/email/.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSource, type SourceFinding } from '../src/index.js';
import { FORMATS, SourceFormatError, formatForName } from '../src/parse/formats/index.js';
import { separateQuotedHistory } from '../src/parse/formats/email-quotes.js';
import { decodeHtmlSlice, expectOnFlaggedWords, type Decode } from './format-positions.js';
import { runTactful } from './run-cli.js';

const DIR = 'fixtures/formats/email';
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const lintEmail = (source: string) => lintSource(source, { format: 'email' });
const extract = async (source: string) => FORMATS.get('email')!.extract(source);
const ids = (findings: readonly SourceFinding[]) => findings.map((finding) => finding.ruleId);

/** Quoted-printable as text: soft line breaks dropped, `=XX` escapes decoded as UTF-8 bytes. */
const decodeQuotedPrintable: Decode = (slice) => {
  const bytes: number[] = [];
  const text = slice.replace(/=\r?\n/g, '');
  for (let index = 0; index < text.length; index += 1) {
    const escape = /^=([0-9A-F]{2})/i.exec(text.slice(index));
    if (escape) {
      bytes.push(Number.parseInt(escape[1]!, 16));
      index += 2;
    } else {
      bytes.push(...new TextEncoder().encode(text[index]!));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
};

/** Same, in windows-1252 (what mail readers use for ISO-8859-1). */
const decodeLatin1QuotedPrintable: Decode = (slice) =>
  slice
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => new TextDecoder('windows-1252').decode(new Uint8Array([Number.parseInt(hex, 16)]), { stream: true }));

describe('plain-text replies', () => {
  it('points every finding at its words in the .eml, line and column included', async () => {
    const source = read('gmail-reply.eml');
    const findings = await lintEmail(source);
    expect(ids(findings)).toEqual(expect.arrayContaining(['tone-policing', 'defensive']));
    for (const finding of findings) {
      expectOnFlaggedWords(source, finding);
      expect(source.slice(finding.place.start.offset, finding.place.end.offset)).toBe(finding.actual);
    }
    const tone = findings.find((finding) => finding.ruleId === 'tone-policing')!;
    expect([tone.line, tone.column]).toEqual([13, 1]);
    expect(tone.actual).toBe('Please calm down, we are looking into your order.');
  });

  it("never flags the customer's quoted message and keeps it as the unit's context", async () => {
    const source = read('gmail-reply.eml');
    const quoteStart = source.indexOf('On Mon, 3 Jun');
    const findings = await lintEmail(source);
    expect(findings.every((finding) => finding.place.end.offset <= quoteStart)).toBe(true);
    const [unit] = await extract(source);
    expect(unit!.context).toContain('I agree with your colleague');
    expect(unit!.context).toContain('Calm down,\nhe told me.');
    expect(unit!.context).not.toMatch(/^>/m);
    // The sign-off, name and company under it are not linted either.
    expect(unit!.text).not.toMatch(/Best regards|Jane Doe|ACME Support/);
  });

  it('lints the agent between the quotes of an interleaved reply, and not the signature after "-- "', async () => {
    const source = read('interleaved.eml');
    const findings = await lintEmail(source);
    for (const finding of findings) expectOnFlaggedWords(source, finding);
    const flagged = findings.filter((finding) => finding.insertAt === undefined).map((finding) => finding.actual);
    expect(flagged).toEqual(['Did you turn the power on before logging in?', 'Your complaint has been noted']);
    const [unit] = await extract(source);
    expect(unit!.context).toContain('Calm down is not an answer.');
    expect(unit!.text).not.toContain('Please calm down and read our FAQ');
    expect(unit!.text).not.toContain('wrote:');
  });

  it('reads CRLF files and cuts the Outlook "From: … Sent: …" history, which has no quote marks', async () => {
    const source = read('outlook-crlf.eml');
    const findings = await lintEmail(source);
    for (const finding of findings) expectOnFlaggedWords(source, finding);
    const historyStart = source.indexOf('________');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.place.end.offset < historyStart)).toBe(true);
    expect(findings.find((finding) => finding.ruleId === 'tone-policing')).toMatchObject({ line: 9, column: 41, actual: 'Please calm down.' });
    const [unit] = await extract(source);
    expect(unit!.context).toContain('I agree the app is useless.');
  });
});

describe('encoded bodies', () => {
  it('maps quoted-printable text back to its escapes and soft line breaks', async () => {
    const source = read('multipart-qp.eml');
    const findings = await lintEmail(source);
    expect(ids(findings)).toEqual(expect.arrayContaining(['minimizing', 'tone-policing', 'shouting']));
    for (const finding of findings) expectOnFlaggedWords(source, finding, decodeQuotedPrintable);
    const tone = findings.find((finding) => finding.ruleId === 'tone-policing')!;
    // "calm d=\nown" is one word on two lines of the file.
    expect(source.slice(tone.place.start.offset, tone.place.end.offset)).toBe('Please calm d=\nown, we will NOT lose it.');
    expect(tone.place.end.line).toBe(tone.place.start.line + 1);
  });

  it('lints only the text/plain alternative, not the same words again in text/html', async () => {
    const source = read('multipart-qp.eml');
    const findings = await lintEmail(source);
    const htmlPart = source.indexOf('Content-Type: text/html');
    expect(findings.every((finding) => finding.place.start.offset < htmlPart)).toBe(true);
    const [unit] = await extract(source);
    expect(unit!.context).toContain('I agree, you are useless. Calm down? I won’t.');
  });

  it('decodes charsets: ISO-8859-1 is read as windows-1252, as mail readers do', async () => {
    const source = read('latin1-qp.eml');
    const findings = await lintEmail(source);
    const framing = findings.find((finding) => finding.ruleId === 'negative-framing')!;
    expect(framing.actual).toBe('We can’t change the delivery slot');
    for (const finding of findings) expectOnFlaggedWords(source, finding, decodeLatin1QuotedPrintable);
    expect(await extract(source)).toMatchObject([{ text: expect.stringContaining('Your café order is late.') }]);
  });

  it('points a base64 HTML body’s findings at the base64 lines that hold the words', async () => {
    const source = read('html-base64.eml');
    const findings = await lintEmail(source);
    expect(ids(findings)).toEqual(expect.arrayContaining(['negative-framing', 'distant-language', 'minimizing']));
    const [bodyStart, bodyEnd] = [source.indexOf('PGh0bWw'), source.indexOf('--mixed-42', source.indexOf('PGh0bWw'))];
    for (const finding of findings) {
      const { start, end } = finding.place;
      expect(start.offset >= bodyStart && end.offset <= bodyEnd).toBe(true);
      // The span covers whole base64 groups: decoded, they hold the flagged words (as HTML).
      const decoded = Buffer.from(source.slice(start.offset, end.offset).replace(/\s+/g, ''), 'base64').toString('utf8');
      expect(decodeHtmlSlice(decoded).replace(/\s+/g, ' ')).toContain(finding.actual.replace(/\s+/g, ' '));
    }
  });

  it('reads an HTML-only body as HTML: no signature block, no Gmail quote, the quote kept as context', async () => {
    const source = read('html-base64.eml');
    const [unit] = await extract(source);
    expect(unit!.text).not.toMatch(/calm down|FAQ|I agree/i);
    expect(unit!.context).toContain('I agree, the tracking page is hopeless. Calm down, they said.');
    expect(unit!.context).toContain('wrote:');
  });

  it('stops at the Outlook reply header of an HTML body and maps findings into the HTML', async () => {
    const source = read('outlook-html.eml');
    const findings = await lintEmail(source);
    const history = source.indexOf('id="divRplyFwdMsg"');
    expect(ids(findings)).toEqual(expect.arrayContaining(['dismissive-question', 'shouting']));
    for (const finding of findings) {
      expectOnFlaggedWords(source, finding, decodeHtmlSlice);
      expect(finding.place.end.offset).toBeLessThan(history);
    }
    expect(findings.find((finding) => finding.ruleId === 'shouting')).toMatchObject({ line: 11, column: 44, actual: 'NOT' });
    const [unit] = await extract(source);
    expect(unit!.context).toContain('calm down is what your colleague told me');
    expect(unit!.text).not.toMatch(/Thanks|Jane/);
  });
});

describe('quoted history and signatures', () => {
  it('blanks lines in place, so offsets do not move', () => {
    const body = 'Hi Ana,\n\nYour order ships today.\n\nThanks,\nJane\n\nOn Mon, Ana wrote:\n> Where is it?\n';
    const separated = separateQuotedHistory(body);
    expect(separated.text).toHaveLength(body.length);
    expect(separated.text.split('\n')).toHaveLength(body.split('\n').length);
    expect(separated.text.trimEnd()).toBe('Hi Ana,\n\nYour order ships today.');
    expect(separated.context).toBe('On Mon, Ana wrote:\nWhere is it?');
  });

  it('finds attributions wrapped over lines and in other languages', () => {
    for (const attribution of [
      'On Mon, 3 Jun 2024 at 10:02, Ana Lee <\nana@example.com> wrote:',
      'Le lun. 3 juin 2024 à 10:02, Ana Lee <ana@example.com> a écrit :',
      'Am Mo., 3. Juni 2024 um 10:02 Uhr schrieb Ana Lee <ana@example.com>:',
    ]) {
      const separated = separateQuotedHistory(`We have refunded you.\n\n${attribution}\n> calm down\n`);
      expect(separated.text.trim()).toBe('We have refunded you.');
    }
  });

  it('keeps a closing line that is a sentence, and text after a sign-off that is more than a name', () => {
    const body = 'Your refund is on its way.\nThank you for your patience, we appreciate it.\n';
    expect(separateQuotedHistory(body).text).toBe(body);
    const more = 'Thanks,\n\nOne more thing: the courier will call you before delivering the new parcel tomorrow.\n';
    expect(separateQuotedHistory(more).text).toBe(more);
  });

  it('treats an attribution followed by unquoted text as the start of the history', () => {
    const separated = separateQuotedHistory('Done, refunded.\n\nOn Mon, Ana wrote:\nCalm down? I agree it is late.\n');
    expect(separated.text.trim()).toBe('Done, refunded.');
    expect(separated.context).toContain('I agree it is late.');
  });
});

describe('bad input', () => {
  const cases: Array<[string, RegExp]> = [
    ['not-mime.eml', /^line 1 is not a MIME header; expected an e-mail message: header fields/],
    ['no-boundary.eml', /^multipart\/alternative part at line 1 has no boundary parameter; expected Content-Type: multipart\/alternative; boundary=/],
    ['missing-boundary.eml', /^the MIME boundary "never-used" declared at line 1 never occurs; expected --never-used lines/],
    ['bad-base64.eml', /^line 7: ',' is not base64; expected the base64 body its Content-Transfer-Encoding declares$/],
  ];
  it.each(cases)('%s is a SourceFormatError saying what was expected, on one line', async (name, message) => {
    const error = await extract(read(name)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('returns no unit for a message with nothing but attachments', async () => {
    const source = 'From: a@example.com\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n';
    expect(await extract(source)).toEqual([]);
  });

  it('stops parts nested absurdly deep', async () => {
    const nested = Array.from({ length: 60 }, (_, depth) => `Content-Type: multipart/mixed; boundary=b${depth}\n\n--b${depth}\n`).join('');
    await expect(extract(`From: a@example.com\n${nested}Content-Type: text/plain\n\nHi\n`)).rejects.toThrow(/nested more than 50 deep/);
  });
});

describe('the CLI', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('is chosen by the .eml extension', () => {
    expect(formatForName('reply.eml')).toBe('email');
  });

  it('lints an .eml file with positions in the file', async () => {
    const run = await runTactful(['--format', 'json', join(DIR, 'gmail-reply.eml')], process.cwd());
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number; actual: string }> }>;
    expect(result!.messages).toContainEqual(expect.objectContaining({ ruleId: 'tone-policing', line: 13, column: 1 }));
    expect(result!.messages).toContainEqual(expect.objectContaining({ ruleId: 'defensive', line: 13, column: 51 }));
  });

  it('reports malformed MIME on one line naming the file, exits 2, and still lints the other files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tactful-email-'));
    scratch.push(dir);
    await writeFile(join(dir, 'broken.eml'), read('no-boundary.eml'));
    await writeFile(join(dir, 'reply.eml'), read('gmail-reply.eml'));
    const run = await runTactful(['--format', 'json', 'broken.eml', 'reply.eml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tactful: broken\.eml: multipart\/alternative part at line 1 has no boundary parameter; expected .+\n$/);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: unknown[] }>;
    expect(results.map((result) => result.filePath)).toEqual(['reply.eml']);
    expect(results[0]!.messages.length).toBeGreaterThan(0);
  });
});
