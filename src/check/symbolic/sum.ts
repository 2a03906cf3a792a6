/**
 * The prover's normal form: a canonical sum of terms over opaque atoms.
 *
 * Strategy: a `Sum` is a list of `Term`s with distinct keys, sorted by key.
 * A term is `coef · Π base^pow · exp(E)`: an exact rational coefficient,
 * factors whose base is an atom (an opaque expression such as `p_{\theta}(x)`
 * or `\log(p_{\theta}(x))`) or a multi-term primitive sum kept as a factor
 * (only with a power that is not a positive integer: positive integer powers
 * of sums are always multiplied out), and an exponential part `exp(E)` so that
 * `exp(a)·exp(b)` merges to `exp(a+b)`. Two expressions are equal (where both
 * are defined) when their difference, brought over a common denominator, has
 * no terms: treating atoms as independent unknowns makes this test sound, and
 * rewriting definitions into atoms before it makes it useful.
 *
 * @example
 *   const x = atomSum(atom(sym('x')));
 *   isZero(sub(mul(x, x), pow(x, Q.of(2))))   // true
 */
import type { Expr } from '../../expr/types';
import { exprKey } from '../../expr/equal';
import { num, add, mul as mulE, neg, div, pow as powE, apply, EXP } from '../../expr/build';
import { Q, Rat, factorInt } from './rational';
import { checkLimit } from '../../expr/limits';
import { charge } from '../budget';

/** An opaque sub-expression, identified by its structural key. */
export interface Atom {
  key: string;
  expr: Expr;
}
/** The base of a factor: an atom, or a primitive sum of two or more terms. */
export type Base = { t: 'atom'; atom: Atom; key: string } | { t: 'sum'; sum: Sum; key: string };
/** `base^pow`, pow a non-zero rational. */
export interface Factor {
  base: Base;
  pow: Rat;
}
/** `coef · Π factors · exp(exp)`. `key` identifies the term up to its coefficient. */
export interface Term {
  coef: Rat;
  factors: Factor[];
  exp: Sum | null;
  key: string;
}
/** A canonical sum of terms. */
export interface Sum {
  terms: Term[];
  key: string;
}

/** Returns true when a base is known to be positive (needed for fractional powers). */
export type PositivityOracle = (b: Base) => boolean;

/** An atom for an expression (the expression should already be canonical). */
export function atom(expr: Expr): Atom {
  return { key: exprKey(expr), expr };
}

export function primeAtom(p: bigint): Atom {
  return { key: `#p${p}`, expr: num(Number(p)) };
}
const isPrimeAtom = (b: Base): boolean => b.t === 'atom' && /^#p\d+$/.test(b.key);

function termKey(factors: Factor[], e: Sum | null): string {
  const f = factors.map((x) => (Q.isOne(x.pow) ? x.base.key : `${x.base.key}^${Q.toString(x.pow)}`)).join('*');
  return e ? `${f}*exp{${e.key}}` : f;
}

function mkTerm(coef: Rat, factors: Factor[], e: Sum | null): Term {
  const fs = [...factors].sort((a, b) => (a.base.key < b.base.key ? -1 : a.base.key > b.base.key ? 1 : 0));
  const ex = e && e.terms.length ? e : null;
  return { coef, factors: fs, exp: ex, key: termKey(fs, ex) };
}

