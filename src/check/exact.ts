/**
 * Exact refutation: a step whose difference normalises to a non-zero
 * polynomial (or rational function) with rational coefficients in free real
 * symbols is false, and no sampling is needed to say so.
 *
 * Strategy: the prover's normal form (`symbolic/sum.ts`) has exact bigint
 * rational coefficients. If `lhs − rhs`, over a common denominator, has a
 * numerator whose every term is `rational · Π s_i^{k_i}` — each `s_i` a declared
 * scalar symbol (variable, parameter or constant, not a vector), each `k_i` a
 * positive integer, no exponential part, no irrational constant — then the
 * numerator is a non-zero polynomial, which vanishes only on a set of measure
 * zero: every declared domain (real, positive, unit, nonzero, nonnegative) has
 * an interior, so the two sides differ almost everywhere in it. To report a
 * point, the sampler's values are tried (sides finite in float64, numerator
 * evaluated exactly at the exact binary value of each coordinate, denominator
 * non-zero); the refutation is returned only with such a point, so a claim
 * whose sides are nowhere defined is left to the other tests.
 *
 * Beyond polynomials: when the numerator has a monomial in free symbols and
 * their logs and exponentials (x, log x, e^x: algebraically independent
 * functions) whose coefficient is one non-zero rational, the difference is a
 * non-zero function too, whatever the other terms' constant coefficients
 * (π, log 2) are; then the witness is a sample point where the sides are
 * finite and differ in float64.
 *
 * For `\doteq_\theta` the same holds for the part of the numerator that
 * contains θ (a polynomial that depends on θ is not free of it).
 *
 * @example
 *   exactRefutation(parse('x + 10^{-9}x'), parse('x'), env, prog)
 *   // { residual: 1/1000000000 x, point: { x: 0.73 }, lhs: 0.7300000007, rhs: 0.73 }
 */
import type { Expr } from '../expr/types';
import { freeSymbols } from '../expr/walk';
import type { Context, Definition } from '../semantics/context';
import { Normalizer, type ProverEnv } from './symbolic/normalize';
import { subS, together, toExpr, sumOf, type Sum, type Term, type Factor } from './symbolic/sum';
import { Q, type Rat } from './symbolic/rational';
import { Program } from './numeric/instantiate';
import { isFiniteNum } from './numeric/stablemath';
import { hashParts } from './numeric/rng';
import { preciseComparator } from './numeric/precise';

/**
 * An exact refutation: the exact difference and a point where it is non-zero.
 *
 * @example
 *   { residual: num(1), symbols: [], point: { x: 0.2 }, lhs: 4.85e8, rhs: 4.85e8 }
 */
export interface ExactRefutation {
  /** The numerator of lhs − rhs over a common denominator (θ-dependent part for ≐_θ). */
  residual: Expr;
  /** The free symbols the residual is a polynomial in. */
  symbols: string[];
  point: Record<string, number>;
  lhs: number;
  rhs: number;
}

const SCALAR_KINDS = new Set(['variable', 'parameter', 'constant']);

/** The name of a free real scalar symbol a factor's base is, or null. */
function scalarName(f: Factor, ctx: Context): string | null {
  if (f.base.t !== 'atom') return null;
  const e = f.base.atom.expr;
  if (e.kind !== 'sym') return null;
  const d = ctx.lookup(e.name);
  if (!d || !SCALAR_KINDS.has(d.kind) || d.dim !== undefined) return null;
  return d.name;
}

/** True when every term is a rational times positive integer powers of free scalar symbols. */
function polynomialIn(s: Sum, ctx: Context, names: Set<string>): boolean {
  for (const t of s.terms) {
    if (t.exp) return false;
    for (const f of t.factors) {
      const n = scalarName(f, ctx);
      if (!n || !Q.isInt(f.pow) || f.pow.n <= 0n) return false;
      names.add(n);
    }
  }
  return true;
}

/** The exact rational value of a finite double. */
export function exactRat(x: number): Rat {
  if (Number.isInteger(x)) return Q.of(BigInt(x));
  let m = x, e = 0n;
  while (!Number.isInteger(m)) { m *= 2; e++; }
  return Q.of(BigInt(m), 2n ** e);
}

function evalTerm(t: Term, ctx: Context, at: Map<string, Rat>): Rat {
  let v = t.coef;
  for (const f of t.factors) v = Q.mul(v, Q.powInt(at.get(scalarName(f, ctx)!)!, f.pow.n));
  return v;
}

/** The exact value of a polynomial sum at a point (all its symbols bound). */
function evalPoly(s: Sum, ctx: Context, at: Map<string, Rat>): Rat {
  return s.terms.reduce((acc, t) => Q.add(acc, evalTerm(t, ctx, at)), Q.ZERO);
}

