import type {
  FlaggedExample, NotCountingSpec, PatternSpec, ReplyRuleDefinition, RuleDefinition, Severity,
} from './types.js';
import { SEVERITIES } from './types.js';
import { checkRegexSafety, ruleRegexes } from './regex-safety.js';
import { templateSlots } from './rewrite.js';

/** A rule file that does not follow the schema; the message names the file and the field. */
export class RuleDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field} ${problem}`);
    this.name = 'RuleDefinitionError';
  }
}

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const PATTERN_KEYS = new Set(['regex', 'nlp', 'matcher', 'trigger', 'unless', 'unlessNext', 'unlessPrevious', 'question', 'rewrites', 'span']);
const COMMON_KEYS = ['id', 'scope', 'severity', 'summary', 'rationale', 'source', 'message', 'rewrites', 'examples'];
// Each kind of rule has its own few fields; a field of the other kind is a mistake worth naming.
const SCOPE_KEYS = {
  sentence: new Set([...COMMON_KEYS, 'trigger', 'patterns', 'fixable']),
  reply: new Set([...COMMON_KEYS, 'satisfiedBy', 'notCounting', 'insert']),
} as const;
const NOT_COUNTING_KEYS = new Set(['regex', 'matcher']);
const INSERT_PLACES = ['opening', 'closing'] as const;

/** How far `validateRule` goes. */
export interface ValidateRuleOptions {
  /**
   * Refuse a regular expression that can backtrack catastrophically (default true). Only the
   * built-in rules skip it: tests/regex-safety.test.ts checks theirs.
   */
  checkBacktracking?: boolean;
  /**
   * Refuse a regular expression with a syntax error (default true). Only the built-in rules skip
   * it, to start faster: compiling their 216 patterns took 15 ms, and every test compiles them.
   */
  checkSyntax?: boolean;
}

/**
 * Checks a parsed rule file and returns it typed. `file` is the name used in error messages;
 * `knownMatchers` lists the named matchers the engine provides. Every regular expression is checked
 * for its syntax and for catastrophic backtracking, unless `options` says otherwise.
 */
export function validateRule(
  raw: unknown,
  file: string,
  knownMatchers: ReadonlySet<string>,
  options: ValidateRuleOptions = {},
): RuleDefinition {
  const rule = validateRuleFields(raw, file, knownMatchers);
  for (const { field, source } of ruleRegexes(rule)) {
    if (options.checkSyntax !== false) checkRegex(source, file, field);
    if (options.checkBacktracking === false) continue;
    const safety = checkRegexSafety(source);
    if (!safety.safe) throw new RuleDefinitionError(file, field, safety.problem);
  }
  return rule;
}

function validateRuleFields(raw: unknown, file: string, knownMatchers: ReadonlySet<string>): RuleDefinition {
  const fail = (field: string, problem: string): never => {
    throw new RuleDefinitionError(file, field, problem);
  };
  if (!isRecord(raw)) return fail('(root)', 'must be a mapping of fields');
  const scope = raw.scope ?? 'sentence';
  if (scope !== 'sentence' && scope !== 'reply') return fail('scope', 'must be "sentence" or "reply"');
  const other = scope === 'sentence' ? 'reply' : 'sentence';
  for (const key of Object.keys(raw)) {
    if (SCOPE_KEYS[scope].has(key)) continue;
    if (SCOPE_KEYS[other].has(key)) fail(key, `is only for ${other} rules (this rule has scope: ${scope})`);
    fail(key, 'is not a known field');
  }

  const id = requireString(raw, 'id', fail);
  if (!RULE_ID.test(id)) fail('id', `must be kebab-case (got "${id}")`);
  const severity = raw.severity;
  if (!SEVERITIES.includes(severity as Severity)) fail('severity', `must be one of ${SEVERITIES.join(', ')}`);

  const source = typeof raw.source === 'string' ? [raw.source] : raw.source;
  if (!Array.isArray(source) || source.length === 0 || !source.every((s) => typeof s === 'string')) {
    fail('source', 'must name the seed file(s) the rule comes from');
  }

  const common = {
    id,
    severity: severity as Severity,
    summary: requireString(raw, 'summary', fail),
    rationale: requireString(raw, 'rationale', fail),
    source: source as string[],
    message: requireString(raw, 'message', fail),
  };
  if (scope === 'reply') {
    return { ...common, ...readReplyFields(raw, knownMatchers, fail), examples: readExamples(raw.examples, fail) };
  }

  const rewrites = readRewrites(raw.rewrites, fail);
  const trigger = requireString(raw, 'trigger', fail);

  if (!Array.isArray(raw.patterns) || raw.patterns.length === 0) fail('patterns', 'must be a non-empty list');
  const patterns = (raw.patterns as unknown[]).map((pattern, index) =>
    readPattern(pattern, `patterns[${index}]`, rewrites, knownMatchers, fail),
  );

  const fixable = readFixable(raw.fixable, rewrites, patterns, fail);

  return {
    ...common,
    scope: 'sentence',
    trigger,
    patterns,
    rewrites,
    fixable,
    examples: readExamples(raw.examples, fail),
  };
}

/** The fields only a reply rule has. Its rewrites are one plain list: lines to add, never applied automatically. */
function readReplyFields(
  raw: Record<string, unknown>,
  knownMatchers: ReadonlySet<string>,
  fail: Fail,
): Pick<ReplyRuleDefinition, 'scope' | 'satisfiedBy' | 'notCounting' | 'insert' | 'rewrites' | 'fixable'> {
  const satisfiedBy = readStringList(raw.satisfiedBy, 'satisfiedBy', fail);
  if (satisfiedBy.length === 0) fail('satisfiedBy', 'must list at least one regular expression');

  const notCounting = raw.notCounting ?? [];
  if (!Array.isArray(notCounting)) fail('notCounting', 'must be a list of {regex} or {matcher} entries');
  const exclusions = (notCounting as unknown[]).map((entry, index): NotCountingSpec => {
    const field = `notCounting[${index}]`;
    if (!isRecord(entry)) return fail(field, 'must be a mapping with regex or matcher');
    for (const key of Object.keys(entry)) {
      if (!NOT_COUNTING_KEYS.has(key)) fail(`${field}.${key}`, 'is not a known field');
    }
    if ((entry.regex === undefined) === (entry.matcher === undefined)) {
      fail(field, 'must have exactly one of regex or matcher');
    }
    if (entry.regex !== undefined) {
      const regex = requireString(entry, 'regex', (_, problem) => fail(`${field}.regex`, problem));
      return { regex };
    }
    const matcher = requireString(entry, 'matcher', (_, problem) => fail(`${field}.matcher`, problem));
    if (!knownMatchers.has(matcher)) fail(`${field}.matcher`, `names no known matcher ("${matcher}")`);
    return { matcher };
  });

  if (!INSERT_PLACES.includes(raw.insert as ReplyRuleDefinition['insert'])) {
    fail('insert', `must be one of ${INSERT_PLACES.join(', ')}`);
  }
  if (isRecord(raw.rewrites)) fail('rewrites', 'must be one list of templates (reply rules have no named sets)');
  const rewrites = readStringList(raw.rewrites, 'rewrites', fail);
  if (rewrites.length > 3) fail('rewrites', 'must hold one to three templates');

  return {
    scope: 'reply',
    satisfiedBy,
    notCounting: exclusions,
    insert: raw.insert as ReplyRuleDefinition['insert'],
    rewrites: { default: rewrites },
    fixable: false,
  };
}

type Fail = (field: string, problem: string) => never;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, field: string, fail: Fail): string {
  const value = record[field];
  if (typeof value !== 'string' || value.trim() === '') return fail(field, 'must be a non-empty string');
  return value;
}

function checkRegex(source: string, file: string, field: string): void {
  try {
    new RegExp(source, 'iu');
  } catch (error) {
    throw new RuleDefinitionError(file, field, `is not a valid regular expression: ${(error as Error).message}`);
  }
}

function readStringList(value: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return fail(field, 'must be a list of non-empty strings');
  }
  return value as string[];
}

function readRewrites(value: unknown, fail: Fail): Record<string, string[]> {
  if (Array.isArray(value)) return { default: readStringList(value, 'rewrites', fail) };
  if (!isRecord(value) || Object.keys(value).length === 0) {
    return fail('rewrites', 'must be a list of templates or a mapping of named lists');
  }
  const sets: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(value)) {
    sets[name] = readStringList(list, `rewrites.${name}`, fail);
    if (sets[name].length > 3) fail(`rewrites.${name}`, 'must hold one to three templates');
  }
  return sets;
}

function readPattern(
  raw: unknown,
  field: string,
  rewrites: Record<string, string[]>,
  knownMatchers: ReadonlySet<string>,
  fail: Fail,
): PatternSpec {
  if (!isRecord(raw)) return fail(field, 'must be a mapping');
  for (const key of Object.keys(raw)) if (!PATTERN_KEYS.has(key)) fail(`${field}.${key}`, 'is not a known field');
  const kinds = ['regex', 'nlp', 'matcher'].filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) fail(field, 'must have exactly one of regex, nlp or matcher');
  const pattern: PatternSpec = {};
  if (raw.regex !== undefined) {
    pattern.regex = requireString(raw, 'regex', (_, problem) => fail(`${field}.regex`, problem));
  }
  if (raw.nlp !== undefined) pattern.nlp = requireString(raw, 'nlp', (_, problem) => fail(`${field}.nlp`, problem));
  if (raw.matcher !== undefined) {
    const name = requireString(raw, 'matcher', (_, problem) => fail(`${field}.matcher`, problem));
    if (!knownMatchers.has(name)) fail(`${field}.matcher`, `names no known matcher ("${name}")`);
    pattern.matcher = name;
  }
  if (raw.trigger !== undefined) {
    pattern.trigger = requireString(raw, 'trigger', (_, problem) => fail(`${field}.trigger`, problem));
  }
  for (const key of ['unless', 'unlessNext', 'unlessPrevious'] as const) {
    if (raw[key] === undefined) continue;
    pattern[key] = readStringList(raw[key], `${field}.${key}`, fail);
  }
  if (raw.question !== undefined) {
    if (typeof raw.question !== 'boolean') fail(`${field}.question`, 'must be true or false');
    pattern.question = raw.question as boolean;
  }
  if (raw.rewrites !== undefined) {
    if (typeof raw.rewrites !== 'string' || !(raw.rewrites in rewrites)) {
      fail(`${field}.rewrites`, `must name a rewrite set (${Object.keys(rewrites).join(', ')})`);
    }
    pattern.rewrites = raw.rewrites as string;
  } else if (!pattern.matcher && !('default' in rewrites)) {
    fail(`${field}.rewrites`, 'must name a rewrite set, as the rule has no default set');
  }
  if (raw.span !== undefined) {
    pattern.span = requireString(raw, 'span', (_, problem) => fail(`${field}.span`, problem));
    if (pattern.span !== 'sentence' && pattern.regex && !pattern.regex.includes(`(?<${pattern.span}>`)) {
      fail(`${field}.span`, `names no capture group of the regex ("${pattern.span}")`);
    }
  }
  return pattern;
}

/**
 * `fixable`: `true`, `false`, or the rewrite sets whose first rewrite keeps the meaning. A listed set
 * must exist and its first rewrite must be fillable: no slot left for the agent (`{what went wrong}`)
 * and, for regex patterns using the set, no slot the regex does not capture.
 */
function readFixable(value: unknown, rewrites: Record<string, string[]>, patterns: PatternSpec[], fail: Fail): boolean | string[] {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const names = Object.keys(rewrites).join(', ');
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    return fail('fixable', `must be true, false or a list of rewrite sets (${names})`);
  }
  const sets = value as string[];
  sets.forEach((set, index) => {
    const field = `fixable[${index}]`;
    if (!(set in rewrites)) fail(field, `names no rewrite set ("${set}"; the rule has ${names})`);
    if (sets.indexOf(set) !== index) fail(field, `repeats the rewrite set "${set}"`);
    for (const slot of templateSlots(rewrites[set]![0]!)) {
      if (slot.hasFallback) continue;
      if (/\s/.test(slot.name)) {
        fail(field, `names the set "${set}", whose first rewrite leaves {${slot.name}} for the agent to fill, so it is never a safe fix`);
      }
      patterns.forEach((pattern, patternIndex) => {
        if (!pattern.regex || (pattern.rewrites ?? 'default') !== set) return;
        if (!pattern.regex.includes(`(?<${slot.name}>`)) {
          fail(field, `names the set "${set}", whose first rewrite needs {${slot.name}}, which patterns[${patternIndex}] does not capture`);
        }
      });
    }
  });
  return sets;
}

function readExamples(raw: unknown, fail: Fail): RuleDefinition['examples'] {
  if (!isRecord(raw)) return fail('examples', 'must have flagged and clean lists');
  if (!Array.isArray(raw.flagged) || raw.flagged.length === 0) fail('examples.flagged', 'must be a non-empty list');
  const flagged = (raw.flagged as unknown[]).map((example, index): FlaggedExample => {
    const field = `examples.flagged[${index}]`;
    if (!isRecord(example)) return fail(field, 'must have text and rewrites');
    const text = requireString(example, 'text', (_, problem) => fail(`${field}.text`, problem));
    if (!/\[[^\]]+\]/.test(text)) fail(`${field}.text`, 'must mark the flagged span with [brackets]');
    return { text, rewrites: readStringList(example.rewrites, `${field}.rewrites`, fail) };
  });
  return { flagged, clean: readStringList(raw.clean, 'examples.clean', fail) };
}
