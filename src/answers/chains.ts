/**
 * Splitting an answer into chains: the rows and prose lines of a file, in
 * order, become chains of steps, each step relating a line to the one before
 * it. Every new chain records why it started; the report prints it.
 *
 * Strategy, row by row (a "row" is a display row, or a prose line that is
 * mathematics):
 *
 * - A label (`3(a)`, `(b)`, `S(a)`) starts a section; a chain never crosses one.
 * - `= X` (any relation first) continues the current chain from its last
 *   line: for an equation chain, from the right side of its last equation.
 * - A row that begins with `+` or `-` and has no relation continues the
 *   expression of the row before it (a long line broken by the student).
 * - `\Rightarrow A = B` / `\iff A = B` is a step between equations. The
 *   chain before it becomes an equation chain: a single row `A0 = B0` is its
 *   premise (not an identity to check); a longer chain gives the premise
 *   `start = last line`. A line holding only `\Rightarrow` connects the rows
 *   around it.
 * - `A = B …` with A the left side the chain started from continues the
 *   chain (the left side is restated), unless a statement was made since.
 * - `A = B` right after an equation, sharing an unknown with it (t, h_\phi(x)),
 *   is read as implied by it (no connective written: `\Rightarrow`).
 * - Otherwise `A = B …` starts a new chain from A (also after `\therefore`).
 * - A bare expression starts a chain; a row with nothing to continue is
 *   reported, and its mathematics still starts a chain.
 *
 * The splitter asks a `Probe` (read.ts, in the course's widest context) for
 * the structural key of a piece, and for the unknowns of an equation.
 *
 * @example
 *   splitChains(events, probe).chains.map((c) => c.reason)
 *   // ['label 3(a)', 'a new left side D^{*}(x)', …]
 */
import type { Relation } from '../semantics/derivation';
import type { Row, Problem, RelationMark } from './lines';
import type { ProseLine } from './prose';
import { Mapped } from './source';

/**
 * What the splitter reads, in file order.
 *
 * @example { kind: 'row', row: readRow(m('= a')) }
 */
export type Event =
  | { kind: 'row'; row: Row }
  | { kind: 'prose'; line: ProseLine }
  | { kind: 'unread'; problem: Problem };

/**
 * A written piece; a continuation row extends it in place.
 *
 * @example box.m = Mapped.join([box.m, Mapped.synthetic(' ', at), next])
 */
export interface Box {
  m: Mapped;
}

/**
 * One side of a step: an expression, or an equation of an equation chain.
 *
 * @example { kind: 'eq', lhs: { m: lhsText }, rhs: { m: rhsText } }
 */
export type Operand = { kind: 'expr'; box: Box } | { kind: 'eq'; lhs: Box; rhs: Box };

/**
 * A step before it is read: the relation as written, the two operands.
 *
 * @example splitChains(events, probe).chains[0].steps[0].rel.written   // '='
 */
export interface DraftStep {
  rel: RelationMark;
  from: Operand;
  to: Operand;
  condition?: Mapped;
  notes: string[];
}

/**
 * A chain before it is read.
 *
 * @example splitChains(events, probe).chains[0].reason   // 'label 3(a)'
 */
export interface DraftChain {
  index: number;
  label?: string;
  section: number;
  reason: string;
  /** Offset of the chain's first row. */
  at: number;
  kind: 'expr' | 'eq';
  start: Operand;
  steps: DraftStep[];
  current: Operand;
  /** A single row `A = B`: may yet become the premise of an equation chain. */
  provisional: boolean;
  /** Offsets of the rows the chain spans. */
  rows: number[];
  /** Started right after prose that sets up a premise ("Setting the derivative to zero:"). */
  premise?: boolean;
}

/**
 * An equation written in prose or in a remark ("if $D = D^*$").
 *
 * @example splitChains(events, probe).statements[0].math.text   // 'D_\\phi = D^*'
 */
export interface Statement {
  math: Mapped;
  at: number;
  section: number;
  before: string;
}

/**
 * The outcome of splitting.
 *
 * @example const { chains, unread, statements } = splitChains(events, probe);
 */
export interface Split {
  chains: DraftChain[];
  unread: Problem[];
  statements: Statement[];
}

