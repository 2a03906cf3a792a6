/**
 * Compilation of the binders: expectations, integrals over the real line,
 * derivatives and KL divergences.
 *
 * Strategy:
 * - Every expectation and integral is a composite Gauss–Legendre sum on a grid
 *   of panels aligned to multiples of a power-of-2 width (see
 *   `quadrature.ts` for why not Gauss–Hermite). The width follows the
 *   *resolution* of the integrand: the smallest of the model sd floor (0.5),
 *   the sd of a Gaussian weight, and the sd of every normal density of the
 *   bound variable met in the body ("hints"). The range covers 9 sd beyond the
 *   outermost means of the weight (expectations) or of every density and
 *   normal hint of the body (integrals). Because the grid is fixed, a
 *   quadrature moves smoothly with the parameters, which keeps finite
 *   differences through it exact to ~1e-12.
 * - E_{x~p}[f] with p a declared density weights the grid by the mixture (a
 *   joint density p(x, y) by its marginal p(y), see `joint.ts`); with
 *   p Gaussian by its density — or, when f is a polynomial in x, by an exact
 *   Gauss–Hermite rule; with p defined by a formula, by that formula, and the
 *   result is NaN unless the formula's mass on the range is 1 to 1e-9 (a
 *   heavy-tailed or unnormalised formula is not evaluated, never biased).
 * - A non-finite integrand value at a node whose weight is below 1e-16 (far
 *   tail) is dropped; anywhere else it makes the result NaN.
 * - ∂_v f is an 8th-order central difference in the slot v resolves to
 *   (step 1/64, error ~1e-13 on the random models; 1/128 at level 1).
 *
 * @example
 *   // E_{x~N(θ, ε^2)}[x^2] compiles to a 3-node Hermite rule: exactly θ^2 + ε^2
 *   compileExpect(c, expect('x', normal(null, sym('\\theta'), pow(sym('\\epsilon'), num(2))), pow(sym('x'), num(2))), null);
 */
import type { Deriv, Expect, Expr, Integral, KL } from '../../expr/types';
import { children, freeSymbols, withChildren } from '../../expr/walk';
import { add, mul, neg } from '../../expr/build';
import type { NumericDefinition } from './definitions';
import type { Closure, Compiler, DensityHolder, Hint, IntegrationSite, Scope } from './compile';
import { NumericError } from './error';
import { gaussianBody } from './definitions';
import { distributionOf } from './joint';
import { compileLogOf } from './logdomain';
import { MIN_MODEL_SD, TAIL_SDS } from './models';
import { deIntegral, FD8, gaussHermite, levels, type Rule } from './quadrature';
import { normalLogPdf, normalPdf } from './stablemath';
import { charge } from '../budget';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/** A distribution an expectation or KL ranges over. */
type DistSpec =
  | { kind: 'mixture'; holder: DensityHolder; inputs: (env: Float64Array) => Float64Array }
  | { kind: 'gauss'; hint: Hint }
  | { kind: 'formula'; def: NumericDefinition; scope: Scope | null };

/** Panels beyond this many make an integral NaN (a scale far too fine for its range). */
const MAX_PANELS = 8192;
/** Weight below which a non-finite integrand value is ignored (far tail). */
const NEGLIGIBLE = 1e-16;
/** Default half-width of an integral whose body names no density and no normal (e^{-40}·40² ≈ 7e-15: enough for exponential tails). */
const DEFAULT_REACH = 40;

type Weight = ((x: number, env: Float64Array) => number) | null;

/** Σ weight over the nodes of the last `grid` call (the mass a weighted quadrature saw). */
let lastMass = 0;
/** How far from 1 the mass of a density given by a formula may be on its integration range. */
const MASS_TOLERANCE = 1e-9;

