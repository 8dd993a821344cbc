import { readFile } from 'node:fs/promises';
import { decodeFile } from './decode.js';
import { describeFsError } from './errors.js';
import { STDIN } from './inputs.js';

/** What reading one input gave: its text, a file to skip with a notice, or an error. */
export type ReadResult =
  | { kind: 'text'; text: string; notice?: string }
  | { kind: 'skipped'; notice: string }
  | { kind: 'error'; message: string };

/** Reads a file (or standard input for `-`) and decodes it for linting. */
export async function readInput(file: string, readStdin: () => Promise<Uint8Array>): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = file === STDIN ? await readStdin() : await readFile(file);
  } catch (error) {
    return { kind: 'error', message: `cannot read '${file}': ${describeFsError(error)}` };
  }
  const decoded = decodeFile(bytes);
  const name = file === STDIN ? '<stdin>' : file;
  if (decoded.kind === 'binary') return { kind: 'skipped', notice: `skipped '${name}': binary file` };
  return decoded.replacedInvalidBytes
    ? { kind: 'text', text: decoded.text, notice: `'${name}' is not valid UTF-8; invalid bytes were replaced with U+FFFD` }
    : { kind: 'text', text: decoded.text };
}
