/**
 * Text that remembers where it came from. An answer's mathematics is cut out
 * of the file (a display's row, the inside of `$…$`), trimmed, stripped of
 * remarks, split at relations and sometimes joined with the row after it; every
 * piece must still say at which line and column of the file each of its
 * characters stands, so that a parse error, a diagnosis or an unread line
 * points into the student's file.
 *
 * Strategy: a `Mapped` is a string plus, for every character, its offset in
 * the file (and one more for the end). Slicing slices both; joining
 * concatenates both; text inserted by the reader (a space between two joined
 * rows) takes the offset of what follows it. `SourceFile` turns offsets into
 * 1-based lines and columns.
 *
 * @example
 *   const f = new SourceFile('a\n$$x = 1$$', 'answer.md');
 *   const m = Mapped.of(f.text, 4, 9);        // 'x = 1'
 *   f.loc(m.offset(4))                        // { line: 2, column: 7 }
 */

/**
 * A file's text with its line starts.
 *
 * @example new SourceFile('a\nb', 'x.md').loc(2)   // { line: 2, column: 1 }
 */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(readonly text: string, readonly file: string) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /**
   * The 1-based line and column of an offset.
   *
   * @example new SourceFile('ab\ncd', 'f').loc(4)   // { line: 2, column: 2 }
   */
  loc(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  /**
   * The text of a 1-based line, without its newline.
   *
   * @example new SourceFile('ab\ncd', 'f').lineText(2)   // 'cd'
   */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const end = this.lineStarts[line] ?? this.text.length + 1;
    return this.text.slice(start, end - 1).replace(/\r$/, '');
  }
}

/**
 * A string with the file offset of each of its characters.
 *
 * @example Mapped.of('ab = c', 3, 6).offset(2)   // 5
 */
export class Mapped {
  private constructor(readonly text: string, private readonly map: readonly number[]) {}

  /**
   * The piece `[start, end)` of a file's text.
   *
   * @example Mapped.of('hello', 1, 3).text   // 'el'
   */
  static of(text: string, start: number, end: number): Mapped {
    const map: number[] = [];
    for (let i = start; i <= end; i++) map.push(i);
    return new Mapped(text.slice(start, end), map);
  }

  /**
   * Text the reader made up, placed at file offset `at`.
   *
   * @example Mapped.synthetic(' ', 12).offset(0)   // 12
   */
  static synthetic(text: string, at: number): Mapped {
    return new Mapped(text, Array.from({ length: text.length + 1 }, () => at));
  }

  /**
   * Pieces joined end to end.
   *
   * @example Mapped.join([a, Mapped.synthetic(' ', b.offset(0)), b]).text   // a.text + ' ' + b.text
   */
  static join(parts: readonly Mapped[]): Mapped {
    if (!parts.length) return new Mapped('', [0]);
    let text = '';
    const map: number[] = [];
    for (const p of parts) {
      text += p.text;
      map.push(...p.map.slice(0, p.text.length));
    }
    map.push(parts[parts.length - 1].map[parts[parts.length - 1].text.length]);
    return new Mapped(text, map);
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * The file offset of character `i` (the end offset for `i === length`).
   *
   * @example Mapped.of('abc', 1, 3).offset(1)   // 2
   */
  offset(i: number): number {
    return this.map[Math.max(0, Math.min(i, this.text.length))];
  }

  /**
   * A piece of this text, still mapped.
   *
   * @example Mapped.of('hello', 0, 5).slice(1, 3).text   // 'el'
   */
  slice(start: number, end = this.text.length): Mapped {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    return new Mapped(this.text.slice(s, e), this.map.slice(s, e + 1));
  }

  /**
   * Without leading and trailing whitespace.
   *
   * @example Mapped.of('  x ', 0, 4).trim().text   // 'x'
   */
  trim(): Mapped {
    const lead = this.text.length - this.text.trimStart().length;
    const kept = this.text.trim().length;
    return this.slice(lead, lead + kept);
  }

  /**
   * This text with `[start, end)` replaced by `by` (mapped at `start`).
   *
   * @example Mapped.of('a & b', 0, 5).replace(2, 3, ' ').text   // 'a   b'
   */
  replace(start: number, end: number, by: string): Mapped {
    return Mapped.join([this.slice(0, start), Mapped.synthetic(by, this.offset(start)), this.slice(end)]);
  }
}
