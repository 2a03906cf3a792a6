/**
 * High-precision re-evaluation of elementary expressions, to decide near-ties
 * that float64 cannot.
 *
 * Strategy: an expression whose definitions unfold (`unfoldExpr`) to numbers,
 * free scalar symbols, `+ − · /`, powers, and `\exp \log \ln \sqrt \sigma \sin
 * \cos \tan` is *elementary*: it can be evaluated at a sample point in
 * arbitrary precision by walking the tree with decimal.js (mathjs's BigNumber
 * class, required directly and only on first use: loading mathjs's entry point
 * costs 0.5–2.5 s, decimal.js ~25 ms). Literals and coordinates enter exactly
 * as their shortest decimal forms (`10^{-9}` is exactly 1e-9, a sample value is
 * the number the witness prints). Anything else (densities, functions,
 * expectations, integrals, derivatives, vectors) is not elementary and the
 * caller keeps its float64 tolerance.
 *
 * Each comparison evaluates both sides at 50 and at 80 significant digits;
 * the change of the difference between the two is the error estimate (it
 * catches cancellation inside a function's argument, log(1 − 10^{−26})). The
 * sides differ when the 80-digit difference exceeds both 100× that estimate
 * and 1e-40 of the magnitude `mag` of the terms (Σ|term|, every subtraction
 * made an addition): far above the noise, far below any difference a written
 * constant can make. A value whose terms cancelled below the working precision
 * before a non-linear step (log, exp, a denominator) leaves the sample
 * unresolved, and so does an infinite side (a pole or an overflow is not a
 * point outside the domain); only NaN — a log or root of a negative — is. A caller that asks for a
 * looser tolerance (an approximate identity) passes it instead.
 *
 * @example
 *   const p = preciseOf(add(sym('x'), mul(pow(num(10), neg(num(9))), sym('x'))), prog);
 *   p!.diff(other!, { x: 0.5 });   // { differ: true, … }
 */
import type { Expr } from '../../expr/types';
import type { Program } from './instantiate';
import { unfoldExpr } from './definitions';

/** Significant decimal digits of the two high-precision evaluations (their difference estimates the error). */
export const PRECISION = 50;
const PRECISION_HIGH = 80;
/** Relative size (to the terms' magnitude) above which a high-precision difference is real. */
export const PRECISE_TOL = 1e-40;

// decimal.js's constructor type, kept structural so the module is loaded lazily
interface Dec {
  plus(b: Dec): Dec; minus(b: Dec): Dec; times(b: Dec): Dec; div(b: Dec): Dec; pow(b: Dec): Dec;
  neg(): Dec; abs(): Dec; exp(): Dec; ln(): Dec; sqrt(): Dec; sin(): Dec; cos(): Dec; tan(): Dec;
  isFinite(): boolean; isNaN(): boolean; isZero(): boolean; isInteger(): boolean; isNegative(): boolean;
  gt(b: Dec): boolean; lte(b: Dec): boolean; toNumber(): number; toString(): string;
}
type DecCtor = { new (v: number | string): Dec; acos(v: number): Dec; max(...v: Dec[]): Dec };
const ctors = new Map<number, DecCtor>();
let current: DecCtor | null = null;
let currentDigits = PRECISION;
/** Selects the working precision (loads decimal.js on first use). */
function usePrecision(digits: number): void {
  let c = ctors.get(digits);
  if (!c) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const base = require('decimal.js') as { clone(o: object): DecCtor };
    c = base.clone({ precision: digits, toExpNeg: -9e15, toExpPos: 9e15, maxE: 9e15, minE: -9e15 });
    ctors.set(digits, c);
  }
  current = c;
  currentDigits = digits;
}
function D(): DecCtor {
  if (!current) usePrecision(PRECISION);
  return current!;
}

const FUNCS = new Set(['\\exp', '\\log', '\\ln', '\\sqrt', '\\sigma', '\\sin', '\\cos', '\\tan']);

