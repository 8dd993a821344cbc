// Where tactful's library spends its time: profiles `lint` over the benchmark corpus with the V8
// sampling profiler and prints self time per function and the inclusive share of the main stages.
//   node bench/profile.mjs                 2,000 replies, one lint call each (three passes)
//   node bench/profile.mjs --document 4    the corpus joined into one document, repeated 4 times
//   node bench/profile.mjs --replies 500 --top 30
import { Session } from 'node:inspector/promises';
import { basename } from 'node:path';
import { generateCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const replyCount = option('--replies', 2000);
const copies = option('--document', 0);
const top = option('--top', 20);

// The stages docs/performance.md reports, by function name; inclusive time, so they may nest.
const STAGES = [
  ['lint (total)', 'lint'],
  ['parseDocument', 'parseDocument'],
  ['  retext-english parse', 'parse', 'unified'],
  ['  toSentence', 'toSentence'],
  ['    overlapsAny', 'overlapsAny'],
  ['  findPlaceholders', 'findPlaceholders'],
  ['  splitBlocks', 'splitBlocks'],
  ['  LineIndex', 'LineIndex'],
  ['runRules', 'runRules'],
  ['  trigger tests', 'test', null, 'runRules'],
  ['  apology matcher', 'apology'],
  ['  agreement matcher', 'agreement'],
  ['  regex patterns', 'regexMatcher'],
  ['  keepDistinct', 'keepDistinct'],
  ['  buildFinding', 'buildFinding'],
  ['  sort findings', 'sort', null, 'runRules'],
];

const { lint } = await import('../dist/index.js');
const corpus = generateCorpus(replyCount);
const work =
  copies > 0
    ? () => lint(Array(copies).fill(corpus.join('\n\n')).join('\n\n'))
    : () => {
        for (let pass = 0; pass < 3; pass += 1) for (const text of corpus) lint(text);
      };
for (const text of corpus.slice(0, 200)) lint(text); // warm up before sampling

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
work();
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const label = ({ callFrame: frame }) =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
function shortPath(url) {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules !== -1) return path.slice(inModules + 'node_modules/'.length);
  const inDist = path.lastIndexOf('/dist/');
  return inDist !== -1 ? `dist/${path.slice(inDist + 6)}` : basename(path);
}

const self = new Map();
const stageTime = new Map(STAGES.map(([name]) => [name, 0]));
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const node = nodes.get(id);
  if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
  total += delta;
  self.set(label(node), (self.get(label(node)) ?? 0) + delta);
  const stack = [];
  for (let at = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at).callFrame);
  for (const [name, fn, urlPart, insideOf] of STAGES) {
    const depth = stack.findIndex(
      (frame) => frame.functionName === fn && (urlPart === undefined || urlPart === null || frame.url.includes(urlPart)),
    );
    if (depth === -1) continue;
    // "trigger tests" and "sort findings" count only RegExp#test / Array#sort called from runRules itself.
    if (insideOf && stack[depth + 1]?.functionName !== insideOf) continue;
    stageTime.set(name, stageTime.get(name) + delta);
  }
});

const ms = (micros) => `${(micros / 1000).toFixed(0).padStart(7)} ms`;
const share = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
console.log(copies > 0 ? `one document: ${replyCount} replies × ${copies}` : `${replyCount} replies × 3 passes`);
console.log(`sampled CPU time ${ms(total)}\n\nInclusive time by stage:`);
for (const [name] of STAGES) console.log(`${name.padEnd(26)} ${ms(stageTime.get(name))} ${share(stageTime.get(name))}`);
console.log(`\nTop ${top} functions by self time:`);
for (const [name, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(micros)} ${share(micros)}  ${name}`);
}