/** The denominator's value at a point, or null when it is not a polynomial there. */
function evalDen(den: Factor[], ctx: Context, at: Map<string, Rat>): Rat | null {
  let v = Q.ONE;
  for (const f of den) {
    let b: Rat;
    if (f.base.t === 'atom') {
      const n = scalarName(f, ctx);
      if (!n) return null;
      if (!at.has(n)) return null;
      b = at.get(n)!;
    } else {
      const names = new Set<string>();
      if (!polynomialIn(f.base.sum, ctx, names) || [...names].some((n) => !at.has(n))) return null;
      b = evalPoly(f.base.sum, ctx, at);
    }
    if (Q.isZero(b)) return Q.ZERO;
    if (!Q.isInt(f.pow)) return null;
    v = Q.mul(v, b);
  }
  return v;
}

/**
 * Refutes `lhs = rhs` (or, with `param`, `lhs ≐_param rhs`) exactly when the
 * difference is a non-zero polynomial in free real symbols; null otherwise
 * (including when the normaliser fails or no point with finite sides is found).
 *
 * @example
 *   exactRefutation(lhs, rhs, { ctx, defs: new Defs(defs) }, defs, 7);
 */
export function exactRefutation(lhs: Expr, rhs: Expr, env: ProverEnv, defs: readonly Definition[], seed: number, param?: string): ExactRefutation | null {
  let num: Sum, den: Factor[];
  try {
    const n = new Normalizer(env);
    ({ num, den } = together(subS(n.norm(lhs), n.norm(rhs)), true));
  } catch {
    return null;
  }
  const names = new Set<string>();
  if (!num.terms.length) return null;
  if (!polynomialIn(num, env.ctx, names)) {
    if (param !== undefined) return null;
    const mono = independentMonomial(num, env.ctx);
    if (!mono) return null;
    return witnessOnly(lhs, rhs, env, defs, seed, mono);
  }
  if (param !== undefined) {
    if (den.length) return null; // N/D with D depending on θ: the θ-part of N alone does not decide
    const p = env.ctx.resolveAlias(param);
    num = sumOf(num.terms.filter((t) => t.factors.some((f) => scalarName(f, env.ctx) === p)));
    if (!num.terms.length) return null;
  }
  let prog: Program;
  let fl: (env: Float64Array) => number, fr: (env: Float64Array) => number;
  try {
    prog = new Program(env.ctx, defs);
    fl = prog.compile(lhs);
    fr = prog.compile(rhs);
  } catch {
    return null;
  }
  const s0 = hashParts([seed, 'exact']);
  for (let s = 0; s < 24; s++) {
    const e = prog.bind(s0, s);
    const point = prog.point();
    if ([...names].some((n) => !(n in point))) return null;
    let a: number, b: number;
    try {
      a = fl(e);
      b = fr(e);
    } catch {
      return null;
    }
    if (!isFiniteNum(a) || !isFiniteNum(b)) continue;
    const at = new Map(Object.entries(point).filter(([, v]) => isFiniteNum(v)).map(([n, v]) => [n, exactRat(v)] as const));
    const dv = evalDen(den, env.ctx, at);
    if (!dv || Q.isZero(dv)) continue;
    if (Q.isZero(evalPoly(num, env.ctx, at))) continue;
    return { residual: toExpr(num), symbols: [...names].sort(), point, lhs: a, rhs: b };
  }
  return null;
}

/** A factor that is a free real symbol or \\log / \\exp of one: x, log x and e^x are algebraically independent functions. */
function variableFactor(f: Factor, ctx: Context): string | null {
  const n = scalarName(f, ctx);
  if (n) return n;
  if (f.base.t !== 'atom') return null;
  const e = f.base.atom.expr;
  if (e.kind !== 'apply' || e.primes || e.given?.length || e.args.length !== 1 || !['\\log', '\\ln', '\\exp'].includes(e.fn)) return null;
  const a = e.args[0];
  if (a.kind !== 'sym') return null;
  const d = ctx.lookup(a.name);
  return d && SCALAR_KINDS.has(d.kind) && d.dim === undefined ? `${e.fn}(${d.name})` : null;
}

/** True when a factor is a constant (no free symbol at all: a prime's root, π, log 2). */
/** Names in a constant: π, e and the built-in functions (freeSymbols lists function names too). */
const BUILTIN_CONSTANTS = new Set(['\\pi', 'e', '\\log', '\\ln', '\\exp', '\\sqrt', '\\sigma', '\\sin', '\\cos', '\\tan']);

function constantFactor(f: Factor, ctx: Context): boolean {
  if (f.base.t !== 'atom') return false;
  return [...freeSymbols(f.base.atom.expr)].every((n) => BUILTIN_CONSTANTS.has(n) && !ctx.lookup(n));
}

/**
 * A monomial of the residual, over free symbols and their logs and exponentials,
 * whose coefficient is one non-zero rational: its presence makes the residual a
 * non-zero function (distinct monomials in algebraically independent functions
 * are linearly independent over the reals, whatever the other coefficients —
 * π, log 2 — are). Null when there is none or a term falls outside this form.
 */
