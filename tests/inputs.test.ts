// Input plumbing: which files a run lints (directories by known extension, globs, .tactfulignore,
// --ignore-pattern, symbolic links) and which format each is read as (--ext, --stdin-filename).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayName, expandInputs, formatFor, parseExtension, STDIN } from '../src/cli/inputs.js';
import { runTactful } from './run-cli.js';

const FLAGGED = 'Calm down, it is not our fault.\n';
const MACROS = '{"macros": [{"id": 42, "title": "Calm", "actions": [{"field": "comment_value", "value": "Calm down."}]}]}';
const made: string[] = [];

/** A fresh directory holding `files` (path → contents; a `{ link }` entry is a symbolic link to that target). */
async function tempDir(files: Record<string, string | { link: string }> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tactful-inputs-'));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    if (typeof contents === 'string') await writeFile(join(dir, path), contents);
    else await symlink(contents.link, join(dir, path));
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('expanding directories', () => {
  it('takes every extension a format reads, skipping hidden folders and node_modules', async () => {
    const cwd = await tempDir({
      'macros/a.txt': FLAGGED,
      'macros/b.liquid': FLAGGED,
      'macros/c.hbs': FLAGGED,
      'macros/export.json': MACROS,
      'macros/replies.csv': 'title,body\nx,y\n',
      'macros/notes.yml': 'x: 1',
      'macros/.hidden/d.txt': FLAGGED,
      'macros/node_modules/e.txt': FLAGGED,
      'macros/sub/f.csv': 'title,body\n',
      'macros/sub/g.tsv': 'title\tbody\n',
    });
    const { files, problems } = await expandInputs(['macros'], { cwd });
    expect(problems).toEqual([]);
    expect(files).toEqual(['a.txt', 'b.liquid', 'c.hbs', 'export.json', 'replies.csv', 'sub/f.csv'].map((file) => join('macros', file)));
  });

  it('leaves out what .tactfulignore in the working directory and in each linted folder says', async () => {
    const cwd = await tempDir({
      '.tactfulignore': '# drafts are not ready\ndrafts/\n*.csv\n!keep.csv\n',
      'macros/a.txt': FLAGGED,
      'macros/old.csv': 'title,body\n',
      'macros/keep.csv': 'title,body\n',
      'macros/drafts/b.txt': FLAGGED,
      'macros/team/.tactfulignore': 'legacy-*.txt\n!legacy-keep.txt\n',
      'macros/team/legacy-1.txt': FLAGGED,
      'macros/team/legacy-keep.txt': FLAGGED,
      'macros/team/current.txt': FLAGGED,
    });
    const { files, problems } = await expandInputs(['macros'], { cwd });
    expect(problems).toEqual([]);
    expect(files).toEqual(['a.txt', 'keep.csv', 'team/current.txt', 'team/legacy-keep.txt'].map((file) => join('macros', file)));
  });

  it('applies --ignore-pattern (repeatable) to directories, globs and named files', async () => {
    const cwd = await tempDir({ 'r/a.txt': FLAGGED, 'r/b.txt': FLAGGED, 'r/c.md': FLAGGED, 'r/x/d.txt': FLAGGED });
    const options = { cwd, ignorePatterns: ['b.txt', 'r/x'] };
    expect((await expandInputs(['r'], options)).files).toEqual([join('r', 'a.txt'), join('r', 'c.md')]);
    expect((await expandInputs(['r/**/*.txt'], options)).files).toEqual(['r/a.txt']);
    const named = await expandInputs(['r/b.txt', 'r/a.txt'], options);
    expect(named.files).toEqual(['r/a.txt']);
    expect(named.notices).toEqual(["skipped 'r/b.txt': ignored by --ignore-pattern"]);
  });

  it("names the .tactfulignore that skips a file named on the command line", async () => {
    const cwd = await tempDir({ 'drafts/.tactfulignore': 'wip.txt\n', 'drafts/wip.txt': FLAGGED });
    const { files, notices } = await expandInputs(['drafts/wip.txt'], { cwd });
    expect(files).toEqual([]);
    expect(notices).toEqual([`skipped 'drafts/wip.txt': ignored by ${join('drafts', '.tactfulignore')}`]);
  });

  it('reports a symbolic link loop once and goes on', async () => {
    const cwd = await tempDir({
      'r/a.txt': FLAGGED,
      'r/sub/b.txt': FLAGGED,
      'r/sub/up': { link: '..' },
      'r/self.txt': { link: 'self.txt' },
    });
    const { files, problems } = await expandInputs(['r'], { cwd });
    expect(files).toEqual([join('r', 'a.txt'), join('r', 'sub', 'b.txt')]);
    expect(problems).toEqual([`skipped '${join('r', 'self.txt')}': symbolic link loop`, `skipped '${join('r', 'sub', 'up')}': symbolic link loop`]);
  });

  it('lists a file a glob reaches again through a link once', async () => {
    const cwd = await tempDir({ 'r/a.txt': FLAGGED, 'r/sub/b.txt': FLAGGED, 'r/sub/up': { link: '..' } });
    expect((await expandInputs(['r/**/*.txt'], { cwd })).files).toEqual(['r/a.txt', 'r/sub/b.txt']);
  });

  it('reports a broken link that looks like a reply, and lists a folder reached twice once', async () => {
    const cwd = await tempDir({
      'r/a.txt': FLAGGED,
      'r/gone.txt': { link: 'missing.txt' },
      'r/gone-folder': { link: 'missing' },
      'r/shared/s.txt': FLAGGED,
      'r/z-alias': { link: 'shared' },
    });
    const { files, problems } = await expandInputs(['r'], { cwd });
    expect(files).toEqual([join('r', 'a.txt'), join('r', 'shared', 's.txt')]);
    expect(problems).toEqual([`cannot read '${join('r', 'gone.txt')}': no such file`]);
  });

  it('says which extensions it looked for in a directory with none', async () => {
    const cwd = await tempDir({ 'empty/readme.rst': 'x' });
    const { problems } = await expandInputs(['empty'], { cwd });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^no lintable files in 'empty' \(looked for \.txt, .*\.liquid, .*\.json, \.csv\)$/);
  });
});