/**
 * What the splitter needs to know about a piece of mathematics.
 *
 * @example probe.unknowns(m('1 - t'), m('t'))   // ['t']
 */
export interface Probe {
  /** The structural key of the piece, or null when it cannot be read. */
  key(m: Mapped): string | null;
  /** The unknowns the equation lhs = rhs could be solved for (keys). */
  unknowns(lhs: Mapped, rhs: Mapped): string[];
}

const IMPLIES: Relation = { kind: 'implies', latex: '\\Rightarrow' };

const text = (o: Operand): Mapped => (o.kind === 'expr' ? o.box.m : Mapped.join([o.lhs.m, Mapped.synthetic(' = ', o.rhs.m.offset(0)), o.rhs.m]));

/**
 * Splits the events of an answer into chains (see the file comment).
 *
 * @example splitChains([{ kind: 'row', row: readRow(m('L = a')) }, { kind: 'row', row: readRow(m('= b')) }], probe).chains.length   // 1
 */
export function splitChains(events: Event[], probe: Probe): Split {
  const out: Split = { chains: [], unread: [], statements: [] };
  let cur: DraftChain | null = null;
  let section = 0;
  let label: string | undefined;
  let pending: RelationMark | null = null;
  let statedSince = false;
  let pendingCondition: Mapped | null = null;
  let premiseNext = false;
  let last: Box | null = null;
  const made: DraftStep[] = [];

  const setLabel = (l: string) => {
    const full = /^\([a-h]\)$/.test(l) && label ? `${label.replace(/\([a-h]\)$/, '')}${l}` : l;
    label = full;
    section++;
    cur = null;
    last = null;
    statedSince = false;
  };
  const newChain = (start: Operand, at: number, reason: string): DraftChain => {
    const c: DraftChain = { index: out.chains.length + 1, label, section, reason, at, kind: start.kind, start, steps: [], current: start, provisional: false, rows: [at], ...(premiseNext ? { premise: true } : {}) };
    premiseNext = false;
    out.chains.push(c);
    cur = c;
    return c;
  };
  const addStep = (c: DraftChain, rel: RelationMark, to: Operand, at: number, notes: string[] = []) => {
    const from = c.current;
    if (from.kind === 'eq' && to.kind === 'expr') {
      // an identity on the right side of the last equation
      c.steps.push({ rel, from: { kind: 'expr', box: from.rhs }, to, notes });
      c.current = { kind: 'eq', lhs: from.lhs, rhs: to.box };
    } else {
      c.steps.push({ rel, from, to, notes });
      c.current = to;
    }
    made.push(c.steps[c.steps.length - 1]);
    if (!c.rows.includes(at)) c.rows.push(at);
  };
  /** The chain as an equation chain: its premise is its only row, or start = last line. */
  const toEquations = (c: DraftChain): string | null => {
    if (c.kind === 'eq') return null;
    if (c.start.kind !== 'expr' || c.current.kind !== 'expr') return null;
    const premise: Operand = { kind: 'eq', lhs: c.start.box, rhs: c.current.box };
    const single = c.provisional && c.steps.length === 1;
    if (single) c.steps = [];
    c.kind = 'eq';
    c.start = premise;
    c.current = premise;
    c.provisional = false;
    return single ? 'its first line is the premise of an equation chain' : 'the equations follow from start = last line';
  };
  const continueWith = (c: DraftChain, parts: Row['parts'], at: number, notes: string[] = []) => {
    for (const p of parts) {
      if (!p.rel) continue;
      const box = { m: p.text };
      addStep(c, p.rel, { kind: 'expr', box }, at, notes);
      last = box;
    }
    c.provisional = false;
  };

  for (const ev of events) {
    if (ev.kind === 'unread') {
      out.unread.push(ev.problem);
      continue;
    }
    if (ev.kind === 'prose') {
      const l = ev.line;
      if (l.label) setLabel(l.label);
      if (l.connective) {
        if (pending) out.unread.push({ at: pending.at.offset(0), text: pending.written, reason: `a lone ${pending.written} with no mathematics after it` });
        pending = l.connective;
        continue;
      }
      if (l.mark) {
        out.unread.push({ at: l.text.offset(0), text: l.mark, reason: 'a mark drawn beside the mathematics (an arrow, a circled number), not an expression: not read' });
        continue;
      }
      for (const s of l.statements) {
        out.statements.push({ math: s.math, at: s.math.offset(0), section, before: s.before });
        statedSince = true;
      }
      if (l.premise && !l.row) {
        // "Setting the derivative to zero:": the next equation is a premise, not a step from the line before
        cur = null;
        last = null;
        premiseNext = true;
      }
      for (const m of l.conditions ?? []) {
        // "as $X \to a$": the condition of the limit step before it, or of the next one
        const c = cur as DraftChain | null;
        const s = c?.steps[c.steps.length - 1];
        if (s && s.rel.relation?.kind === 'limit' && !s.condition) s.condition = m;
        else pendingCondition = m;
      }
      if (!l.row) continue;
      handleRow(l.row);
      continue;
    }
    handleRow(ev.row);
  }
  if (pending) out.unread.push({ at: (pending as RelationMark).at.offset(0), text: (pending as RelationMark).written, reason: `a lone ${(pending as RelationMark).written} with no mathematics after it` });
  // a single equation set up in prose and never continued is a premise, not an identity to check
  for (const c of out.chains) {
    if (c.premise && c.kind === 'expr' && c.provisional && c.steps.length === 1) {
      toEquations(c);
      c.reason += ' (a premise, set up in the prose before it)';
    }
  }
  return out;

  function handleRow(row: Row): void {
    if (row.label) setLabel(row.label);
    const at = row.source.offset(0);
    out.unread.push(...row.problems);
    let parts = row.parts.map((p) => ({ ...p }));
    if (row.problems.length) {
      // a definition (:=) keeps its left side as a chain's start; any other unsupported relation loses the row
      const bad = parts.findIndex((p) => p.rel && !p.rel.relation);
      const definition = bad >= 0 && /^(:=|\\coloneqq)$/.test(parts[bad].rel!.written);
      if (!definition) {
        cur = null;
        last = null;
        return;
      }
      parts = parts.slice(0, bad);
      if (!parts.length || (parts.length === 1 && !parts[0].text.text)) return;
    }
    const leadWritten = !parts[0].text.text && parts.length > 1;
    if (pending) {
      if (leadWritten) out.unread.push({ at: pending.at.offset(0), text: pending.written, reason: `a lone ${pending.written} followed by a line with its own relation: not read` });
      else parts = [{ rel: null, text: Mapped.synthetic('', at) }, { ...parts[0], rel: pending }, ...parts.slice(1)];
      pending = null;
    }
    const lead = !parts[0].text.text && parts.length > 1 ? parts[1].rel! : null;
    const rest = lead ? parts.slice(1) : parts;
    const c0 = cur as DraftChain | null;
    const stated = statedSince;
    statedSince = false;
    const madeBefore = made.length;
    const finish = () => {
      for (const s of made.slice(madeBefore)) for (const r of row.remarks) s.notes.push(`remark: ${r}`);
      for (const s of row.statements) {
        out.statements.push({ math: s, at: s.offset(0), section, before: 'remark' });
        statedSince = true;
      }
      const lim = (cur as DraftChain | null)?.steps.slice(-1)[0];
      if (pendingCondition && lim && made.slice(madeBefore).includes(lim) && lim.rel.relation?.kind === 'limit' && !lim.condition && !row.condition) {
        lim.condition = pendingCondition;
        pendingCondition = null;
      }
      if (row.condition) {
        const c = cur as DraftChain | null;
        const s = c?.steps[c.steps.length - 1];
        if (s && s.rel.relation?.kind === 'limit' && !s.condition) s.condition = row.condition;
        else out.unread.push({ at: row.condition.offset(0), text: row.condition.text, reason: 'a condition ("when …") with no \\approx or \\to step before it: not used' });
      }
    };

    if (!lead && rest.length === 1) {
      const t = rest[0].text;
      if (/^[+-]/.test(t.text) && last && c0) {
        const prev: Box = last;
        prev.m = Mapped.join([prev.m, Mapped.synthetic(' ', t.offset(0)), t]);
        if (!c0.rows.includes(at)) c0.rows.push(at);
        const s = c0.steps[c0.steps.length - 1];
        if (s) s.notes.push('continued on the next line: the two lines read as one expression');
        return finish();
      }
      const box = { m: t };
      newChain({ kind: 'expr', box }, at, reasonFor(row, 'a new expression', stated, c0));
      last = box;
      return finish();
    }
    if (lead) {
      let c = c0;
      if (!c) {
        out.unread.push({ at: lead.at.offset(0), text: lead.written, reason: `this line begins with ${lead.written} but there is no line before it to continue: its first expression starts a chain` });
        if (!rest[0].text.text) return finish();
        const box = { m: rest[0].text };
        c = newChain({ kind: 'expr', box }, at, 'a line beginning with a relation, with nothing before it');
        last = box;
        continueWith(c, rest.slice(1), at);
        return finish();
      }
      const rk = lead.relation?.kind;
      if (rk === 'iff' || rk === 'implies') {
        if (rest.length < 2 || rest[1].rel?.relation?.kind !== 'eq') {
          out.unread.push({ at: lead.at.offset(0), text: row.source.text, reason: `${lead.written} joins equations, and this line is not an equation: not read` });
          return finish();
        }
        const note = toEquations(c);
        const eq: Operand = { kind: 'eq', lhs: { m: rest[0].text }, rhs: { m: rest[1].text } };
        if (c.current.kind !== 'eq') {
          out.unread.push({ at: lead.at.offset(0), text: lead.written, reason: `${lead.written} after a line that is not an equation: not read` });
          return finish();
        }
        addStep(c, lead, eq, at, note ? [note] : []);
        last = eq.rhs;
        continueWith(c, rest.slice(2), at);
        return finish();
      }
      continueWith(c, rest, at);
      return finish();
    }
    // A R B …: a restated left side, an implied equation, or a new chain
    const a = rest[0].text;
    const key = probe.key(a);
    const startLhs = c0 ? (c0.start.kind === 'expr' ? c0.start.box.m : c0.current.kind === 'eq' ? c0.current.lhs.m : null) : null;
    if (c0 && !stated && key !== null && startLhs && probe.key(startLhs) === key && rest[1].rel?.relation?.kind !== 'iff') {
      continueWith(c0, rest.slice(1), at, [`restates the left side $${a.text.trim()}$: checked against the line before`]);
      return finish();
    }
    const isEq = rest.length === 2 && rest[1].rel?.relation?.kind === 'eq';
    if (c0 && isEq && (c0.kind === 'eq' || c0.provisional) && c0.current.kind !== undefined) {
      const prevEq = c0.kind === 'eq' && c0.current.kind === 'eq' ? [c0.current.lhs.m, c0.current.rhs.m] : c0.start.kind === 'expr' && c0.current.kind === 'expr' ? [c0.start.box.m, c0.current.box.m] : null;
      const shared = prevEq ? probe.unknowns(prevEq[0], prevEq[1]).filter((u) => probe.unknowns(a, rest[1].text).includes(u)) : [];
      if (shared.length) {
        const note = toEquations(c0);
        const eq: Operand = { kind: 'eq', lhs: { m: a }, rhs: { m: rest[1].text } };
        const mark: RelationMark = { written: '\\Rightarrow', relation: IMPLIES, at: Mapped.synthetic('', at) };
        addStep(c0, mark, eq, at, [...(note ? [note] : []), 'no connective written between two equations: read as \\Rightarrow (this line follows from the one before)']);
        last = eq.rhs;
        return finish();
      }
    }
    const box = { m: a };
    const c = newChain({ kind: 'expr', box }, at, reasonFor(row, `a new left side $${a.text.trim()}$`, stated, c0));
    last = box;
    continueWith(c, rest.slice(1), at);
    c.provisional = isEq;
    return finish();
  }

  function reasonFor(row: Row, what: string, stated: boolean, prev: DraftChain | null): string {
    if (row.label) return `label ${label}`;
    if (!prev) return label && !out.chains.some((c) => c.section === section) ? `first mathematics under ${label}` : 'first mathematics of the file';
    if (row.therefore) return `\\therefore with ${what}`;
    if (stated) return `${what}, after a statement`;
    return what;
  }
}

/**
 * The text of an operand as one string (an equation as `lhs = rhs`), mapped.
 *
 * @example operandText({ kind: 'expr', box: { m } }) === m
 */
export const operandText = text;
