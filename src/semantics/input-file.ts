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
    const text = fs.readFileSync(fd, 'utf8');
    if (opts.lines) {
      const max = limit('answerLines');
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) {
        if (++n > max) throw new SourceError(limitMessage('answerLines'), file, n, 1, '');
      }
    }
    return text;
  } finally {
    fs.closeSync(fd);
  }
}
