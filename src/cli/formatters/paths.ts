import { isAbsolute, relative, resolve, sep } from 'node:path';
import { STDIN_PATH } from './types.js';

/**
 * A result's path as CI tools want it: relative to `cwd`, with forward slashes. A path outside `cwd`
 * keeps its `../` steps; one on another drive stays absolute. `<stdin>` is returned unchanged.
 */
export function relativePath(filePath: string, cwd: string): string {
  if (filePath === STDIN_PATH) return filePath;
  const fromCwd = relative(cwd, resolve(cwd, filePath));
  const path = fromCwd === '' || isAbsolute(fromCwd) ? resolve(cwd, filePath) : fromCwd;
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Folds line breaks and tabs into spaces, for formats that give each finding one line. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
