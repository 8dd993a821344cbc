/** What the CLI needs from its surroundings, so tests can run it without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads standard input to its end, or stops once more than `limit` bytes have come (the rest is not read). */
  readStdin: (limit?: number) => Promise<Uint8Array>;
  /** Present only when stderr is a terminal: its width in columns (the progress line is drawn there). */
  stderrWidth?: () => number;
}
