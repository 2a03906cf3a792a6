/**
 * Diagnosis of a refuted step: which familiar mistake explains it, in terms a
 * student understands, pointing at the part of the line that changed.
 *
 * Strategy: each mistake class proposes corrections of the written line (the
 * right-hand side) — globally (its sign, a factor of 2) or at one node (swap
 * the arguments of this KL, invert this ratio, put this f(E[x]) back as
 * E[f(x)], restore a forgotten inner derivative inside this expectation) —
 * and the same numeric tester decides whether the corrected step holds. The
 * first class whose correction works names the mistake; a node-level
 * correction points at that node's span. A missing hypothesis, a θ-free term
 * dropped under `=`, and a wrong limit are tested first; a difference of one
 * or two terms is named from the normal form of lhs − rhs. Otherwise the
 * diagnosis says only "not equal" — never a guess.
 *
 * @example
 *   diagnose({ lhs: parseExpr('2a'), rhs: parseExpr('a'), … }).class   // 'factor'
 */
import type { Expr, Span } from '../expr/types';
import { neg, mul, num, div, expectation, sym } from '../expr/build';
import { children, withChildren, freeSymbols, substSym } from '../expr/walk';
import type { Definition } from '../semantics/context';
import type { StepInput } from './step';
import { numericEqual, numericEqualUpToFreeOf, numericEquivalent, NumericSample } from './numeric';
import { Normalizer } from './symbolic/normalize';
import { Defs } from './symbolic/defs';
import { dependsOn } from './symbolic/depends';
import { subS, negS, toExpr, atomsOf, together } from './symbolic/sum';
import { printLatex } from '../emit/latex-expr';
import { isBudgetExceeded } from './budget';

/** What a diagnosis needs: the step as checked, and the counterexample that refuted it. */
export type DiagnosisInput = Pick<StepInput, 'lhs' | 'rhs' | 'relation' | 'ctx' | 'defs' | 'otherHypotheses' | 'seed' | 'unknown'> & {
  witness: NumericSample & { seed: number };
};

/** A diagnosis: its class, a sentence, and the span of the rhs it points at. */
export interface StepDiagnosis {
  class: string;
  message: string;
  span?: Span;
}

/** A whole-line correction. */
const SCALINGS: { cls: string; fix: (r: Expr) => Expr; say: string }[] = [
  { cls: 'sign-flipped', fix: (r) => neg(r), say: 'sign flipped: this line is the negative of what it should be' },
  { cls: 'factor', fix: (r) => mul(num(2), r), say: 'off by a factor of 2: this line is half of what it should be' },
  { cls: 'factor', fix: (r) => div(r, num(2)), say: 'off by a factor of 1/2: this line is twice what it should be' },
  { cls: 'factor', fix: (r) => mul(num(-2), r), say: 'sign flipped and off by a factor of 2' },
  { cls: 'factor', fix: (r) => div(neg(r), num(2)), say: 'sign flipped and off by a factor of 1/2' },
];

/** Every node of `e` with a function rebuilding `e` with that node replaced. */
function* places(e: Expr, rebuild: (x: Expr) => Expr = (x) => x): Generator<{ node: Expr; put: (x: Expr) => Expr }> {
  yield { node: e, put: rebuild };
  const cs = children(e);
  for (let i = 0; i < cs.length; i++) {
    yield* places(cs[i], (x) => rebuild(withChildren(e, cs.map((c, j) => (j === i ? x : c)))));
  }
}

function renameFns(e: Expr, a: string, b: string): Expr {
  const swap = (n: string) => (n === a ? b : n === b ? a : n);
  if (e.kind === 'sym') return { ...e, name: swap(e.name) };
  const cs = children(e);
  const r = cs.length ? withChildren(e, cs.map((c) => renameFns(c, a, b))) : e;
  return r.kind === 'apply' ? { ...r, fn: swap(r.fn) } : r;
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return false;
  }
}

