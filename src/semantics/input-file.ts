/**
 * Reading an input file within the limits: a derivation, rule, context or
 * answer file is read only when it is a regular file no larger than its
 * limit (`expr/limits.ts`), so a 100 MB file, a FIFO or a device is refused
 * with a positioned message before anything parses it.
 *
 * Strategy: open once without blocking (a FIFO would otherwise wait for a
 * writer), check the open descriptor with fstat (so what is checked is what
 * is read), refuse past the byte limit, then read; optionally count lines
 * against the line limit.
 *
 * @example
 *   readInputFile('answers/a.md', 'fileBytes', { lines: true })   // the text, or throws SourceError "answers/a.md:1:1: too large: …"
 */
import * as fs from 'fs';
import { limit, limitMessage, type LimitName } from '../expr/limits';
import { SourceError } from '../parse/error';

/** Reads `file` as UTF-8 if it is a regular file within the byte limit `bytes` (and, with `lines`, the line limit). */
export function readInputFile(file: string, bytes: LimitName, opts: { lines?: boolean } = {}): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR', path: file });
    if (!st.isFile()) throw new SourceError(`not a regular file (a device, FIFO or socket is not read)`, file, 1, 1, '');
    if (st.size > limit(bytes)) throw new SourceError(limitMessage(bytes, st.size), file, 1, 1, '');
    return checkInputText(fs.readFileSync(fd, 'utf8'), file, bytes, opts);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The limits of `readInputFile` applied to text already in memory (an answer
 * pasted into the self-check page, a fuzzed input): bytes, and with `lines`
 * the limits on lines and on characters in a line. Returns the text.
 */
export function checkInputText(text: string, file: string, bytes: LimitName, opts: { lines?: boolean } = {}): string {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limit(bytes)) throw new SourceError(limitMessage(bytes, size), file, 1, 1, '');
  if (opts.lines) {
    // lines counted and measured before anything splits or parses them
    const max = limit('answerLines');
    const chars = limit('lineChars');
    let n = 1;
    for (let start = 0; start <= text.length; n++) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end - start > chars) throw new SourceError(limitMessage('lineChars', end - start), file, n, chars + 1, '');
      if (end >= text.length - 1) break;
      if (n + 1 > max) throw new SourceError(limitMessage('answerLines'), file, n + 1, 1, '');
      start = end + 1;
    }
  }
  return text;
}
