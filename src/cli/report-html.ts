// The report as one self-contained HTML page: inline CSS and script, no external assets (a content
// security policy forbids loading any), every text HTML-escaped. Each finding is highlighted in the
// reply's text with its rewrites on hover (the `title` attribute); a reply-level finding is a +
// marker where its line would go.
import type { Finding } from '../library.js';
import type { LibraryReport, RankedReply } from './report-model.js';
import { describeStep } from './score-format.js';

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light; --error: #c62828; --warning: #b26a00; --suggestion: #546e7a; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; } .totals { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } th, td { padding: 0.25rem 0.75rem; text-align: left; border-bottom: 1px solid #ddd; }
td.number, th.number { text-align: right; }
tr[data-filter-rule] { cursor: pointer; } tr[data-filter-rule]:hover, tr.active { background: #fff3cd; }
.score { display: inline-block; min-width: 2.5rem; text-align: center; border-radius: 0.3rem; color: #fff; font-weight: bold; }
.score.high { background: #2e7d32; } .score.mid { background: #b26a00; } .score.low { background: #c62828; }
section.reply { border: 1px solid #ddd; border-radius: 0.5rem; padding: 0.5rem 1rem; margin: 1rem 0; }
section.reply.hidden { display: none; }
section.reply h2 { font-size: 1rem; margin: 0.5rem 0; }
pre.text { white-space: pre-wrap; font: inherit; background: #fafafa; padding: 0.75rem; border-radius: 0.3rem; }
mark.finding { background: #fff3cd; border-bottom: 2px solid var(--warning); cursor: help; }
mark.finding.sev-error { background: #fde0e0; border-bottom-color: var(--error); }
mark.finding.sev-suggestion { background: #eceff1; border-bottom-color: var(--suggestion); }
ins.insert { text-decoration: none; color: var(--suggestion); font-weight: bold; cursor: help; border: 1px dashed var(--suggestion); border-radius: 0.2rem; padding: 0 0.2rem; margin: 0 0.1rem; }
ul.steps { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; }
.met { color: #2e7d32; } .missed { color: #c62828; }
ol.findings { margin: 0.25rem 0 0.5rem; } .rewrite { color: #2e7d32; } .rule { font-family: ui-monospace, monospace; font-size: 0.9em; }
`;

// Clicking a rule in the table shows only the replies it fired in; clicking it again shows all.
const SCRIPT = `
document.querySelectorAll('tr[data-filter-rule]').forEach(function (row) {
  row.addEventListener('click', function () {
    var rule = row.getAttribute('data-filter-rule');
    var active = row.classList.toggle('active');
    document.querySelectorAll('tr[data-filter-rule]').forEach(function (other) { if (other !== row) other.classList.remove('active'); });
    document.querySelectorAll('section.reply').forEach(function (reply) {
      var rules = (reply.getAttribute('data-rules') || '').split(' ');
      reply.classList.toggle('hidden', active && rules.indexOf(rule) === -1);
    });
  });
});
`;

/** The report as a complete HTML page. */
export function renderReportHtml(report: LibraryReport): string {
  const ids = new Map(report.ranked.map((ranked, index) => [ranked, `reply-${index + 1}`]));
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>tactful report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>tactful report</h1>',
    `<p class="totals">${report.files} files, ${report.replies} replies linted, ${report.findings} findings, average score ${report.averageScore}</p>`,
    '<h2>Findings per rule</h2>',
  ];
  if (report.byRule.length === 0) parts.push('<p>No findings.</p>');
  else {
    parts.push('<table class="by-rule"><thead><tr><th>rule</th><th class="number">findings</th><th class="number">replies</th></tr></thead><tbody>');
    for (const tally of report.byRule) {
      parts.push(
        `<tr data-filter-rule="${escapeHtml(tally.ruleId)}" title="Show only the replies with this finding"><td class="rule">${escapeHtml(tally.ruleId)}</td>` +
          `<td class="number">${tally.findings}</td><td class="number">${tally.replies}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }

  parts.push('<h2>Lowest-scoring replies</h2>');
  if (report.lowest.length > 0) {
    parts.push('<table class="lowest"><thead><tr><th>score</th><th>reply</th><th>top finding</th></tr></thead><tbody>');
    for (const ranked of report.lowest) {
      const top = ranked.top ? `<span class="rule">${escapeHtml(ranked.top.ruleId)}</span> “${escapeHtml(ranked.top.actual)}”` : 'no findings';
      parts.push(`<tr><td>${scoreBadge(ranked.unit.card.score)}</td><td><a href="#${ids.get(ranked)}">${escapeHtml(ranked.unit.name)}</a></td><td>${top}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }

  parts.push('<h2>Every reply, lowest score first</h2>');
  for (const ranked of report.ranked) parts.push(renderReply(ranked, ids.get(ranked)!));
  parts.push(`<script>${SCRIPT}</script>`, '</body>', '</html>', '');
  return parts.join('\n');
}

function scoreBadge(score: number): string {
  const level = score >= 80 ? 'high' : score >= 50 ? 'mid' : 'low';
  return `<span class="score ${level}">${score}</span>`;
}

function renderReply({ unit }: RankedReply, id: string): string {
  const { card } = unit;
  const findingIds = new Map(card.findings.map((finding, index) => [finding, `${id}-f${index + 1}`]));
  const rules = [...new Set(card.findings.map((finding) => finding.ruleId))].join(' ');
  const steps = card.steps
    .map((step) => `<li class="${step.met ? 'met' : 'missed'}" data-step="${step.step}" title="${escapeHtml(describeStep(step))}">${step.met ? '✔' : '✖'} ${step.step}</li>`)
    .join('');
  const list = card.findings
    .map(
      (finding) =>
        `<li id="${findingIds.get(finding)}" data-rule="${escapeHtml(finding.ruleId)}"><span class="rule">${escapeHtml(finding.ruleId)}</span> ` +
        `${escapeHtml(finding.reason)} ${finding.expected.map((rewrite) => `<span class="rewrite">“${escapeHtml(rewrite)}”</span>`).join(' or ')}</li>`,
    )
    .join('');
  return [
    `<section class="reply" id="${id}" data-file="${escapeHtml(unit.filePath)}" data-name="${escapeHtml(unit.name)}" data-score="${card.score}" data-rules="${escapeHtml(rules)}">`,
    `<h2>${scoreBadge(card.score)} ${escapeHtml(unit.name)}</h2>`,
    `<ul class="steps">${steps}</ul>`,
    card.concern ? `<p class="concern">The customer's concern: ${escapeHtml(card.concern)}</p>` : '',
    `<pre class="text">${highlight(unit.text, card.findings, findingIds)}</pre>`,
    list ? `<ol class="findings">${list}</ol>` : '',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The text with every finding marked: the text is cut at each finding's start and end, and each
 * piece is one `<mark>` naming every finding that covers it (`data-findings`), so overlapping
 * findings stay readable. A reply-level finding is an `<ins>` marker where its line would go.
 */
export function highlight(text: string, findings: readonly Finding[], ids: ReadonlyMap<Finding, string>): string {
  const spans = findings.filter((finding) => finding.insertAt === undefined && finding.place.end.offset > finding.place.start.offset);
  const inserts = findings.filter((finding) => finding.insertAt !== undefined);
  const cuts = new Set<number>([0, text.length]);
  for (const finding of spans) cuts.add(finding.place.start.offset).add(finding.place.end.offset);
  for (const finding of inserts) cuts.add(finding.insertAt!);
  const points = [...cuts].filter((cut) => cut >= 0 && cut <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let index = 0; index < points.length; index += 1) {
    const from = points[index]!;
    for (const finding of inserts.filter((candidate) => candidate.insertAt === from)) {
      html += `<ins class="insert sev-${finding.severity}" data-findings="${ids.get(finding)}" data-rules="${escapeHtml(finding.ruleId)}" title="${escapeHtml(tooltip([finding]))}">+</ins>`;
    }
    const to = points[index + 1];
    if (to === undefined) break;
    const piece = escapeHtml(text.slice(from, to));
    const covering = spans.filter((finding) => finding.place.start.offset <= from && to <= finding.place.end.offset);
    if (covering.length === 0) {
      html += piece;
      continue;
    }
    const severity = covering.some((finding) => finding.severity === 'error') ? 'error' : covering.some((finding) => finding.severity === 'warning') ? 'warning' : 'suggestion';
    html +=
      `<mark class="finding sev-${severity}" data-findings="${covering.map((finding) => ids.get(finding)).join(' ')}" ` +
      `data-rules="${escapeHtml([...new Set(covering.map((finding) => finding.ruleId))].join(' '))}" title="${escapeHtml(tooltip(covering))}">${piece}</mark>`;
  }
  return html;
}

/** What hovering a highlight shows: for each finding, its rule and message, then its rewrites. */
function tooltip(findings: readonly Finding[]): string {
  return findings
    .map((finding) => {
      const verb = finding.insertAt === undefined ? '→' : 'add:';
      return `${finding.ruleId}: ${finding.reason}\n${finding.expected.map((rewrite) => `${verb} ${rewrite}`).join('\n')}`;
    })
    .join('\n\n');
}