/** True when `e` (definitions already unfolded) is elementary in the sense above. */
function elementary(e: Expr, prog: Program): boolean {
  switch (e.kind) {
    case 'num': return true;
    case 'sym': {
      const d = prog.ctx.lookup(e.name);
      if (!d) return e.name === '\\pi' || e.name === 'e' || prog.compiler.dimSymbols.has(e.name) || prog.compiler.globals.has(e.name);
      return (d.kind === 'variable' || d.kind === 'parameter' || d.kind === 'constant') && d.dim === undefined;
    }
    case 'add': return e.terms.every((t) => elementary(t, prog));
    case 'mul': return e.factors.every((t) => elementary(t, prog));
    case 'neg': return elementary(e.arg, prog);
    case 'div': return elementary(e.num, prog) && elementary(e.den, prog);
    case 'pow': return elementary(e.base, prog) && elementary(e.exp, prog);
    case 'apply': return FUNCS.has(e.fn) && !e.primes && !e.given?.length && e.args.length === 1 && !prog.ctx.lookup(e.fn) && elementary(e.args[0], prog);
    default: return false;
  }
}

/** A value and the magnitude of its terms (Σ|term|), both in high precision. */
interface VM { v: Dec; m: Dec }

/** Thrown when cancellation left fewer digits than a non-linear step needs (the sample is then unresolved). */
class Lost extends Error {}

/** Guards a value about to enter a non-linear function: its terms must not have cancelled below the precision. */
function solid(r: VM): Dec {
  if (!r.m.isZero() && r.v.abs().lte(r.m.times(new (D())(`1e-${currentDigits - 15}`)))) throw new Lost();
  return r.v;
}

function evalHP(e: Expr, prog: Program, point: Record<string, number>): VM {
  const Dc = D();
  switch (e.kind) {
    case 'num': { const v = new Dc(e.exact ?? e.value); return { v, m: v.abs() }; }
    case 'sym': {
      const name = prog.ctx.resolveAlias(e.name);
      let v: Dec;
      if (name in point) v = new Dc(point[name]);
      else if (e.name in point) v = new Dc(point[e.name]);
      else if (e.name === '\\pi') v = Dc.acos(-1);
      else if (e.name === 'e') v = new Dc(1).exp();
      else if (prog.compiler.dimSymbols.has(e.name)) v = new Dc(prog.dim);
      else v = new Dc(NaN);
      return { v, m: v.abs() };
    }
    case 'add': {
      let v = new Dc(0), m = new Dc(0);
      for (const t of e.terms) { const r = evalHP(t, prog, point); v = v.plus(r.v); m = m.plus(r.m); }
      return { v, m };
    }
    case 'mul': {
      let v = new Dc(1), m = new Dc(1);
      for (const t of e.factors) { const r = evalHP(t, prog, point); v = v.times(r.v); m = m.times(r.m); }
      return { v, m };
    }
    case 'neg': { const r = evalHP(e.arg, prog, point); return { v: r.v.neg(), m: r.m }; }
    case 'div': {
      const n = evalHP(e.num, prog, point), d = evalHP(e.den, prog, point);
      const dv = solid(d);
      return { v: n.v.div(dv), m: n.m.div(dv.abs()) };
    }
    case 'pow': {
      const b = evalHP(e.base, prog, point), x = evalHP(e.exp, prog, point);
      const xv = solid(x);
      // results beyond 10^±10^6 are not worth the memory: the sample is unresolved
      if (Math.abs(xv.toNumber() * Math.log10(Math.abs(b.v.toNumber()) || 1)) > 1e6 || !Number.isFinite(xv.toNumber())) throw new Lost();
      const v = (xv.isInteger() && !xv.isNegative() ? b.v : solid(b)).pow(xv);
      const m = xv.isInteger() && !xv.isNegative() ? b.m.pow(xv) : v.abs();
      return { v, m };
    }
    case 'apply': {
      const a = solid(evalHP(e.args[0], prog, point));
      let v: Dec;
      switch (e.fn) {
        case '\\exp': if (Math.abs(a.toNumber()) > 2e6) throw new Lost(); v = a.exp(); break;
        case '\\log': case '\\ln': v = a.isNegative() ? new Dc(NaN) : a.ln(); break;
        case '\\sqrt': v = a.isNegative() ? new Dc(NaN) : a.sqrt(); break;
        case '\\sigma': if (Math.abs(a.toNumber()) > 2e6) throw new Lost(); v = new Dc(1).div(new Dc(1).plus(a.neg().exp())); break;
        case '\\sin': v = a.sin(); break;
        case '\\cos': v = a.cos(); break;
        default: v = a.tan();
      }
      return { v, m: v.abs() };
    }
    default: throw new Error(`not elementary: ${e.kind}`);
  }
}

