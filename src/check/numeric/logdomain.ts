/**
 * Log-space evaluation of `\log(e)` for expressions known to be positive.
 *
 * Strategy: `log` of a density, of exp, of σ, and of sums, products, quotients
 * and powers of such things is computed without ever forming the (possibly
 * underflowing or rounded-to-1) value: log p by log-sum-exp over the mixture,
 * log σ(u) = −softplus(−u), log(1 − σ(u)) = −softplus(u), log(a + b) by
 * logAddExp, log(1 − X) = log1mexp(log X). These are identities for positive
 * arguments, so the result is the same number the naive formula would give
 * in exact arithmetic; only the rounding differs. Definitions whose bodies have
 * no binders are seen through (`\log D^*(x)` with `D^* = p_{data}/(p_{data}+p_θ)`
 * becomes `log p_data − logAddExp(log p_data, log p_θ)`). Anything else
 * returns null and the caller takes `Math.log` of the plain value.
 *
 * @example
 *   // log(1 - D*(x)) at a point where p_θ(x)/p_data(x) = 1e-30: ≈ −69, not −Infinity
 *   compileLogOf(c, sub(num(1), apply('D^{*}', [sym('x')])), scope);
 */
import type { Apply, Expr, Normal } from '../../expr/types';
import { EXP, SIGMA, SQRT } from '../../expr/build';
import type { Closure, Compiler, Scope } from './compile';
import { instantiate, type NumericDefinition } from './definitions';
import { functionHolder, functionInputs } from './holders';
import { compileDensityCall } from './joint';
import { compileVecNormal, shapeOf } from './vectors';
import { log1mexp, logAddExp, normalLogPdf, softplus } from './stablemath';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

export { gaussianBody } from './definitions';

const BINDERS = new Set(['expect', 'integral', 'kl', 'deriv']);

function hasBinder(e: Expr): boolean {
  if (BINDERS.has(e.kind)) return true;
  switch (e.kind) {
    case 'num': case 'sym': return false;
    case 'apply': return e.args.some(hasBinder) || (e.given ?? []).some(hasBinder);
    case 'add': return e.terms.some(hasBinder);
    case 'mul': return e.factors.some(hasBinder);
    case 'neg': case 'norm': case 'transpose': return hasBinder(e.arg);
    case 'div': return hasBinder(e.num) || hasBinder(e.den);
    case 'pow': return hasBinder(e.base) || hasBinder(e.exp);
    case 'normal': return (e.arg ? hasBinder(e.arg) : false) || hasBinder(e.mean) || hasBinder(e.cov);
    case 'eq': return hasBinder(e.lhs) || hasBinder(e.rhs);
    default: return true;
  }
}

/** The body of `def` applied to `args` (then conditioning arguments), if it can be seen through. */
function unfold(def: NumericDefinition, args: readonly Expr[]): Expr | null {
  return hasBinder(def.body) ? null : instantiate(def, args);
}

/** The argument of `σ(u)` (a plain σ application), or null. */
function sigmaArg(c: Compiler, e: Expr): Expr | null {
  return e.kind === 'apply' && c.canon(e.fn) === SIGMA && !e.primes && !c.defs.match(SIGMA, 1) && e.args.length === 1 ? e.args[0] : null;
}

/** log(1 − X) in log space, or null. */
function log1m(c: Compiler, x: Expr, scope: Scope | null): Closure | null {
  const u = sigmaArg(c, x);
  if (u) {
    const f = c.compile(u, scope);
    return (env) => -softplus(f(env));
  }
  if (x.kind === 'apply' && !x.primes && !x.given?.length && !c.defs.match(x.fn, x.args.length)) {
    const decl = c.ctx.lookup(x.fn);
    if (decl?.kind === 'function' && decl.domain === 'unit') {
      const h = functionHolder(c, c.canon(x.fn), x.args.length);
      const inputs = functionInputs(c, h, x.args, scope);
      return (env) => h.model!.log1mValue(inputs(env));
    }
  }
  const lx = compileLogOf(c, x, scope);
  return lx ? (env) => log1mexp(lx(env)) : null;
}