/** The composite Legendre sum of weight·body over [lo, hi] at resolution r. */
function grid(env: Float64Array, slot: number, lo: number, hi: number, r: number, level: 0 | 1, weight: Weight, body: Closure): number {
  const L = levels()[level];
  const w = Math.pow(2, Math.floor(Math.log2(L.panelFactor * r)));
  const a = Math.floor(lo / w), b = Math.ceil(hi / w);
  if (!(b > a && b - a <= MAX_PANELS)) return NaN;
  const X = L.legendre.nodes, W = L.legendre.weights, n = X.length, half = w / 2;
  charge((b - a) * n, 'quadrature grid');
  let acc = 0, mass = 0;
  for (let p = a; p < b; p++) {
    const mid = (p + 0.5) * w;
    for (let i = 0; i < n; i++) {
      const x = mid + half * X[i];
      env[slot] = x;
      let wt = half * W[i];
      if (weight) {
        wt *= weight(x, env);
        mass += wt;
        if (wt === 0) continue;
      }
      const f = body(env);
      if (f - f === 0) acc += wt * f;
      else if (!weight || !(Math.abs(wt) < NEGLIGIBLE)) return NaN;
    }
  }
  lastMass = mass;
  return acc;
}

/** The smallest sd among the hints (at their current values), capped by `r`. */
function resolution(site: IntegrationSite, env: Float64Array, r: number): number {
  for (const h of site.hints) {
    const v = h.cov(env);
    if (v > 0) r = Math.min(r, Math.sqrt(v));
  }
  return r;
}

/** [lo, hi] covering every density and normal hint of a site, or the default reach. */
function siteRange(site: IntegrationSite, env: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const d of site.densities) {
    if (!d.model) continue;
    lo = Math.min(lo, d.model.lo);
    hi = Math.max(hi, d.model.hi);
  }
  for (const h of site.hints) {
    const m = h.mean(env), v = h.cov(env);
    if (!(v > 0) || m - m !== 0) continue;
    const s = Math.sqrt(v);
    lo = Math.min(lo, m - TAIL_SDS * s);
    hi = Math.max(hi, m + TAIL_SDS * s);
  }
  return lo < hi ? [lo, hi] : [-DEFAULT_REACH, DEFAULT_REACH];
}

/** Compiles `body` with an integration site for `slot` open. */
function withSite<T>(c: Compiler, slot: number, f: (site: IntegrationSite) => T): T {
  const site: IntegrationSite = { slot, densities: new Set(), hints: [] };
  c.sites.push(site);
  try {
    return f(site);
  } finally {
    c.sites.pop();
  }
}

/** The distribution named or written in an expectation or KL. */
function resolveDist(c: Compiler, d: Expr, scope: Scope | null): DistSpec {
  if (d.kind === 'normal') {
    if (d.arg) throw new NumericError('a density value N(x | m, v) is not a distribution; write N(m, v)');
    return { kind: 'gauss', hint: c.meanCov(d, scope) };
  }
  if (d.kind !== 'sym') throw new NumericError(`cannot take an expectation over a ${d.kind}`);
  const name = c.canon(d.name);
  const value = c.defs.value(name);
  if (value) {
    const g = gaussianBody(value.body);
    if (g) return { kind: 'gauss', hint: c.expand(name, () => c.meanCov(g, scope)) };
    if (value.body.kind === 'sym') return c.expand(name, () => resolveDist(c, value.body, scope));
    throw new NumericError(`${name} is defined as a value, not as a distribution`);
  }
  const decl = c.ctx.lookup(name);
  const def = c.defs.match(name, 1, 0);
  if (def) {
    const b = def.body, p = def.params[0];
    if (b.kind === 'normal' && b.arg?.kind === 'sym' && b.arg.name === p && !freeSymbols(b.mean).has(p) && !freeSymbols(b.cov).has(p)) {
      return { kind: 'gauss', hint: c.expand(name, () => c.meanCov(b, scope)) };
    }
    return { kind: 'formula', def, scope };
  }
  const alias = decl?.kind === 'density' ? c.defs.alias(name, decl.arity ?? 1) : null;
  if (alias) return c.expand(name, () => resolveDist(c, { kind: 'sym', name: alias }, scope));
  const other = c.defs.all(name)[0];
  if (other && decl?.kind !== 'density') {
    throw new NumericError(`${name} has ${other.params.length} arguments; only densities of one variable are supported`);
  }
  if (decl?.kind !== 'density') throw new NumericError(`${name} is not a declared density`);
  const { holder, inputs } = distributionOf(c, name, decl, scope);
  return { kind: 'mixture', holder, inputs };
}

