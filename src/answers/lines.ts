/**
 * Reading one row of mathematics as a student writes it:
 *
 *   3(a) \quad L = -E[\log D(x)] \quad (\text{by definition})
 *   = \int f(D(x))\,dx
 *   \therefore h = \log\frac{p}{q}
 *   \approx 0 \quad \text{when } D(G(z)) \approx 0
 *   \Rightarrow \frac{p}{1-t} = \frac{q}{t}
 *
 * Strategy: one scan of the row at brace/bracket depth 0 finds the pieces that
 * are not mathematics — a label before it (`3(a)`, `3 a)`, `(b)`), a
 * connective (`\therefore`, `∴`, "so"), remarks (`\text{…}`, `\tag{…}`) — and
 * the relations (`=`, `\approx`, `\iff`, `\Leftrightarrow`, `\Rightarrow`,
 * `\neq`, `\to`, `\doteq_\theta`, inequalities; Unicode forms too). A remark
 * ends the row's mathematics: what follows it belongs to the remark, unless
 * the remark begins with "when", "as", "if" or "for" and a limit (`\to`,
 * `\approx`) follows, which is then the row's limit condition. An equation
 * inside a remark ("given $D = D^*$") is kept as a statement. The math that
 * is left is split at the relations into parts, each with the relation
 * written before it. Nothing is parsed here: parts stay mapped text.
 *
 * Prose lines are read by prose.ts, with the same relations and labels.
 *
 * @example
 *   readRow(m('3(a) \\quad L = a \\quad (\\text{by (1)})')).parts.map((p) => [p.rel?.written, p.text.text.trim()])
 *   // [[undefined, 'L'], ['=', 'a']]   with label '3(a)' and remark 'by (1)'
 */
import type { Relation } from '../semantics/derivation';
import { parseRelation } from '../semantics/relations';
import { parseName } from '../parse';
import { Mapped } from './source';

/**
 * A relation as written, and what it means (null when it is not supported).
 *
 * @example { written: '⇒', relation: { kind: 'implies', latex: '\\Rightarrow' }, at }
 */
export interface RelationMark {
  written: string;
  relation: Relation | null;
  at: Mapped;
}

/**
 * A piece of a row's mathematics and the relation written before it.
 *
 * @example readRow(m('L = a')).parts[1]   // { rel: { written: '=', … }, text: 'a' }
 */
export interface Part {
  rel: RelationMark | null;
  text: Mapped;
}

/**
 * Something in a row or line that cannot be read, at a file offset.
 *
 * @example { at: 120, text: '\\propto', reason: 'this relation is not one the checker verifies …' }
 */
export interface Problem {
  at: number;
  text: string;
  reason: string;
}

/**
 * A row read.
 *
 * @example readRow(m('\\therefore h = 1')).therefore   // true
 */
export interface Row {
  source: Mapped;
  label?: string;
  /** `\therefore`, `∴`, "so", "hence", "thus" before the mathematics. */
  therefore: boolean;
  /** parts[0].text is empty when the row begins with a relation. */
  parts: Part[];
  /** The limit condition after "when" / "as" (`D(G(z)) \approx 0`). */
  condition?: Mapped;
  remarks: string[];
  /** Equations inside remarks ("given $D = D^*$"). */
  statements: Mapped[];
  problems: Problem[];
}

/** Written relations: the form and the canonical LaTeX `parseRelation` reads (null: not supported, with why). */
const RELATION_FORMS: [RegExp, string | null, string?][] = [
  [/^\\doteq_(\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])/, 'doteq'],
  [/^≐_(\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])/, 'doteq'],
  [/^(:=|\\coloneqq)/, null, 'a definition (:=) is not a step the checker can verify'],
  [/^=/, '='],
  [/^(\\approx|≈|\\simeq|≃)(?![A-Za-z])/, '\\approx'],
  [/^(\\longrightarrow|\\rightarrow|\\to|→|⟶)(?![A-Za-z])/, '\\to'],
  [/^(\\Longleftrightarrow|\\Leftrightarrow|\\iff|⇔|⟺)(?![A-Za-z])/, '\\iff'],
  [/^(\\Longrightarrow|\\Rightarrow|\\implies|⇒|⟹)(?![A-Za-z])/, '\\Rightarrow'],
  [/^(\\Leftarrow|\\impliedby|\\Longleftarrow|⇐|⟸)(?![A-Za-z])/, null, 'an implication written right to left (⇐) is not supported: write it as ⇒ from the other side'],
  [/^(\\neq|\\ne|≠)(?![A-Za-z])/, '\\neq'],
  [/^(\\leqslant|\\leq|\\le|≤)(?![A-Za-z])/, '\\leq'],
  [/^(\\geqslant|\\geq|\\ge|≥)(?![A-Za-z])/, '\\geq'],
  [/^</, '<'],
  [/^>/, '>'],
  [/^(\\equiv|≡|\\propto|∝|\\in|∈)(?![A-Za-z])/, null, 'this relation is not one the checker verifies (=, \\approx, \\to, \\iff, \\Rightarrow, \\neq, \\doteq, <, >, \\leq, \\geq)'],
];

