// Scores the rules against the labelled corpus in fixtures/corpus/ and prints per-rule precision and
// recall (items: how many corpus items are labelled with the rule). `--check` exits 1 when a rule is
// below target (precision 0.95, recall 0.90).
// `--realdata FILE [SAMPLE.md]` instead lints a JSON-lines file of {id, text} (such as shared/realdata's
// agent replies), prints the reply count, the time and the findings per rule, and writes a sample of up
// to 50 findings per rule to review (default scratch/realdata-sample.md). The sample is fixed: each
// finding is keyed by FNV-1a of "ruleId|replyId|start offset" and the 50 lowest keys are taken, in key
// order. It does not depend on file order or on run time, and when a rule change removes findings the
// ones that remain keep their place, so a re-read after a fix only meets the findings that moved in.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractConcern, lint, rules } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const PRECISION_TARGET = 0.95;
const RECALL_TARGET = 0.9;

function readJsonLines(path) {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

function firedRules(text) {
  return new Set(lint(text).map((finding) => finding.ruleId));
}

/** FNV-1a, 32 bit: a stable key for sampling that needs no seed and no dependency. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

if (args[0] === '--realdata') {
  const SAMPLE_SIZE = 50;
  const items = readJsonLines(args[1]);
  const samplePath = args[2] ?? join(root, 'scratch', 'realdata-sample.md');
  const byRule = new Map(rules.map((rule) => [rule.id, []]));
  const started = performance.now();
  for (const item of items) {
    for (const finding of lint(item.text)) byRule.get(finding.ruleId)?.push({ id: item.id, text: item.text, finding });
  }
  const seconds = (performance.now() - started) / 1000;
  const flagged = new Set([...byRule.values()].flatMap((hits) => hits.map((hit) => hit.id)));
  console.log(`${items.length} replies linted in ${seconds.toFixed(1)} s; ${flagged.size} replies with at least one finding\n`);
  console.log(`${'rule'.padEnd(24)} ${'findings'.padStart(8)} ${'replies'.padStart(8)} ${'sampled'.padStart(8)}`);
  let sample = `# Sample of findings on ${args[1]}\n\n${items.length} replies; up to ${SAMPLE_SIZE} findings per rule, ` +
    'the lowest FNV-1a keys of "ruleId|replyId|offset". The finding is marked [[like this]].\n';
  for (const [id, hits] of byRule) {
    const keyed = hits.map((hit) => ({ ...hit, key: fnv1a(`${id}|${hit.id}|${hit.finding.place?.start?.offset ?? 0}`) }));
    const picked = keyed.sort((a, b) => a.key - b.key || a.id.localeCompare(b.id)).slice(0, SAMPLE_SIZE);
    const replies = new Set(hits.map((hit) => hit.id)).size;
    console.log(`${id.padEnd(24)} ${String(hits.length).padStart(8)} ${String(replies).padStart(8)} ${String(picked.length).padStart(8)}`);
    sample += `\n## ${id} (${hits.length} findings, ${picked.length} sampled)\n\n`;
    picked.forEach(({ id: replyId, text, finding }, index) => {
      const start = finding.place?.start?.offset;
      const end = finding.place?.end?.offset;
      const marked = start === undefined || end === undefined ? text : `${text.slice(0, start)}[[${text.slice(start, end)}]]${text.slice(end)}`;
      sample += `${index + 1}. ${replyId}: ${marked.replace(/\s+/g, ' ')}\n`;
    });
  }
  writeFileSync(samplePath, sample);
  console.log(`\nsample written to ${samplePath}`);
  process.exit(0);
}

const corpus = [
  ...readJsonLines(join(root, 'fixtures/corpus/sentences.jsonl')),
  ...readJsonLines(join(root, 'fixtures/corpus/replies.jsonl')),
];
const active = new Set(rules.map((rule) => rule.id));
const scores = new Map(rules.map((rule) => [rule.id, { tp: 0, fp: 0, fn: 0, misses: [], falseAlarms: [] }]));
for (const item of corpus) {
  const fired = firedRules(item.text);
  const expected = new Set(item.rules.filter((id) => active.has(id)));
  for (const [id, score] of scores) {
    if (fired.has(id) && expected.has(id)) score.tp += 1;
    else if (fired.has(id)) score.fp += 1, score.falseAlarms.push(item.text);
    else if (expected.has(id)) score.fn += 1, score.misses.push(item.text);
  }
}

let failing = false;
console.log(`corpus: ${corpus.length} items, ${corpus.filter((item) => item.rules.length === 0).length} of them with no rule to find\n`);
console.log(`${'rule'.padEnd(24)} ${'items'.padStart(5)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall`);
for (const [id, { tp, fp, fn, misses, falseAlarms }] of scores) {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const ok = precision >= PRECISION_TARGET && recall >= RECALL_TARGET && tp + fn > 0;
  failing ||= !ok;
  console.log(`${id.padEnd(24)} ${String(tp + fn).padStart(5)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(6)}${ok ? '' : '  ✖'}`);
  if (args.includes('--verbose')) {
    misses.forEach((text) => console.log(`    missed: ${text.replace(/\s+/g, ' ')}`));
    falseAlarms.forEach((text) => console.log(`    false alarm: ${text.replace(/\s+/g, ' ')}`));
  }
}

// The concern extractor on fixtures/corpus/concerns.jsonl: {message, concern} with concern null when
// nothing should be extracted; `split` tells the set tuned on (dev) from sets written later and not
// tuned on (holdout: seen once, then tuned; blind: never tuned). Precision counts an extraction as
// right only when it equals the label after normalising case and punctuation; token overlap (F1)
// shows how close the wrong ones were; abstaining is right for a null label and a miss otherwise.
const CONCERN_PRECISION_TARGET = 0.9;
const normalise = (text) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const tokenF1 = (got, want) => {
  const a = normalise(got).split(' ');
  const b = normalise(want).split(' ');
  const pool = [...b];
  let common = 0;
  for (const token of a) {
    const at = pool.indexOf(token);
    if (at !== -1) common += 1, pool.splice(at, 1);
  }
  return (2 * common) / (a.length + b.length);
};
const concerns = readJsonLines(join(root, 'fixtures/corpus/concerns.jsonl'));
const splits = [...new Set(concerns.map((item) => item.split ?? 'dev'))];
console.log(`\nconcern extraction: ${concerns.length} customer messages`);
console.log(`${'set'.padEnd(8)} ${'items'.padStart(5)} ${'extracted'.padStart(9)} ${'exact'.padStart(5)}  precision  overlap  abstained  (right / missed)`);
let concernsFailing = false;
for (const split of [...splits, 'all']) {
  const items = concerns.filter((item) => split === 'all' || (item.split ?? 'dev') === split);
  let extracted = 0, exact = 0, overlap = 0, rightAbstentions = 0, missed = 0;
  for (const item of items) {
    const got = extractConcern(item.message)?.text;
    if (got === undefined) {
      if (item.concern === null) rightAbstentions += 1;
      else missed += 1, args.includes('--verbose') && split === 'all' && console.log(`    abstained: ${item.message.replace(/\s+/g, ' ')}`);
      continue;
    }
    extracted += 1;
    const right = item.concern !== null && normalise(got) === normalise(item.concern);
    if (right) exact += 1;
    else if (args.includes('--verbose') && split === 'all') console.log(`    wrong: «${got}» for «${item.concern}»`);
    overlap += item.concern === null ? 0 : tokenF1(got, item.concern);
  }
  const precision = extracted === 0 ? 1 : exact / extracted;
  if (split === 'all') concernsFailing = precision < CONCERN_PRECISION_TARGET;
  const abstained = (rightAbstentions + missed) / items.length;
  console.log(
    `${split.padEnd(8)} ${String(items.length).padStart(5)} ${String(extracted).padStart(9)} ${String(exact).padStart(5)}  ${precision.toFixed(3).padStart(9)}  ` +
      `${(extracted === 0 ? 1 : overlap / extracted).toFixed(3).padStart(7)}  ${abstained.toFixed(3).padStart(9)}  (${rightAbstentions} / ${missed})` +
      (split === 'all' && concernsFailing ? '  ✖' : ''),
  );
}
if (args.includes('--check') && (failing || concernsFailing)) process.exit(1);