function logOfApply(c: Compiler, e: Apply, scope: Scope | null): Closure | null {
  const fn = c.canon(e.fn);
  const primes = e.primes ?? 0;
  const given = e.given ?? [];
  const def = c.defs.match(fn, e.args.length, given.length);
  const g = !def && !given.length && e.args.length === 1 ? c.defs.gaussian(fn) : null;
  if (def || g) {
    if (primes) return null;
    if (g) return compileLogOf(c, { ...g, arg: e.args[0] }, scope);
    const body = unfold(def!, [...e.args, ...given]);
    return body ? c.expand(fn, () => compileLogOf(c, body, scope)) : null;
  }
  if (fn === EXP && e.args.length === 1) return c.compile(e.args[0], scope);
  const u = sigmaArg(c, e);
  if (u) {
    const f = c.compile(u, scope);
    return (env) => -softplus(-f(env));
  }
  if (fn === SIGMA && primes === 1 && e.args.length === 1) {
    const f = c.compile(e.args[0], scope);
    return (env) => {
      const v = f(env);
      return -softplus(-v) - softplus(v);
    };
  }
  if (fn === SQRT && !primes && e.args.length === 1) {
    const l = compileLogOf(c, e.args[0], scope);
    return l ? (env) => 0.5 * l(env) : null;
  }
  if (primes) return null;
  const decl = c.ctx.lookup(fn);
  if (decl?.kind === 'density') {
    const alias = c.defs.alias(fn, decl.arity ?? 1);
    if (alias) return c.expand(fn, () => compileLogOf(c, { ...e, fn: alias }, scope));
    return compileDensityCall(c, fn, decl, e, scope, true);
  }
  if (decl?.kind === 'function' && (decl.domain === 'unit' || decl.domain === 'positive') && !e.given?.length) {
    const h = functionHolder(c, fn, e.args.length);
    const inputs = functionInputs(c, h, e.args, scope);
    return (env) => h.model!.logValue(inputs(env));
  }
  return null;
}

/**
 * A closure computing log(e) in log space, or null when `e` is not built from
 * known-positive parts.
 *
 * @example
 *   compileLogOf(c, div(apply('p_{\\theta}', [sym('x')]), apply('p_{data}', [sym('x')])), scope);   // log p_θ − log p_data
 */
export function compileLogOf(c: Compiler, e: Expr, scope: Scope | null): Closure | null {
  switch (e.kind) {
    case 'num': {
      const v = Math.log(e.value);
      return e.value > 0 ? () => v : null;
    }
    case 'sym': {
      if (c.localSlot(e.name, scope) >= 0) return null;
      const def = c.defs.value(e.name);
      if (!def || hasBinder(def.body)) return null;
      return c.expand(def.name, () => compileLogOf(c, def.body, scope));
    }
    case 'apply': return logOfApply(c, e, scope);
    case 'normal': {
      if (!e.arg) return null;
      if (c.hasVectors && shapeOf(c, e.arg, scope) > 0) return compileVecNormal(c, e, scope, true);
      const x = c.compile(e.arg, scope);
      const { mean, cov } = c.meanCov(e, scope);
      return (env) => normalLogPdf(x(env), mean(env), cov(env));
    }
    case 'mul': {
      const ls = e.factors.map((f) => compileLogOf(c, f, scope));
      if (ls.some((l) => !l)) return null;
      const fs = ls as Closure[];
      if (fs.length === 2) { const [a, b] = fs; return (env) => a(env) + b(env); }
      return (env) => {
        let s = 0;
        for (let i = 0; i < fs.length; i++) s += fs[i](env);
        return s;
      };
    }
    case 'div': {
      const a = compileLogOf(c, e.num, scope);
      const b = a && compileLogOf(c, e.den, scope);
      return a && b ? (env) => a(env) - b(env) : null;
    }
    case 'pow': {
      const b = compileLogOf(c, e.base, scope);
      if (!b) return null;
      const x = c.compile(e.exp, scope);
      return (env) => x(env) * b(env);
    }
    case 'add': {
      if (e.terms.length === 2) {
        const [a, b] = e.terms;
        const one = (t: Expr) => t.kind === 'num' && t.value === 1;
        const negated = one(a) && b.kind === 'neg' ? b.arg : one(b) && a.kind === 'neg' ? a.arg : null;
        if (negated) return log1m(c, negated, scope);
      }
      const ls = e.terms.map((t) => compileLogOf(c, t, scope));
      if (ls.some((l) => !l)) return null;
      const fs = ls as Closure[];
      if (fs.length === 1) return fs[0];
      if (fs.length === 2) { const [a, b] = fs; return (env) => logAddExp(a(env), b(env)); }
      return (env) => {
        let s = -Infinity;
        for (let i = 0; i < fs.length; i++) s = logAddExp(s, fs[i](env));
        return s;
      };
    }
    default: return null;
  }
}
