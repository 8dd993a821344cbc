// Side-by-side benchmark: tactful's library and CLI against alex, write-good and a bare
// retext-english parse, on the same synthetic corpus in the same run.
//   node bench/run.mjs                  2,000 replies (npm run bench)
//   node bench/run.mjs --replies 5000   a bigger corpus
//   node bench/run.mjs --quick --check  200 replies, fewer repeats; exit 1 on a throughput regression
//   node bench/run.mjs --files 5000     the "CLI over many files" section on 5,000 files (default 2,000; --quick 400)
// Prints a table and writes bench/results/latest.json. Needs `npm run build` first (it loads dist/).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, SHORT_CLEAN_REPLY, SHORT_FLAGGED_REPLY } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const check = args.includes('--check');
const numberOption = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) fail(`${name} expects a positive whole number`);
  return value;
};
const replyCount = numberOption('--replies', quick ? 200 : 2000);
const reps = numberOption('--reps', quick ? 3 : 5);
const cliRuns = numberOption('--cli-runs', quick ? 3 : 5);
const fileCount = numberOption('--files', quick ? 400 : 2000);

// --check: tactful's library must be at least three times as fast as alex's in the same run (compared on
// CPU time, which other processes on a shared machine disturb less than wall time). tactful is
// 35–37× alex in a full run today and 8–11× in a quick one (a short warm-up), so a 10× regression
// lands below this floor whatever the machine.
const MIN_SPEEDUP_OVER_ALEX = 3;