/** A sum from terms: like terms combined, zero terms dropped, sorted. */
export function sumOf(terms: Term[]): Sum {
  let size = terms.length;
  for (const t of terms) size += t.factors.length;
  charge(size, 'normal form');
  const byKey = new Map<string, Term>();
  for (const t of terms) {
    const prev = byKey.get(t.key);
    byKey.set(t.key, prev ? { ...prev, coef: Q.add(prev.coef, t.coef) } : t);
  }
  const ts = [...byKey.values()].filter((t) => !Q.isZero(t.coef)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { terms: ts, key: ts.map((t) => `${Q.toString(t.coef)}:${t.key}`).join(' + ') };
}

export const ZERO: Sum = sumOf([]);
/** The constant q. */
export const constant = (q: Rat): Sum => sumOf([mkTerm(q, [], null)]);
export const ONE: Sum = constant(Q.ONE);
/** The sum consisting of one atom. */
export const atomSum = (a: Atom): Sum => sumOf([mkTerm(Q.ONE, [{ base: { t: 'atom', atom: a, key: a.key }, pow: Q.ONE }], null)]);
/** exp(E) as a sum. */
export const expSum = (e: Sum): Sum => sumOf([mkTerm(Q.ONE, [], e)]);

export const isZero0 = (s: Sum): boolean => s.terms.length === 0;
/** The rational value of a constant sum, or null. */
export function asConstant(s: Sum): Rat | null {
  if (s.terms.length === 0) return Q.ZERO;
  if (s.terms.length === 1 && s.terms[0].factors.length === 0 && !s.terms[0].exp) return s.terms[0].coef;
  return null;
}

export function addS(...ss: Sum[]): Sum {
  return sumOf(ss.flatMap((s) => s.terms));
}
export function negS(s: Sum): Sum {
  return sumOf(s.terms.map((t) => ({ ...t, coef: Q.neg(t.coef) })));
}
export function subS(a: Sum, b: Sum): Sum {
  return addS(a, negS(b));
}
export function scaleS(s: Sum, q: Rat): Sum {
  return sumOf(s.terms.map((t) => ({ ...t, coef: Q.mul(t.coef, q) })));
}

/** Product of two terms; may return several terms when a sum factor reaches a positive integer power. */
function mulTerm(a: Term, b: Term): Sum {
  let coef = Q.mul(a.coef, b.coef);
  const merged = new Map<string, Factor>();
  for (const f of [...a.factors, ...b.factors]) {
    const prev = merged.get(f.base.key);
    merged.set(f.base.key, prev ? { base: f.base, pow: Q.add(prev.pow, f.pow) } : f);
  }
  const kept: Factor[] = [];
  const expand: Factor[] = [];
  for (const f of merged.values()) {
    if (Q.isZero(f.pow)) continue;
    if (isPrimeAtom(f.base) && Q.isInt(f.pow)) {
      coef = Q.mul(coef, Q.powInt(Q.of(BigInt(f.base.key.slice(2))), f.pow.n));
      continue;
    }
    if (f.base.t === 'sum' && Q.isInt(f.pow) && f.pow.n > 0n) expand.push(f);
    else kept.push(f);
  }
  const e = a.exp && b.exp ? addS(a.exp, b.exp) : a.exp ?? b.exp;
  let out = sumOf([mkTerm(coef, kept, e)]);
  for (const f of expand) for (let i = 0n; i < f.pow.n; i++) out = mulS(out, (f.base as { sum: Sum }).sum);
  return out;
}

export function mulS(a: Sum, b: Sum): Sum {
  checkLimit('normalFormTerms', a.terms.length * b.terms.length);
  charge(a.terms.length * b.terms.length, 'expansion');
  const out: Term[] = [];
  for (const x of a.terms) for (const y of b.terms) out.push(...mulTerm(x, y).terms);
  return sumOf(out);
}

/**
 * A sum over a common denominator: `s = num · Π den`, with `num` free of
 * negative powers of sums (and, with `atoms`, of atoms too).
 */
export function together(s: Sum, atoms = false): { num: Sum; den: Factor[] } {
  const den = new Map<string, Factor>();
  for (const t of s.terms)
    for (const f of t.factors)
      if ((atoms || f.base.t === 'sum') && Q.sign(f.pow) < 0 && !isPrimeAtom(f.base)) {
        const prev = den.get(f.base.key);
        if (!prev || Q.cmp(f.pow, prev.pow) < 0) den.set(f.base.key, f);
      }
  if (!den.size) return { num: s, den: [] };
  const clear = sumOf([mkTerm(Q.ONE, [...den.values()].map((f) => ({ base: f.base, pow: Q.neg(f.pow) })), null)]);
  return { num: mulS(s, clear), den: [...den.values()] };
}

/**
 * Cancels a common factor between numerator and denominator when the
 * numerator's primitive part is one of the denominator's sums:
 * `(a·b + b^2)/(a·(a+b))` becomes `b/a`.
 */
export function cancel(s: Sum): Sum {
  if (!s.terms.some((t) => t.factors.some((f) => f.base.t === 'sum' && Q.sign(f.pow) < 0))) return s;
  const { num, den } = together(s, true);
  if (num.terms.length < 2) return s;
  const { content, primitive } = splitContent(num);
  const pKey = `(${primitive.key})`;
  if (!den.some((f) => f.base.key === pKey)) return s;
  const factors: Factor[] = [...content.factors, ...den, { base: sumBase(primitive), pow: Q.ONE }];
  return mulTerm(mkTerm(content.coef, [], content.exp), mkTerm(Q.ONE, factors, null));
}

/** True when `s` is identically zero (wherever it is defined). */
export function isZero(s: Sum): boolean {
  return together(s).num.terms.length === 0;
}

/**
 * Splits `s` into content and primitive part: `s = content · primitive`, where
 * the primitive part's first term has coefficient 1 and no exponential, and no
 * factor is common to all its terms.
 */
export function splitContent(s: Sum): { content: Term; primitive: Sum } {
  if (!s.terms.length) return { content: mkTerm(Q.ZERO, [], null), primitive: ONE };
  const first = s.terms[0];
  const common: Factor[] = [];
  for (const f of first.factors) {
    let min = f.pow;
    let everywhere = true;
    for (const t of s.terms.slice(1)) {
      const g = t.factors.find((x) => x.base.key === f.base.key);
      if (!g || Q.sign(g.pow) !== Q.sign(f.pow)) { everywhere = false; break; }
      if (Q.cmp(g.pow, min) < 0) min = g.pow;
    }
    if (everywhere) common.push({ base: f.base, pow: min });
  }
  const content = mkTerm(first.coef, common, first.exp);
  const inv = mkTerm(Q.inv(first.coef), common.map((f) => ({ base: f.base, pow: Q.neg(f.pow) })), first.exp ? negS(first.exp) : null);
  const primitive = sumOf(s.terms.flatMap((t) => mulTerm(t, inv).terms));
  return { content, primitive };
}

/** The sum consisting of one term. */
export const termSum = (t: Term): Sum => sumOf([t]);

/** A factor `base^pow` as a one-term sum (expanding positive integer powers of sums). */
export function factorSum(base: Base, p: Rat): Sum {
  return mulTerm(mkTerm(Q.ONE, [], null), mkTerm(Q.ONE, [{ base, pow: p }], null));
}

/** A primitive multi-term sum as a factor base. */
export function sumBase(s: Sum): Base {
  return { t: 'sum', sum: s, key: `(${s.key})` };
}
export function atomBase(a: Atom): Base {
  return { t: 'atom', atom: a, key: a.key };
}

/** `c^p` for a positive rational c and rational p: primes with fractional powers become prime atoms. */
function ratPow(c: Rat, p: Rat): Sum | null {
  if (Q.isInt(p)) return constant(Q.powInt(c, p.n));
  if (Q.sign(c) <= 0) return null;
  const num = factorInt(c.n);
  const den = factorInt(c.d);
  if (!num || !den) return null;
  let out = ONE;
  for (const [pr, e] of num) out = mulS(out, factorSum(atomBase(primeAtom(pr)), Q.mul(Q.of(e), p)));
  for (const [pr, e] of den) out = mulS(out, factorSum(atomBase(primeAtom(pr)), Q.mul(Q.of(-e), p)));
  return out;
}

/**
 * `s^p`, or null when it cannot be written in normal form soundly (a
 * fractional power of something not known to be positive).
 */
export function powS(s: Sum, p: Rat, positive: PositivityOracle): Sum | null {
  if (Q.isZero(p)) return ONE;
  if (!s.terms.length) return Q.sign(p) > 0 ? ZERO : null;
  if (Q.isInt(p) && p.n > 0n && p.n <= 12n) {
    let out = ONE;
    for (let i = 0n; i < p.n; i++) out = mulS(out, s);
    return out;
  }
  if (s.terms.length === 1) {
    const t = s.terms[0];
    if (!Q.isInt(p) && !t.factors.every((f) => positive(f.base))) return null;
    const c = ratPow(Q.sign(t.coef) < 0 && Q.isInt(p) ? Q.neg(t.coef) : t.coef, p);
    if (!c) return null;
    const signFix = Q.sign(t.coef) < 0 && Q.isInt(p) && p.n % 2n !== 0n ? Q.of(-1) : Q.ONE;
    let out = scaleS(c, signFix);
    for (const f of t.factors) out = mulS(out, factorSum(f.base, Q.mul(f.pow, p)));
    if (t.exp) out = mulS(out, expSum(scaleS(t.exp, p)));
    return out;
  }
  const { num, den } = together(s);
  if (den.length) {
    const n = powS(num, p, positive);
    if (!n) return null;
    let out = n;
    for (const f of den) {
      if (!Q.isInt(p) && !positive(f.base)) return null;
      out = mulS(out, factorSum(f.base, Q.mul(f.pow, p)));
    }
    return out;
  }
  const { content, primitive } = splitContent(s);
  const base = sumBase(primitive);
  if (!Q.isInt(p) && !positive(base)) return null;
  const c = powS(termSum(content), p, positive);
  if (!c) return null;
  return mulS(c, factorSum(base, p));
}

/** A canonical expression for a sum (used inside atoms and for display). */
export function toExpr(s: Sum): Expr {
  if (!s.terms.length) return num(0);
  const terms = s.terms.map(termToExpr);
  return terms.length === 1 ? terms[0] : add(...terms);
}

function ratExpr(q: Rat): Expr {
  const a = q.n < 0n ? -q.n : q.n;
  const e = q.d === 1n ? num(Number(a)) : div(num(Number(a)), num(Number(q.d)));
  return q.n < 0n ? neg(e) : e;
}

function termToExpr(t: Term): Expr {
  const parts: Expr[] = [];
  const mag = Q.sign(t.coef) < 0 ? Q.neg(t.coef) : t.coef;
  if (!Q.isOne(mag) || (!t.factors.length && !t.exp)) parts.push(ratExpr(mag));
  for (const f of t.factors) {
    const b = f.base.t === 'atom' ? f.base.atom.expr : toExpr(f.base.sum);
    parts.push(Q.isOne(f.pow) ? b : powE(b, ratExpr(f.pow)));
  }
  if (t.exp) parts.push(apply(EXP, [toExpr(t.exp)]));
  const body = parts.length === 1 ? parts[0] : mulE(...parts);
  return Q.sign(t.coef) < 0 ? neg(body) : body;
}

/** Every atom occurring in a sum, including inside sum factors and exponentials. */
export function atomsOf(s: Sum, out: Map<string, Atom> = new Map()): Map<string, Atom> {
  for (const t of s.terms) {
    for (const f of t.factors) {
      if (f.base.t === 'atom') out.set(f.base.key, f.base.atom);
      else atomsOf(f.base.sum, out);
    }
    if (t.exp) atomsOf(t.exp, out);
  }
  return out;
}

/**
 * A sum whose terms carry exponentials, as e^shift times a representative of
 * its class under multiplication by exponentials: of the sum divided by each
 * term's exponential, the one with the least key. So 1 + e^h and
 * 1 + e^{-h} = e^{-h}(1 + e^h) share a representative.
 */
export function expShift(s: Sum): { shift: Sum | null; rep: Sum } {
  let best: { shift: Sum | null; rep: Sum } = { shift: null, rep: s };
  for (const t of s.terms) {
    if (!t.exp) continue;
    const rep = mulS(s, expSum(negS(t.exp)));
    if (rep.key < best.rep.key) best = { shift: t.exp, rep };
  }
  return best;
}
