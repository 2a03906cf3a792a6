/**
 * Reading an answer file into pieces: the rows of its displayed mathematics
 * and its lines of prose, in file order, each mapped to its place in the file.
 *
 * Strategy: one scan for display openers — `$$`, `\[`, and the math
 * environments (`align`, `align*`, `equation`, `gather`, `multline`, …) —
 * over a copy of the text in which comments (`%` in LaTeX, `<!-- -->` in
 * Markdown) are blanked so offsets do not move. A display's body is split
 * into rows at top-level `\\` (an optional `[2pt]` after it dropped);
 * alignment `&` become spaces; `\begin{aligned}` and `\begin{split}` inside a
 * display are unwrapped; `\intertext{…}` is prose. Everything outside
 * displays is prose, one piece per line; inline `$…$` stays in the prose
 * line (lines.ts reads it). In a `.tex` file with `\begin{document}`, only
 * the document body is read. A display that is never closed is reported and
 * its text read as prose.
 *
 * @example
 *   extract(new SourceFile('3(a)\n$$L = a \\\\ = b$$\n', 'x.md')).map((p) => p.kind + ':' + p.text.text)
 *   // ['prose:3(a)', 'row:L = a ', 'row: = b']
 */
import { Mapped, SourceFile } from './source';

/**
 * A piece of an answer file.
 *
 * @example { kind: 'row', text: Mapped.of(t, 10, 15), display: 0 }
 */
export type Piece =
  /** One row of a display (`display` numbers the displays, so rows of one display can be told apart). */
  | { kind: 'row'; text: Mapped; display: number }
  /** One line outside displays (may hold inline `$…$`). */
  | { kind: 'prose'; text: Mapped }
  /** Something that cannot be read at all. */
  | { kind: 'unread'; at: number; text: string; reason: string };

/**
 * The math environments read as displays.
 *
 * @example MATH_ENVIRONMENTS.includes('align*')   // true
 */
export const MATH_ENVIRONMENTS = ['align', 'align*', 'equation', 'equation*', 'gather', 'gather*', 'multline', 'multline*',
  'eqnarray', 'eqnarray*', 'flalign', 'flalign*', 'alignat', 'alignat*', 'displaymath'];

const INNER_ENVIRONMENTS = /\\(?:begin|end)\{(?:aligned|split|gathered|alignedat)\}(?:\[[a-z]\])?(?:\{\d+\})?/g;

/** The text with comments blanked (same length, same offsets). */
function blankComments(text: string, latex: boolean): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  if (latex) return text.replace(/(^|[^\\])(%[^\n]*)/g, (_m, pre: string, c: string) => pre + blank(c));
  return text.replace(/<!--[\s\S]*?-->/g, blank);
}

/** Where the answer's text starts and ends (the document body of a LaTeX file). */
function bodyRange(text: string, latex: boolean): [number, number] {
  if (!latex) return [0, text.length];
  const b = /\\begin\{document\}/.exec(text);
  const e = /\\end\{document\}/.exec(text);
  return [b ? b.index + b[0].length : 0, e ? e.index : text.length];
}

/** The next display opener at or after `from`, before `to`. */
function nextOpener(text: string, from: number, to: number): { start: number; bodyStart: number; close: string | RegExp; name: string } | null {
  const re = /\$\$|\\\[|\\begin\{([A-Za-z]+\*?)\}/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (m.index > 0 && text[m.index - 1] === '\\' && m[0] !== '\\[') continue; // \$ is a dollar sign
    if (m[0] === '$$') return { start: m.index, bodyStart: m.index + 2, close: '$$', name: '$$' };
    if (m[0] === '\\[') return { start: m.index, bodyStart: m.index + 2, close: '\\]', name: '\\[' };
    if (MATH_ENVIRONMENTS.includes(m[1])) {
      let bodyStart = m.index + m[0].length;
      const arg = /^\{\d+\}/.exec(text.slice(bodyStart)); // alignat{2}
      if (arg) bodyStart += arg[0].length;
      return { start: m.index, bodyStart, close: `\\end{${m[1]}}`, name: m[1] };
    }
  }
  return null;
}

