// The CLI's start-up time is mostly module loading: a run loads compromise, the HTML, Markdown and
// MIME parsers, liquidjs, yaml and recheck only when the input needs them. These tests record every
// module a real CLI run loads (through a module-loading hook) and check which heavy packages it pulled in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEAVY = ['compromise', 'postal-mime', 'remark-parse', 'rehype-parse', 'liquidjs', 'yaml', 'recheck'];

// Registers a loader hook that prints each module URL it loads to stderr, prefixed to be found.
const LOG_LOADS = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { process.stderr.write("LOADED " + url + "\\\\n"); return next(url, context); }'));
`)}`;

/** The heavy packages a CLI run loads for `args`, run in `cwd`. */
function heavyPackagesLoaded(args: string[], cwd: string, input = ''): string[] {
  const run = spawnSync(process.execPath, ['--import', LOG_LOADS, join(ROOT, 'bin', 'tactful.js'), ...args], { cwd, input, encoding: 'utf8' });
  const loaded = run.stderr.split('\n').filter((line) => line.startsWith('LOADED '));
  expect(loaded.length).toBeGreaterThan(0);
  return HEAVY.filter((name) => loaded.some((line) => line.includes(`/node_modules/${name}/`)));
}

function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tactful-lazy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const REPLY = 'Hi Sam,\n\nSorry for the wait. Did you turn it on?\n\nThanks,\nAlex\n';

describe('the CLI loads heavy packages only when a run needs them', () => {
  it('loads none of them for a plain-text reply with findings, nor for one on standard input', () => {
    const dir = tempFiles({ 'reply.txt': REPLY });
    expect(heavyPackagesLoaded(['reply.txt'], dir)).toEqual([]);
    expect(heavyPackagesLoaded([], dir, REPLY)).toEqual([]);
  });

  it('loads remark for Markdown, postal-mime for e-mail, liquidjs for a template with control tags', () => {
    const dir = tempFiles({
      'reply.md': `# Refund\n\n${REPLY}`,
      'reply.eml': `From: a@example.com\nTo: b@example.com\nSubject: Re: refund\nContent-Type: text/plain\n\n${REPLY}`,
      'macro.liquid': `{% if ticket.open %}${REPLY}{% else %}Thanks!{% endif %}`,
    });
    expect(heavyPackagesLoaded(['reply.md'], dir)).toEqual(['remark-parse', 'rehype-parse']);
    expect(heavyPackagesLoaded(['reply.eml'], dir)).toEqual(['postal-mime']);
    expect(heavyPackagesLoaded(['macro.liquid'], dir)).toEqual(['liquidjs']);
  });

  it('loads compromise when the customer’s message is given, to find their concern', () => {
    const dir = tempFiles({ 'reply.txt': REPLY, 'customer.txt': 'My modem has been dead since Tuesday!' });
    expect(heavyPackagesLoaded(['--context', 'customer.txt', 'reply.txt'], dir)).toEqual(['compromise']);
  });

  it('scores a reply without compromise, and loads it for the customer’s concern', () => {
    const dir = tempFiles({ 'reply.txt': REPLY, 'customer.txt': 'My modem has been dead since Tuesday!' });
    expect(heavyPackagesLoaded(['score', 'reply.txt'], dir)).toEqual([]);
    expect(heavyPackagesLoaded(['score', '--context', 'customer.txt', 'reply.txt'], dir)).toEqual(['compromise']);
  });

  it('loads yaml only for a YAML config', () => {
    const dir = tempFiles({ 'reply.txt': REPLY, '.tactfulrc.yml': 'rules:\n  shouting: off\n' });
    expect(heavyPackagesLoaded(['reply.txt'], dir)).toEqual(['yaml']);
  });
});
