import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { formatForName, type SourceFormat } from '../library.js';
import { knownExtensions } from '../parse/formats/index.js';
import { describeFsError, UsageError } from './errors.js';

/** Marks standard input among the inputs. */
export const STDIN = '-';

/** The file naming patterns of files to leave alone, in gitignore syntax, in each folder it applies to. */
export const IGNORE_FILE = '.tactfulignore';

/** How to expand the inputs: extra ignore patterns (relative to `cwd`) and the directory they are relative to. */
export interface ExpandOptions {
  ignorePatterns?: readonly string[];
  cwd?: string;
}

/**
 * The files to lint, in the order given; the arguments and entries that could not be read (each
 * makes the run exit 2); and notices (a file named on the command line that an ignore pattern skips).
 */
export interface ExpandedInputs {
  files: string[];
  problems: string[];
  notices: string[];
}

// Never entered when expanding a directory or glob, besides hidden entries.
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands command-line arguments (files, directories, globs, `-`) into files to lint. Directories
 * yield the files whose extension selects a format; `.tactfulignore` files and `ignorePatterns`
 * leave files out; a symbolic link loop or an unreadable folder is one problem each, not fatal.
 */
export async function expandInputs(args: readonly string[], options: ExpandOptions = {}): Promise<ExpandedInputs> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const ignores = new IgnoreRules(cwd, options.ignorePatterns ?? []);
  const files: string[] = [];
  const problems: string[] = [];
  const notices: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const arg of args.length === 0 ? [STDIN] : args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    const kind = await pathKind(resolve(cwd, arg));
    if (kind === 'file') {
      const ignoredBy = await ignores.ignoredBy(arg, false);
      if (ignoredBy) notices.push(`skipped '${arg}': ignored by ${ignoredBy}`);
      else add(arg);
    } else if (kind === 'directory') {
      const extensions = knownExtensions();
      const found = await walkDirectory(arg, cwd, ignores, new Set(extensions), problems);
      if (found.length === 0) problems.push(`no lintable files in '${arg}' (looked for ${extensions.map((e) => `.${e}`).join(', ')})`);
      found.forEach(add);
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: GLOB_IGNORE, onlyFiles: true });
      const kept: string[] = [];
      const real = new Set<string>();
      for (const file of found.sort()) {
        // A link back into a folder lists its files again under a longer path: keep the first.
        const target = await realpath(resolve(cwd, file)).catch(() => file);
        if (real.has(target) || (await ignores.ignoredBy(file, false))) continue;
        real.add(target);
        kept.push(file);
      }
      if (kept.length === 0) problems.push(`no files match '${arg}'`);
      kept.forEach(add);
    } else {
      problems.push(`cannot read '${arg}': ${kind}`);
    }
  }
  return { files, problems, notices };
}

/** The format to read `file` with: `--ext` for every input, else `--stdin-filename` for stdin, else its name. */
export function formatFor(file: string, options: { ext?: string; stdinFilename?: string }): SourceFormat {
  if (options.ext) return formatForName(options.ext);
  return formatForName(file === STDIN ? (options.stdinFilename ?? '') : file);
}

/** The name a file is shown under: its path, or for stdin `--stdin-filename` or `<stdin>`. */
export function displayName(file: string, options: { stdinFilename?: string }): string {
  return file === STDIN ? (options.stdinFilename ?? '<stdin>') : file;
}

/** Commander's parser for `--ext`: a known extension, with or without its dot. */
export function parseExtension(value: string): string {
  const extension = value.trim().replace(/^\./, '').toLowerCase();
  const known = knownExtensions();
  if (!known.includes(extension)) throw new UsageError(`--ext: unknown extension '${value}' (expected one of ${known.join(', ')})`);
  return extension;
}

/** Commander's collector for a repeatable option. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/**
 * The lintable files below `root` (relative to the working directory as `root` is), sorted. Hidden
 * entries and node_modules are skipped, ignored paths are not entered, a directory reached again
 * through a link is walked once, and a link back into its own ancestors is reported once.
 */
