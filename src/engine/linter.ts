import { parseDocument, type ParsedDocument } from '../parse/document.js';
import type { SourceFormat } from '../parse/formats/index.js';
import { lintSourceWith, type SourceFinding } from './source.js';
import { BUILTIN_RULES } from './builtin.js';
import { compileAllowList } from './allow.js';
import { compileRule, type CompiledRule } from './compile.js';
import { readCustomRules } from './custom-rules.js';
import { nearestName } from './nearest.js';
import { DEFAULT_DOCS_URL } from './findings.js';
import { compileReplyRule, type CompiledReplyRule } from './reply.js';
import { concernSlotsCache } from './concern.js';
import { lintWithUnixLineEndings } from './line-endings.js';
import { runRules, type ActiveReplyRule, type ActiveRule } from './run.js';
import { builtTriggerPrefilter, triggerPrefilter, type TriggerPrefilter } from './trigger-prefilter.js';
import type { Finding, ReplyRuleDefinition, RuleDefinition, SentenceRuleDefinition, SeveritySetting } from './types.js';

/** Options for a lint run. */
export interface LintOptions {
  /** Per-rule severity: `off`, `suggestion`, `warning` or `error`; unlisted rules keep their default. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Base of each finding's `url`; the rule id is appended. */
  docsUrl?: string;
  /**
   * The team's own rules, as raw data in the built-in rules' format (validated here; ids must not
   * collide with built-in ones). An entry may be `{ file, data }` to name its file in errors.
   */
  customRules?: readonly unknown[];
  /** Phrases never to flag (case-insensitive): a finding whose text contains one, or lies inside one, is dropped. */
  allow?: readonly string[];
  /** `lintSource` reports disable comments that silenced nothing, as `unused-disable-directive` warnings. */
  reportUnusedDisableDirectives?: boolean;
  /** What the customer wrote, for every text this linter lints unless a call gives its own (see `LintCallOptions`). */
  context?: string;
}

/** Options for one `lint` or `lintSource` call. */
export interface LintCallOptions {
  /**
   * What the customer wrote (their message). Its main concern, in the agent's voice, fills the
   * rewrites' `{concern}` slot: "I'm sorry that your modem has been dead since Tuesday."
   */
  context?: string;
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

// How many sentences a linter lints before it builds its trigger prefilter (see createLinter).
const PREFILTER_AFTER = 2000;

// Weak, so the custom rules of a linter that is gone do not stay compiled forever.
const compiled = new WeakMap<SentenceRuleDefinition, CompiledRule>();
const compiledReply = new WeakMap<ReplyRuleDefinition, CompiledReplyRule>();

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
  /** Lints one reply given as plain text; `options.context` is the customer's message it answers. */
  lint(text: string, options?: LintCallOptions): Finding[];
  /**
   * Lints a source file of `format` (default plain text); findings point into `source`. Each unit's
   * own context (an e-mail's quoted message) is used unless `options.context` gives one.
   */
  lintSource(source: string, format?: SourceFormat, options?: LintCallOptions): Promise<SourceFinding[]>;
  /** Every rule this linter knows, built-in then custom, as defined (before severity settings). */
  readonly rules: readonly RuleDefinition[];
}

/**
 * Builds a linter for `options`; throws `UnknownRuleError` for a setting that names no rule and
 * `RuleDefinitionError` for a custom rule that does not follow the schema.
 */
export function createLinter(options: LintOptions = {}): Linter {
  const settings = options.rules ?? {};
  const customRules = readCustomRules(options.customRules ?? []);
  const allRules = [...BUILTIN_RULES, ...customRules];
  const ids = allRules.map((rule) => rule.id);
  for (const [id, setting] of Object.entries(settings)) {
    if (!ids.includes(id)) throw new UnknownRuleError(id, nearestRuleId(id, ids));
    if (!['off', 'suggestion', 'warning', 'error'].includes(setting)) {
      throw new TypeError(`rule '${id}': severity must be off, suggestion, warning or error (got '${String(setting)}')`);
    }
  }
  const active: ActiveRule[] = [];
  const activeReply: ActiveReplyRule[] = [];
  for (const rule of allRules) {
    const setting = settings[rule.id] ?? rule.severity;
    if (setting === 'off') continue;
    if (rule.scope === 'reply') activeReply.push({ rule: compiledReplyOnce(rule), severity: setting });
    else active.push({ rule: compiledOnce(rule), severity: setting });
  }
  // Building the trigger prefilter takes 4–28 ms (cold), and it saves a microsecond or two a
  // sentence: a linter builds it once it has linted PREFILTER_AFTER sentences, so a run over a few
  // replies (or a `lint(text, options)` call, which makes a linter each time) goes without it.
  const triggers = active.map(({ rule }) => rule.definition.trigger);
  let prefilter = builtTriggerPrefilter(triggers);
  let sentencesLinted = 0;
  const prefilterFor = (document: ParsedDocument): TriggerPrefilter | undefined => {
    if (!prefilter && (sentencesLinted += document.sentences.length) >= PREFILTER_AFTER) prefilter = triggerPrefilter(triggers);
    return prefilter;
  };
  const docsUrl = options.docsUrl ?? DEFAULT_DOCS_URL;
  const customIds = new Set(customRules.map((rule) => rule.id));
  const allowed = compileAllowList(options.allow ?? []);
  const concernSlots = concernSlotsCache();
  const lint = (text: string, call: LintCallOptions = {}): Finding[] => {
    const slots = concernSlots(call.context ?? options.context);
    let findings = lintWithUnixLineEndings(text, (unix) => {
      const document = parseDocument(unix);
      return runRules(document, active, docsUrl, activeReply, slots, prefilterFor(document));
    });
    // A team's rule has no page in tactful's docs.
    if (customIds.size > 0) findings = findings.map((f) => (customIds.has(f.ruleId) ? { ...f, url: '' } : f));
    return allowed ? findings.filter((finding) => !allowed(finding, text)) : findings;
  };
  const directiveOptions = { knownRuleIds: ids, reportUnused: options.reportUnusedDisableDirectives === true };
  const linter: Linter = {
    lint,
    lintSource: (source, format = 'text', call = {}) => lintSourceWith(linter, source, format, directiveOptions, call.context ?? options.context),
    rules: allRules,
  };
  return linter;
}

/** The rule id closest to `id` by edit distance (built-in ids unless `ids` is given), when one is close enough to be a typo. */
export function nearestRuleId(id: string, ids: readonly string[] = BUILTIN_RULES.map((rule) => rule.id)): string | undefined {
  return nearestName(id, ids);
}
