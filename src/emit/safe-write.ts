/**
 * The one way Rederive writes a file (`--out`, `build`, `grade`, `check
 * --format html`, KaTeX assets, the PDF): safely.
 *
 * - It replaces only a regular file or a missing path. A symbolic link, a
 *   directory, a FIFO, a device or a socket at the target is refused with
 *   `UnsafeTargetError` (so `--out /dev/null` never replaces /dev/null, and
 *   a FIFO never makes it wait); the target is checked with lstat and never
 *   opened unless it is a regular file.
 * - It writes a temporary file beside the target (created exclusively, so a
 *   link planted at its name is not followed) and renames it into place: the
 *   target is either the old file or the new one, never half-written.
 * - Temporary files are removed on any failure (ENOSPC, EROFS, …), on
 *   SIGINT / SIGTERM / SIGHUP and at exit; ones left by a killed process
 *   (`<name>.tmp-<pid>` whose process is gone) are removed by the next write
 *   into that folder.
 * - Missing folders are made one level at a time, refusing a path through
 *   something that is not a folder (Node's recursive mkdir spins forever on
 *   `/proc/self/x/y`).
 *
 * With `ifChanged`, a regular target with the same bytes is left alone
 * ('unchanged'): that read is of a regular file only, opened without
 * following links and without blocking.
 *
 * @example
 *   writeFileSafely('output/a.html', html, { ifChanged: true })   // 'written' | 'unchanged'
 *   writeFileSafely('/dev/null', 'x')                              // throws UnsafeTargetError
 */
import * as fs from 'fs';
import * as path from 'path';

/** The target exists and is not a regular file: it is not replaced. */
export class UnsafeTargetError extends Error {
  constructor(readonly file: string, readonly what: string) {
    super(`refusing to write ${file}: it is ${what}, not a regular file (only a regular file or a missing path is replaced)`);
    this.name = 'UnsafeTargetError';
  }
}

/** What a non-regular file is, in words. */
function kindOf(st: fs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** lstat, or null when nothing is there. */
function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Throws UnsafeTargetError when `file` exists and is not a regular file;
 * returns whether it exists. Call it before any work whose result goes there.
 */
export function checkTarget(file: string): boolean {
  const st = lstatOrNull(file);
  if (st && !st.isFile()) throw new UnsafeTargetError(file, kindOf(st));
  return !!st;
}

/** Makes the folder `dir` and its missing parents, one level at a time; refuses a path through a non-folder. */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    let st: fs.Stats | null;
    try {
      st = fs.statSync(d); // a link to a folder is a folder here
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      st = null;
    }
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: d, syscall: 'mkdir' });
      break;
    }
    missing.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(m).isDirectory()) throw e;
    }
  }
}

// ---- temporary files: removed on failure, on signals, at exit, and when left by a dead process

const live = new Set<string>();
const swept = new Set<string>();
let hooked = false;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Removes every temporary file this process still has. */
export function removeTemporaryFiles(): void {
  for (const t of live) {
    try {
      fs.unlinkSync(t);
    } catch {
      // already gone
    }
    live.delete(t);
  }
}

function onSignal(sig: NodeJS.Signals): void {
  removeTemporaryFiles();
  // with no other handler, end as the signal would have
  if (process.listenerCount(sig) === 1) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, sig);
  }
}

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removeTemporaryFiles);
}

const TEMP = /\.tmp-(\d+)(?:-\d+)?$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files a killed process left in `dir` (once per folder per process). */
export function sweepStaleTemporaries(dir: string): string[] {
  const key = path.resolve(dir);
  if (swept.has(key)) return [];
  swept.add(key);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = TEMP.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    const p = path.join(dir, n);
    const st = lstatOrNull(p);
    if (!st?.isFile()) continue;
    try {
      fs.unlinkSync(p);
      removed.push(p);
    } catch {
      // not ours to remove after all
    }
  }
  return removed;
}

/** True when the regular file `file` already holds exactly `data` (opened without following links or blocking). */
function sameContent(file: string, data: Buffer): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size !== data.length) return false;
    return fs.readFileSync(fd).equals(data);
  } finally {
    fs.closeSync(fd);
  }
}

let counter = 0;

/** The two calls that put bytes on disk; replaceable by tests to inject ENOSPC, EROFS, … */
export const io = {
  writeFileSync: (file: string, data: Buffer, opts: fs.WriteFileOptions) => fs.writeFileSync(file, data, opts),
  renameSync: (from: string, to: string) => fs.renameSync(from, to),
};

/** Writes `data` to `file` safely (see the top of this file); 'unchanged' when `ifChanged` and the bytes are the same. */
export function writeFileSafely(file: string, data: string | Buffer, opts: { ifChanged?: boolean } = {}): 'written' | 'unchanged' {
  try {
    return writeNow(file, data, opts);
  } catch (e) {
    // a filesystem error while writing names the target and says it was a write (errors.ts words it)
    if (typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string') Object.assign(e, { writing: true, target: file });
    throw e;
  }
}

function writeNow(file: string, data: string | Buffer, opts: { ifChanged?: boolean }): 'written' | 'unchanged' {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const exists = checkTarget(file);
  if (exists && opts.ifChanged && sameContent(file, bytes)) return 'unchanged';
  const dir = path.dirname(file);
  makeFolder(dir);
  sweepStaleTemporaries(dir);
  hookSignals();
  const tmp = `${file}.tmp-${process.pid}-${counter++}`;
  live.add(tmp);
  try {
    io.writeFileSync(tmp, bytes, { flag: 'wx' });
    checkTarget(file); // replaced meanwhile by something that is not a regular file: refuse still
    io.renameSync(tmp, file);
    live.delete(tmp);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created
    }
    live.delete(tmp);
    throw e;
  }
  return 'written';
}
