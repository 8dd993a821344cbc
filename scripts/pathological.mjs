#!/usr/bin/env node
// Pathological inputs, and how lint time grows with them. Each input is linted at 1×, 2× and 4× its
// size (best of three runs, after a warm-up); the scaling exponent is the slope of log(time) over
// log(size) between 1× and 4×: about 1 means linear, 2 quadratic. Lints dist/ (`npm run build` first).
//
//   node scripts/pathological.mjs [--scale 0.25] [--out bench/results/pathological-scaling.json]
//
// tests/pathological.test.ts lints the same inputs at 1× and records each duration.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const KB = 1024;

/** Each pathological input as a function of a size factor (1 = the size named in issue 7). */
export const PATHOLOGICAL_INPUTS = [
  { name: '100 KB of one repeated word', build: (factor) => 'sorry '.repeat(Math.round((100 * KB * factor) / 6)) },
  { name: '100 KB without spaces', build: (factor) => 'abcdefghij'.repeat(Math.round((100 * KB * factor) / 10)) },
  { name: '10,000 nested e-mail quotes', build: (factor) => `${'> '.repeat(Math.round(10_000 * factor))}Sorry for the wait.` },
  { name: '10,000 nested quotation marks', build: (factor) => `${'"'.repeat(Math.round(10_000 * factor))}Sorry.${'"'.repeat(Math.round(10_000 * factor))}` },
  {
    name: '1 MB single line',
    build: (factor) => "Sorry for the wait, we're looking into your refund and I'll email you by Friday. ".repeat(Math.round((1024 * KB * factor) / 82)),
  },
  { name: '10,000 unclosed {{', build: (factor) => `Hi {{customer.name, ${'{{ sorry '.repeat(Math.round(10_000 * factor))}` },
];

function bestOf(runs, action) {
  let best = Infinity;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    action();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const scale = Number(option('--scale', '1'));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const out = resolve(root, option('--out', 'bench/results/pathological-scaling.json'));
  const { lint } = await import(pathToFileURL(resolve(root, 'dist/index.js')).href);
  lint('Warm-up: sorry for the wait.');

  const rows = [];
  for (const { name, build } of PATHOLOGICAL_INPUTS) {
    const times = [1, 2, 4].map((multiple) => {
      const text = build(scale * multiple);
      return { multiple, chars: text.length, ms: Math.round(bestOf(3, () => lint(text)) * 10) / 10 };
    });
    const exponent = Math.log(times[2].ms / times[0].ms) / Math.log(times[2].chars / times[0].chars);
    rows.push({ name, times, exponent: Math.round(exponent * 100) / 100 });
    console.log(`${name.padEnd(32)} ${times.map(({ multiple, ms }) => `${multiple}×: ${String(ms).padStart(8)} ms`).join('  ')}   exponent ${exponent.toFixed(2)}`);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ node: process.version, scale, rows }, null, 1)}\n`);
  console.log(`wrote ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
