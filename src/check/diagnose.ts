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
import { neg, mul, num, div, expectation, sym, add } from '../expr/build';
import { children, withChildren, freeSymbols, substSym } from '../expr/walk';
import { BUILTIN_FUNCTIONS, type Definition } from '../semantics/context';
import { BUILTIN_CONSTANTS } from '../semantics/validate';
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
  /** For hypothesis-not-stated: the names of the hypotheses the step needs. */
  hypotheses?: string[];
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
    if (holds(rhs, h.defs)) return { class: 'hypothesis-not-stated', message: `valid only given hypothesis "${h.name}" ($${h.latex}$), which has not been stated`, hypotheses: [h.name] };
  }
  if (others.length > 1) {
    // the smallest set that makes the step hold, greedily
    let need = others;
    if (holds(rhs, need.flatMap((h) => h.defs))) {
      for (const h of [...need]) {
        const fewer = need.filter((x) => x !== h);
        if (holds(rhs, fewer.flatMap((x) => x.defs))) need = fewer;
      }
      return { class: 'hypothesis-not-stated', message: `valid only given hypotheses ${need.map((h) => `"${h.name}" ($${h.latex}$)`).join(' and ')}, which have not been stated`, hypotheses: need.map((h) => h.name) };
    }
  }
  if (d.relation.kind === 'eq' && !constantDifference(d)) {
    // a wrong constant is an arithmetic slip (termDifference), never "a θ-free term was dropped"
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
  return termDifference(d, holds) ?? { class: 'not-equal', message: 'not equal (see the counterexample)' };
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
      const jensen = node.fn === '\\log' || node.fn === '\\exp' ? ` (Jensen's inequality: $${node.fn === '\\log' ? '\\log \\mathbb{E}[X] \\geq \\mathbb{E}[\\log X]' : '\\exp \\mathbb{E}[X] \\leq \\mathbb{E}[\\exp X]'}$, equal only when $X$ is constant)` : '';
      if (holds(put(fixed))) return { class: 'expectation-of-function', message: `$${node.fn}(\\mathbb{E}[\\dots])$ is not $\\mathbb{E}[${node.fn}(\\dots)]$: the expectation of a function is not the function of the expectation${jensen}`, span: node.span };
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
  // one written term of a sum: added where it should not be, or with the wrong factor
  for (const { node, put } of places(d.rhs)) {
    if (node.kind !== 'add' || node.terms.length < 2 || node.terms.length > 8) continue;
    // a wrong number is an arithmetic slip (termDifference), not a term added or a factor
    const skip = (i: number) => symbolsOf(node.terms[i]).length === 0;
    for (let i = 0; i < node.terms.length; i++) {
      if (skip(i)) continue;
      const rest = node.terms.filter((_, j) => j !== i);
      if (holds(put(rest.length === 1 ? rest[0] : { ...node, terms: rest }))) {
        return { class: 'term-added', message: `a term was added that should not be there: $${printLatex(node.terms[i])}$`, span: node.terms[i].span };
      }
    }
    for (let i = 0; i < node.terms.length; i++) {
      if (skip(i)) continue;
      for (const [k, say] of [[num(2), 'half'], [div(num(1), num(2)), 'twice']] as const) {
        if (holds(put({ ...node, terms: node.terms.map((t, j) => (j === i ? mul(k, t) : t)) }))) {
          return { class: 'factor', message: `this term is ${say} what it should be: $${printLatex(node.terms[i])}$`, span: node.terms[i].span };
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

/** The symbols of `e` that are not built-in functions or constants (\\log 2 has none). */
function symbolsOf(e: Expr): string[] {
  return [...freeSymbols(e)].filter((n) => !BUILTIN_FUNCTIONS.has(n) && !BUILTIN_CONSTANTS.has(n));
}

/** True when the sides differ by a number (no symbol in lhs − rhs). */
function constantDifference(d: DiagnosisInput): boolean {
  try {
    const n = new Normalizer({ ctx: d.ctx, defs: new Defs(d.defs) });
    const diff = together(subS(n.norm(d.lhs), n.norm(d.rhs))).num;
    return diff.terms.length > 0 && symbolsOf(toExpr(diff)).length === 0;
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return false;
  }
}

/** The number of expectations in `e`. */
function expectations(e: Expr): number {
  return (e.kind === 'expect' ? 1 : 0) + children(e).reduce((n, c) => n + expectations(c), 0);
}

/** The Gaussians the previous line takes expectations under (written, or through a definition it uses). */
function gaussians(d: DiagnosisInput): Expr[] {
  const out: Expr[] = [];
  const visit = (e: Expr) => {
    if (e.kind === 'normal') out.push(e);
    children(e).forEach(visit);
  };
  visit(d.lhs);
  const used = freeSymbols(d.lhs);
  for (const def of d.defs) if (used.has(def.name)) visit(def.body);
  return out;
}

/**
 * When lhs − rhs is one or two terms: a wrong constant (an arithmetic slip), a
 * term with the wrong factor, a wrong moment of a Gaussian, a term of the line
 * before missing, or a term added. A correction ("this line plus X would be
 * right") is printed only after the corrected line has been checked.
 */
function termDifference(d: DiagnosisInput, holds: (r: Expr) => boolean): StepDiagnosis | null {
  try {
    const n = new Normalizer({ ctx: d.ctx, defs: new Defs(d.defs) });
    const l = n.norm(d.lhs);
    const r = n.norm(d.rhs);
    const diff = together(subS(l, r)).num;
    if (!diff.terms.length || diff.terms.length > 2) return null;
    const x = toExpr(diff);
    const fixed = d.rhs.kind === 'eq' ? null : add(d.rhs, x);
    const verified = !!fixed && holds(fixed);
    const say = (e: Expr) => `$${printLatex(readable(e))}$`;
    const plus = verified ? `: this line plus ${say(x)} would be right` : '';
    const lKeys = new Map(l.terms.map((t) => [t.key, t]));
    const rKeys = new Map(r.terms.map((t) => [t.key, t]));
    if (!symbolsOf(x).length) {
      return verified ? { class: 'arithmetic', message: `an arithmetic slip: a constant is wrong${plus}` } : { class: 'arithmetic', message: 'an arithmetic slip: the sides differ by a constant' };
    }
    if (diff.terms.every((t) => lKeys.has(t.key) && rKeys.has(t.key))) {
      const t = diff.terms[0];
      const want = toExpr({ terms: [lKeys.get(t.key)!], key: '' } as never);
      const got = toExpr({ terms: [rKeys.get(t.key)!], key: '' } as never);
      return { class: 'factor', message: `a factor is wrong: ${say(got)} where ${say(want)} is meant${plus}` };
    }
    const normals = gaussians(d);
    const params = new Set(normals.flatMap((g) => g.kind === 'normal' ? [...freeSymbols(g.mean), ...freeSymbols(g.cov)] : []));
    // an expectation under the Gaussian was evaluated in this step, and what is missing is made of its parameters
    if (normals.length && expectations(d.lhs) > expectations(d.rhs) && symbolsOf(x).every((s) => params.has(s)) && verified) {
      const g = normals[0] as Extract<Expr, { kind: 'normal' }>;
      return { class: 'gaussian-moment', message: `a moment of the Gaussian ${say(g)} is wrong (its mean is ${say(g.mean)}, its second moment the mean squared plus the variance)${plus}` };
    }
    const missing = diff.terms.filter((t) => lKeys.has(t.key) && !rKeys.has(t.key));
    if (missing.length) {
      const m = toExpr({ terms: missing.map((t) => lKeys.get(t.key)!), key: '' } as never);
      if (missing.length === diff.terms.length && verified) return { class: 'term-dropped', message: `a term of the line before is missing${plus}` };
      return { class: 'term-dropped', message: `a term of the line before is missing: ${say(m)}${verified ? `, and this line plus ${say(x)} would be right` : ''}` };
    }
    if (diff.terms.every((t) => rKeys.has(t.key) && !lKeys.has(t.key))) {
      return { class: 'term-added', message: `a term was added that should not be there: ${say(toExpr(negS(diff)))}` };
    }
    return verified ? { class: 'not-equal', message: `not equal${plus}` } : null;
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return null;
  }
}

/** Bound variables renamed for reading (#b0, #b1, … -> names not free in the expression: x, z, u, …). */
function readable(e: Expr): Expr {
  const free = [...freeSymbols(e)].filter((n) => !n.startsWith('#'));
  const names = ['x', 'z', 'u', 'v', 'w', 's', 't', 'y'].filter((n) => !free.includes(n));
  let out = e;
  for (let i = 0; i < 8 && names.length; i++) {
    const from = `#b${i}`;
    if (!JSON.stringify(out).includes(`"${from}"`)) continue;
    out = renameBound(out, from, names.shift()!);
  }
  return out;
}

function renameBound(e: Expr, from: string, to: string): Expr {
  if (e.kind === 'sym') return e.name === from ? { ...e, name: to } : e;
  const cs = children(e);
  const r = cs.length ? withChildren(e, cs.map((c) => renameBound(c, from, to))) : e;
  return (r.kind === 'expect' || r.kind === 'integral') && r.var === from ? { ...r, var: to } : r;
}