/** Remark commands: their argument is prose. */
const TEXT_COMMANDS = new Set(['\\text', '\\textrm', '\\textit', '\\textbf', '\\textsf', '\\texttt', '\\mbox', '\\textnormal', '\\tag', '\\tag*', '\\label']);
const DROPPED = /\\(?:nonumber|notag)(?![A-Za-z])/g;
/**
 * `\\therefore` or `∴` at the start of a text.
 *
 * @example THEREFORE_CMDS.test('∴ x = 1')   // true
 */
export const THEREFORE_CMDS = /^(?:\\therefore(?![A-Za-z])|∴)/;
const THEREFORE_WORDS = /^(so|hence|thus|therefore|then|which gives|this gives)\b[,:]?/i;
const CONDITION_WORDS = /^(when|as|if|for|while|whenever)\b/i;
const LIMIT_REL = /\\to(?![A-Za-z])|\\rightarrow|\\longrightarrow|→|⟶|\\approx|≈/;

/** Labels before a row's mathematics: `3(a)`, `3 a)`, `\text{3(a)}`, `(b) \quad`. */
const ROW_LABEL = /^\s*(?:\\text(?:bf)?\{\s*)?(\d+\s*\(\s*[a-h]\s*\)|\d+\s*[a-h]\s*\)|\(\s*[a-h]\s*\)(?=\s*(?:\\q?quad|:|\\text|\})))\s*\}?\s*:?/;

/**
 * A label in its normal form: `3 a)` → `3(a)`, `(b)` stays `(b)`.
 *
 * @example normalLabel('3 a)')   // '3(a)'
 */
export function normalLabel(raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim().replace(/(\d) ?\( ?([a-h]) ?\)/, '$1($2)').replace(/^\( ?([a-h]) ?\)$/, '($1)');
  const m = /^(.*?\d+) ?([a-h])\)$/.exec(t);
  return m ? `${m[1]}(${m[2]})` : t;
}

/**
 * The relation written at `text[i]`, if any: its length, canonical form, and why it is not supported.
 *
 * @example relationAt('≈ 0', 0)   // { len: 1, canonical: '\\approx' }
 */
export function relationAt(text: string, i: number): { len: number; canonical: string | null; why?: string; sub?: string } | null {
  const rest = text.slice(i);
  for (const [re, canonical, why] of RELATION_FORMS) {
    const m = re.exec(rest);
    if (m) return { len: m[0].length, canonical, why, sub: canonical === 'doteq' ? m[1] : undefined };
  }
  return null;
}

/**
 * A written relation as the engine's `Relation` (null when not supported).
 *
 * @example toRelation('⇒', '\\Rightarrow')   // { kind: 'implies', latex: '\\Rightarrow' }
 */
export function toRelation(written: string, canonical: string | null, sub?: string): Relation | null {
  if (!canonical) return null;
  const canon = (w: string) => {
    try {
      return parseName(w);
    } catch {
      return w;
    }
  };
  return parseRelation(canonical === 'doteq' ? `\\doteq_{${sub!.replace(/^\{(.*)\}$/, '$1')}}` : canonical, canon);
}

