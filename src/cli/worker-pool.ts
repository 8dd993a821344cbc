import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { serveLintTasks, type LintTask, type LintThreadSetup, type TaskResult } from './lint-worker.js';

/** The workerData of a lint worker: a marker, so that no other worker starts serving, and its setup. */
interface LintWorkerData {
  role: typeof LINT_WORKER;
  setup: LintThreadSetup;
}

const LINT_WORKER = 'tactful-lint-worker';

// A worker runs the file this module is in — dist/cli/worker-pool.js, or the CLI bundle that holds
// it — so that it finds its code however the CLI is packaged; the marker tells it to serve.
const data = workerData as Partial<LintWorkerData> | undefined;
if (!isMainThread && parentPort && data?.role === LINT_WORKER && data.setup) serveLintTasks(parentPort, data.setup);

/** The file a worker thread was linting when it stopped (it crashed or ran out of memory). */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

// Tasks a thread holds at once: one it lints and a few whose files it reads meanwhile, so that it
// never waits for a file, nor a worker for the main thread to hand it the next one.
const TASKS_PER_THREAD = 4;

/** What a worker posts: that it is ready for tasks, or the result of one as JSON text. */
type WorkerMessage = { ready: true } | { id: number; result: string };

interface Pending {
  task: LintTask;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

/**
 * `--jobs N`: N threads read and lint files, the main thread and N - 1 workers, each taking the next
 * waiting file when it is free. The main thread takes its share because every extra thread pays
 * again for loading tactful and warming it up (about 1 s of CPU time): on N cores, N linting threads
 * beat N workers beside a main thread that mostly waits. A worker that dies fails only the file it
 * was linting (WorkerCrashError) and is replaced, up to twice the pool's size in all; the main
 * thread lints on, so a run never hangs.
 */
export class LintPool {
  private readonly queue: Pending[] = [];
  /** The live workers and the tasks each holds, oldest (the one it is linting) first. */
  private readonly workers = new Map<Worker, Pending[]>();
  /** Workers that have loaded tactful and said so; only these are given tasks. */
  private readonly ready = new Set<Worker>();
  private mainThreadHolds = 0;
  private nextId = 0;
  private replacementsLeft: number;
  private closed = false;

  private constructor(
    private readonly threads: number,
    private readonly setup: LintThreadSetup,
    private readonly runHere: (task: LintTask) => Promise<TaskResult>,
  ) {
    this.replacementsLeft = 2 * threads;
  }

  /**
   * A pool of `threads` threads: the main one, which runs its tasks with `runHere` (a taskRunner),
   * and workers that get `setup` to do the same. Workers start with the first task, so a run that
   * the cache answers entirely starts none.
   */
  static start(threads: number, setup: LintThreadSetup, runHere: (task: LintTask) => Promise<TaskResult>): LintPool {
    return new LintPool(threads, setup, runHere);
  }

  /**
   * Reads (unless `task.text` is given) and lints a file on whichever thread is free first; rejects
   * with WorkerCrashError when the worker running it dies.
   */
  readonly run = (task: Omit<LintTask, 'id'>): Promise<TaskResult> =>
    new Promise((resolve, reject) => {
      if (this.closed) return reject(new WorkerCrashError('the run has ended'));
      if (this.nextId === 0) for (let started = 1; started < this.threads; started += 1) this.spawn();
      this.queue.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });

  /** Stops every worker; tasks still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.workers.keys()];
    const waiting = [...this.queue.splice(0), ...[...this.workers.values()].flat()];
    this.workers.clear();
    this.ready.clear();
    waiting.forEach(({ reject }) => reject(new WorkerCrashError('the run has ended')));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): void {
    const workerData: LintWorkerData = { role: LINT_WORKER, setup: this.setup };
    const worker = new Worker(new URL(import.meta.url), { workerData });
    this.workers.set(worker, []);
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        this.ready.add(worker);
        this.dispatch();
      } else {
        this.settle(worker, message);
      }
    });
    worker.on('error', (error) => this.lost(worker, error.message.split('\n')[0] ?? 'unknown error'));
    worker.on('exit', (code) => this.lost(worker, `exit code ${code}`));
  }

  /**
   * Hands waiting tasks to the ready workers first, since the main thread stops handing out while it
   * lints. A worker that is still loading gets none: the files it held would hold up the report,
   * which goes in order, while the main thread could have linted them.
   */
  private dispatch(): void {
    for (const [worker, held] of this.workers) {
      if (!this.ready.has(worker)) continue;
      while (held.length < TASKS_PER_THREAD && this.queue.length > 0) {
        const pending = this.queue.shift()!;
        held.push(pending);
        worker.postMessage(pending.task);
      }
    }
    while (this.mainThreadHolds < TASKS_PER_THREAD && this.queue.length > 0) {
      const { task, resolve, reject } = this.queue.shift()!;
      this.mainThreadHolds += 1;
      this.runHere(task).then(resolve, reject).finally(() => {
        this.mainThreadHolds -= 1;
        this.dispatch();
      });
    }
  }

  private settle(worker: Worker, reply: { id: number; result: string }): void {
    const held = this.workers.get(worker);
    const at = held?.findIndex((pending) => pending.task.id === reply.id) ?? -1;
    if (!held || at === -1) return;
    held.splice(at, 1)[0]!.resolve(JSON.parse(reply.result) as TaskResult);
    this.dispatch();
  }

  /** A worker stopped: the file it was linting fails, the others it held go back to the front of the queue. */
  private lost(worker: Worker, reason: string): void {
    const held = this.workers.get(worker);
    // 'exit' follows 'error' for the same worker, and close() expects its workers to exit.
    if (!held || this.closed) return;
    this.workers.delete(worker);
    this.ready.delete(worker);
    const [current, ...innocent] = held;
    current?.reject(new WorkerCrashError(`the worker thread linting it stopped (${reason})`));
    this.queue.unshift(...innocent);
    if (this.replacementsLeft > 0) {
      this.replacementsLeft -= 1;
      this.spawn();
    }
    this.dispatch();
  }
}
