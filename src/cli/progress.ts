import type { CliIo } from './io.js';

/** Below this many files a run is over before a progress line could be read, so none is drawn. */
export const PROGRESS_MIN_FILES = 10;

/** The shortest time between two redraws, so a fast run does not spend its time on the terminal. */
export const PROGRESS_REDRAW_MS = 100;

/** Formats other programs read; no progress line is drawn for them, even on a terminal. */
const MACHINE_FORMATS = new Set(['json', 'sarif', 'junit', 'github']);

/** Erases the current terminal line from the cursor on (ANSI "erase in line"). */
const ERASE_LINE = '\u001b[K';

/** A "files done / total" line on stderr, rewritten in place while the lint loop runs. */
export interface Progress {
  /** Call as each file starts: counts the files before it as done and shows this one. */
  advance(file: string): void;
  /** Writes a message to stderr without tearing the progress line: it is cleared first and redrawn after. */
  stderr(text: string): void;
  /** Clears the line for good; call before the report is printed. */
  stop(): void;
}

/**
 * Starts a progress line for `total` files. It is drawn only when stderr is a terminal
 * (`io.stderrWidth` is set), the run has at least PROGRESS_MIN_FILES files and the format is
 * meant for people; otherwise every method but `stderr` does nothing.
 */
export function startProgress(io: CliIo, total: number, format: string, now: () => number = Date.now): Progress {
  const width = io.stderrWidth;
  if (!width || total < PROGRESS_MIN_FILES || MACHINE_FORMATS.has(format)) {
    return { advance: () => {}, stderr: (text) => io.stderr(text), stop: () => {} };
  }
  let done = 0;
  let current = '';
  let shown = false;
  let lastDraw = -Infinity;
  let stopped = false;

  const draw = () => {
    io.stderr(`\r${progressLine(done, total, current, width())}${ERASE_LINE}`);
    shown = true;
    lastDraw = now();
  };
  const clear = () => {
    if (shown) io.stderr(`\r${ERASE_LINE}`);
    shown = false;
  };

  return {
    advance(file) {
      if (stopped) return;
      if (current !== '') done += 1;
      current = file;
      if (now() - lastDraw >= PROGRESS_REDRAW_MS) draw();
    },
    stderr(text) {
      const wasShown = shown;
      clear();
      io.stderr(text);
      if (wasShown && !stopped) draw();
    },
    stop() {
      clear();
      stopped = true;
    },
  };
}

/**
 * `tactful: 37/120 files  macros/refunds.md`, cut to one column less than the terminal's width (a
 * line that fills the last column wraps on some terminals, and `\r` would then rewrite only its
 * tail); a long path loses its beginning, since its end names the file.
 */
export function progressLine(done: number, total: number, file: string, columns: number): string {
  const head = `tactful: ${done}/${total} files`;
  const path = file.replace(/[\u0000-\u001F\u007F]/g, '?');
  const room = Math.max(columns - 1, head.length) - head.length - 2;
  if (room < 4) return head;
  return `${head}  ${path.length <= room ? path : `…${path.slice(path.length - room + 1)}`}`;
}
