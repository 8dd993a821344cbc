// Measures one library in a process of its own, so each library's peak RSS is its own.
//   node bench/worker.mjs <tactful|alex|write-good|retext> <corpus.json> [--reps N] [--warmup N] [--scaling]
// Prints one JSON object on stdout. Without --scaling: each reply is one call, a pass is the whole
// corpus, and the median pass time gives replies/s and MB/s. With --scaling: the corpus is joined
// into one document and linted at 1×, 2× and 4× its length, one call each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [library, corpusFile, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at === -1 ? fallback : Number(rest[at + 1]);
};
const reps = option('--reps', 5);
const scaling = rest.includes('--scaling');
// tactful needs a few thousand calls before its speed settles (V8 tiers up its many regexes and
// compromise fills its caches), so the warm-up is a whole pass by default.
const warmupReplies = option('--warmup', Infinity);
const SCALING_COPIES = [1, 2, 4];

/** Each entry loads a library and returns a function that checks one text and counts its findings. */
const LOADERS = {
  async tactful() {
    const { lint } = await import('../dist/index.js');
    return (text) => lint(text).length;
  },
  async alex() {
    const { text: alexText } = await import('alex');
    return (text) => alexText(text).messages.length;
  },
  async 'write-good'() {
    const writeGood = createRequire(import.meta.url)('write-good');
    return (text) => writeGood(text).length;
  },
  async retext() {
    const [{ unified }, { default: retextEnglish }] = await Promise.all([import('unified'), import('retext-english')]);
    const processor = unified().use(retextEnglish).freeze();
    return (text) => (processor.parse(text), 0);
  },
};

if (!LOADERS[library] || !corpusFile) {
  process.stderr.write(`usage: node bench/worker.mjs <${Object.keys(LOADERS).join('|')}> <corpus.json> [--reps N] [--warmup N] [--scaling]\n`);
  process.exit(2);
}

const megabytes = (bytes) => bytes / 1e6;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
const baselineRssMB = process.resourceUsage().maxRSS / 1024;
const loadStarted = performance.now();
const check = await LOADERS[library]();
const loadMs = performance.now() - loadStarted;

const result = { library, replies: corpus.length, loadMs, baselineRssMB };
if (scaling) {
  const base = corpus.join('\n\n');
  check(base); // warm up on the smallest document
  result.sizes = SCALING_COPIES.map((copies) => {
    const documentText = Array(copies).fill(base).join('\n\n');
    const runsMs = [];
    const runsCpuMs = [];
    for (let rep = 0; rep < reps; rep += 1) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      check(documentText);
      runsMs.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      runsCpuMs.push((cpu.user + cpu.system) / 1000);
    }
    const sizes = { copies, bytes: Buffer.byteLength(documentText), runsMs, medianMs: median(runsMs) };
    return { ...sizes, runsCpuMs, medianCpuMs: median(runsCpuMs) };
  });
} else {
  const bytes = corpus.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  for (const text of corpus.slice(0, warmupReplies)) check(text);
  const passesMs = [];
  // CPU time as well as wall time: on a busy machine wall time also counts waiting for a core.
  const passesCpuMs = [];
  let findings = 0;
  for (let rep = 0; rep < reps; rep += 1) {
    findings = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const text of corpus) findings += check(text);
    passesMs.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    passesCpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const seconds = median(passesMs) / 1000;
  const cpuSeconds = median(passesCpuMs) / 1000;
  Object.assign(result, {
    bytes,
    passesMs,
    passesCpuMs,
    medianMs: median(passesMs),
    repliesPerSecond: corpus.length / seconds,
    mbPerSecond: megabytes(bytes) / seconds,
    repliesPerCpuSecond: corpus.length / cpuSeconds,
    findings,
  });
}
result.peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
