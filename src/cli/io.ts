/** What the CLI needs from its surroundings, so tests can run it without a real process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
  /** Present only when stderr is a terminal: its width in columns (the progress line is drawn there). */
  stderrWidth?: () => number;
}