describe('choosing the format', () => {
  it('uses --ext for every input, else --stdin-filename for stdin, else the name', () => {
    expect(formatFor('reply.txt', {})).toBe('text');
    expect(formatFor('export.json', {})).toBe('zendesk-json');
    expect(formatFor('reply.txt', { ext: 'csv' })).toBe('csv');
    expect(formatFor(STDIN, { stdinFilename: 'macros.json' })).toBe('zendesk-json');
    expect(formatFor(STDIN, {})).toBe('text');
    expect(displayName(STDIN, { stdinFilename: 'macros.json' })).toBe('macros.json');
    expect(displayName(STDIN, {})).toBe('<stdin>');
  });

  it('accepts a known extension with or without its dot', () => {
    expect(parseExtension('.CSV')).toBe('csv');
    expect(parseExtension('liquid')).toBe('liquid');
    expect(() => parseExtension('docx')).toThrow(/^--ext: unknown extension 'docx' \(expected one of txt, .*csv/);
  });
});

describe('input options through the CLI', () => {
  it('reads stdin in the format of --stdin-filename and shows that name', async () => {
    const cwd = await tempDir();
    const run = await runTactful(['--format', 'json', '--stdin-filename', 'macros.json'], cwd, MACROS);
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; unit: object; column: number }> }>;
    expect(result!.filePath).toBe('macros.json');
    expect(result!.messages[0]).toMatchObject({ ruleId: 'tone-policing', unit: { id: '42', title: 'Calm' }, column: MACROS.indexOf('Calm down.') + 1 });
  });

  it('expands a template read from stdin named .liquid', async () => {
    const cwd = await tempDir();
    const template = 'Hi {% if name %}{{name}}{% else %}there{% endif %},\n\n{% if late %}Calm down.{% endif %}\n';
    const run = await runTactful(['--format', 'json', '--stdin-filename', 'reply.liquid'], cwd, template);
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(result!.messages.find((message) => message.ruleId === 'tone-policing')).toMatchObject({ line: 3, column: '{% if late %}'.length + 1 });
  });

  it('forces a parser with --ext, and refuses an unknown one in one line', async () => {
    const cwd = await tempDir({ 'replies.txt': 'title,body\nLate,Calm down.\n' });
    const run = await runTactful(['--format', 'json', '--ext', 'csv', 'replies.txt'], cwd);
    const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number; unit: object }> }>;
    expect(result!.messages).toEqual([expect.objectContaining({ ruleId: 'tone-policing', line: 2, column: 6, unit: { title: 'Late', field: 'body' } })]);
    const bad = await runTactful(['--ext', 'docx', 'replies.txt'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    expect(bad.stderr).toMatch(/^tactful: --ext: unknown extension 'docx'/);
  });

  it('honours .tactfulignore and --ignore-pattern', async () => {
    const cwd = await tempDir({ '.tactfulignore': 'old/\n', 'r/a.txt': FLAGGED, 'r/b.txt': FLAGGED, 'r/old/c.txt': FLAGGED });
    const run = await runTactful(['--format', 'json', '--ignore-pattern', 'r/b.txt', 'r'], cwd);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([join('r', 'a.txt')]);
  });

  it('reports a symbolic link loop in one line, lints the rest and exits 2', async () => {
    const cwd = await tempDir({ 'r/a.txt': FLAGGED, 'r/loop': { link: '.' } });
    const run = await runTactful(['--format', 'json', 'r'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`tactful: skipped '${join('r', 'loop')}': symbolic link loop\n`);
    expect((JSON.parse(run.stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([join('r', 'a.txt')]);
  });
});
