/**
 * What a linting thread of `--jobs` does with one file — the main thread's share and each worker's:
 * read it (unless its text came with it) and lint it with the linter its config gives, built once
 * per config file. Files are read by the thread that lints them, not all up front on the main
 * thread, because reading a short reply costs about as much CPU time as linting it.
 */
import type { MessagePort } from 'node:worker_threads';
import { SourceFormatError, type SourceFinding, type SourceFormat } from '../library.js';
import { createConfigResolver, type ConfigResolverOptions, type LintSetup } from './config.js';
import { UsageError } from './errors.js';
import { readInput, type ReadResult } from './read.js';

/** What a thread needs to lint as the main thread would: the config settings, the context, the size limit. */
export interface LintThreadSetup {
  config: ConfigResolverOptions;
  /** The customer's message (`--context`). */
  context?: string;
  /** `--max-file-size`, in bytes. */
  maxFileSize?: number;
}

/** One file to lint: its path (which picks the config), its format and, when already read, its decoded text. */
export interface LintTask {
  id: number;
  file: string;
  format: SourceFormat;
  text?: string;
}

/**
 * What came of a task: read errors and skips as `readInput` gives them, the findings, or what linting
 * threw — a SourceFormatError as `unlintable`, anything else as `thrown` — for `findingsOf` to throw again.
 */
export type TaskResult =
  | { kind: 'error'; message: string }
  | { kind: 'skipped'; notice: string }
  | { kind: 'linted'; findings: SourceFinding[]; notice?: string }
  | { kind: 'unlintable'; message: string; notice?: string }
  | { kind: 'thrown'; usage: boolean; message: string };

/** The findings of a task, or the error linting it threw on the thread that ran it, thrown here. */
export function findingsOf(result: TaskResult): SourceFinding[] {
  switch (result.kind) {
    case 'linted':
      return result.findings;
    case 'unlintable':
      throw new SourceFormatError(result.message);
    case 'thrown':
      throw result.usage ? new UsageError(result.message) : new Error(result.message);
    default:
      throw new Error(`a file came back from its thread ${result.kind}, not linted`);
  }
}

/**
 * A thread's way through its tasks: each file is read as soon as its task arrives, so reading
 * overlaps linting, and linted one at a time in the order the tasks came, each in a turn of the
 * event loop of its own (the thread stays responsive between files). `beforeLint` sees each task
 * just before it is linted. The returned function never rejects.
 */
export function taskRunner(
  setupFor: (file: string) => Promise<LintSetup>,
  setup: LintThreadSetup,
  beforeLint: (task: LintTask) => void = () => {},
): (task: LintTask) => Promise<TaskResult> {
  let previous: Promise<unknown> = Promise.resolve();
  return (task) => {
    const read = readTask(task, setup);
    const result = previous.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      beforeLint(task);
      return lintTask(task, await read, setupFor, setup);
    });
    previous = result.catch(() => undefined);
    return result;
  };
}

/** The text of the task's file: read here unless it came with the task. */
function readTask(task: LintTask, setup: LintThreadSetup): Promise<ReadResult> {
  if (task.text !== undefined) return Promise.resolve({ kind: 'text', text: task.text });
  // Standard input is always read on the main thread, which alone has it.
  return readInput(task.file, () => Promise.reject(new Error('standard input is read on the main thread')), { maxFileSize: setup.maxFileSize });
}

async function lintTask(task: LintTask, read: ReadResult, setupFor: (file: string) => Promise<LintSetup>, setup: LintThreadSetup): Promise<TaskResult> {
  if (read.kind !== 'text') return read;
  const notice = read.notice === undefined ? {} : { notice: read.notice };
  try {
    const linter = (await setupFor(task.file)).linter;
    return { kind: 'linted', findings: await linter.lintSource(read.text, task.format, { context: setup.context }), ...notice };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Not what its format expects (no Zendesk export, a CSV without a text column).
    if (error instanceof SourceFormatError) return { kind: 'unlintable', message, ...notice };
    return { kind: 'thrown', usage: error instanceof UsageError, message };
  }
}

/**
 * A worker's side of the channel: runs the tasks that arrive on `port` with a taskRunner, so that
 * when a worker dies, the first task it holds is the one it was linting.
 */
export function serveLintTasks(port: MessagePort, setup: LintThreadSetup): void {
  const run = taskRunner(createConfigResolver(setup.config), setup, (task) => {
    // Lets tests/workers.test.ts make a worker die as a crash would; nothing else sets it.
    const crashOn = process.env.TACTFUL_TEST_WORKER_CRASH;
    if (crashOn && task.file.endsWith(crashOn)) process.exit(70);
  });
  port.on('message', (task: LintTask) => {
    // As JSON text: a file's findings took 0.24 ms to copy between threads as objects (structured
    // clone) and 0.07 ms to stringify and parse, and the main thread pays half of it for every file.
    void run(task).then((result) => port.postMessage({ id: task.id, result: JSON.stringify(result) }));
  });
  port.postMessage({ ready: true });
}
