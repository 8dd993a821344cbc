// A helpdesk export keeps each reply in a field of a bigger file: a JSON string, a CSV cell. The
// field's text is decoded (escapes, doubled quotes) with a map back into the file; then it is read
// as a template (plain text) or as HTML, and the units found are mapped through both steps.
import { expandTemplate } from '../template.js';
import { FORMATS } from './index.js';
import type { TextUnit, UnitLabel } from './types.js';

/** A field's decoded text, and for each offset (and the end) the file offset it came from. */
export interface DecodedField {
  text: string;
  /** Contiguous: character `i` spans `offsets[i]` to `offsets[i + 1]` in the file. */
  offsets: Int32Array;
}

/** The units of one field: HTML through the HTML adapter, plain text as a template; positions in the file. */
export async function fieldUnits(field: DecodedField, kind: 'text' | 'html', label: UnitLabel): Promise<TextUnit[]> {
  if (!/\S/.test(field.text)) return [];
  const html = kind === 'html' ? FORMATS.get('html') : undefined;
  const inner = html ? await html.extract(field.text) : kind === 'html' ? [blankTags(field.text)] : await expandTemplate({ text: field.text });
  return inner.map((unit) => ({ ...throughField(unit, field.offsets), label }));
}

/** `unit` (offsets into a field's text) with offsets into the file, given the field's own map. */
function throughField(unit: TextUnit, fieldOffsets: Int32Array): TextUnit {
  const last = fieldOffsets.length - 1;
  const toFile = (index: number) => fieldOffsets[Math.min(index, last)]!;
  const length = unit.text.length;
  const sourceOffsets = new Int32Array(length + 1);
  const sourceEnds = new Int32Array(length + 1);
  for (let index = 0; index <= length; index++) {
    const start = unit.sourceOffsets?.[index] ?? index;
    sourceOffsets[index] = toFile(start);
    sourceEnds[index] = toFile(unit.sourceEnds?.[index] ?? start);
  }
  return { ...unit, sourceOffsets, sourceEnds };
}

const BLOCK_TAG = /^<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|hr)\b/i;

/**
 * Used only while no HTML adapter is registered: tags become spaces (block tags a line break), so
 * the text keeps the field's offsets. Entities stay as written.
 */
function blankTags(html: string): TextUnit {
  return { text: html.replace(/<[^<>]{0,2000}>/g, (tag) => (BLOCK_TAG.test(tag) ? `\n${' '.repeat(tag.length - 1)}` : ' '.repeat(tag.length))) };
}
