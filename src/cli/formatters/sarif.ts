import { VERSION } from '../../generated/version.js';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DOCS_URL, rules as builtinRules, type Finding, type RuleDefinition, type Severity } from '../../library.js';
import { relativePath } from './paths.js';
import { STDIN_PATH, type Formatter } from './types.js';


/** Where the tool is described, recorded as `tool.driver.informationUri`. */
const INFORMATION_URI = 'https://github.com/tactful-lint/tactful';

/** The schema GitHub code scanning documents for uploads: SARIF 2.1.0 on schemastore. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF's three result levels; a suggestion is a `note`. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', suggestion: 'note' };

/** The base that relative artifact URIs resolve against: the directory the run started in. */
const SOURCE_ROOT = '%SRCROOT%';

/** How many flagged examples a rule's help shows. */
const HELP_EXAMPLES = 3;

/** How deep `runs[0].results` and each result in it sit in the log, as `JSON.stringify(log, null, 2)` indents. */
const RESULTS_INDENT = ' '.repeat(6);
const RESULT_INDENT = ' '.repeat(8);

/**
 * SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), as GitHub code scanning and
 * other dashboards import it: one run, the rules with their help, one result per finding, located by
 * a URI relative to `cwd`. Safe fixes are SARIF `fixes`; every rewrite is in `properties.suggestions`.
 */
export const formatSarif: Formatter = function* (results, options) {
  const cwd = options.cwd ?? process.cwd();
  const version = options.version ?? VERSION;
  const descriptors = (options.rules ?? builtinRules).map(ruleDescriptor);
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  // The rules come before the results in the log, so every rule a finding names is known first; a
  // finding of no rule in the list (a problem with a disable comment, or a team's rule when the
  // caller gave no list) gets a descriptor from what it says, so `ruleIndex` holds.
  for (const { findings } of results) {
    for (const finding of findings) {
      if (ruleIndex.has(finding.ruleId)) continue;
      ruleIndex.set(finding.ruleId, descriptors.length);
      descriptors.push(fallbackDescriptor(finding));
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tactful', version, semanticVersion: version, informationUri: INFORMATION_URI, rules: descriptors } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(cwd) } },
        // Columns count UTF-16 code units, as JavaScript strings (and tactful's offsets) do.
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  // The log with no results, cut inside its empty `results` array (the last key of the last run, so
  // the last `[]`): the results go in between, indented as `JSON.stringify(log, null, 2)` would.
  const framing = JSON.stringify(log, null, 2);
  const cut = framing.lastIndexOf('[]') + 1;
  yield framing.slice(0, cut);
  let written = 0;
  for (const { filePath, findings } of results) {
    const artifactLocation = artifactLocationFor(filePath, cwd);
    for (const finding of findings) {
      const result = JSON.stringify(resultFor(finding, ruleIndex.get(finding.ruleId)!, artifactLocation), null, 2);
      yield `${written > 0 ? ',' : ''}\n${RESULT_INDENT}${result.replaceAll('\n', `\n${RESULT_INDENT}`)}`;
      written += 1;
    }
  }
  yield `${written > 0 ? `\n${RESULTS_INDENT}` : ''}${framing.slice(cut)}\n`;
};

const BUILTIN_IDS = new Set(builtinRules.map((rule) => rule.id));

interface RuleDescriptor {
  id: string;
  [key: string]: unknown;
}

function ruleDescriptor(rule: RuleDefinition): RuleDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.rationale },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    // A team's own rule has no page in tactful's docs.
    ...(BUILTIN_IDS.has(rule.id) ? { helpUri: DEFAULT_DOCS_URL + rule.id } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['tone', 'customer-service'], fixable: Array.isArray(rule.fixable) ? rule.fixable.length > 0 : rule.fixable, source: rule.source },
  };
}

/** A descriptor built from a rule's first finding; only what the finding says is recorded. */
function fallbackDescriptor(finding: Finding): RuleDescriptor {
  return {
    id: finding.ruleId,
    shortDescription: { text: finding.reason },
    ...(finding.note ? { fullDescription: { text: finding.note }, help: { text: finding.note } } : {}),
    // The schema wants an absolute URI here; a team's rule may have none.
    ...(URL.canParse(finding.url) ? { helpUri: finding.url } : {}),
    defaultConfiguration: { level: LEVEL[finding.severity] },
  };
}

/** One flagged example as before and after: the example with its span, and the rewrites. */
interface ExampleView {
  before: string;
  flagged: string;
  after: string;
  rewrites: string[];
}

function exampleViews(rule: RuleDefinition): ExampleView[] {
  return rule.examples.flagged.slice(0, HELP_EXAMPLES).map(({ text, rewrites }) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    const match = /^([^[]*)\[([^\]]*)\](.*)$/.exec(flat);
    return match ? { before: match[1]!, flagged: match[2]!, after: match[3]!, rewrites } : { before: flat, flagged: '', after: '', rewrites };
  });
}

