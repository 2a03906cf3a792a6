/**
 * Reading a line of prose in a student's answer. Prose carries labels
 * (`3(b) Given,`, `S(a)`, `(b) In the above …`), statements (`If
 * $D_\phi = D^*$, then`, `and $t = D_\phi(n)$`), connectives on a line of
 * their own (`\Rightarrow` between two displays), marks drawn beside the
 * mathematics (`\uparrow`, `↑`) that are not mathematics, and mathematics
 * written outside dollars (a line that begins with `≈ 0 when …`), which is
 * read as a row with its words as remarks.
 *
 * Strategy: a label at the start is taken off first; then the line is, in
 * this order, a single `$…$` (a row), a lone relation (a connective), marks
 * only, mathematics (it begins with a relation followed by mathematics, with
 * `\therefore`, or with a command), or prose, whose inline equations are
 * statements unless the words before them negate them ("we cannot assume").
 *
 * @example
 *   readProse(m('If $D_\\phi = D^*$, then')).statements[0].math.text   // 'D_\\phi = D^*'
 */
import { Mapped } from './source';
import { readRow, normalLabel, relationAt, toRelation, scan, THEREFORE_CMDS, type Row, type RelationMark } from './lines';

/**
 * A line of prose read.
 *
 * @example readProse(m('S(a)')).label   // 'S(a)'
 */
export interface ProseLine {
  text: Mapped;
  label?: string;
  /** The line holds only a relation: it connects the display before it to the one after. */
  connective?: RelationMark;
  /** The line is a mark drawn in the margin (an arrow), not mathematics. */
  mark?: string;
  /** The line is mathematics written outside dollars, read as a row. */
  row?: Row;
  /** Equations written inline (`$D = D^*$`), with the words before them. */
  statements: { math: Mapped; before: string }[];
  /** Limit conditions written inline after "as", "when", … (`as $D(G(z)) \to 0$`). */
  conditions?: Mapped[];
}

