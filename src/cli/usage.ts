/**
 * The command line's exit codes, the same for every command:
 * 0 done; 1 done in part or not at all (a file refused, a dataset with problems, the
 * database unreachable); 2 a usage error (an unknown command or option, a missing or
 * malformed value), reported before anything is read or written.
 */
export const USAGE_ERROR = 2;

/** An error of node:util parseArgs (an unknown option, an option missing its value): a usage error. */
export function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