/** A closure for the density (log = false) or log density (log = true) of `d` at the value in `slot`. */
function densityAt(c: Compiler, d: DistSpec, slot: number, log: boolean): Closure {
  switch (d.kind) {
    case 'mixture': {
      const { holder: h, inputs } = d;
      return log ? (env) => h.model!.logpdf(env[slot], inputs(env)) : (env) => h.model!.pdf(env[slot], inputs(env));
    }
    case 'gauss': {
      const { mean, cov } = d.hint;
      c.noteHint(slot, d.hint);
      return log ? (env) => normalLogPdf(env[slot], mean(env), cov(env)) : (env) => normalPdf(env[slot], mean(env), cov(env));
    }
    case 'formula': {
      const inner: Scope = { name: d.def.params[0], slot, next: d.scope };
      return c.expand(d.def.name, () => {
        if (!log) return c.compile(d.def.body, inner);
        const lf = compileLogOf(c, d.def.body, inner);
        if (lf) return lf;
        const f = c.compile(d.def.body, inner);
        return (env) => Math.log(f(env));
      });
    }
  }
}

/** E_{x~d}[body] where x lives in `slot`, compiled with `site` describing the body. */
function expectOver(c: Compiler, d: DistSpec, slot: number, body: Closure, site: IntegrationSite, pdf: Closure | null): Closure {
  const ctl = c.ctl;
  switch (d.kind) {
    case 'mixture': {
      const { holder: h, inputs } = d;
      const mu = new Float64Array(8), lc = new Float64Array(8), i2v = new Float64Array(8);
      let K = 0;
      const weight = (x: number) => {
        let s = 0;
        for (let k = 0; k < K; k++) {
          const dx = x - mu[k];
          s += Math.exp(lc[k] - dx * dx * i2v[k]);
        }
        return s;
      };
      return (env) => {
        const m = h.model!;
        m.prepare(inputs(env));
        K = m.K;
        for (let k = 0; k < K; k++) {
          mu[k] = m.mu[k];
          lc[k] = m.logc[k];
          i2v[k] = m.inv2v[k];
        }
        const [lo, hi] = m.currentRange();
        const r = resolution(site, env, MIN_MODEL_SD);
        return grid(env, slot, lo, hi, r, ctl.level, weight, body);
      };
    }
    case 'gauss': {
      const { mean, cov } = d.hint;
      let gm = 0, gv = 1;
      const weight = (x: number) => normalPdf(x, gm, gv);
      return (env) => {
        gm = mean(env);
        gv = cov(env);
        if (!(gv > 0) || gm - gm !== 0) return NaN;
        const s = Math.sqrt(gv);
        const r = resolution(site, env, Math.min(MIN_MODEL_SD, s));
        return grid(env, slot, gm - TAIL_SDS * s, gm + TAIL_SDS * s, r, ctl.level, weight, body);
      };
    }
    case 'formula': {
      const p = pdf!;
      const weight = (_x: number, env: Float64Array) => p(env);
      // The range is only a guess for a formula: a density whose mass on it is not 1 (heavy tails, or
      // not normalised) gives NaN — outside what can be evaluated — rather than a biased number.
      return (env) => {
        const [lo, hi] = siteRange(site, env);
        const v = grid(env, slot, lo, hi, resolution(site, env, MIN_MODEL_SD), ctl.level, weight, body);
        return Math.abs(lastMass - 1) <= MASS_TOLERANCE ? v : NaN;
      };
    }
  }
}

/** E_{x~N(m, v)}[poly(x)] by a Gauss–Hermite rule exact for the degree. */
function hermiteExpect(c: Compiler, hint: Hint, slot: number, body: Closure, degree: number): Closure {
  const base = Math.floor(degree / 2) + 1;
  const rules: [Rule, Rule] = [gaussHermite(base + levels()[0].hermiteExtra), gaussHermite(base + levels()[1].hermiteExtra)];
  const ctl = c.ctl;
  const { mean, cov } = hint;
  return (env) => {
    const m = mean(env), v = cov(env);
    if (!(v > 0)) return NaN;
    const s = Math.sqrt(v);
    const R = rules[ctl.level], T = R.nodes, W = R.weights;
    charge(T.length, 'Gauss–Hermite rule');
    let acc = 0;
    for (let i = 0; i < T.length; i++) {
      env[slot] = m + s * T[i];
      acc += W[i] * body(env);
    }
    return acc;
  };
}

