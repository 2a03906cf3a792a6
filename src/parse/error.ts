/**
 * Errors that point into source text: file, line, column, the line itself and
 * a caret under the offending part (in the style of KaTeX's ParseError).
 *
 * @example
 *   throw SourceError.at('unexpected "}"', 'a+}', 2, { file: 'x.yaml' });
 *   // x.yaml:1:3: unexpected "}"
 *   //   a+}
 *   //     ^
 */

/** Where in a file a piece of text starts, for errors in embedded LaTeX. */
export interface Origin {
  file?: string;
  /** 1-based line and column in `file` of offset 0 of the parsed string. */
  line?: number;
  column?: number;
}

/** Characters of a long source line shown around the caret. */
const WINDOW = 80;

/** An error with a position in some source text. */
export class SourceError extends Error {
  constructor(
    /** The bare message, without position. */
    readonly reason: string,
    readonly file: string | undefined,
    readonly line: number,
    readonly column: number,
    readonly sourceLine: string,
    readonly length: number = 1,
    /** Offset in the text the error was computed from (for re-mapping embedded text). */
    readonly offset: number = 0,
    /** 1-based column of the caret within `sourceLine` (differs from `column` for embedded text). */
    caretColumn: number = column,
  ) {
    super(SourceError.format(reason, file, line, column, sourceLine, length, caretColumn));
    this.name = 'SourceError';
  }

  /** An error at `offset` (0-based) in `source`, spanning `length` characters. */
  static at(reason: string, source: string, offset: number, origin: Origin = {}, length = 1): SourceError {
    const before = source.slice(0, Math.max(0, offset));
    const lineIdx = before.split('\n').length - 1;
    const lineStart = before.lastIndexOf('\n') + 1;
    const col0 = offset - lineStart;
    const lines = source.split('\n');
    const baseLine = origin.line ?? 1;
    const baseCol = origin.column ?? 1;
    const line = baseLine + lineIdx;
    const column = lineIdx === 0 ? baseCol + col0 : col0 + 1;
    return new SourceError(reason, origin.file, line, column, lines[lineIdx] ?? '', Math.max(1, length), offset, col0 + 1);
  }

  /** The full message: `file:line:col: reason`, the source line, a caret. */
  static format(reason: string, file: string | undefined, line: number, column: number, sourceLine: string, length: number, caretColumn = column): string {
    const where = `${file ? file + ':' : ''}${line}:${column}`;
    if (!sourceLine) return `${where}: ${reason}`;
    // the caret sits under the column within the shown line
    let shown = sourceLine.replace(/\t/g, ' ');
    let localCol = Math.min(Math.max(0, caretColumn - 1), shown.length);
    if (shown.length > 2 * WINDOW) {
      // a long line is shown as a window around the caret, never whole
      const from = Math.max(0, localCol - WINDOW / 2);
      const to = Math.min(shown.length, from + WINDOW);
      shown = `${from > 0 ? '…' : ''}${shown.slice(from, to)}${to < shown.length ? '…' : ''}`;
      localCol = localCol - from + (from > 0 ? 1 : 0);
    }
    return `${where}: ${reason}\n  ${shown}\n  ${' '.repeat(localCol)}${'^'.repeat(Math.max(1, Math.min(length, shown.length - localCol || 1)))}`;
  }
}
