// Template expansion: a macro with `{% if %}…{% else %}…{% endif %}` (Liquid) or `{{#if}}…{{else}}…{{/if}}`
// (Handlebars/Mustache) is not one text but several, one per way its conditionals can go. Each
// becomes a unit of its own, the sentence that branch makes ("Hi {{name}}, sorry." and "Hi there,
// sorry."), with a map from every character back to the template. liquidjs's tokenizer finds the
// tags (it knows quoting, `{%- -%}`, `{% raw %}`); Handlebars output tags are `{{…}}` to it too, so
// one tokenizer reads both syntaxes and only their block keywords differ.
import type { TextUnit } from './formats/types.js';

/**
 * The most variants one template expands into. Beyond it, branches no variant reached are still
 * linted, each on its own between breaks, as for a template too malformed to tokenize.
 */
export const MAX_TEMPLATE_VARIANTS = 32;

/** Blocks nested deeper than this are no macro anyone writes: such a file is linted as plain text. */
export const MAX_TEMPLATE_DEPTH = 100;

/** Text printed as written: literal text, or a value tag (`{{name}}`) the linter reads as one word. */
interface Piece {
  kind: 'piece';
  start: number;
  end: number;
}

/** A conditional (or loop with an `else`): exactly one of its branches is printed. */
interface Branching {
  kind: 'branching';
  branches: TemplateNode[][];
}

type TemplateNode = Piece | Branching;

type FrameKind = 'cond' | 'case' | 'loop' | 'capture' | 'block';

interface Frame {
  kind: FrameKind;
  /** The tag name that closes it: `if` for `{% endif %}` and `{{/if}}`, `form` for `{% endform %}`. */
  name: string;
  node?: Branching;
  hasElse: boolean;
  /** Where this frame's parent was adding nodes, restored when it closes. */
  parentTarget: TemplateNode[];
}

type LiquidModule = typeof import('liquidjs');
let liquid: Promise<LiquidModule> | undefined;

// Loaded on first use: most replies have no control tags, and the library's import costs ~50 ms.
function loadLiquid(): Promise<LiquidModule> {
  return (liquid ??= import('liquidjs'));
}

// Each variant (and leftover unit) to the unit it was expanded from.
const variantOf = new WeakMap<TextUnit, TextUnit>();

/** The template unit `unit` is a variant of (itself when it is no variant), to judge a reply once per template. */
export function templateOf(unit: TextUnit): TextUnit {
  return variantOf.get(unit) ?? unit;
}

/** True when `text` has a control tag or template comment, so expanding it changes what is linted. */
export function hasControlTags(text: string): boolean {
  return CONTROL_TAG.test(text);
}

