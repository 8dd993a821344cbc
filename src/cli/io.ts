import { once, type EventEmitter } from 'node:events';

/** What the CLI needs from its surroundings, so tests can run it without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  /**
   * Writes one piece of a long report to stdout, resolving once stdout can take more (at its 'drain'
   * when its buffer is full), so a report never queues up whole in memory. Without it, `stdout`.
   */
  writeStdout?: (text: string) => Promise<void>;
  stderr: (text: string) => void;
  /** Reads standard input to its end, or stops once more than `limit` bytes have come (the rest is not read). */
  readStdin: (limit?: number) => Promise<Uint8Array>;
  /** Present only when stderr is a terminal: its width in columns (the progress line is drawn there). */
  stderrWidth?: () => number;
  /**
   * Told the exit code before a report is streamed: should the reader close stdout early
   * (`tactful … | head`), the run stops there with this code rather than 0.
   */
  exitCodeIfStdoutCloses?: (code: number) => void;
}

/** The part of a writable stream that backpressure needs: `write` says false when the buffer is full. */
export interface DrainingStream extends EventEmitter {
  write(text: string): boolean;
}

/** A `writeStdout` for `stream`: writes, then waits for 'drain' when the stream asks (an 'error' rejects). */
export function drainingWrite(stream: DrainingStream): (text: string) => Promise<void> {
  return async (text) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
}