/** Names the mistake that explains a refuted step, or says plainly that the sides differ. */
export function diagnose(d: DiagnosisInput): StepDiagnosis {
  const { lhs, rhs, ctx, defs, seed } = d;
  const opts = (extra: Definition[] = []) => ({ seed, samples: 4, extraDefinitions: [...defs, ...extra] });
  const rel = d.relation;
  const holds = (r: Expr, extra: Definition[] = []) => safe(() => {
    if (rel.kind === 'doteq') return numericEqualUpToFreeOf(rel.param, lhs, r, ctx, opts(extra)).status === 'agree';
    if ((rel.kind === 'iff' || rel.kind === 'implies') && lhs.kind === 'eq' && r.kind === 'eq' && d.unknown) {
      return numericEquivalent(lhs, r, d.unknown, ctx.lookup(d.unknown)?.domain, ctx, opts(extra), rel.kind).status === 'agree';
    }
    return numericEqual(lhs, r, ctx, opts(extra)).status === 'agree';
  });
  // on an equation, whole-line corrections act on its right side
  const side = (fix: (r: Expr) => Expr) => (r: Expr): Expr => (r.kind === 'eq' ? { ...r, rhs: fix(r.rhs) } : fix(r));

  if (d.relation.kind === 'limit') {
    const w = d.witness;
    return { class: 'wrong-limit', message: `wrong limit: along the sequence the left side goes to about ${w.lhs.toPrecision(4)}, not ${w.rhs}` };
  }
  if (rel.kind !== 'eq' && rel.kind !== 'doteq' && rel.kind !== 'iff' && rel.kind !== 'implies') return { class: 'not-equal', message: 'does not hold (see the counterexample)' };

  const others = (d.otherHypotheses ?? []).filter((h) => h.defs.length);
  for (const h of others) {
    if (holds(rhs, h.defs)) return { class: 'hypothesis-not-stated', message: `valid only given hypothesis "${h.name}" ($${h.latex}$), which has not been stated` };
  }
  if (others.length > 1) {
    // the smallest set that makes the step hold, greedily
    let need = others;
    if (holds(rhs, need.flatMap((h) => h.defs))) {
      for (const h of [...need]) {
        const fewer = need.filter((x) => x !== h);
        if (holds(rhs, fewer.flatMap((x) => x.defs))) need = fewer;
      }
      return { class: 'hypothesis-not-stated', message: `valid only given hypotheses ${need.map((h) => `"${h.name}" ($${h.latex}$)`).join(' and ')}, which have not been stated` };
    }
  }
  if (d.relation.kind === 'eq') {
    const depEnv = { ctx, defs: new Defs(defs) };
    for (const p of [...ctx.symbols.values()].filter((s) => s.kind === 'parameter' && dependsOn(lhs, s.name, depEnv) && dependsOn(rhs, s.name, depEnv))) {
      const ok = safe(() => numericEqualUpToFreeOf(p.name, lhs, rhs, ctx, opts()).status === 'agree');
      if (ok) return { class: 'theta-free-term-dropped', message: `the sides differ by a term free of $${p.name}$: a term was dropped, so the relation is $\\doteq_{${p.name}}$ (equal up to a constant in $${p.name}$), not $=$` };
    }
  }
  for (const c of SCALINGS) if (holds(side(c.fix)(rhs))) return { class: c.cls, message: c.say };

  const local = localCorrection(d, holds);
  if (local) return local;
  const dens = [...ctx.symbols.values()].filter((s) => s.kind === 'density').map((s) => s.name);
  const present = dens.filter((n) => freeSymbols(rhs).has(n));
  for (const a of present) {
    for (const b of dens.filter((x) => x !== a && (!present.includes(x) || x > a))) {
      if (holds(renameFns(rhs, a, b))) return { class: 'densities-swapped', message: `the densities $${a}$ and $${b}$ are swapped` };
    }
  }
  if (rel.kind === 'iff' || rel.kind === 'implies') return { class: 'not-equal', message: 'the two equations do not have the same solutions (see the counterexample)' };
  return termDifference(d) ?? { class: 'not-equal', message: 'not equal (see the counterexample)' };
}

