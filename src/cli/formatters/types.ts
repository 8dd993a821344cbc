import type { Finding } from '../../index.js';

/** The findings for one linted file, with the path as the user gave it (`<stdin>` for stdin). */
export interface FileResult {
  filePath: string;
  findings: Finding[];
}

/** Formatter switches from the command line. */
export interface FormatOptions {
  /** Print each rule's rationale and seed source with its finding. */
  why: boolean;
}

/** Turns results into the text written to stdout. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