// The opening of a Liquid control tag, Handlebars block tag or comment (with `{%-`, `{{~` trimming).
const CONTROL_TAG =
  /\{%-?\s*(?:#|(?:comment|doc|raw|if|elsif|else|unless|case|when|for|tablerow|capture|assign|liquid|schema|javascript|stylesheet|style|end[a-z]+)\b)|\{\{[~-]?\s*(?:[!#/^]|else\b)/;

/**
 * The units a template unit stands for: one per variant (the default path, every conditional at its
 * first branch, then each other branch of each conditional in turn), capped at
 * `MAX_TEMPLATE_VARIANTS`. A unit without control tags, or one the tokenizer rejects, is returned
 * as it is (its tags are then masked as breaks when linted).
 */
export async function expandTemplate(unit: TextUnit, maxVariants = MAX_TEMPLATE_VARIANTS): Promise<TextUnit[]> {
  if (!hasControlTags(unit.text)) return [unit];
  const roots = parseTemplate(unit.text, await loadLiquid());
  if (!roots) return [unit];
  const units: TextUnit[] = [];
  const covered = new Set<Piece>();
  for (const root of roots) {
    for (const choice of variantChoices(root, maxVariants)) {
      const pieces: Piece[] = [];
      render(root, choice, pieces);
      pieces.forEach((piece) => covered.add(piece));
      units.push(variantUnit(unit, pieces));
    }
  }
  const leftover = leftoverUnit(unit, roots, covered);
  if (leftover) units.push(leftover);
  units.forEach((variant) => variantOf.set(variant, unit));
  return units;
}

/** The template's top-level body, then each `{% capture %}` body (printed elsewhere, so linted apart). */
function parseTemplate(text: string, { Tokenizer, TypeGuards }: LiquidModule): TemplateNode[][] | undefined {
  let tokens;
  try {
    tokens = new Tokenizer(handlebarsForLiquid(text)).readTopLevelTokens();
  } catch {
    return undefined; // an unclosed `{%` or `{{`: leave the text to the masking of placeholders
  }
  const endTags = new Set(tokens.filter(TypeGuards.isTagToken).map((token) => token.name));
  const main: TemplateNode[] = [];
  const roots = [main];
  const stack: Frame[] = [];
  let target = main;
  let skipUntil: { end: string; name: string; depth: number } | undefined;

  const open = (kind: FrameKind, name: string) => {
    const frame: Frame = { kind, name, hasElse: false, parentTarget: target };
    if (kind === 'capture') {
      target = [];
      roots.push(target);
    } else if (kind !== 'block') {
      // A `case` prints nothing before its first `when`: those nodes go nowhere.
      frame.node = { kind: 'branching', branches: kind === 'case' ? [] : [[]] };
      target.push(frame.node);
      target = kind === 'case' ? [] : frame.node.branches[0]!;
    }
    stack.push(frame);
  };
  const branch = (isElse: boolean) => {
    const frame = stack.at(-1);
    if (!frame?.node) return; // an `else` outside any conditional prints nothing
    frame.hasElse ||= isElse;
    target = [];
    frame.node.branches.push(target);
  };
  const close = (name: string | undefined) => {
    let index = stack.length - 1;
    if (name !== undefined) while (index >= 0 && stack[index]!.name !== name) index--;
    if (index >= 0) closeFrom(index); // else a stray end tag
  };
  const closeFrom = (index: number) => {
    for (const frame of stack.splice(index).reverse()) {
      // An `if` without `else` may print nothing: that is a variant too.
      if (frame.node && !frame.hasElse && frame.kind !== 'loop') frame.node.branches.push([]);
      target = frame.parentTarget;
    }
  };
  const piece = (start: number, end: number) => {
    if (end > start) target.push({ kind: 'piece', start, end });
  };

  for (const token of tokens) {
    if (stack.length > MAX_TEMPLATE_DEPTH) return undefined;
    if (skipUntil) {
      if (TypeGuards.isTagToken(token) && token.name === skipUntil.name) skipUntil.depth++;
      else if (TypeGuards.isTagToken(token) && token.name === skipUntil.end && --skipUntil.depth === 0) skipUntil = undefined;
      continue;
    }
    if (TypeGuards.isHTMLToken(token)) {
      piece(token.begin, token.end);
    } else if (TypeGuards.isTagToken(token)) {
      const name = token.name;
      if (SKIPPED_BLOCKS.has(name)) skipUntil = { end: `end${name}`, name, depth: 1 };
      else if (name === 'if' || name === 'unless') open('cond', name);
      else if (name === 'case') open('case', name);
      else if (name === 'for' || name === 'tablerow') open('loop', name);
      else if (name === 'capture') open('capture', name);
      else if (name === 'elsif' || name === 'when') branch(false);
      else if (name === 'else') branch(true);
      else if (name === 'raw' || name === 'endraw' || SILENT_TAGS.has(name)) continue; // raw's body is an HTML token
      else if (name.startsWith('end')) close(name.slice(3));
      else if (endTags.has(`end${name}`)) open('block', name); // `{% form %}…{% endform %}`: markup around its body
      else piece(token.begin, token.end); // `{% include %}`, Help Scout's `{%customer.firstName,fallback=there%}`
    } else {
      // An output tag: a Handlebars/Mustache block keyword, or a value printed as one word.
      const inner = /^\{\{[~-]?\s*([\s\S]*?)\s*[~-]?\}\}$/.exec(text.slice(token.begin, token.end))?.[1] ?? '';
      const blockName = /^[#^]\s*([^\s}]+)/.exec(inner)?.[1];
      if (inner === '^' || /^else\b/.test(inner)) branch(!/^else\s+if\b/.test(inner));
      else if (inner.startsWith('#') && (blockName === 'each' || blockName === 'with')) open('loop', blockName);
      else if (blockName) open('cond', blockName);
      else if (inner.startsWith('/')) close(inner.slice(1).trim() || undefined);
      else if (!inner.startsWith('!')) piece(token.begin, token.end);
    }
  }
  closeFrom(0); // unclosed blocks end with the template
  return roots;
}

// Liquid tags that print nothing where they stand.
const SILENT_TAGS = new Set(['#', 'assign', 'liquid', 'break', 'continue', 'layout', 'increment', 'decrement']);
// Blocks whose body is not reply text: comments, and Shopify's code sections.
const SKIPPED_BLOCKS = new Set(['comment', 'doc', 'schema', 'javascript', 'stylesheet', 'style']);

/**
 * `text` with the two Handlebars forms liquidjs reads differently rewritten to same-length Liquid:
 * a comment `{{!-- … }} … --}}` (which may contain `}}`) becomes an inline comment `{%# … %}`, and a
 * triple-stash `{{{html}}}` becomes `{{ html }}`. Offsets are unchanged.
 */
function handlebarsForLiquid(text: string): string {
  if (!text.includes('{{!') && !text.includes('{{{')) return text;
  let out = '';
  let cursor = 0;
  for (let at = text.indexOf('{{', cursor); at !== -1; at = text.indexOf('{{', cursor)) {
    let end = -1;
    let replacement = '';
    if (text.startsWith('{{!', at)) {
      const close = text.startsWith('{{!--', at) ? text.indexOf('--}}', at + 5) : text.indexOf('}}', at + 3);
      end = close === -1 ? -1 : close + (text.startsWith('{{!--', at) ? 4 : 2);
      if (end !== -1) replacement = `{%#${' '.repeat(end - at - 5)}%}`;
    } else if (text.startsWith('{{{', at)) {
      const close = text.indexOf('}}}', at + 3);
      end = close === -1 ? -1 : close + 3;
      if (end !== -1) replacement = `{{ ${text.slice(at + 3, close)} }}`;
    }
    if (end === -1) {
      out += text.slice(cursor, at + 2);
      cursor = at + 2;
      continue;
    }
    out += text.slice(cursor, at) + replacement;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/**
 * The branch choices to lint: the default path first (every conditional at its first branch), then,
 * one conditional at a time, each of its other branches (with the branches that enclose it taken so
 * that it is reached), in document order, until `limit` choices.
 */
function variantChoices(root: TemplateNode[], limit: number): Map<Branching, number>[] {
  const choices: Map<Branching, number>[] = [new Map()];
  const visit = (nodes: TemplateNode[], path: ReadonlyMap<Branching, number>) => {
    for (const node of nodes) {
      if (node.kind !== 'branching') continue;
      node.branches.forEach((branch, index) => {
        const taken = new Map(path).set(node, index);
        if (index > 0 && choices.length < limit) choices.push(taken);
        visit(branch, taken);
      });
    }
  };
  visit(root, new Map());
  return choices;
}

/** Appends the pieces `nodes` print under `choice` (unlisted conditionals take their first branch). */
function render(nodes: readonly TemplateNode[], choice: ReadonlyMap<Branching, number>, out: Piece[]): void {
  for (const node of nodes) {
    if (node.kind === 'piece') out.push(node);
    else render(node.branches[choice.get(node) ?? 0] ?? [], choice, out);
  }
}

/** Where offset `index` of `unit.text` came from in the file, as a start and as an end. */
function unitMaps(unit: TextUnit): { startAt: (index: number) => number; endAt: (index: number) => number } {
  const offsets = unit.sourceOffsets;
  const ends = unit.sourceEnds;
  const startAt = offsets ? (index: number) => offsets[Math.min(index, offsets.length - 1)]! : (index: number) => index;
  const endAt = ends ? (index: number) => ends[Math.min(index, ends.length - 1)]! : startAt;
  return { startAt, endAt };
}

/** One variant as a unit: its pieces joined, each character mapped back to the file. */
function variantUnit(unit: TextUnit, pieces: readonly Piece[]): TextUnit {
  const { startAt, endAt } = unitMaps(unit);
  const length = pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);
  const sourceOffsets = new Int32Array(length + 1);
  const sourceEnds = new Int32Array(length + 1);
  let text = '';
  let at = 0;
  sourceOffsets[0] = sourceEnds[0] = startAt(pieces[0]?.start ?? 0);
  for (const piece of pieces) {
    text += unit.text.slice(piece.start, piece.end);
    for (let index = piece.start; index < piece.end; index++, at++) {
      sourceOffsets[at] = startAt(index);
      // A span ending here ends after this character, not where the next piece starts (past a tag).
      sourceEnds[at + 1] = endAt(index + 1);
    }
  }
  if (length > 0) sourceOffsets[length] = sourceEnds[length]!;
  return { ...unit, text, sourceOffsets, sourceEnds };
}

/**
 * The text of branches no variant reached (when a template has more than the cap), each standing
 * alone: everything else blanked, tags as blank lines. Same length as `unit.text`, so the unit's
 * own map still holds.
 */
function leftoverUnit(unit: TextUnit, roots: readonly TemplateNode[][], covered: ReadonlySet<Piece>): TextUnit | undefined {
  const all: Piece[] = [];
  const collect = (nodes: readonly TemplateNode[]) =>
    nodes.forEach((node) => (node.kind === 'piece' ? all.push(node) : node.branches.forEach(collect)));
  roots.forEach(collect);
  const left = all.filter((piece) => !covered.has(piece) && /\S/.test(unit.text.slice(piece.start, piece.end)));
  if (left.length === 0) return undefined;
  const chars = unit.text.replace(/[^\n]/g, ' ').split('');
  const kept = new Set<number>();
  for (const piece of left) for (let index = piece.start; index < piece.end; index++) kept.add(index);
  // Every stretch outside a kept piece becomes a paragraph break, so kept pieces never join up.
  for (let index = 0; index < chars.length; index++) {
    if (kept.has(index)) chars[index] = unit.text[index]!;
    else if (kept.has(index - 1) && index + 1 < chars.length && !kept.has(index + 1)) chars[index] = chars[index + 1] = '\n';
  }
  return { ...unit, text: chars.join('') };
}
