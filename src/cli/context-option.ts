import { STDIN } from './inputs.js';
import type { CliIo } from './io.js';
import { readInput } from './read.js';

/** The customer's message given with `--context FILE`, or the one sentence that says why it cannot be read. */
export type ContextResult = { kind: 'context'; text: string | undefined } | { kind: 'error'; message: string };

/**
 * Reads `--context FILE` (`-`: standard input). Standard input can hold only one thing, so with
 * `--context -` the replies must come from files (`replyArgs` names them; none means stdin).
 */
export async function readContextOption(path: string | undefined, replyArgs: readonly string[], io: CliIo): Promise<ContextResult> {
  if (path === undefined) return { kind: 'context', text: undefined };
  if (path === STDIN && (replyArgs.length === 0 || replyArgs.includes(STDIN))) {
    return { kind: 'error', message: '--context - reads the customer\'s message from standard input, so give the reply as a file' };
  }
  const read = await readInput(path, io.readStdin);
  if (read.kind === 'error') return { kind: 'error', message: `--context: ${read.message}` };
  if (read.kind === 'skipped') return { kind: 'error', message: `--context: ${read.notice}` };
  if (read.notice) io.stderr(`tactful: ${read.notice}\n`);
  return { kind: 'context', text: read.text };
}
