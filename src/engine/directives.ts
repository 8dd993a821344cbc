/**
 * Disable comments, as ESLint's: `tactful-disable`, `tactful-enable`, `tactful-disable-line` and
 * `tactful-disable-next-line`, each with optional rule ids and `-- reason`. They are read from the
 * source file itself (not from the extracted reply), in whatever comment syntax the file allows:
 * `<!-- … -->`, `{% comment %}…{% endcomment %}`, `{{!-- … --}}`, `{{! … }}`, or, for plain text, a
 * line of its own (optionally behind `#` or `//`). Pure: no files, no process.
 */
import { LineIndex } from '../parse/lines.js';
import { nearestName } from './nearest.js';
import type { Finding, Place } from './types.js';

/** What a directive does. */
export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

/** One disable comment found in a source file. */
export interface Directive {
  kind: DirectiveKind;
  /** The rule ids it names, in order; empty means every rule. */
  ruleIds: string[];
  /** The text after ` -- `, when given. */
  reason?: string;
  /** Offsets of the whole comment (or line) in the source. */
  start: number;
  end: number;
  /** Written as a plain-text line of its own: no part of the reply, so it is blanked before linting. */
  bareLine: boolean;
  /** Written as an HTML comment, which plain text does not hide either. */
  htmlComment: boolean;
}

/** Rule ids of the problems a directive itself causes; no real rule has these ids. */
export const DIRECTIVE_PROBLEM_IDS = {
  unused: 'unused-disable-directive',
  invalid: 'invalid-disable-directive',
} as const;

/** Options for `applyDirectives`. */
export interface DirectiveOptions {
  /** Every rule id the linter knows; a directive naming another id is reported. */
  knownRuleIds: readonly string[];
  /** Report directives that silenced nothing, as warnings. */
  reportUnused?: boolean;
  /** Where the docs about disable comments live (each problem's `url`). */
  docsUrl?: string;
}

/** Where the README explains disable comments. */
export const DIRECTIVES_DOCS_URL = 'https://github.com/tactful-lint/tactful#disable-comments';

