// Where tactful's library spends its time: profiles `lint` over the benchmark corpus with the V8
// sampling profiler and prints self time per function and the inclusive share of the main stages.
//   node bench/profile.mjs                 2,000 replies, one lint call each (three passes)
//   node bench/profile.mjs --document 4    the corpus joined into one document, repeated 4 times
//   node bench/profile.mjs --replies 500 --top 30
//   node bench/profile.mjs --per-rule      time each rule alone against all rules off (parse only)
// V8 inlines small functions into their callers (overlapsAny shows up as parseDocument); run with
// `node --no-turbo-inlining bench/profile.mjs` to see them under their own names.
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

// The stages docs/performance.md reports; inclusive time, so nested stages are part of their parent.
// Each is [label, frame predicate, optional name of the caller the frame must have].
const fn = (name, file) => (frame) => frame.functionName === name && (!file || frame.url.includes(file));
const STAGES = [
  ['lint (total)', fn('lint')],
  ['parseDocument', fn('parseDocument')],
  ['  retext-english parse', fn('parse', 'unified')],
  ['  toSentence', fn('toSentence')],
  ['    overlapsAny', fn('overlapsAny')],
  ['  findPlaceholders', fn('findPlaceholders')],
  ['  splitBlocks', fn('splitBlocks')],
  ['  LineIndex', fn('LineIndex')],
  ['runRules', fn('runRules')],
  ['  compiled patterns', (frame) => frame.url.endsWith('engine/compile.js') && frame.functionName !== 'compileRule'],
  ['    apology matcher', fn('apology')],
  ['    agreement matcher', fn('agreement')],
  ['  reply-level rules', (frame) => frame.url.endsWith('engine/reply.js')],
  ['  keepDistinct', fn('keepDistinct')],
  ['  buildFinding', fn('buildFinding')],
  ['    isSentenceStart', fn('isSentenceStart')],
  ['    toGerundPhrase', fn('toGerundPhrase')],
  ['    coverWholePlaceholders', fn('coverWholePlaceholders')],
  ['compromise (any)', (frame) => frame.url.includes('node_modules/compromise/')],
];

const { lint, createLinter, rules } = await import('../dist/index.js');
const corpus = generateCorpus(replyCount);

if (args.includes('--per-rule')) {
  const allOff = Object.fromEntries(rules.map((rule) => [rule.id, 'off']));
  const timePasses = (linter) => {
    const passes = [];
    for (let pass = 0; pass < 3; pass += 1) {
      // CPU time, not wall time: on a busy machine it is the steadier of the two.
      const before = process.cpuUsage();
      for (const text of corpus) linter.lint(text);
      const used = process.cpuUsage(before);
      passes.push((used.user + used.system) / 1000);
    }
    return Math.min(...passes); // other processes only ever add time, so the fastest pass is the cleanest
  };
  // Warm the shared parser and compromise first, or whichever linter runs first pays for it; time
  // all rules before and after the rest and keep the faster, since other load only adds time.
  for (const text of corpus) lint(text);
  const allBefore = timePasses(createLinter());
  const parseOnly = timePasses(createLinter({ rules: allOff }));
  const perRule = rules.map((rule) => [rule.id, timePasses(createLinter({ rules: { ...allOff, [rule.id]: rule.severity } })) - parseOnly]);
  const everything = Math.min(allBefore, timePasses(createLinter()));
  const row = (name, msValue) =>
    console.log(`${name.padEnd(24)} ${msValue.toFixed(0).padStart(6)} ms  ${((100 * msValue) / everything).toFixed(1).padStart(5)} %`);
  console.log(`${replyCount} replies, CPU time, fastest of 3 passes; a rule's cost is its time alone minus parse only`);
  row('all rules', everything);
  row('parse only (rules off)', parseOnly);
  for (const [id, extra] of perRule.sort((a, b) => b[1] - a[1])) row(id, extra);
  process.exit(0);
}
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

// V8 reports compiled regular expressions as frames named by their whole source: cut them short.
const MAX_LABEL = 90;
const label = ({ callFrame: frame }) => {
  const text = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
};
function shortPath(url) {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules !== -1) return path.slice(inModules + 'node_modules/'.length);
  const inDist = path.lastIndexOf('/dist/');
  return inDist !== -1 ? `dist/${path.slice(inDist + 6)}` : basename(path);
}

const self = new Map();
const selfByFile = new Map();
const stageTime = new Map(STAGES.map(([name]) => [name, 0]));
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const node = nodes.get(id);
  if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
  total += delta;
  self.set(label(node), (self.get(label(node)) ?? 0) + delta);
  const { url, functionName } = node.callFrame;
  const file = url
    ? shortPath(url).replace(/^([^/]+)\/.*$/, (whole, pkg) => (pkg === 'dist' ? whole : pkg))
    : functionName.startsWith('RegExp:')
      ? '(regular expressions)'
      : functionName;
  selfByFile.set(file, (selfByFile.get(file) ?? 0) + delta);
  const stack = [];
  for (let at = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at).callFrame);
  for (const [name, matches] of STAGES) if (stack.some(matches)) stageTime.set(name, stageTime.get(name) + delta);
});

const ms = (micros) => `${(micros / 1000).toFixed(0).padStart(7)} ms`;
const share = (micros) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
console.log(copies > 0 ? `one document: ${replyCount} replies × ${copies}` : `${replyCount} replies × 3 passes`);
console.log(`sampled CPU time ${ms(total)}\n\nInclusive time by stage:`);
for (const [name] of STAGES) console.log(`${name.padEnd(26)} ${ms(stageTime.get(name))} ${share(stageTime.get(name))}`);
console.log('\nSelf time by tactful file or package:');
for (const [file, micros] of [...selfByFile].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(micros)} ${share(micros)}  ${file}`);
}
console.log(`\nTop ${top} functions by self time:`);
for (const [name, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(micros)} ${share(micros)}  ${name}`);
}