/** Corrections at one node of the written line: KL arguments, a ratio, f(E[x]), a forgotten inner derivative. */
function localCorrection(d: DiagnosisInput, holds: (r: Expr) => boolean): StepDiagnosis | null {
  const innerFactors = derivativeAtoms(d);
  for (const { node, put } of places(d.rhs)) {
    if (node.kind === 'kl' && holds(put({ ...node, p: node.q, q: node.p }))) {
      return { class: 'kl-swapped', message: 'the arguments of KL are swapped: KL is not symmetric', span: node.span };
    }
    if (node.kind === 'div' && !(node.num.kind === 'num' && node.den.kind === 'num') && holds(put({ ...node, num: node.den, den: node.num }))) {
      return { class: 'ratio-inverted', message: 'this ratio is upside down', span: node.span };
    }
    if (node.kind === 'apply' && node.args.length === 1 && node.args[0].kind === 'expect') {
      const e = node.args[0];
      const fixed = expectation(e.var, e.dist, { ...node, args: [e.body] });
      if (holds(put(fixed))) return { class: 'expectation-of-function', message: `$${node.fn}(\\mathbb{E}[\\dots])$ is not $\\mathbb{E}[${node.fn}(\\dots)]$: the expectation of a function is not the function of the expectation`, span: node.span };
    }
    if (node.kind === 'expect' && node.var) {
      for (const f of innerFactors) {
        const inner = substSym(f, '#b0', sym(node.var));
        if (holds(put({ ...node, body: mul(node.body, inner) }))) {
          return { class: 'inner-derivative-forgotten', message: `the inner derivative $${printLatex(inner)}$ of the chain rule is missing`, span: node.span };
        }
      }
    }
  }
  for (const f of innerFactors) {
    if (freeSymbols(f).has('#b0') || d.rhs.kind === 'eq') continue;
    if (holds(mul(d.rhs, f))) return { class: 'inner-derivative-forgotten', message: `the inner derivative $${printLatex(f)}$ of the chain rule is missing` };
  }
  return null;
}

/** The opaque derivatives (`\partial_\theta h(G(z))`) of the previous line's normal form. */
function derivativeAtoms(d: DiagnosisInput): Expr[] {
  try {
    const n = new Normalizer({ ctx: d.ctx, defs: new Defs(d.defs) });
    const out: Expr[] = [];
    const visit = (e: Expr) => {
      if (e.kind === 'deriv' && (e.body.kind === 'apply' || e.body.kind === 'sym')) out.push(e);
      children(e).forEach(visit);
    };
    for (const a of atomsOf(n.norm(d.lhs)).values()) visit(a.expr);
    return out;
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return [];
  }
}

/** When lhs − rhs is one or two terms, names them as dropped (or added). */
function termDifference(d: DiagnosisInput): StepDiagnosis | null {
  try {
    const n = new Normalizer({ ctx: d.ctx, defs: new Defs(d.defs) });
    const r = n.norm(d.rhs);
    const diff = together(subS(n.norm(d.lhs), r)).num;
    if (!diff.terms.length || diff.terms.length > 2) return null;
    // lhs - rhs = diff: a term of the line that cancels diff was added; otherwise diff is missing
    const rhsKeys = new Set(r.terms.map((t) => t.key));
    const added = diff.terms.every((t) => rhsKeys.has(t.key));
    return added
      ? { class: 'term-added', message: `a term was added that should not be there: $${printLatex(readable(toExpr(negS(diff))))}$` }
      : { class: 'term-dropped', message: `a term is missing: this line plus $${printLatex(readable(toExpr(diff)))}$ would be right` };
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return null;
  }
}

/** Bound variables renamed for reading (#b0 -> x, #b1 -> u). */
function readable(e: Expr): Expr {
  const names = ['x', 'u', 'v', 'w'];
  let out = e;
  names.forEach((nm, i) => (out = renameBound(out, `#b${i}`, nm)));
  return out;
}

function renameBound(e: Expr, from: string, to: string): Expr {
  if (e.kind === 'sym') return e.name === from ? { ...e, name: to } : e;
  const cs = children(e);
  const r = cs.length ? withChildren(e, cs.map((c) => renameBound(c, from, to))) : e;
  return (r.kind === 'expect' || r.kind === 'integral') && r.var === from ? { ...r, var: to } : r;
}
