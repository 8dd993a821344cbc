import { LineIndex } from '../lines.js';
import { fieldUnits, type DecodedField } from './field-units.js';
import { JsonCursor } from './json-source.js';
import { SourceFormatError, type FormatAdapter, type TextUnit, type UnitLabel } from './types.js';

const EXPECTED = 'expected a Zendesk macros export, {"macros": [{"id", "title", "actions": [{"field", "value"}]}]}';

// The actions whose value is the reply the macro posts.
const COMMENT_FIELDS: Readonly<Record<string, 'text' | 'html'>> = { comment_value: 'text', comment_value_html: 'html' };

/**
 * A Zendesk macros export (`GET /api/v2/macros.json`, or one `{"macro": …}`): each comment action
 * of each macro is a unit labelled with the macro's id and title, its positions inside the JSON
 * string literal (escapes included).
 */
export const zendeskFormat: FormatAdapter = {
  name: 'zendesk-json',
  extensions: ['json'],
  async extract(source) {
    if (!/\S/.test(source)) return [];
    const macros = readMacros(source);
    const fields = locateCommentFields(source, macros);
    const units: TextUnit[] = [];
    for (const { field, kind, label } of fields) units.push(...(await fieldUnits(field, kind, label)));
    return units;
  },
};

interface Macro {
  id?: unknown;
  title?: unknown;
  actions: { field?: unknown; value?: unknown }[];
}

/** The parsed macros, or a `SourceFormatError` saying what the file should have been. */
function readMacros(source: string): Macro[] {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new SourceFormatError(`invalid JSON: ${describeJsonError(error, source)}; ${EXPECTED}`);
  }
  const macros = isObject(data) && Array.isArray(data.macros) ? data.macros : isObject(data) && isObject(data.macro) ? [data.macro] : undefined;
  if (!macros) throw new SourceFormatError(`found ${describeValue(data)}; ${EXPECTED}`);
  macros.forEach((macro, index) => {
    if (!isObject(macro) || !Array.isArray(macro.actions)) {
      throw new SourceFormatError(`macro ${index + 1} of ${macros.length} has no "actions" list; ${EXPECTED}`);
    }
  });
  return macros as Macro[];
}

interface CommentField {
  field: DecodedField;
  kind: 'text' | 'html';
  label: UnitLabel;
}

/** Finds, in document order, the string literal of every comment action, decoded with its offsets. */
function locateCommentFields(source: string, macros: readonly Macro[]): CommentField[] {
  const cursor = new JsonCursor(source);
  // Keyed by macro and action, so a repeated key keeps its last value, as JSON.parse does.
  const found = new Map<string, CommentField[]>();
  const readMacro = (macro: Macro, macroIndex: number) =>
    cursor.object((key) => {
      if (key !== 'actions') return cursor.skip();
      cursor.array((actionIndex) => {
        const action = macro.actions[actionIndex];
        const kind = typeof action?.field === 'string' ? COMMENT_FIELDS[action.field] : undefined;
        if (!kind || cursor.peek() !== '{') return cursor.skip();
        const label: UnitLabel = { field: action!.field as string };
        if (typeof macro.id === 'string' || typeof macro.id === 'number') label.id = String(macro.id);
        if (typeof macro.title === 'string') label.title = macro.title;
        cursor.object((actionKey) => {
          if (actionKey !== 'value') return cursor.skip();
          found.set(`${macroIndex}/${actionIndex}`, readValue(cursor).map((field) => ({ field, kind, label })));
        });
      });
    });
  cursor.object((key) => {
    if (key === 'macros' && cursor.peek() === '[') cursor.array((index) => readMacro(macros[index]!, index));
    else if (key === 'macro' && cursor.peek() === '{' && macros.length === 1) readMacro(macros[0]!, 0);
    else cursor.skip();
  });
  return [...found.values()].flat();
}

/** A comment action's value: a string, or (in some exports) a list such as `["channel:all", "text"]`. */
function readValue(cursor: JsonCursor): DecodedField[] {
  if (cursor.peek() === '"') return [cursor.string()];
  const fields: DecodedField[] = [];
  if (cursor.peek() !== '[') {
    cursor.skip();
    return fields;
  }
  cursor.array(() => {
    if (cursor.peek() !== '"') return cursor.skip();
    const field = cursor.string();
    if (!/^channel:\S*$/.test(field.text)) fields.push(field);
  });
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for an error: `an object with keys "tickets", "count"`, `an array`. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (!isObject(value)) return value === null ? 'null' : `a ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  return `an object with ${keys.length === 1 ? 'key' : 'keys'} ${keys.slice(0, 4).map((key) => JSON.stringify(key)).join(', ')}${keys.length > 4 ? ', …' : ''}`;
}

/** JSON.parse's message with its character position as a line and column. */
function describeJsonError(error: unknown, source: string): string {
  const message = (error as Error).message.split('\n')[0]!.replace(/^JSON\.parse: /, '');
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const { line, column } = new LineIndex(source).pointAt(Number(position[1]));
  return message.replace(/ in JSON at position \d+.*$|at position \d+.*$/, '').trim() + ` at line ${line}, column ${column}`;
}
