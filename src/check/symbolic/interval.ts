/**
 * Sign analysis by interval arithmetic over canonical expressions: what the
 * declarations say about each atom (densities are positive, `\sigma` and
 * unit-valued functions lie in (0,1), `\exp` is positive) is propagated
 * through sums, products and powers. The prover asks it before every rewrite
 * with a side condition (`\log(ab) = \log a + \log b` needs a, b > 0).
 *
 * @example
 *   isPositive(parseExpr('1 - D_\\phi(x)'), ctx)   // true when D_\phi is declared unit-valued
 */
import type { Expr } from '../../expr/types';
import type { Context } from '../../semantics/context';

/** A real interval; `loOpen` / `hiOpen` say whether the ends are excluded. */
export interface Interval {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

const REAL: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };
const POS: Interval = { lo: 0, hi: Infinity, loOpen: true, hiOpen: true };
const NONNEG: Interval = { lo: 0, hi: Infinity, loOpen: false, hiOpen: true };
const UNIT: Interval = { lo: 0, hi: 1, loOpen: true, hiOpen: true };
const point = (x: number): Interval => ({ lo: x, hi: x, loOpen: false, hiOpen: false });

function addI(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi, loOpen: a.loOpen || b.loOpen, hiOpen: a.hiOpen || b.hiOpen };
}
function negI(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo, loOpen: a.hiOpen, hiOpen: a.loOpen };
}
function mulI(a: Interval, b: Interval): Interval {
  // only the sign-definite cases matter to the prover; otherwise the whole line
  if (a.lo >= 0 && b.lo >= 0) {
    return { lo: a.lo * b.lo, hi: a.hi * b.hi, loOpen: a.loOpen || b.loOpen, hiOpen: a.hiOpen || b.hiOpen };
  }
  if (a.hi <= 0 && b.hi <= 0) return mulI(negI(a), negI(b));
  if (a.lo >= 0 && b.hi <= 0) return negI(mulI(a, negI(b)));
  if (a.hi <= 0 && b.lo >= 0) return negI(mulI(negI(a), b));
  return REAL;
}
function invI(a: Interval): Interval {
  if (a.lo > 0 || (a.lo === 0 && a.loOpen)) return { lo: a.hi === Infinity ? 0 : 1 / a.hi, hi: a.lo === 0 ? Infinity : 1 / a.lo, loOpen: true, hiOpen: true };
  if (a.hi < 0 || (a.hi === 0 && a.hiOpen)) return negI(invI(negI(a)));
  return REAL;
}
function powI(a: Interval, p: number): Interval {
  if (Number.isInteger(p)) {
    if (p === 0) return point(1);
    if (p < 0) return invI(powI(a, -p));
    if (p % 2 === 0) {
      const m = mulI(a, a);
      return isPos(a) || isNeg(a) ? m : NONNEG;
    }
    let r = a;
    for (let i = 1; i < p; i++) r = mulI(r, a);
    return r;
  }
  if (isPos(a)) return p > 0 ? { ...POS } : POS;
  return REAL;
}
const isPos = (a: Interval) => a.lo > 0 || (a.lo === 0 && a.loOpen);
const isNeg = (a: Interval) => a.hi < 0 || (a.hi === 0 && a.hiOpen);

function domainInterval(domain: string | undefined): Interval {
  switch (domain) {
    case 'positive': return POS;
    case 'unit': return UNIT;
    case 'nonnegative': return NONNEG;
    default: return REAL;
  }
}

/** The interval an expression's value lies in, as far as the declarations tell. */
export function intervalOf(e: Expr, ctx: Context): Interval {
  switch (e.kind) {
    case 'num': return point(e.value);
    case 'sym': {
      if (e.name === '\\pi') return POS;
      const d = ctx.lookup(e.name);
      return d ? domainInterval(d.domain) : REAL;
    }
    case 'neg': return negI(intervalOf(e.arg, ctx));
    case 'add': return e.terms.map((t) => intervalOf(t, ctx)).reduce(addI);
    case 'mul': return e.factors.map((t) => intervalOf(t, ctx)).reduce(mulI);
    case 'div': return mulI(intervalOf(e.num, ctx), invI(intervalOf(e.den, ctx)));
    case 'pow': {
      const p = constantValue(e.exp);
      const b = intervalOf(e.base, ctx);
      if (p === null) return isPos(b) ? POS : REAL;
      return powI(b, p);
    }
    case 'apply': {
      if (e.fn === '\\exp') return POS;
      if (e.fn === '\\sigma') return e.primes ? { lo: 0, hi: 0.25, loOpen: true, hiOpen: false } : UNIT;
      if (e.fn === '\\sqrt') return isPos(intervalOf(e.args[0], ctx)) ? POS : NONNEG;
      if (e.fn === '\\abs' && !e.primes) {
        const a = intervalOf(e.args[0], ctx);
        const hi = Math.max(Math.abs(a.lo), Math.abs(a.hi));
        const hiOpen = hi === Math.abs(a.hi) ? a.hiOpen && (hi !== Math.abs(a.lo) || a.loOpen) : a.loOpen;
        if (a.lo > 0 || (a.lo === 0 && a.loOpen)) return { lo: a.lo, hi: a.hi, loOpen: a.loOpen, hiOpen: a.hiOpen };
        if (a.hi < 0 || (a.hi === 0 && a.hiOpen)) return { lo: -a.hi, hi: -a.lo, loOpen: a.hiOpen, hiOpen: a.loOpen };
        return { lo: 0, hi, loOpen: false, hiOpen };
      }
      if (e.fn === 'sign' && !e.primes) return { lo: -1, hi: 1, loOpen: false, hiOpen: false };
      if (e.primes) return REAL;
      const d = ctx.lookup(e.fn);
      if (d?.kind === 'density') return POS;
      return d ? domainInterval(d.domain) : REAL;
    }
    case 'expect': return intervalOf(e.body, ctx);
    case 'normal': return e.arg ? POS : REAL;
    case 'norm': return NONNEG;
    default: return REAL;
  }
}

function constantValue(e: Expr): number | null {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'neg') {
    const v = constantValue(e.arg);
    return v === null ? null : -v;
  }
  if (e.kind === 'div') {
    const a = constantValue(e.num);
    const b = constantValue(e.den);
    return a === null || b === null || b === 0 ? null : a / b;
  }
  return null;
}

/** True when the declarations prove `e > 0`. */
export function isPositive(e: Expr, ctx: Context): boolean {
  return isPos(intervalOf(e, ctx));
}