function independentMonomial(s: Sum, ctx: Context): string | null {
  // each term expands into pieces: a monomial key and a rational coefficient, or null when the coefficient is a constant like π
  const groups = new Map<string, { q: Rat | null }[]>();
  for (const t of s.terms) {
    if (t.exp && [...freeSymbols(toExpr(t.exp))].length) return null; // e^{f(x)}: may be x^k in disguise (e^{log x})
    let pieces: { keys: string[]; q: Rat | null }[] = [{ keys: [], q: t.exp ? null : t.coef }];
    for (const f of t.factors) {
      const v = variableFactor(f, ctx);
      if (v && Q.isInt(f.pow) && f.pow.n > 0n) { pieces = pieces.map((p) => ({ ...p, keys: [...p.keys, `${v}^${f.pow.n}`] })); continue; }
      if (constantFactor(f, ctx)) { pieces = pieces.map((p) => ({ ...p, q: null })); continue; }
      const split = Q.isOne(f.pow) ? logOfMonomial(f, ctx) : null;
      if (!split) return null;
      pieces = pieces.flatMap((p) => [
        { keys: p.keys, q: null as Rat | null },
        ...split.map(([name, k]) => ({ keys: [...p.keys, `\\log(${name})^1`], q: p.q && Q.mul(p.q, k) })),
      ]);
    }
    for (const p of pieces) {
      const key = [...p.keys].sort().join('*');
      groups.set(key, [...(groups.get(key) ?? []), { q: p.q }]);
    }
  }
  for (const [key, g] of groups) {
    if (g.some((x) => !x.q)) continue;
    const sum = g.reduce((a, x) => Q.add(a, x.q!), Q.ZERO);
    if (!Q.isZero(sum)) return key || '1';
  }
  return null;
}

/**
 * `\\log(c · Π s_i^{k_i})` with c a positive constant and each s_i a positive
 * free symbol: log c + Σ k_i log s_i, as the list of (s_i, k_i); null otherwise.
 */
function logOfMonomial(f: Factor, ctx: Context): [string, Rat][] | null {
  if (f.base.t !== 'atom') return null;
  const e = f.base.atom.expr;
  if (e.kind !== 'apply' || e.primes || e.given?.length || e.args.length !== 1 || (e.fn !== '\\log' && e.fn !== '\\ln')) return null;
  const out: [string, Rat][] = [];
  const walk = (x: Expr): boolean => {
    if (x.kind === 'mul') return x.factors.every(walk);
    if (x.kind === 'num') return x.value > 0;
    if (x.kind === 'sym' && x.name === '\\pi' && !ctx.lookup(x.name)) return true;
    const base = x.kind === 'pow' ? x.base : x;
    const k = x.kind === 'pow' ? (x.exp.kind === 'num' && Number.isInteger(x.exp.value) ? Q.of(x.exp.value) : null) : Q.ONE;
    if (!k || base.kind !== 'sym') return false;
    const d = ctx.lookup(base.name);
    if (!d || !SCALAR_KINDS.has(d.kind) || d.dim !== undefined || d.domain !== 'positive') return false;
    out.push([d.name, k]);
    return true;
  };
  return walk(e.args[0]) && out.length ? out : null;
}

/** The refutation of a residual shown non-zero by `independentMonomial`: a sample point where both sides are finite. */
function witnessOnly(lhs: Expr, rhs: Expr, env: ProverEnv, defs: readonly Definition[], seed: number, mono: string): ExactRefutation | null {
  let prog: Program, fl: (env: Float64Array) => number, fr: (env: Float64Array) => number;
  try {
    prog = new Program(env.ctx, defs);
    fl = prog.compile(lhs);
    fr = prog.compile(rhs);
  } catch {
    return null;
  }
  const s0 = hashParts([seed, 'exact']);
  for (let s = 0; s < 24; s++) {
    const e = prog.bind(s0, s);
    const a = fl(e), b = fr(e);
    if (isFiniteNum(a) && isFiniteNum(b) && a !== b) {
      const n = new Normalizer(env);
      const residual = toExpr(together(subS(n.norm(lhs), n.norm(rhs)), true).num);
      return { residual, symbols: [...new Set(mono.split('*').map((m) => m.replace(/\^\d+$/, '')))].filter((x) => x !== '1').sort(), point: prog.point(), lhs: a, rhs: b };
    }
  }
  return null;
}

/**
 * Both sides in the prover's normal form, when both are elementary there
 * (`precise.ts`): a step the prover could not close but whose expectations it
 * evaluated (Gaussian moments) can then be decided in high precision. Null
 * otherwise.
 *
 * @example
 *   elementaryNormalForms(lhs, rhs, env, defs);   // [½log(2πs²) + ½, (½ + 10^{-9})log(2πs²) + ½]
 */
export function elementaryNormalForms(lhs: Expr, rhs: Expr, env: ProverEnv, defs: readonly Definition[]): [Expr, Expr] | null {
  try {
    const n = new Normalizer(env);
    const a = toExpr(n.norm(lhs)), b = toExpr(n.norm(rhs));
    const prog = new Program(env.ctx, defs);
    prog.compile(a);
    prog.compile(b);
    return preciseComparator(a, b, prog) ? [a, b] : null;
  } catch {
    return null;
  }
}