async function walkDirectory(root: string, cwd: string, ignores: IgnoreRules, extensions: ReadonlySet<string>, problems: string[]): Promise<string[]> {
  const found: string[] = [];
  const entered = new Set<string>();
  const walk = async (dir: string, ancestors: readonly string[]): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(resolve(cwd, dir));
      if (ancestors.includes(real)) return void problems.push(`skipped '${dir}': symbolic link loop`);
      if (entered.has(real)) return; // the same folder through another link: its files are listed once
      entered.add(real);
      entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
    } catch (error) {
      return void problems.push(`cannot read '${dir}': ${describeFsError(error)}`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      const lintable = extensions.has(extensionOf(entry.name));
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(resolve(cwd, path));
          [isDirectory, isFile] = [target.isDirectory(), target.isFile()];
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A link that points to itself, or a broken link that looks like a reply; other broken links are no business of ours.
          if (code === 'ELOOP') problems.push(`skipped '${path}': symbolic link loop`);
          else if (lintable) problems.push(`cannot read '${path}': ${describeFsError(error)}`);
          continue;
        }
      }
      if (isDirectory && !(await ignores.ignoredBy(path, true, root))) await walk(path, [...ancestors, real]);
      else if (isFile && lintable && !(await ignores.ignoredBy(path, false, root))) found.push(path);
    }
  };
  await walk(root, []);
  // Sorted as paths, as a glob's results are, whatever order the folders were read in.
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

async function pathKind(path: string): Promise<'file' | 'directory' | string> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    return describeFsError(error);
  }
}

/**
 * gitignore-style rules from `.tactfulignore` files and `--ignore-pattern`. A path is judged by the
 * `.tactfulignore` of every folder from the working directory (outside it, from the directory being
 * linted, or the file's own folder) down to its own, deeper files overriding shallower ones as in git, then by `--ignore-pattern`.
 */
class IgnoreRules {
  private readonly files = new Map<string, Promise<Ignore | undefined>>();
  private readonly patterns: Ignore | undefined;

  constructor(
    private readonly cwd: string,
    patterns: readonly string[],
  ) {
    this.patterns = patterns.length > 0 ? ignore().add(patterns) : undefined;
  }

  /**
   * What ignores `path` (a directory when `isDirectory`; found below `root` when walking one): an
   * ignore file's path or `--ignore-pattern`; undefined when nothing does.
   */
  async ignoredBy(path: string, isDirectory: boolean, root?: string): Promise<string | undefined> {
    const absolute = resolve(this.cwd, path);
    const insideCwd = isInside(this.cwd, absolute);
    const top = insideCwd ? this.cwd : root !== undefined ? resolve(this.cwd, root) : dirname(absolute);
    const folders: string[] = [];
    for (let folder = dirname(absolute); ; folder = dirname(folder)) {
      folders.unshift(folder);
      if (folder === top || folder === dirname(folder)) break;
    }
    let ignoredBy: string | undefined;
    const judge = (rules: Ignore | undefined, base: string, name: string) => {
      if (!rules) return;
      const relativePath = relative(base, absolute).split(sep).join('/') + (isDirectory ? '/' : '');
      const verdict = rules.test(relativePath);
      if (verdict.ignored) ignoredBy = name;
      else if (verdict.unignored) ignoredBy = undefined;
    };
    for (const folder of folders) {
      judge(await this.rulesIn(folder), folder, relative(this.cwd, join(folder, IGNORE_FILE)) || IGNORE_FILE);
    }
    if (insideCwd) judge(this.patterns, this.cwd, '--ignore-pattern');
    return ignoredBy;
  }

  private rulesIn(folder: string): Promise<Ignore | undefined> {
    let rules = this.files.get(folder);
    if (!rules) {
      // No ignore file (or an unreadable one) ignores nothing.
      rules = readFile(join(folder, IGNORE_FILE), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      this.files.set(folder, rules);
    }
    return rules;
  }
}

function isInside(folder: string, path: string): boolean {
  const relativePath = relative(folder, path);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath);
}
