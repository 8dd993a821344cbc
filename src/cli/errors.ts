/** Exit codes, as ESLint's: 0 clean, 1 findings at warning or above, 2 a usage or input error. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** An error the user caused; the CLI prints its message on one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Turns a Node file-system error into a short phrase ("no such file", "permission denied"). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
      return 'too many open files';
    default:
      return (error as Error | undefined)?.message?.split('\n')[0] ?? 'unknown error';
  }
}
