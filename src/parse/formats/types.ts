/** Where a unit of text sits inside its file, e.g. one macro of a helpdesk export. */
export interface UnitLabel {
  id?: string;
  title?: string;
  /** The field the text came from, e.g. `comment_value_html` or a CSV column. */
  field?: string;
}

/**
 * One reply to lint, taken out of a source file: the text the rules read (markup removed, entities
 * decoded, quoted history blanked) and the way back from its offsets to the file's offsets.
 */
export interface TextUnit {
  text: string;
  /**
   * For each offset of `text` (and `text.length`), the offset in the source file it came from.
   * Absent when `text` has the source's offsets already (same-length blanking, as for plain text).
   */
  sourceOffsets?: Int32Array;
  /**
   * For each end offset `e` of `text` (1…`text.length`), where a span ending there ends in the file,
   * when that is not `sourceOffsets[e]`: after a template branch the next character comes from past
   * a tag, but a finding ending on the branch's last word must end on that word.
   */
  sourceEnds?: Int32Array;
  label?: UnitLabel;
  /** What the customer wrote, when the file shows it (an e-mail's quoted message). */
  context?: string;
}

/** The format names, as chosen by file extension, `--ext` or `--stdin-filename`. */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'email' | 'zendesk-json' | 'csv';

/** Reads one kind of file into units. Pure: no file system, no process. */
export interface FormatAdapter {
  name: SourceFormat;
  /** File extensions (without the dot) that select this format. */
  extensions: readonly string[];
  extract(source: string): TextUnit[] | Promise<TextUnit[]>;
}

/** A file that is not what its format expects (malformed MIME, a JSON file that is no export…). */
export class SourceFormatError extends Error {
  override name = 'SourceFormatError';
}
