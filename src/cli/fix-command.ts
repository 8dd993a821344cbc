import { applyFixes, type Finding } from '../library.js';
import { AtomicWriteError, readSnapshot, writeFileAtomic } from './atomic-write.js';
import { decodeFile } from './decode.js';
import { describeFsError } from './errors.js';
import { STDIN } from './inputs.js';
import { unifiedDiff } from './unified-diff.js';

/** The fix switches of the lint command, as commander parsed them. */
export interface FixOptions {
  /** `--fix`: apply safe fixes to the files in place. */
  fix?: boolean;
  /** `--fix-dry-run`: print the fixed text (or, with `--format diff`, the diff) and write nothing. */
  fixDryRun?: boolean;
  format: string;
}

/** The `--format` value that prints a unified diff of the fixes instead of a report. */
export const DIFF_FORMAT = 'diff';

// Each pass lints the text its fixes produced, so a fix left out for overlapping another one is
// applied on the next pass; ten passes are far more than any reply needs, and bound the work.
const MAX_PASSES = 10;

// What a fix may not insert in each format, because the file would need it escaped: markup in HTML,
// quotes and commas in CSV, JSON string escapes, and anything but plain ASCII (or `=`, quoted-printable's
// escape) in an e-mail. An unknown format gets all of these restrictions at once.
const UNSAFE_TEXT: Readonly<Record<string, RegExp>> = {
  text: /[\u0000-\u0008\u000b-\u001f\u007f]/,
  markdown: /[\u0000-\u0008\u000b-\u001f\u007f]/,
  html: /[<>&\u0000-\u001f\u007f]/,
  email: /[^\u0020-\u007e]|=/,
  'zendesk-json': /["\\\u0000-\u001f\u007f]/,
  csv: /[",\u0000-\u001f\u007f]/,
};
const UNSAFE_IN_UNKNOWN_FORMAT = /[^\u0020-\u007e]|["\\<>&=,{}]/;

/** A usage problem with the fix switches and the inputs they apply to, or undefined when they fit. */
export function fixUsageProblem(options: FixOptions, files: readonly string[]): string | undefined {
  const diff = options.format === DIFF_FORMAT;
  if (options.fix && options.fixDryRun) return '--fix and --fix-dry-run cannot be combined';
  if (diff && !options.fix && !options.fixDryRun) return '--format diff shows what fixing changes; add --fix or --fix-dry-run';
  if (options.fix && files.includes(STDIN)) return '--fix writes files in place and cannot write standard input; use --fix-dry-run';
  if (options.fixDryRun && !diff) {
    if (options.format !== 'stylish') return `--fix-dry-run prints the fixed text or, with --format diff, a diff (not --format ${options.format})`;
    if (files.length !== 1) return '--fix-dry-run prints the fixed text of one input; add --format diff for several';
  }
  return undefined;
}

/** What fixing one file gave: its text after the fixes and the findings that remain in it. */
export interface FixedFile {
  text: string;
  findings: Finding[];
}

/**
 * One run of `--fix` or `--fix-dry-run`: fixes file after file, writes each fixed file atomically
 * (with `--fix`), and collects what is printed instead of the report (the fixed text or the diff).
 */
export class FixRun {
  /** True once a file could not be fixed (it changed since it was read, or cannot be written). */
  failed = false;
  private fixedProblems = 0;
  private fixedFiles = 0;
  private readonly printed: string[] = [];

  private constructor(
    private readonly options: FixOptions,
    private readonly stderr: (text: string) => void,
  ) {}

  /** A fix run for the options, or undefined when neither `--fix` nor `--fix-dry-run` is given. */
  static start(options: FixOptions, stderr: (text: string) => void): FixRun | undefined {
    return options.fix || options.fixDryRun ? new FixRun(options, stderr) : undefined;
  }

  /**
   * Applies the safe fixes to `text`, the contents of `file` in `format` whose `findings` are given,
   * pass after pass until none applies; `lint` finds the findings of a fixed text. Returns the text
   * as it now stands (unchanged when the file could not be written) and the findings left in it.
   */
  async fixFile(
    file: string,
    format: string,
    text: string,
    findings: Finding[],
    lint: (text: string) => Promise<Finding[]>,
  ): Promise<FixedFile> {
    let current = text;
    let remaining = findings;
    let applied = 0;
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const safe = remaining.filter((finding) => finding.fix && fixFitsFormat(format, finding.fix.text));
      if (safe.length === 0) break;
      const result = applyFixes(current, safe);
      if (result.applied.length === 0) break;
      current = result.output;
      applied += result.applied.length;
      remaining = await lint(current);
    }

    const shownPath = file === STDIN ? '<stdin>' : file;
    if (current !== text && this.options.fix) {
      try {
        await writeFixedFile(file, text, current);
      } catch (error) {
        this.failed = true;
        const reason = error instanceof AtomicWriteError ? error.message : describeFsError(error);
        this.stderr(`tactful: cannot fix '${shownPath}': ${reason}\n`);
        return { text, findings };
      }
      this.fixedProblems += applied;
      this.fixedFiles += 1;
    }
    if (this.options.format === DIFF_FORMAT) this.printed.push(unifiedDiff(shownPath, text, current));
    else if (this.options.fixDryRun) this.printed.push(current);
    return { text: current, findings: remaining };
  }

  /** What to print instead of the report: the fixed text or the diff; undefined to print the report. */
  output(): string | undefined {
    return this.options.fixDryRun || this.options.format === DIFF_FORMAT ? this.printed.join('') : undefined;
  }

  /** A line for stderr saying what `--fix` changed, or undefined when it changed nothing. */
  summary(): string | undefined {
    if (!this.options.fix || this.fixedFiles === 0) return undefined;
    const problems = `${this.fixedProblems} ${this.fixedProblems === 1 ? 'problem' : 'problems'}`;
    return `tactful: fixed ${problems} in ${this.fixedFiles} ${this.fixedFiles === 1 ? 'file' : 'files'}\n`;
  }
}

/** Whether a fix's text can go into a file of `format` as it is, with nothing to escape. */
export function fixFitsFormat(format: string, text: string): boolean {
  return !(UNSAFE_TEXT[format] ?? UNSAFE_IN_UNKNOWN_FORMAT).test(text);
}

/**
 * Writes `fixed` over `file`, whose text was `linted` when it was read. The file is read again and
 * must still decode to exactly `linted`, and its bytes must come back unchanged when that text is
 * encoded again (same encoding, same byte-order mark), so only the fixed spans ever change. The
 * write is atomic and refused if the file changes before the rename (see `writeFileAtomic`).
 */
async function writeFixedFile(file: string, linted: string, fixed: string): Promise<void> {
  const snapshot = await readSnapshot(file);
  // The rename would replace a read-only file as easily as any other; respect the missing write bits.
  if ((snapshot.stats.mode & 0o222) === 0) throw new AtomicWriteError('it is read-only');
  const decoded = decodeFile(snapshot.bytes);
  if (decoded.kind !== 'text' || decoded.text !== linted) throw new AtomicWriteError('it changed since it was read');
  if (decoded.replacedInvalidBytes) {
    throw new AtomicWriteError('it is not valid UTF-8, and writing it would replace the invalid bytes');
  }
  const encode = encoderLike(snapshot.bytes);
  if (!encode(linted).equals(snapshot.bytes)) throw new AtomicWriteError('its encoding would not survive writing it back');
  await writeFileAtomic(file, encode(fixed), snapshot);
}

/** An encoder that writes text the way `bytes` were written: UTF-8 or UTF-16, with their byte-order mark. */
function encoderLike(bytes: Uint8Array): (text: string) => Buffer {
  const [first, second, third] = bytes;
  if (first === 0xff && second === 0xfe) return (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (first === 0xfe && second === 0xff) {
    return (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
  if (first === 0xef && second === 0xbb && third === 0xbf) {
    return (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  }
  return (text) => Buffer.from(text, 'utf8');
}
