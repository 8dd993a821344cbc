import { drainingWrite } from './io.js';
import { runCli } from './program.js';

async function readStdin(limit = Infinity): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    // Past the limit the input is refused anyway: stop instead of holding all of it in memory.
    if (total > limit) break;
  }
  return Buffer.concat(chunks);
}

/** Runs the CLI on this process's arguments and streams; sets the exit code, never throws. */
export async function main(): Promise<void> {
  // A reader that stops early (`tactful … | head`) closes the pipe: stop quietly, as other CLIs do,
  // with the exit code the run would have ended with.
  let exitCodeIfStdoutCloses: number | undefined;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(exitCodeIfStdoutCloses ?? process.exitCode ?? 0);
    throw error;
  });
  try {
    process.exitCode = await runCli(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      writeStdout: drainingWrite(process.stdout),
      stderr: (text) => process.stderr.write(text),
      readStdin,
      ...(process.stderr.isTTY ? { stderrWidth: () => process.stderr.columns || 80 } : {}),
      exitCodeIfStdoutCloses: (code) => {
        exitCodeIfStdoutCloses = code;
      },
    });
  } catch (error) {
    // An internal invariant broke: say so on one line rather than dumping a stack trace.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tactful: internal error: ${message.split('\n')[0]} (please report it)\n`);
    process.exitCode = 2;
  }
}