/** The end of a braced argument starting at `i` (which must be `{`), or -1. */
function braceEnd(t: string, i: number): number {
  if (t[i] !== '{') return -1;
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (t[j] === '\\') { j++; continue; }
    if (t[j] === '{') depth++;
    else if (t[j] === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Something `scan` found: a relation, a remark, a connective, with its place.
 *
 * @example { kind: 'rel', start: 2, end: 3, rel: { canonical: '=' } }
 */
export interface Found {
  kind: 'rel' | 'remark' | 'therefore';
  start: number;
  end: number;
  /** remark: the argument's range */
  arg?: [number, number];
  rel?: { canonical: string | null; why?: string; sub?: string };
}

/**
 * Relations, remarks and connectives at depth 0 of `t`.
 *
 * @example scan('a = \\frac{b}{c}').map((f) => f.kind)   // ['rel']
 */
export function scan(t: string): Found[] {
  const out: Found[] = [];
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      const m = /^\\([A-Za-z]+\*?|.)/.exec(t.slice(i));
      const cmd = m ? m[0] : '\\';
      if (cmd === '\\{' || cmd === '\\}') {
        depth += cmd === '\\{' ? 1 : -1;
        i += 1;
        continue;
      }
      if (depth === 0) {
        const base = cmd.replace(/\*$/, '');
        if (TEXT_COMMANDS.has(cmd) || TEXT_COMMANDS.has(base)) {
          let a = i + cmd.length;
          while (t[a] === ' ') a++;
          const e = braceEnd(t, a);
          const after = e > 0 ? t.slice(e).trimStart()[0] : undefined;
          const word = e > 0 ? t.slice(a + 1, e - 1) : '';
          const prev = t.slice(0, i).trimEnd().slice(-1);
          const nameLike = (/^[A-Za-z]{1,4}$/.test(word) && (after === '(' || after === '_' || after === '^' || after === '[')) || prev === '_' || prev === '^';
          if (e > 0 && !nameLike) {
            out.push({ kind: 'remark', start: i, end: e, arg: [a + 1, e - 1] });
            i = e - 1;
            continue;
          }
        }
        if (THEREFORE_CMDS.test(t.slice(i))) {
          out.push({ kind: 'therefore', start: i, end: i + cmd.length });
          i += cmd.length - 1;
          continue;
        }
        const r = relationAt(t, i);
        if (r) {
          out.push({ kind: 'rel', start: i, end: i + r.len, rel: r });
          i += r.len - 1;
          continue;
        }
      }
      i += cmd.length - 1;
      continue;
    }
    if (c === '(' && depth === 0) {
      // `(\text{by …})`: a remark in parentheses
      const m = /^\(\s*(\\(?:text|textrm|textit|mbox)\s*)\{/.exec(t.slice(i));
      const e = m ? braceEnd(t, i + m[0].length - 1) : -1;
      const close = e > 0 ? /^\s*\)/.exec(t.slice(e)) : null;
      if (m && close) {
        out.push({ kind: 'remark', start: i, end: e + close[0].length, arg: [i + m[0].length, e - 1] });
        i = e + close[0].length - 1;
        continue;
      }
    }
    if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (c === '∴') { out.push({ kind: 'therefore', start: i, end: i + 1 }); continue; }
      const r = relationAt(t, i);
      if (r) {
        out.push({ kind: 'rel', start: i, end: i + r.len, rel: r });
        i += r.len - 1;
      }
    }
  }
  return out;
}

/** The mathematics inside a remark's text: `$…$` pieces, or the math after the remark. */
function remarkMath(row: Mapped, f: Found, next: number): Mapped {
  const inner = row.slice(f.arg![0], f.arg![1]);
  const dollar = /\$([^$]*)\$/.exec(inner.text);
  if (dollar) return inner.slice(dollar.index + 1, dollar.index + 1 + dollar[1].length).trim();
  return row.slice(f.end, next).trim();
}

/**
 * Reads one row of mathematics (see the file comment).
 *
 * @example
 *   readRow(m('= E[x] \\quad \\text{when } \\epsilon \\to 0')).condition?.text   // '\\epsilon \\to 0'
 */
