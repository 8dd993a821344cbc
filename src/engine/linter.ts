import { parseDocument } from '../parse/document.js';
import type { SourceFormat } from '../parse/formats/index.js';
import { lintSourceWith, type SourceFinding } from './source.js';
import { BUILTIN_RULES } from './builtin.js';
import { compileRule, type CompiledRule } from './compile.js';
import { DEFAULT_DOCS_URL } from './findings.js';
import { compileReplyRule, type CompiledReplyRule } from './reply.js';
import { runRules, type ActiveReplyRule, type ActiveRule } from './run.js';
import type { Finding, ReplyRuleDefinition, SentenceRuleDefinition, SeveritySetting } from './types.js';

/** Options for a lint run. */
export interface LintOptions {
  /** Per-rule severity: `off`, `suggestion`, `warning` or `error`; unlisted rules keep their default. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Base of each finding's `url`; the rule id is appended. */
  docsUrl?: string;
}

/** A setting that names no rule, or a severity that does not exist. */
export class UnknownRuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly suggestion: string | undefined,
  ) {
    super(`unknown rule '${ruleId}'${suggestion ? ` — did you mean '${suggestion}'?` : ''}`);
    this.name = 'UnknownRuleError';
  }
}

const compiled = new Map<SentenceRuleDefinition, CompiledRule>();
const compiledReply = new Map<ReplyRuleDefinition, CompiledReplyRule>();

function compiledOnce(rule: SentenceRuleDefinition): CompiledRule {
  let result = compiled.get(rule);
  if (!result) compiled.set(rule, (result = compileRule(rule)));
  return result;
}

function compiledReplyOnce(rule: ReplyRuleDefinition): CompiledReplyRule {
  let result = compiledReply.get(rule);
  if (!result) compiledReply.set(rule, (result = compileReplyRule(rule)));
  return result;
}

/** A linter with its rules compiled and severities resolved once, for linting many texts. */
export interface Linter {
  /** Lints one reply given as plain text. */
  lint(text: string): Finding[];
  /** Lints a source file of `format` (default plain text); findings point into `source`. */
  lintSource(source: string, format?: SourceFormat): Promise<SourceFinding[]>;
}

/** Builds a linter for `options`; throws `UnknownRuleError` for a setting that names no rule. */
export function createLinter(options: LintOptions = {}): Linter {
  const settings = options.rules ?? {};
  for (const [id, setting] of Object.entries(settings)) {
    if (!BUILTIN_RULES.some((rule) => rule.id === id)) throw new UnknownRuleError(id, nearestRuleId(id));
    if (!['off', 'suggestion', 'warning', 'error'].includes(setting)) {
      throw new TypeError(`rule '${id}': severity must be off, suggestion, warning or error (got '${String(setting)}')`);
    }
  }
  const active: ActiveRule[] = [];
  const activeReply: ActiveReplyRule[] = [];
  for (const rule of BUILTIN_RULES) {
    const setting = settings[rule.id] ?? rule.severity;
    if (setting === 'off') continue;
    if (rule.scope === 'reply') activeReply.push({ rule: compiledReplyOnce(rule), severity: setting });
    else active.push({ rule: compiledOnce(rule), severity: setting });
  }
  const docsUrl = options.docsUrl ?? DEFAULT_DOCS_URL;
  const linter: Linter = {
    lint: (text) => runRules(parseDocument(text), active, docsUrl, activeReply),
    lintSource: (source, format = 'text') => lintSourceWith(linter, source, format),
  };
  return linter;
}

/** The built-in rule id closest to `id` by edit distance, when one is close enough to be a typo. */
export function nearestRuleId(id: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const rule of BUILTIN_RULES) {
    const distance = editDistance(id, rule.id);
    if (distance < bestDistance) [best, bestDistance] = [rule.id, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(id.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
