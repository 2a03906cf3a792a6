/**
 * How a failure ends the command: one message on standard error and an exit
 * code — 2 for anything the user can fix (bad input with its `file:line:col`,
 * a limit exceeded, a file that cannot be read or written), 3 for an
 * internal error, which is Rederive's bug and says so. Never a stack trace
 * (set REDERIVE_DEBUG=1 to see one).
 *
 * Strategy: a table from filesystem error codes to one-line explanations,
 * worded for reading and for writing; everything else that is not one of the
 * known user-error classes is internal.
 *
 * @example
 *   process.exitCode = reportFailure(e)   // 2 or 3, the message already printed
 */
import { SourceError } from '../parse/error';
import { LimitError, isStackOverflow } from '../expr/limits';
import { UsageError, log } from './common';
import { UnsafeTargetError } from '../emit/safe-write';
import { escapeControls } from '../emit/escape';

/** Exit code for bad input or usage. */
export const EXIT_BAD_INPUT = 2;
/** Exit code for an internal error (a Rederive bug). */
export const EXIT_INTERNAL = 3;

/** What each filesystem error means, in a few words. */
const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'something else already exists there',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'the name is too long for the file system',
  ENOSPC: 'no space left on the device (the disk is full)',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many symbolic links (or a symbolic link where none is allowed)',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ENXIO: 'no such device (a FIFO without a reader, or a device)',
  EINVAL: 'not a valid target',
  EXDEV: 'the temporary file and the target are on different file systems',
};

/** True for a Node filesystem error (it has an errno code we know). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  // not `instanceof Error`: errors from Node's fs may come from another realm (a VM context, a test runner)
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).code! in FS_ERRORS;
}

/** One line for a filesystem error: `cannot write out/x.html: the file system is read-only (EROFS)`. */
export function fsErrorMessage(e: NodeJS.ErrnoException & { writing?: boolean; target?: string }, verb: 'read' | 'write' = e.writing || !/open|read|stat|scandir/.test(e.syscall ?? '') ? 'write' : 'read', file = e.target ?? e.path): string {
  return `cannot ${verb} ${file ?? 'a file'}: ${FS_ERRORS[e.code!] ?? e.code} (${e.code})`;
}

/** The error a user can fix, rewritten as a UsageError with one clear line; null for anything else. */
export function userError(e: unknown): UsageError | null {
  if (e instanceof UsageError) return e;
  if (e instanceof SourceError || e instanceof LimitError || e instanceof UnsafeTargetError) return new UsageError(e.message);
  if (isFsError(e)) return new UsageError(fsErrorMessage(e));
  return null;
}

/**
 * Prints the message for `e` and returns the exit code: 2 for the user's
 * mistakes, 3 (with a request to report it) for Rederive's own.
 */
export function reportFailure(e: unknown, input?: string): number {
  const user = userError(e);
  if (user) {
    log(`rederive: ${escapeControls(user.message)}`);
    return EXIT_BAD_INPUT;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const what = isStackOverflow(err) ? 'the checker ran out of stack (an input nested too deeply for a guard that should have caught it)' : `${err.name}: ${err.message.split('\n')[0].slice(0, 300)}`;
  log(`rederive: internal error: ${what}\nthis is a Rederive bug; please report it with this file${input ? ` (${input})` : ''} and the command you ran`);
  if (process.env.REDERIVE_DEBUG) log(err.stack ?? '');
  return EXIT_INTERNAL;
}