/**
 * The degree of `e` as a polynomial in `v`, or -1 when it is not one (or may
 * not be: any defined name could mention `v`).
 */
function polyDegree(c: Compiler, e: Expr, v: string): number {
  const mentionsDef = (x: Expr): boolean => [...freeSymbols(x)].some((n) => c.defs.has(n));
  if (!freeSymbols(e).has(v)) return mentionsDef(e) ? -1 : 0;
  switch (e.kind) {
    case 'sym': return e.name === v ? 1 : -1;
    case 'neg': return polyDegree(c, e.arg, v);
    case 'add': {
      let d = 0;
      for (const t of e.terms) {
        const k = polyDegree(c, t, v);
        if (k < 0) return -1;
        d = Math.max(d, k);
      }
      return d;
    }
    case 'mul': {
      let d = 0;
      for (const t of e.factors) {
        const k = polyDegree(c, t, v);
        if (k < 0) return -1;
        d += k;
      }
      return d <= 40 ? d : -1;
    }
    case 'div': return polyDegree(c, e.den, v) === 0 ? polyDegree(c, e.num, v) : -1;
    case 'pow': {
      const b = polyDegree(c, e.base, v);
      if (b < 0 || e.exp.kind !== 'num' || !Number.isInteger(e.exp.value)) return -1;
      const d = b * e.exp.value;
      return d <= 40 ? d : -1;
    }
    default: return -1;
  }
}

/**
 * True when `d` is a distribution whose mass is 1 by construction (a declared
 * density's mixture model, or N(m, v)): then E[c] = c for c free of the
 * variable. Densities given by formulas, aliases and values are not: their
 * mass is checked when the quadrature runs, so nothing is lifted out of them.
 */
function normalisedDist(c: Compiler, d: Expr): boolean {
  if (d.kind === 'normal') return !d.arg;
  if (d.kind !== 'sym') return false;
  const name = c.canon(d.name);
  if (c.defs.value(name) || c.defs.all(name).length) return false;
  const decl = c.ctx.lookup(name);
  return decl?.kind === 'density' && (decl.givenArity ?? 0) === 0 && !c.defs.alias(name, decl.arity ?? 1);
}

/** True when `e` certainly does not depend on `v` (it names neither `v` nor anything defined, which could). */
function freeOf(c: Compiler, e: Expr, v: string): boolean {
  for (const n of freeSymbols(e)) if (n === v || c.defs.has(n)) return false;
  return true;
}

/** The terms of a sum, nested sums flattened. */
function termsOf(e: Expr, out: Expr[] = []): Expr[] {
  if (e.kind === 'add') for (const t of e.terms) termsOf(t, out);
  else out.push(e);
  return out;
}

/**
 * Linearity and Fubini before quadrature: in `E_{x~p}[…]` over a normalised
 * distribution, terms and factors free of x come out (E[a + f(x)] = a + E[f(x)],
 * E[a f(x)] = a E[f(x)], E[a] = a), innermost expectations first, so
 * `E_x[E_y[E_z[f(x) + g(y) + h(z)]]]` becomes three one-dimensional quadratures
 * instead of one three-dimensional grid. Returns `e` itself when nothing moves.
 */
function fubini(c: Compiler, e: Expr): Expr {
  const cs = children(e);
  let changed = false;
  const ncs = cs.map((x) => {
    const y = fubini(c, x);
    if (y !== x) changed = true;
    return y;
  });
  const r = changed ? withChildren(e, ncs) : e;
  if (r.kind !== 'expect' || !r.var || !r.dist || !normalisedDist(c, r.dist)) return r;
  const v = r.var;
  const over = (body: Expr): Expr => ({ ...r, body });
  if (r.body.kind === 'add') {
    const ts = termsOf(r.body);
    const free = ts.filter((t) => freeOf(c, t, v));
    if (!free.length) return r;
    const dep = ts.filter((t) => !free.includes(t));
    if (!dep.length) return add(...free);
    return add(over(dep.length === 1 ? dep[0] : add(...dep)), ...free);
  }
  if (r.body.kind === 'mul') {
    const fs = r.body.factors;
    const free = fs.filter((f) => freeOf(c, f, v));
    if (!free.length) return r;
    const dep = fs.filter((f) => !free.includes(f));
    if (!dep.length) return mul(...free);
    return mul(...free, over(dep.length === 1 ? dep[0] : mul(...dep)));
  }
  if (r.body.kind === 'neg') return neg(fubini(c, over(r.body.arg)));
  return freeOf(c, r.body, v) ? r.body : r;
}