const KIND = /^tactful-(disable-next-line|disable-line|disable|enable)(?![\w-])/;
const BARE_LINE = /^([ \t]*(?:(?:#|\/\/)[ \t]*)?)(tactful-(?:disable-next-line|disable-line|disable|enable)(?![\w-])[^\n]*)$/;
const REASON = /(?:^|\s)--(?:\s|$)/;

// Comment syntaxes: an opening, then the first closing after it; the next opening is looked for
// after that closing, and an opening never closed ends the scan, so each syntax is one linear pass.
const COMMENT_SYNTAXES: ReadonlyArray<{ open: RegExp; close: (opening: string) => RegExp; html: boolean }> = [
  { open: /<!--/g, close: () => /-->/g, html: true },
  { open: /\{%-?\s*comment\s*-?%\}/g, close: () => /\{%-?\s*endcomment\s*-?%\}/g, html: false },
  { open: /\{\{~?!(?:--)?/g, close: (opening) => (opening.endsWith('--') ? /--~?\}\}/g : /~?\}\}/g), html: false },
];

/** Reads the directive in a comment's body, if it holds one. */
function parseBody(body: string): Pick<Directive, 'kind' | 'ruleIds' | 'reason'> | undefined {
  const text = body.trim();
  const kind = KIND.exec(text);
  if (!kind) return undefined;
  let rest = text.slice(kind[0].length);
  let reason: string | undefined;
  const dashes = REASON.exec(rest);
  if (dashes) {
    reason = rest.slice(dashes.index + dashes[0].length).trim() || undefined;
    rest = rest.slice(0, dashes.index);
  }
  const ruleIds = rest.split(/[\s,]+/).filter((id) => id !== '');
  return reason === undefined ? { kind: kind[1] as DirectiveKind, ruleIds } : { kind: kind[1] as DirectiveKind, ruleIds, reason };
}

/** Every directive in `source`, in order of position. */
export function findDirectives(source: string): Directive[] {
  if (!source.includes('tactful-')) return [];
  const directives: Directive[] = [];
  const comments: Array<[number, number]> = [];
  for (const syntax of COMMENT_SYNTAXES) {
    syntax.open.lastIndex = 0;
    for (let open = syntax.open.exec(source); open; open = syntax.open.exec(source)) {
      const close = syntax.close(open[0]);
      close.lastIndex = open.index + open[0].length;
      const closing = close.exec(source);
      if (!closing) break;
      comments.push([open.index, closing.index + closing[0].length]);
      const parsed = parseBody(source.slice(open.index + open[0].length, closing.index));
      if (parsed) {
        directives.push({ ...parsed, start: open.index, end: closing.index + closing[0].length, bareLine: false, htmlComment: syntax.html });
      }
      syntax.open.lastIndex = closing.index + closing[0].length;
    }
  }
  let lineStart = 0;
  for (const line of source.split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const bare = text.includes('tactful-') ? BARE_LINE.exec(text) : null;
    if (bare) {
      const start = lineStart + bare[1]!.length;
      // A line inside a multi-line comment belongs to that comment: read with it, or not a directive.
      if (!comments.some(([from, to]) => from <= start && start < to)) {
        directives.push({ ...parseBody(bare[2]!)!, start: lineStart, end: lineStart + text.length, bareLine: true, htmlComment: false });
      }
    }
    lineStart += line.length + 1;
  }
  return directives.sort((a, b) => a.start - b.start);
}

/**
 * `source` with the directives that are no part of the reply replaced by spaces (offsets unchanged):
 * plain-text directive lines always, and HTML comments in plain text, where nothing else hides them.
 * Template comments are left to the template masking, which already reads them as breaks.
 */
export function blankDirectives(source: string, directives: readonly Directive[], plainText: boolean): string {
  const pieces: string[] = [];
  let cursor = 0;
  for (const directive of directives) {
    if (!directive.bareLine && !(plainText && directive.htmlComment)) continue;
    if (directive.start < cursor) continue;
    pieces.push(source.slice(cursor, directive.start), source.slice(directive.start, directive.end).replace(/[^\r\n]/g, ' '));
    cursor = directive.end;
  }
  return cursor === 0 ? source : pieces.join('') + source.slice(cursor);
}

/** A directive's state while walking the findings: which one switched a rule (or every rule) off. */
interface BlockState {
  all?: Directive;
  rules: Map<string, Directive | null>;
}

/**
 * Returns a function that tells which directive, if any, silences a finding, by its position in the
 * source that `lines` indexes. Only that: a scorecard needs no more, and `applyDirectives` adds the
 * problems with the directives themselves.
 */
export function directiveSilencer(directives: readonly Directive[], lines: LineIndex): (finding: Finding) => Directive | undefined {
  const lineDirectives = directives.filter((d) => d.kind === 'disable-line' || d.kind === 'disable-next-line');
  const targetLines = new Map(lineDirectives.map((d) => [d, targetLinesOf(d, lines)] as const));
  const blocks = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  return (finding) => {
    const line = finding.place.start.line;
    const lineHit = lineDirectives.find((d) => {
      const [first, last] = targetLines.get(d)!;
      return first <= line && line <= last && (d.ruleIds.length === 0 || d.ruleIds.includes(finding.ruleId));
    });
    return lineHit ?? disabledBy(blocks, finding.place.start.offset, finding.ruleId);
  };
}

/**
 * Drops the findings that a directive silences, by their position in `source`, and adds a problem for
 * each directive naming an unknown rule (always) and each that silenced nothing (`reportUnused`).
 */
export function applyDirectives<T extends Finding>(
  findings: readonly T[],
  directives: readonly Directive[],
  source: string,
  options: DirectiveOptions,
): Array<T | Finding> {
  if (directives.length === 0) return [...findings];
  const lines = new LineIndex(source);
  const known = new Set(options.knownRuleIds);
  const silencedBy = directiveSilencer(directives, lines);
  const used = new Map<Directive, Set<string>>();
  const kept: Array<T | Finding> = [];
  for (const finding of findings) {
    const directive = silencedBy(finding);
    if (!directive) {
      kept.push(finding);
      continue;
    }
    let ids = used.get(directive);
    if (!ids) used.set(directive, (ids = new Set()));
    ids.add(finding.ruleId);
  }

  const docsUrl = options.docsUrl ?? DIRECTIVES_DOCS_URL;
  for (const directive of directives) {
    const unknown = directive.ruleIds.filter((id) => !known.has(id));
    for (const id of unknown) {
      const suggestion = nearestName(id, options.knownRuleIds);
      const reason = `unknown rule '${id}' in tactful-${directive.kind}${suggestion ? ` — did you mean '${suggestion}'?` : ''}`;
      kept.push(problem(DIRECTIVE_PROBLEM_IDS.invalid, 'error', reason, directive, source, lines, docsUrl));
    }
    if (directive.bareLine && directive.kind === 'disable-line') {
      const reason = 'tactful-disable-line on a line of its own silences nothing; use tactful-disable-next-line';
      kept.push(problem(DIRECTIVE_PROBLEM_IDS.invalid, 'error', reason, directive, source, lines, docsUrl));
      continue;
    }
    if (!options.reportUnused || directive.kind === 'enable') continue;
    const silenced = used.get(directive);
    if (directive.ruleIds.length === 0) {
      if (!silenced) kept.push(problem(DIRECTIVE_PROBLEM_IDS.unused, 'warning', `unused tactful-${directive.kind} directive (no problems were reported)`, directive, source, lines, docsUrl));
      continue;
    }
    const idle = directive.ruleIds.filter((id) => known.has(id) && !silenced?.has(id));
    if (idle.length > 0) {
      const names = idle.map((id) => `'${id}'`).join(' or ');
      kept.push(problem(DIRECTIVE_PROBLEM_IDS.unused, 'warning', `unused tactful-${directive.kind} directive (no problems were reported from ${names})`, directive, source, lines, docsUrl));
    }
  }
  return kept.sort((a, b) => a.place.start.offset - b.place.start.offset || a.ruleId.localeCompare(b.ruleId));
}

/** The lines a line directive covers: its own line(s), or the line after it ends. */
function targetLinesOf(directive: Directive, lines: LineIndex): [number, number] {
  const first = lines.pointAt(directive.start).line;
  const last = lines.pointAt(Math.max(directive.start, directive.end - 1)).line;
  return directive.kind === 'disable-line' ? [first, last] : [last + 1, last + 1];
}

/** The block directive that has `ruleId` switched off at `offset`, if one has. */
function disabledBy(blocks: readonly Directive[], offset: number, ruleId: string): Directive | undefined {
  const state: BlockState = { rules: new Map() };
  for (const directive of blocks) {
    if (directive.start > offset) break;
    if (directive.kind === 'disable') {
      if (directive.ruleIds.length === 0) [state.all, state.rules] = [directive, new Map()];
      else directive.ruleIds.forEach((id) => state.rules.set(id, directive));
    } else if (directive.ruleIds.length === 0) {
      [state.all, state.rules] = [undefined, new Map()];
    } else {
      // Enabling one rule while every rule is off makes an exception to the blanket disable.
      directive.ruleIds.forEach((id) => state.rules.set(id, null));
    }
  }
  const own = state.rules.get(ruleId);
  if (own === null) return undefined;
  return own ?? state.all;
}

/** A problem with a directive, shaped as a finding at the directive's place. */
function problem(
  ruleId: string,
  severity: 'warning' | 'error',
  reason: string,
  directive: Directive,
  source: string,
  lines: LineIndex,
  url: string,
): Finding {
  const place: Place = { start: lines.pointAt(directive.start), end: lines.pointAt(directive.end) };
  return {
    ruleId,
    source: 'tactful',
    reason,
    severity,
    fatal: severity === 'error',
    line: place.start.line,
    column: place.start.column,
    place,
    actual: source.slice(directive.start, directive.end),
    expected: [],
    note: 'Disable comments silence findings on purpose; one that silences nothing, or names no rule, is likely a mistake.',
    url,
  };
}