const LIBRARIES = [
  ['tactful', 'tactful (library)'],
  ['alex', 'alex (text)'],
  ['write-good', 'write-good'],
  ['retext', 'retext-english parse (floor)'],
];

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic. */
function logLogSlope(points, time = (point) => point.medianMs) {
  const xs = points.map((point) => Math.log(point.bytes));
  const ys = points.map((point) => Math.log(time(point)));
  const meanX = xs.reduce((a, b) => a + b) / xs.length;
  const meanY = ys.reduce((a, b) => a + b) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * (ys[index] - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

function runWorker(library, corpusFile, { repeats = reps, extra = [] } = {}) {
  const child = spawnSync(process.execPath, [join(root, 'bench', 'worker.mjs'), library, corpusFile, '--reps', String(repeats), ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) fail(`worker for ${library} failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

/** Wall time of a command, one warm-up run then the median of `cliRuns` runs. */
function timeCommand(commandArgs) {
  // No update checks or colours: they would add network and terminal work unrelated to linting.
  const env = { ...process.env, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  const once = () => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, commandArgs, { cwd: root, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.error || child.status > 1) fail(`'node ${commandArgs.join(' ')}' failed (exit ${child.status}):\n${child.stderr}`);
    return { ms, status: child.status };
  };
  once();
  const runs = Array.from({ length: cliRuns }, once);
  return { runsMs: runs.map((run) => run.ms), medianMs: median(runs.map((run) => run.ms)), exitCode: runs[0].status };
}

if (!existsSync(join(root, 'dist', 'index.js'))) fail('dist/ is missing: run `npm run build` first');

const loadAtStart = loadavg()[0];
const work = mkdtempSync(join(tmpdir(), 'tactful-bench-'));
// On 'exit' rather than in a finally block, so that fail()'s process.exit cleans up too.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const corpus = generateCorpus(replyCount);
const corpusFile = join(work, 'corpus.json');
writeFileSync(corpusFile, JSON.stringify(corpus));
const flaggedFile = join(work, 'flagged.txt');
const cleanFile = join(work, 'clean.txt');
writeFileSync(flaggedFile, SHORT_FLAGGED_REPLY);
writeFileSync(cleanFile, SHORT_CLEAN_REPLY);

const libraries = {};
for (const [id, label] of LIBRARIES) {
  process.stderr.write(`measuring ${label}…\n`);
  libraries[id] = { label, ...runWorker(id, corpusFile) };
}
process.stderr.write('measuring tactful scaling…\n');
// Three repeats: the 4× document of the full corpus takes tens of seconds per lint.
const scalingRun = runWorker('tactful', corpusFile, { repeats: Math.min(reps, 3), extra: ['--scaling'] });
const scaling = {
  sizes: scalingRun.sizes,
  exponent: logLogSlope(scalingRun.sizes),
  exponentCpu: logLogSlope(scalingRun.sizes, (point) => point.medianCpuMs),
  stepExponents: scalingRun.sizes.slice(1).map((size, index) => logLogSlope([scalingRun.sizes[index], size])),
};

process.stderr.write('timing the CLIs…\n');
const alexCli = join(root, 'node_modules', 'alex', 'cli.js');
const tactfulCli = join(root, 'bin', 'tactful.js');
const cli = {
  tactful: { flagged: timeCommand([tactfulCli, flaggedFile]), clean: timeCommand([tactfulCli, cleanFile]) },
  alex: { flagged: timeCommand([alexCli, flaggedFile]), clean: timeCommand([alexCli, cleanFile]) },
  node: timeCommand(['-e', '0']),
};

process.stderr.write(`timing the CLI over ${fileCount.toLocaleString('en-US')} files, --jobs 1 and --jobs 2…\n`);
const files = timeFilesRun(fileCount);

const tactful = libraries.tactful;
const ratios = {
  libraryVsAlex: tactful.repliesPerSecond / libraries.alex.repliesPerSecond,
  libraryVsAlexCpu: tactful.repliesPerCpuSecond / libraries.alex.repliesPerCpuSecond,
  libraryVsRetextFloor: tactful.repliesPerSecond / libraries.retext.repliesPerSecond,
  cliFlaggedVsAlex: cli.tactful.flagged.medianMs / cli.alex.flagged.medianMs,
  cliCleanVsAlex: cli.tactful.clean.medianMs / cli.alex.clean.medianMs,
  filesJobs2VsJobs1: files.speedup,
};

const results = {
  date: new Date().toISOString(),
  machine: {
    nproc: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // One-minute load average: above nproc, other processes were competing and figures are noisy.
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  },
  settings: { replies: replyCount, reps, cliRuns, quick, bytes: tactful.bytes },
  libraries,
  scaling,
  cli,
  files,
  ratios,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);

if (check) {
  const problems = [];
  if (!(tactful.findings > 0)) problems.push('tactful found nothing in the corpus: the measurement is not of real work');
  if (ratios.libraryVsAlexCpu < MIN_SPEEDUP_OVER_ALEX) {
    problems.push(`tactful's library is ${ratios.libraryVsAlexCpu.toFixed(2)}× alex (CPU time), below the floor of ${MIN_SPEEDUP_OVER_ALEX}×`);
  }
  if (problems.length > 0) {
    problems.forEach((problem) => process.stderr.write(`bench --check: ${problem}\n`));
    process.exitCode = 1;
  } else {
    process.stderr.write(`bench --check: ok (tactful ${ratios.libraryVsAlexCpu.toFixed(1)}× alex on CPU time, floor ${MIN_SPEEDUP_OVER_ALEX}×)\n`);
  }
}

/**
 * The CLI over a directory of `count` files, one reply each (the benchmark corpus): wall time of
 * `--jobs 1` and `--jobs 2`, a warm-up run then three of each, taken in turn so that a change in
 * the machine's load falls on both alike; the report goes to /dev/null.
 */
function timeFilesRun(count) {
  const dir = join(work, 'files');
  mkdirSync(dir);
  const texts = generateCorpus(count);
  texts.forEach((text, index) => writeFileSync(join(dir, `reply-${String(index).padStart(5, '0')}.txt`), text));
  const env = { ...process.env, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  const devNull = openSync('/dev/null', 'w');
  const once = (jobs) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [tactfulCli, '--jobs', String(jobs), dir], { cwd: root, env, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.error || child.status > 1) fail(`'tactful --jobs ${jobs}' over ${count} files failed (exit ${child.status}):\n${child.stderr}`);
    return ms;
  };
  const loadAtStart = loadavg()[0];
  once(2);
  const runs = { 1: [], 2: [] };
  for (let round = 0; round < 3; round += 1) for (const jobs of [1, 2]) runs[jobs].push(once(jobs));
  closeSync(devNull);
  const jobs1 = { runsMs: runs[1], medianMs: median(runs[1]) };
  const jobs2 = { runsMs: runs[2], medianMs: median(runs[2]) };
  return { count, bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0), jobs1, jobs2, speedup: jobs1.medianMs / jobs2.medianMs, loadAverage: { start: loadAtStart, end: loadavg()[0] } };
}

function printTable({ machine, settings, libraries, scaling, cli, files, ratios }) {
  const number = (value, digits = 0) =>
    value === undefined ? '–' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const rows = [['', 'replies/s', 'MB/s', 'replies/CPU-s', 'peak RSS', 'findings', 'vs alex']];
  for (const library of Object.values(libraries)) {
    rows.push([
      library.label,
      number(library.repliesPerSecond),
      number(library.mbPerSecond, 2),
      number(library.repliesPerCpuSecond),
      `${number(library.peakRssMB)} MB`,
      library.library === 'retext' ? '–' : number(library.findings),
      `${number(library.repliesPerSecond / libraries.alex.repliesPerSecond, 2)}×`,
    ]);
  }
  const lines = [
    `tactful bench: ${number(settings.replies)} replies (${number(settings.bytes / 1e6, 2)} MB), median of ${settings.reps} passes after a warm-up pass; ` +
      `${machine.nproc} × ${machine.cpu}, Node ${machine.node}`,
    '',
    ...formatRows(rows),
    '',
    `tactful vs alex on CPU time: ${number(ratios.libraryVsAlexCpu, 2)}×; tactful vs bare retext-english parse: ${number(ratios.libraryVsRetextFloor, 2)}×`,
    `scaling (one document, ${scaling.sizes.map((size) => `${size.copies}× ${number(size.bytes / 1e6, 2)} MB: ${number(size.medianMs)} ms`).join(', ')}): ` +
      `exponent ${number(scaling.exponent, 2)} (steps ${scaling.stepExponents.map((value) => number(value, 2)).join(', ')}; ` +
      `on CPU time ${number(scaling.exponentCpu, 2)})`,
    '',
    ...formatRows([
      [`CLI wall time (median of ${settings.cliRuns})`, 'flagged reply', 'clean reply'],
      ['node bin/tactful.js', `${number(cli.tactful.flagged.medianMs)} ms`, `${number(cli.tactful.clean.medianMs)} ms`],
      ['node node_modules/alex/cli.js', `${number(cli.alex.flagged.medianMs)} ms`, `${number(cli.alex.clean.medianMs)} ms`],
      ['node -e 0', `${number(cli.node.medianMs)} ms`, ''],
      ['tactful / alex', `${number(ratios.cliFlaggedVsAlex, 2)}×`, `${number(ratios.cliCleanVsAlex, 2)}×`],
    ]),
    '',
    `CLI over ${number(files.count)} files (${number(files.bytes / 1e6, 2)} MB, one reply each; median of 3, load average ${number(files.loadAverage.start, 1)} → ${number(files.loadAverage.end, 1)}):`,
    ...formatRows([
      ['', 'wall time', 'runs'],
      ['tactful --jobs 1 DIR', `${number(files.jobs1.medianMs)} ms`, files.jobs1.runsMs.map((ms) => number(ms)).join(', ')],
      ['tactful --jobs 2 DIR', `${number(files.jobs2.medianMs)} ms`, files.jobs2.runsMs.map((ms) => number(ms)).join(', ')],
      ['speed-up', `${number(files.speedup, 2)}×`, ''],
    ]),
    '',
    'JSON: bench/results/latest.json',
  ];
  const busiest = Math.max(machine.loadAverage.start, machine.loadAverage.end);
  if (busiest > machine.nproc) {
    lines.push(`note: load average reached ${number(busiest, 1)} on ${machine.nproc} cores; other processes competed and the figures are noisy`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function formatRows(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   '));
}