/**
 * `E_{x~p}[body]` for a resolved expectation.
 *
 * @example
 *   compileExpect(c, expect('x', sym('p_{data}'), log(apply('p_{\\theta}', [sym('x')]))), null);
 */
export function compileExpect(c: Compiler, e: Expect, scope: Scope | null): Closure {
  if (!e.var || !e.dist) throw new NumericError('unresolved expectation: the variable and the distribution must be known');
  const split = fubini(c, e);
  if (split !== e) return c.compile(split, scope);
  const v = e.var;
  const d = resolveDist(c, e.dist, scope);
  const slot = c.newSlot();
  const inner: Scope = { name: v, slot, next: scope };
  return withSite(c, slot, (site) => {
    if (d.kind === 'gauss') {
      const deg = polyDegree(c, e.body, v);
      if (deg >= 0) return hermiteExpect(c, d.hint, slot, c.compile(e.body, inner), deg);
    }
    const pdf = d.kind === 'formula' ? densityAt(c, d, slot, false) : null;
    const body = c.compile(e.body, inner);
    return expectOver(c, d, slot, body, site, pdf);
  });
}

/**
 * `∫ body d var` over the real line.
 *
 * @example
 *   compileIntegral(c, integral('x', mul(apply('p', [sym('x')]), sym('x'))), null);   // the mean of p
 */
export function compileIntegral(c: Compiler, e: Integral, scope: Scope | null): Closure {
  const slot = c.newSlot();
  const inner: Scope = { name: e.var, slot, next: scope };
  const ctl = c.ctl;
  return withSite(c, slot, (site) => {
    const body = c.compile(e.body, inner);
    // no density or Gaussian to set a range: the double-exponential rule over the whole line (i11a)
    if (!site.densities.size && !site.hints.length) return (env) => deIntegral((x) => { env[slot] = x; return body(env); }, ctl.level);
    return (env) => {
      const [lo, hi] = siteRange(site, env);
      return grid(env, slot, lo, hi, resolution(site, env, MIN_MODEL_SD), ctl.level, null, body);
    };
  });
}

/**
 * `∂_var body` by an 8th-order central difference in var's slot.
 *
 * @example
 *   compileDeriv(c, deriv('\\theta', pow(sym('\\theta'), num(2))), null);   // 2θ
 */
export function compileDeriv(c: Compiler, e: Deriv, scope: Scope | null): Closure {
  const s = c.slotOf(e.var, scope);
  const body = c.compile(e.body, scope);
  const ctl = c.ctl;
  const lv = levels();
  return (env) => {
    const x0 = env[s];
    const h = lv[ctl.level].step;
    charge(8, 'finite difference');
    let acc = 0;
    for (let k = 0; k < 4; k++) {
      env[s] = x0 + (k + 1) * h;
      const fp = body(env);
      env[s] = x0 - (k + 1) * h;
      acc += FD8[k] * (fp - body(env));
    }
    env[s] = x0;
    return acc / h;
  };
}

/**
 * `KL(p ‖ q) = E_{x~p}[log p(x) − log q(x)]`, both logs in log space.
 *
 * @example
 *   compileKL(c, kl(sym('p_{data}'), sym('p_{\\theta}')), null);
 */
export function compileKL(c: Compiler, e: KL, scope: Scope | null): Closure {
  const p = resolveDist(c, e.p, scope);
  const q = resolveDist(c, e.q, scope);
  const slot = c.newSlot();
  return withSite(c, slot, (site) => {
    const pdf = p.kind === 'formula' ? densityAt(c, p, slot, false) : null;
    const lp = densityAt(c, p, slot, true);
    const lq = densityAt(c, q, slot, true);
    return expectOver(c, p, slot, (env) => lp(env) - lq(env), site, pdf);
  });
}