const MARKS = /^(?:\\(?:uparrow|downarrow|nearrow|searrow|swarrow|nwarrow|leftarrow|longleftarrow|updownarrow|Uparrow|Downarrow|circ|bullet|star|checkmark)(?![A-Za-z])|[↑↓↗↘↙↖←⟵↕⇑⇓①②③④⑤⑥⑦⑧⑨✓✗—–-]|\s)+$/;
/** Labels at the start of a prose line. */
const PROSE_LABEL = /^\s*(?:#+\s*|\*\*|\\(?:sub)*section\*?\{|\\textbf\{|\\item\[)?\s*((?:[Pp]roblem|[Ee]xercise|[Qq]uestion|Q)\s*\d+\s*(?:\(\s*[a-h]\s*\))?|\d+\s*\(\s*[a-h]\s*\)|\d+\s*[a-h]\s*\)|[A-Z]\s*\(\s*[a-h]\s*\)|\(\s*[a-h]\s*\))(?=$|[\s,.:*}\]])/;
/** Words that make an inline `X \to a` the condition of a limit. */
const CONDITION_WORDS = /\b(as|when|whenever|if|while|for)\s*$/i;
const LIMIT_REL = /^(\\to|\\rightarrow|\\longrightarrow|→|⟶|\\approx|≈)$/;
const NEGATION = /\b(not|cannot|can't|never|unless|no)\b|n't\b/i;

/** Mathematics written in a prose line: words become `\text{…}`, `$…$` loses its dollars. */
function proseAsMath(line: Mapped): Mapped {
  const pieces: Mapped[] = [];
  const t = line.text;
  let i = 0;
  const words = /(?<![\\A-Za-z])[A-Za-z][A-Za-z'’]+(?:[\s,;:]+[A-Za-z][A-Za-z'’]*)*/g;
  const outside = (from: number, to: number) => {
    let k = from;
    words.lastIndex = from;
    for (let m = words.exec(t); m && m.index < to; m = words.exec(t)) {
      const end = Math.min(to, m.index + m[0].length);
      pieces.push(line.slice(k, m.index), Mapped.synthetic('\\text{', line.offset(m.index)), line.slice(m.index, end), Mapped.synthetic('}', line.offset(end)));
      k = end;
    }
    pieces.push(line.slice(k, to));
  };
  for (;;) {
    const a = t.indexOf('$', i);
    if (a < 0) { outside(i, t.length); break; }
    const b = t.indexOf('$', a + 1);
    if (b < 0) { outside(i, t.length); break; }
    outside(i, a);
    pieces.push(Mapped.synthetic(' ', line.offset(a)), line.slice(a + 1, b), Mapped.synthetic(' ', line.offset(b)));
    i = b + 1;
  }
  return Mapped.join(pieces);
}

/**
 * Reads one line of prose (see the file comment).
 *
 * @example
 *   readProse(m('If $D_\\phi = D^*$, then')).statements[0].math.text   // 'D_\\phi = D^*'
 *   readProse(m('\\Rightarrow')).connective?.written                    // '\\Rightarrow'
 */
export function readProse(line: Mapped): ProseLine {
  const out: ProseLine = { text: line, statements: [] };
  let text = line;
  const lab = PROSE_LABEL.exec(text.text);
  if (lab) {
    out.label = normalLabel(lab[1]);
    text = text.slice(lab[0].length).trim();
    text = text.replace(0, (/^[*}\]:.,\s]*/.exec(text.text) as RegExpExecArray)[0].length, '').trim();
  }
  const t = text.text;
  if (!t) return out;
  const inline = /^\$([^$]+)\$$/.exec(t) ?? /^\\\((.+)\\\)$/.exec(t);
  if (inline) {
    out.row = readRow(text.slice(t.indexOf(inline[1]), t.indexOf(inline[1]) + inline[1].length));
    return out;
  }
  const rel = relationAt(t, 0);
  if (rel && rel.len === t.length) {
    out.connective = { written: t, relation: toRelation(t, rel.canonical, rel.sub), at: text };
    return out;
  }
  if (MARKS.test(t)) {
    out.mark = t;
    return out;
  }
  const mathAfterRelation = rel && !/^\s*[A-Za-z][A-Za-z]/.test(t.slice(rel.len));
  if (mathAfterRelation || THEREFORE_CMDS.test(t) || (/^\\[A-Za-z]/.test(t) && !/^\\(?:text|textbf|emph|item|section|subsection|paragraph|noindent|begin|end|par)\b/.test(t))) {
    out.row = readRow(proseAsMath(text));
    return out;
  }
  const re = /\$([^$]+)\$|\\\((.+?)\\\)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const inner = m[1] ?? m[2];
    const start = m.index + m[0].indexOf(inner);
    const math = text.slice(start, start + inner.length);
    const rels = scan(inner).filter((f) => f.kind === 'rel');
    const before = t.slice(0, m.index);
    const clause = before.split(/[.;]/).pop() ?? '';
    if (NEGATION.test(clause)) continue;
    const relText = (f: { start: number; end: number }) => inner.slice(f.start, f.end);
    if (rels.length === 1 && CONDITION_WORDS.test(clause.split(/,/).pop() ?? '') && LIMIT_REL.test(relText(rels[0]))) {
      (out.conditions ??= []).push(math);
      continue;
    }
    if (rels.length === 1 && /^(=|\\neq?|≠)$/.test(relText(rels[0]))) {
      out.statements.push({ math, before: before.trim() });
    } else if (rels.length > 1 && rels.every((f) => relText(f) === '=')) {
      // "with $D_\phi = D^* = \frac{…}{…}$": each equation of the run is stated
      rels.forEach((_, k) => {
        const from = k === 0 ? 0 : rels[k - 1].end;
        const to = k + 1 < rels.length ? rels[k + 1].start : inner.length;
        out.statements.push({ math: math.slice(from, to), before: before.trim() });
      });
    }
  }
  return out;
}