export function readRow(source: Mapped): Row {
  const row: Row = { source, therefore: false, parts: [], remarks: [], statements: [], problems: [] };
  let text = source;
  DROPPED.lastIndex = 0;
  for (let m = DROPPED.exec(text.text); m; m = DROPPED.exec(text.text)) text = text.replace(m.index, m.index + m[0].length, ' '.repeat(m[0].length));
  const lab = ROW_LABEL.exec(text.text);
  if (lab && !/^\s*(=|\+|-|\^|_|\\cdot)/.test(text.text.slice(lab[0].length))) {
    row.label = normalLabel(lab[1]);
    text = text.replace(0, lab[0].length, ' '.repeat(lab[0].length));
  }
  const found = scan(text.text);
  let mathEnd = text.length;
  const leading = (i: number) => !text.text.slice(0, i).replace(/\\q?quad|\\[,;: !]|~/g, '').trim();
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    if (f.start >= mathEnd) break;
    if (f.kind === 'therefore' && leading(f.start)) {
      row.therefore = true;
      text = text.replace(f.start, f.end, ' '.repeat(f.end - f.start));
      continue;
    }
    if (f.kind !== 'remark') continue;
    const content = text.text.slice(f.arg![0], f.arg![1]);
    const words = content.replace(/\$[^$]*\$/g, ' ').trim();
    if (leading(f.start)) {
      if (THEREFORE_WORDS.test(words)) row.therefore = true;
      else if (words) row.remarks.push(words);
      text = text.replace(f.start, f.end, ' '.repeat(f.end - f.start));
      continue;
    }
    // a remark ends the mathematics; what follows is the remark's, or the limit condition
    const next = found.slice(k + 1).find((g) => g.kind === 'remark')?.start ?? text.length;
    const math = remarkMath(text, f, next);
    if (CONDITION_WORDS.test(words) && LIMIT_REL.test(math.text) && !row.condition) row.condition = math;
    else if (!content.includes('$') && /^(\+|-|\\cdot(?![A-Za-z])|\\times(?![A-Za-z])|\*|\/|\^)/.test(math.text)) {
      // `… \quad \text{(definition)} + 1`: an operator after a remark continues the expression; never drop it silently
      row.problems.push({ at: math.offset(0), text: math.text, reason: `"${math.text}" after the remark continues the expression: put the remark at the end of the line` });
    } else {
      row.remarks.push(`${content.replace(/\$/g, '').replace(/\s+/g, ' ').trim()}${math.text && !content.includes('$') ? ' ' + math.text : ''}`.trim());
      if (/(^|[^<>!:\\])=|\\neq?(?![A-Za-z])|≠/.test(math.text)) row.statements.push(math);
    }
    if (f.start < mathEnd) mathEnd = f.start;
  }
  splitParts(text.slice(0, mathEnd), row);
  return row;
}

/** Splits mathematics at its top-level relations into `row.parts`. */
function splitParts(math: Mapped, row: Row): void {
  const rels = scan(math.text).filter((f) => f.kind === 'rel');
  let start = 0;
  let rel: RelationMark | null = null;
  for (const r of rels) {
    row.parts.push({ rel, text: math.slice(start, r.start) });
    const written = math.text.slice(r.start, r.end);
    const relation = toRelation(written, r.rel!.canonical, r.rel!.sub);
    rel = { written, relation, at: math.slice(r.start, r.end) };
    if (!relation) row.problems.push({ at: math.offset(r.start), text: written, reason: r.rel!.why ?? `unsupported relation ${written}` });
    start = r.end;
  }
  row.parts.push({ rel, text: math.slice(start) });
  for (const p of row.parts) p.text = trimSpacing(p.text);
}

/** Without surrounding whitespace and spacing commands (`\\quad`, `\\,`). */
function trimSpacing(m: Mapped): Mapped {
  let t = m.trim();
  for (;;) {
    const lead = /^(\\q?quad(?![A-Za-z])|\\[,;:! ]|~)\s*/.exec(t.text);
    const tail = /\s*(\\q?quad(?![A-Za-z])|\\[,;:! ]|~)$/.exec(t.text);
    if (!lead && !tail) return t;
    t = t.slice(lead ? lead[0].length : 0, tail ? t.length - tail[0].length : t.length).trim();
  }
}

/**
 * The parts of an equation `a = b` (or `a \neq b`) written in `math`, or null.
 *
 * @example splitEquation(m('t = D(x)'))   // { lhs: 't', rhs: 'D(x)', rel: '=' }  (mapped)
 */
export function splitEquation(math: Mapped): { lhs: Mapped; rhs: Mapped; rel: string } | null {
  const rels = scan(math.text).filter((f) => f.kind === 'rel');
  if (rels.length !== 1) return null;
  const written = math.text.slice(rels[0].start, rels[0].end);
  const rel = /^=$/.test(written) ? '=' : /^(\\neq?|≠)$/.test(written) ? '\\neq' : null;
  if (!rel) return null;
  return { lhs: math.slice(0, rels[0].start).trim(), rhs: math.slice(rels[0].end).trim(), rel };
}

/**
 * A limit condition `X \to a` / `X \approx a` split into its expression and target text.
 *
 * @example splitCondition(m('D(G(z)) \\approx 0'))   // { expr: 'D(G(z))', target: '0' }
 */
export function splitCondition(cond: Mapped): { expr: Mapped; target: Mapped } | null {
  const rels = scan(cond.text).filter((f) => f.kind === 'rel' && (f.rel!.canonical === '\\to' || f.rel!.canonical === '\\approx'));
  if (rels.length !== 1) return null;
  return { expr: cond.slice(0, rels[0].start).trim(), target: cond.slice(rels[0].end).trim() };
}
