// What a fresh V8 isolate pays before tactful runs at full speed (docs/performance.md, Threads):
// lints the first half of the benchmark corpus cold, then the second half warm, in this process.
//   node bench/warmup.mjs                  2,000 replies: 1,000 cold, then 1,000 warm
//   node bench/warmup.mjs --parse-only     the same with parseDocument alone (no rules)
//   node bench/warmup.mjs --replies 500
import { generateCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--replies');
const replyCount = at === -1 ? 2000 : Number(args[at + 1]);
const parseOnly = args.includes('--parse-only');

// The library without compromise, as the CLI loads it.
const { createLinter } = await import('../dist/library.js');
const { parseDocument } = await import('../dist/parse/document.js');
const linter = createLinter();
const run = parseOnly ? (text) => parseDocument(text) : (text) => linter.lint(text);
const corpus = generateCorpus(replyCount);
const half = Math.floor(corpus.length / 2);

function timed(replies) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const text of replies) run(text);
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

const cold = timed(corpus.slice(0, half));
const warm = timed(corpus.slice(half));
const what = parseOnly ? 'parseDocument' : 'lint';
console.log(`${what}, first ${half} replies (cold): ${cold.wallMs} ms, ${cold.cpuMs} ms CPU`);
console.log(`${what}, next ${corpus.length - half} replies (warm): ${warm.wallMs} ms, ${warm.cpuMs} ms CPU`);
console.log(`warm-up: ${cold.cpuMs - warm.cpuMs} ms CPU`);
