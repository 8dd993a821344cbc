import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeFsError } from './errors.js';

/** Extensions linted when a directory is given. */
export const LINTABLE_EXTENSIONS = ['txt', 'md', 'html', 'eml'] as const;

/** Marks standard input among the inputs. */
export const STDIN = '-';

/** The files to lint, in the order given, and the arguments that named nothing lintable. */
export interface ExpandedInputs {
  files: string[];
  problems: string[];
}

const IGNORED_DIRECTORIES = ['**/node_modules/**', '**/.git/**'];

/** Expands command-line arguments (files, directories, globs, `-`) into files to lint. */
export async function expandInputs(args: readonly string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const problems: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const arg of args.length === 0 ? [STDIN] : args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    const kind = await pathKind(arg);
    if (kind === 'file') {
      add(arg);
    } else if (kind === 'directory') {
      const found = await glob(`**/*.{${LINTABLE_EXTENSIONS.join(',')}}`, { cwd: arg, ignore: IGNORED_DIRECTORIES, dot: false });
      if (found.length === 0) problems.push(`no lintable files in '${arg}' (looked for ${LINTABLE_EXTENSIONS.map((e) => `.${e}`).join(', ')})`);
      found.sort().forEach((file) => add(join(arg, file)));
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { ignore: IGNORED_DIRECTORIES, onlyFiles: true });
      if (found.length === 0) problems.push(`no files match '${arg}'`);
      found.sort().forEach(add);
    } else {
      problems.push(`cannot read '${arg}': ${kind}`);
    }
  }
  return { files, problems };
}

async function pathKind(path: string): Promise<'file' | 'directory' | string> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    return describeFsError(error);
  }
}