/** Splits a display body into rows at top-level `\\`. */
function rows(body: Mapped): Mapped[] {
  const out: Mapped[] = [];
  let depth = 0;
  let start = 0;
  const t = body.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\' && t[i + 1] === '\\' && depth === 0) {
      out.push(body.slice(start, i));
      let j = i + 2;
      if (t[j] === '*') j++;
      const sp = /^\s*\[[^\]]*\]/.exec(t.slice(j));
      if (sp) j += sp[0].length;
      start = j;
      i = j - 1;
      continue;
    }
    if (c === '\\') {
      i++; // skip the escaped character (\{, \}, \\ handled above)
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  out.push(body.slice(start));
  return out;
}

/** A row with alignment marks blanked and inner environments unwrapped. */
function cleanRow(row: Mapped): Mapped {
  let r = row;
  for (;;) {
    INNER_ENVIRONMENTS.lastIndex = 0;
    const m = INNER_ENVIRONMENTS.exec(r.text);
    if (!m) break;
    r = r.replace(m.index, m.index + m[0].length, ' '.repeat(m[0].length));
  }
  let out = r;
  for (let i = 0; i < out.text.length; i++) {
    if (out.text[i] === '\\') {
      i++;
      continue;
    }
    if (out.text[i] === '&') out = out.replace(i, i + 1, ' ');
  }
  return out;
}

/** Prose lines of `[from, to)`, one piece per line (blank lines dropped). */
function proseLines(src: SourceFile, text: string, from: number, to: number, out: Piece[]): void {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === '\n') {
      const piece = Mapped.of(text, start, i).trim();
      if (piece.text) out.push({ kind: 'prose', text: piece });
      start = i + 1;
    }
  }
  void src;
}

/** A display's rows, with `\intertext{…}` lines as prose. */
function displayPieces(body: Mapped, display: number, out: Piece[]): void {
  for (const raw of rows(body)) {
    const r = cleanRow(raw);
    const inter = /\\intertext\{([^{}]*)\}/.exec(r.text);
    if (inter) {
      const before = r.slice(0, inter.index).trim();
      if (before.text) out.push({ kind: 'row', text: before, display });
      out.push({ kind: 'prose', text: r.slice(inter.index + 11, inter.index + 11 + inter[1].length).trim() });
      const after = r.slice(inter.index + inter[0].length).trim();
      if (after.text) out.push({ kind: 'row', text: after, display });
      continue;
    }
    const t = r.trim();
    if (t.text) out.push({ kind: 'row', text: t, display });
  }
}

/**
 * The pieces of an answer file, in order. LaTeX (`.tex`) and Markdown
 * (`.md`, or any other name) differ only in comments and the document body.
 *
 * @example
 *   extract(new SourceFile('\\begin{align*} a &= b \\\\ &= c \\end{align*}', 'a.tex'))
 *   // [{ kind: 'row', text: 'a   = b', display: 0 }, { kind: 'row', text: '  = c', display: 0 }]  (texts trimmed)
 */
export function extract(src: SourceFile): Piece[] {
  const latex = /\.tex$/i.test(src.file);
  const text = blankComments(src.text, latex);
  const [from, to] = bodyRange(text, latex);
  const out: Piece[] = [];
  let pos = from;
  let display = 0;
  while (pos < to) {
    const o = nextOpener(text, pos, to);
    if (!o) {
      proseLines(src, text, pos, to, out);
      break;
    }
    proseLines(src, text, pos, o.start, out);
    const closeAt = text.indexOf(o.close as string, o.bodyStart);
    if (closeAt < 0 || closeAt > to) {
      out.push({ kind: 'unread', at: o.start, text: text.slice(o.start, text.indexOf('\n', o.start) < 0 ? to : text.indexOf('\n', o.start)), reason: `this display (${o.name}) is never closed: its text is read as prose` });
      proseLines(src, text, o.bodyStart, to, out);
      break;
    }
    displayPieces(Mapped.of(text, o.bodyStart, closeAt), display++, out);
    pos = closeAt + (o.close as string).length;
  }
  return out;
}