/**
 * What a high-precision comparison found at one point: `undefined` when a side
 * has no real value there (then `lhsDefined`/`rhsDefined` say which), else
 * whether the sides differ, with both values rounded to float64.
 *
 * @example
 *   { kind: 'value', differ: true, lhs: 485165196.4, rhs: 485165195.4 }
 */
export type PreciseComparison =
  | { kind: 'value'; differ: boolean; sign: number; lhs: number; rhs: number; diff: number }
  | { kind: 'undefined'; lhsDefined: boolean; rhsDefined: boolean; lhs: number; rhs: number }
  | { kind: 'unresolved'; why: string };

/**
 * A high-precision comparator of two elementary expressions, or null when
 * either is not elementary (after unfolding the program's definitions).
 *
 * @example
 *   const cmp = preciseComparator(lhs, rhs, prog);
 *   cmp?.(prog.point());   // { kind: 'value', differ: false, … }
 */
export function preciseComparator(lhs: Expr, rhs: Expr, prog: Program): ((point: Record<string, number>, tol?: number) => PreciseComparison) | null {
  const l = unfoldExpr(prog.compiler.defs, lhs), r = unfoldExpr(prog.compiler.defs, rhs);
  if (!elementary(l, prog) || !elementary(r, prog)) return null;
  return (point, tol = PRECISE_TOL) => {
    const at = (digits: number): { a: VM; b: VM } | Lost => {
      usePrecision(digits);
      try {
        return { a: evalHP(l, prog, point), b: evalHP(r, prog, point) };
      } catch (err) {
        if (err instanceof Lost) return err;
        throw err;
      }
    };
    const lo = at(PRECISION), hi = at(PRECISION_HIGH);
    if (lo instanceof Lost || hi instanceof Lost) return { kind: 'unresolved', why: `cancellation beyond ${PRECISION} digits` };
    const { a, b } = hi;
    // ±Infinity is a pole or an overflow, not a point outside the domain: only NaN (log or root of a negative) is
    if ((!a.v.isFinite() && !a.v.isNaN()) || (!b.v.isFinite() && !b.v.isNaN())) return { kind: 'unresolved', why: 'a side is infinite' };
    const la = a.v.isFinite(), rb = b.v.isFinite();
    if (la !== lo.a.v.isFinite() || rb !== lo.b.v.isFinite()) return { kind: 'unresolved', why: 'defined at one precision only' };
    if (!la || !rb) return { kind: 'undefined', lhsDefined: la, rhsDefined: rb, lhs: la ? a.v.toNumber() : NaN, rhs: rb ? b.v.toNumber() : NaN };
    const Dc = D();
    const dHi = a.v.minus(b.v), dLo = lo.a.v.minus(lo.b.v);
    const err = new Dc(dHi.minus(dLo).abs().toString()).times(new Dc(100));
    const d = dHi.abs();
    const mag = Dc.max(a.m, b.m, new Dc(1e-300));
    const bound = Dc.max(mag.times(new Dc(tol)), err);
    return { kind: 'value', differ: d.gt(bound), sign: dHi.isNegative() ? -1 : d.isZero() ? 0 : 1, lhs: a.v.toNumber(), rhs: b.v.toNumber(), diff: d.div(mag).toNumber() };
  };
}
