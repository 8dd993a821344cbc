// Spawns the built CLI (`node bin/tactful.js`, which runs dist/: `npm run build` first) the way a
// user runs it, for the config and directive tests.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(fileURLToPath(new URL('..', import.meta.url)), 'bin', 'tactful.js');

/** What one run of the CLI gave. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with `args` in `cwd`, feeding `input` to standard input, without colours (unless
 * `extraEnv`, which adds variables, sets FORCE_COLOR).
 */
export function runTactful(
  args: readonly string[],
  cwd: string,
  input: string | Uint8Array = '',
  extraEnv: Record<string, string> = {},
): Promise<CliRun> {
  return runTactfulWithColorEnv(args, cwd, input, { NO_COLOR: '1', ...extraEnv });
}

/**
 * Runs the CLI as `runTactful` does, but with FORCE_COLOR and NO_COLOR only as `colorEnv` sets
 * them (and its other variables added), for the tests of colour detection.
 */
export function runTactfulWithColorEnv(
  args: readonly string[],
  cwd: string,
  input: string | Uint8Array,
  colorEnv: Record<string, string>,
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, colorEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // The CLI may stop reading its input early (past --max-file-size): the rest of it is not an error.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.stdin.end(input);
  });
}

/** The rule ids and lines of an ESLint-shaped JSON report's first file. */
export function jsonMessages(stdout: string): Array<{ ruleId: string; line: number; message: string; severity: number }> {
  const [first] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; line: number; message: string; severity: number }> }>;
  return (first?.messages ?? []).map(({ ruleId, line, message, severity }) => ({ ruleId, line, message, severity }));
}