/** Plain-text help: rationale, source, then what to write instead. */
function helpText(rule: RuleDefinition): string {
  const parts = [rule.rationale, `Source: ${rule.source.join(', ')}.`];
  if (rule.scope === 'reply') {
    parts.push(`Add a line such as:\n${Object.values(rule.rewrites).flat().map((rewrite) => `- “${rewrite}”`).join('\n')}`);
  } else {
    const examples = exampleViews(rule).map(({ flagged, rewrites }) => `- “${flagged}” → ${rewrites.map((rewrite) => `“${rewrite}”`).join(' or ')}`);
    parts.push(`Examples:\n${examples.join('\n')}`);
  }
  parts.push(`Documentation: ${DEFAULT_DOCS_URL}${rule.id}`);
  return parts.join('\n\n');
}

/** Markdown help, as GitHub shows it beside an alert: rationale, source, examples with the flagged span in bold. */
function helpMarkdown(rule: RuleDefinition): string {
  const parts = [escapeMarkdown(rule.rationale), `**Source:** ${rule.source.map((file) => `\`${file}\``).join(', ')}`];
  if (rule.scope === 'reply') {
    parts.push(`**Add a line such as:**\n\n${Object.values(rule.rewrites).flat().map((rewrite) => `- “${escapeMarkdown(rewrite)}”`).join('\n')}`);
  } else {
    const examples = exampleViews(rule).map(({ before, flagged, after, rewrites }) => {
      const sentence = `${escapeMarkdown(before)}**${escapeMarkdown(flagged)}**${escapeMarkdown(after)}`;
      return `- “${sentence}” → ${rewrites.map((rewrite) => `“${escapeMarkdown(rewrite)}”`).join(' or ')}`;
    });
    parts.push(`**Examples** (flagged text in bold, then the suggested rewrites):\n\n${examples.join('\n')}`);
  }
  parts.push(`[Documentation for ${rule.id}](${DEFAULT_DOCS_URL}${rule.id})`);
  return parts.join('\n\n');
}

/** Backslash-escapes the ASCII punctuation Markdown could read as syntax. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&');
}

function resultFor(finding: Finding, ruleIndex: number, artifactLocation: ArtifactLocation): unknown {
  const { start, end } = finding.place;
  const region = { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  const rewrites = finding.expected.map((rewrite) => `“${rewrite}”`).join(' or ');
  const verb = finding.insertAt === undefined ? 'Try' : 'Add';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.expected.length > 0 ? `${finding.reason} ${verb}: ${rewrites}` : finding.reason },
    locations: [{ physicalLocation: { artifactLocation, region: { ...region, snippet: { text: finding.actual } } } }],
    ...(finding.fix ? { fixes: [safeFix(finding, finding.fix, artifactLocation)] } : {}),
    properties: {
      severity: finding.severity,
      suggestions: finding.expected,
      ...(finding.insertAt !== undefined ? { insertAt: finding.insertAt } : {}),
    },
  };
}

function safeFix(finding: Finding, fix: NonNullable<Finding['fix']>, artifactLocation: ArtifactLocation): unknown {
  const from = pointWithin(finding, fix.range[0]);
  const to = pointWithin(finding, fix.range[1]);
  const deletedRegion =
    from && to
      ? { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column }
      : { charOffset: fix.range[0], charLength: fix.range[1] - fix.range[0] };
  return {
    description: { text: `Replace with “${fix.text}” (keeps the meaning; \`tactful --fix\` applies it).` },
    artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion, insertedContent: { text: fix.text } }] }],
  };
}

/**
 * The line and column of a file offset inside the flagged span, counted through `actual`. Undefined
 * when `actual` is not the file's text there (markup was removed): offsets then say where.
 */
function pointWithin(finding: Finding, offset: number): { line: number; column: number } | undefined {
  const { start, end } = finding.place;
  if (finding.actual.length !== end.offset - start.offset || offset < start.offset || offset > end.offset) return undefined;
  const before = finding.actual.slice(0, offset - start.offset);
  const lastBreak = before.lastIndexOf('\n');
  if (lastBreak === -1) return { line: start.line, column: start.column + before.length };
  return { line: start.line + before.split('\n').length - 1, column: before.length - lastBreak };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  description?: { text: string };
}

/** A relative, percent-encoded URI under %SRCROOT%; a file URL when there is no relative path. */
function artifactLocationFor(filePath: string, cwd: string): ArtifactLocation {
  if (filePath === STDIN_PATH) return { uri: 'stdin', description: { text: 'standard input' } };
  const path = relativePath(filePath, cwd);
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
