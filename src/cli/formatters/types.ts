import type { RuleDefinition, SourceFinding } from '../../library.js';

/** The path a result has when the text came from standard input. */
export const STDIN_PATH = '<stdin>';

/** The findings for one linted file, with the path as the user gave it (`<stdin>` for stdin). */
export interface FileResult {
  filePath: string;
  /** Findings in the file; `unit` names the macro a finding is in, for helpdesk exports. */
  findings: SourceFinding[];
}

/** Formatter switches from the command line, and the context some formats record. */
export interface FormatOptions {
  /** Print each rule's rationale and seed source with its finding. */
  why: boolean;
  /** Directory that file paths are made relative to (sarif, github); default the process's. */
  cwd?: string;
  /** tactful's version, recorded by sarif; default the package's. */
  version?: string;
  /** The rules to describe (sarif's `tool.driver.rules`); default the built-in rules. */
  rules?: readonly RuleDefinition[];
}

/**
 * Turns results into the report's text, as chunks to write in order: a few per finding, so a large
 * report is never held whole in memory. The chunks joined are the report.
 */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => Iterable<string>;
