/**
 * tactful's library: lints customer-service replies for phrasing that empathy guidance warns against
 * and suggests rewrites. It touches no files and no process: pass text, get findings. The public entry
 * (index.ts) adds compromise up front; the CLI imports this module and loads compromise only when a
 * run needs it (see parse/compromise.ts).
 */
import { BUILTIN_RULES } from './engine/builtin.js';
import { createLinter, type LintOptions } from './engine/linter.js';
import type { ScoreOptions } from './engine/scorecard.js';
import { scoreSourceWith, type ScoredReply } from './engine/score-source.js';
import type { SourceFinding } from './engine/source.js';
import type { Finding, RuleDefinition } from './engine/types.js';
import type { SourceFormat } from './parse/formats/index.js';

export { createLinter, nearestRuleId, UnknownRuleError, type Linter, type LintOptions, type LintCallOptions } from './engine/linter.js';
export { extractConcern, toAgentVoice, type Concern } from './engine/concern.js';
export { score, STEPS, STEP_WEIGHTS, type Scorecard, type ScoreOptions, type Step, type StepResult, type Evidence } from './engine/scorecard.js';
export { RuleDefinitionError } from './engine/validate-rule.js';
export { nearestName } from './engine/nearest.js';
export type { CustomRuleSource } from './engine/custom-rules.js';
export { DIRECTIVE_PROBLEM_IDS, findDirectives, type Directive, type DirectiveKind } from './engine/directives.js';
export { DEFAULT_DOCS_URL } from './engine/findings.js';
export { applyFixes, type FixResult, type SkippedFix, type SkippedFixReason } from './engine/fix.js';
export { SEVERITIES } from './engine/types.js';
export type {
  Finding,
  Place,
  RuleDefinition,
  SentenceRuleDefinition,
  ReplyRuleDefinition,
  Severity,
  SeveritySetting,
  FlaggedExample,
  PatternSpec,
} from './engine/types.js';
export type { Point } from './parse/lines.js';
export { default as retextTactful } from './plugin.js';
export { loadCompromise } from './parse/compromise.js';
export { FORMATS, formatForName, SourceFormatError } from './parse/formats/index.js';
export type { SourceFormat, TextUnit, UnitLabel, FormatAdapter } from './parse/formats/index.js';
export { needsCompromise, type SourceFinding } from './engine/source.js';
export type { ScoredReply } from './engine/score-source.js';

/** Every built-in rule, as data: id, severity, summary, rationale, source, patterns, rewrites, examples. */
export const rules: readonly RuleDefinition[] = BUILTIN_RULES;

let defaultLinter: ReturnType<typeof createLinter> | undefined;

/**
 * Lints `text` and returns the findings in document order. `options.context`, the customer's
 * message, fills the rewrites' `{concern}` slot with what they said.
 */
export function lint(text: string, options?: LintOptions): Finding[] {
  const { context, ...linterOptions } = options ?? {};
  const linter = Object.keys(linterOptions).length > 0 ? createLinter(linterOptions) : (defaultLinter ??= createLinter());
  return linter.lint(text, { context });
}

/**
 * Lints a whole source file — plain text, Markdown, HTML, an e-mail, a helpdesk export — given as a
 * string; findings point into that string and name the macro they are in, where there is one.
 */
export async function lintSource(
  source: string,
  options: LintOptions & { format?: SourceFormat } = {},
): Promise<SourceFinding[]> {
  const { format = 'text', context, ...lintOptions } = options;
  const linter = Object.keys(lintOptions).length > 0 ? createLinter(lintOptions) : (defaultLinter ??= createLinter());
  return linter.lintSource(source, format, { context });
}

/**
 * Scores every reply of a whole source file, given as a string, as `lintSource` lints it: a finding its
 * disable comments silence costs the reply nothing, and a plain-text directive line is no sentence of
 * it. Takes `score`'s options (a `linter`, or lint options) and the file's `format` (default plain text).
 */
export async function scoreSource(source: string, options: Omit<ScoreOptions, 'findings'> & { format?: SourceFormat } = {}): Promise<ScoredReply[]> {
  const { format = 'text', context, linter: given, ...lintOptions } = options;
  const linter = given ?? (Object.keys(lintOptions).length > 0 ? createLinter(lintOptions) : (defaultLinter ??= createLinter()));
  return scoreSourceWith(linter, source, format, context);
}
