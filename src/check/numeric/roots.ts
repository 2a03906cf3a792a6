/**
 * Equations in an unknown: `a ⟺ b` (the same solutions in the unknown's
 * domain) and `a ⟹ b` (every solution of a solves b), at random
 * instantiations of everything else.
 *
 * Strategy: per sample, the roots of lhs − rhs of each equation are found on
 * a grid in a chart of the unknown's domain, then refined:
 *
 *   domain                 chart u(w)   grid in w          reaches
 *   'unit'        (0, 1)   σ(w)         [−50, 36]          2e-22 .. 1 − 2e-16   1440 points
 *   'positive'    (0, ∞)   e^w          [−35, 35]          6e-16 .. 1.6e15      1400 points
 *   otherwise     R        sinh(w)      ±asinh(1e15)       −1e15 .. 1e15        2400 points, step ≈ 0.03 near 0
 *
 * (a log-scaled grid: roots at 10^5 or 10^{−20} are found, and no grid point
 * leaves an open domain). After the ordinary samples, COINCIDENCE_SAMPLES more
 * set some symbols equal to others (θ = θ₀), where an equation can become an
 * identity. A sign change between neighbours is refined by
 * bisection in w to the last bit; a strict local minimum of |lhs − rhs| without
 * a sign change (a double root, (t − 1)² = 0) by golden-section search. A
 * candidate is a root only if the residual there is small — relative to the
 * *magnitude* of the sides (the same expression with every sum term, factor
 * and quotient taken in absolute value, so "expr = 0" forms are not judged
 * against their own rounding noise), or many orders below the residual at the
 * bracket's ends — which rejects poles and jumps where the sign also changes.
 * An equation whose residual is within tolerance of 0 at every point where it
 * is defined holds identically: its root set is 'all'.
 *
 * "a ⟹ b" holds at a sample when, at every root r of a, b holds: its residual
 * is within tolerance at r, or it changes sign within 1e-7 (in w) of r. If a
 * holds identically, b must too. "⟺" is both directions. A failure is
 * re-checked at accuracy level 1 before it is reported; the witness is the
 * sample point with the unknown at the offending root, `lhs` and `rhs` the
 * residuals of a and b there, and `roots` both root sets.
 *
 * @example
 *   // p_θ/(1 − t) = p_data/t  ⟺  t = p_data/(p_θ + p_data),  t ∈ (0, 1)
 *   numericEquivalent(eqA, eqB, 't', 'unit', ctx, { seed: 1 }, 'iff');   // { status: 'agree', … }
 */
import { add, div, mul, norm } from '../../expr/build';
import type { Eq, Expr } from '../../expr/types';
import type { Context, Domain } from '../../semantics/context';
import type { Closure } from './compile';
import type { Program } from './instantiate';
import { DEFAULT_SAMPLES, DEFAULT_TOLERANCE, type NumericOptions, type NumericOutcome } from './options';
import { sigmoid } from './stablemath';
import { apartFilter, sweepDims } from './sweep';

/**
 * The solutions of an equation in the unknown at one instantiation: the roots, or 'all' when it holds identically.
 *
 * @example
 *   const r: RootSet = [-1, 1];   // x² = 1
 */
export type RootSet = number[] | 'all';

/**
 * The outcome of an equivalence check: on a disagreement, the root sets of both equations.
 *
 * @example
 *   { status: 'disagree', witness: { point: { t: 0.62, … }, lhs: 0, rhs: 0.24 }, roots: { a: [0.62], b: [0.38] }, … }
 */
export type EquivalenceOutcome = NumericOutcome & { roots?: { a: RootSet; b: RootSet } };

/** A chart of a domain: the unknown as a function of a grid variable w on [lo, hi]. */
interface Chart {
  u: (w: number) => number;
  lo: number;
  hi: number;
  /** Grid points. */
  n: number;
}

function chartOf(domain: Domain | undefined): Chart {
  switch (domain) {
    // σ(−50) ≈ 2e-22; above w = 36, σ(w) rounds to 1, outside the open interval
    case 'unit': return { u: sigmoid, lo: -50, hi: 36, n: 1440 };
    case 'positive': case 'nonnegative': return { u: Math.exp, lo: -35, hi: 35, n: 1400 };
    default: return { u: Math.sinh, lo: -Math.asinh(1e15), hi: Math.asinh(1e15), n: 2400 };
  }
}

/** The magnitude of an expression: sums, products and quotients with every part in absolute value. */
function magnitude(e: Expr): Expr {
  switch (e.kind) {
    case 'num': return e;
    case 'neg': return magnitude(e.arg);
    case 'add': return add(...e.terms.map(magnitude));
    case 'mul': return e.factors.some((f) => f.kind === 'transpose') ? norm(e) : mul(...e.factors.map(magnitude));
    case 'div': return div(magnitude(e.num), norm(e.den));
    default: return norm(e);
  }
}

/** One equation compiled: its residual lhs − rhs and the magnitude of its sides, at the unknown's value u. */
interface Equation {
  /** The unknown's slot (−1 when neither equation mentions it). */
  slot: number;
  /** The residual at u (and u stays set). */
  f(u: number): number;
  /** The residual and the magnitude at u. */
  at(u: number): { f: number; m: number };
}

function compileEquation(prog: Program, e: Eq): Equation {
  const l = prog.compile(e.lhs), r = prog.compile(e.rhs);
  const ml: Closure = prog.compile(magnitude(e.lhs)), mr: Closure = prog.compile(magnitude(e.rhs));
  return {
    slot: -1,
    f(u) {
      const env = prog.env;
      if (this.slot >= 0) env[this.slot] = u;
      return l(env) - r(env);
    },
    at(u) {
      const f = this.f(u), env = prog.env;
      return { f, m: Math.max(ml(env), mr(env)) };
    },
  };
}

/** A root found: the unknown's value and its grid coordinate. */
interface Root {
  u: number;
  w: number;
}

/** Whether a residual counts as zero. */
function small(f: number, m: number, tol: number): boolean {
  return f === 0 || Math.abs(f) <= tol * m;
}

/** Bisection in w between a sign change; returns the midpoint where the interval collapses. */
function bisect(eq: Equation, ch: Chart, a: number, b: number, fa: number): number {
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    const fm = eq.f(ch.u(m));
    if (fm === 0) return m;
    if (fm > 0 === fa > 0) { a = m; fa = fm; } else b = m;
  }
  return (a + b) / 2;
}

/** Golden-section minimisation of |f| on [a, b] in w. */
function goldenMin(eq: Equation, ch: Chart, a: number, b: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = Math.abs(eq.f(ch.u(c))), fd = Math.abs(eq.f(ch.u(d)));
  for (let i = 0; i < 100 && b - a > 1e-15 * Math.max(1, Math.abs(a)); i++) {
    if (fc <= fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = Math.abs(eq.f(ch.u(c))); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = Math.abs(eq.f(ch.u(d))); }
  }
  return (a + b) / 2;
}

/**
 * The roots of one equation in a chart, 'all' when it holds identically, or
 * null when it is defined at fewer than 10 grid points.
 */
function findRoots(eq: Equation, ch: Chart, tol: number): Root[] | 'all' | null {
  const GRID = ch.n;
  const W = new Float64Array(GRID), F = new Float64Array(GRID);
  let finite = 0;
  for (let i = 0; i < GRID; i++) {
    const w = (W[i] = ch.lo + ((ch.hi - ch.lo) * i) / (GRID - 1));
    const f = (F[i] = eq.f(ch.u(w)));
    if (f - f === 0) finite++;
  }
  if (finite < 10) return null;
  // identically true? every 16th point first (cheap rejection), then all
  const holdsAt = (i: number) => {
    if (F[i] - F[i] !== 0) return true;
    const { f, m } = eq.at(ch.u(W[i]));
    return small(f, m, tol);
  };
  let identity = true;
  for (let i = 0; i < GRID && identity; i += 16) identity = holdsAt(i);
  for (let i = 0; i < GRID && identity; i++) identity = holdsAt(i);
  if (identity) return 'all';
  const found: number[] = [];
  const accept = (w: number, ref: number) => {
    const { f, m } = eq.at(ch.u(w));
    if (f - f === 0 && (small(f, m, tol) || Math.abs(f) <= 1e-9 * ref)) found.push(w);
  };
  for (let i = 0; i < GRID; i++) {
    const f = F[i];
    if (f - f !== 0) continue;
    if (f === 0) { found.push(W[i]); continue; }
    const g = F[i + 1];
    if (i + 1 < GRID && g - g === 0 && g !== 0 && f > 0 !== g > 0) accept(bisect(eq, ch, W[i], W[i + 1], f), Math.min(Math.abs(f), Math.abs(g)));
    const p = F[i - 1];
    if (i > 0 && i + 1 < GRID && p - p === 0 && g - g === 0 && p > 0 === f > 0 && g > 0 === f > 0 && Math.abs(f) < Math.abs(p) && Math.abs(f) < Math.abs(g)) {
      accept(goldenMin(eq, ch, W[i - 1], W[i + 1]), Math.max(Math.abs(p), Math.abs(g)));
    }
  }
  found.sort((x, y) => x - y);
  const out: Root[] = [];
  for (const w of found) if (!out.length || w - out[out.length - 1].w > 1e-9 * Math.max(1, Math.abs(w))) out.push({ w, u: ch.u(w) });
  return out;
}

/** Whether equation `eq` holds at (or within 1e-7 in w of) grid coordinate w. */
function holdsNear(eq: Equation, ch: Chart, w: number, tol: number): boolean {
  const { f, m } = eq.at(ch.u(w));
  if (f - f !== 0) return false;
  if (small(f, m, tol)) return true;
  const d = 1e-7 * Math.max(1, Math.abs(w));
  const f1 = eq.f(ch.u(w - d)), f2 = eq.f(ch.u(w + d));
  return f1 - f1 === 0 && f2 - f2 === 0 && (f1 > 0 !== f2 > 0 || f1 === 0 || f2 === 0);
}

/** The first place where "a ⟹ b" fails at the current sample (a grid coordinate), or null. */
function failure(a: Equation, ra: Root[] | 'all', b: Equation, rb: Root[] | 'all', ch: Chart, tol: number): number | null {
  if (rb === 'all') return null;
  const GRID = ch.n;
  if (ra === 'all') {
    for (let i = 0; i < GRID; i++) {
      const w = ch.lo + ((ch.hi - ch.lo) * i) / (GRID - 1);
      const f = a.f(ch.u(w));
      if (f - f === 0 && !holdsNear(b, ch, w, tol)) return w;
    }
    return null;
  }
  for (const r of ra) if (!holdsNear(b, ch, r.w, tol)) return r.w;
  return null;
}

/** Samples with some symbols set equal to others (θ = θ₀), after the ordinary ones. */
const COINCIDENCE_SAMPLES = 4;

const asSet = (r: Root[] | 'all'): RootSet => (r === 'all' ? 'all' : r.map((x) => x.u));

/**
 * Checks that equations `a` and `b` have the same solutions in `unknown`
 * (direction 'iff'), or that every solution of a solves b ('implies'), on the
 * unknown's domain (`domain`, else its declaration's, else the real line).
 *
 * @example
 *   // e^{−h} = p_θ/p_data  ⟺  h = −log(p_θ/p_data)
 *   numericEquivalent(eq(exp(neg(h)), div(pt(), pd())), eq(h, neg(log(div(pt(), pd())))), 'h', undefined, ctx, { seed: 2 }, 'iff');
 */
export function numericEquivalent(a: Eq, b: Eq, unknown: string, domain: Domain | undefined, ctx: Context, opts: NumericOptions, direction: 'iff' | 'implies' = 'iff'): EquivalenceOutcome {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  return sweepDims(ctx, opts, (prog) => {
    const name = ctx.resolveAlias(unknown);
    const ea = compileEquation(prog, a), eb = compileEquation(prog, b);
    const slot = prog.globalSlot(name) ?? -1;
    ea.slot = eb.slot = slot;
    const accept = apartFilter(prog, opts);
    const ch = chartOf(domain ?? prog.domainOf(name));
    const check = (): { w: number; ra: Root[] | 'all'; rb: Root[] | 'all' } | 'skip' | null => {
      const ra = findRoots(ea, ch, tol), rb = findRoots(eb, ch, tol);
      if (!ra || !rb) return 'skip';
      const w = failure(ea, ra, eb, rb, ch, tol) ?? (direction === 'iff' ? failure(eb, rb, ea, ra, ch, tol) : null);
      return w === null ? null : { w, ra, rb };
    };
    const want = opts.samples ?? DEFAULT_SAMPLES, maxTries = Math.max(4 * want, want + 8);
    let usable = 0, skipped = '';
    // a failure confirmed at the finer level: the witness at the root where the solution sets differ
    const disagreement = (r1: { w: number; ra: Root[] | 'all'; rb: Root[] | 'all' }): EquivalenceOutcome => {
      const u = ch.u(r1.w);
      const fa = ea.f(u), fb = eb.f(u);
      prog.level = 0;
      const point = { ...prog.point() };
      if (slot >= 0) point[name] = u;
      return { status: 'disagree', witness: { point, lhs: fa, rhs: fb }, roots: { a: asSet(r1.ra), b: asSet(r1.rb) }, seed: opts.seed, maxDiff: 1, samples: usable + 1 };
    };
    for (let s = 0; usable < want && s < maxTries; s++) {
      prog.bind(opts.seed, s);
      if (accept && !accept()) continue;
      const r0 = check();
      if (r0 === 'skip') { skipped ||= `an equation is undefined on the domain at ${JSON.stringify(prog.point())}`; continue; }
      if (r0) {
        prog.level = 1;
        const r1 = check();
        if (r1 && r1 !== 'skip') {
          return disagreement(r1);
        }
        prog.level = 0;
        if (!r1) { usable++; continue; }
        skipped ||= 'an equation is undefined on the domain at the finer level';
        continue;
      }
      usable++;
    }
    if (!usable) return { status: 'undefined', reason: `no usable sample in ${maxTries}: ${skipped || 'values known to differ are too close'}`, seed: opts.seed };
    // coincidence samples (θ = θ₀ and the like): a skip there is no failure
    for (let s = 0; s < COINCIDENCE_SAMPLES; s++) {
      prog.bind(opts.seed, maxTries + s, 'coincide');
      if (accept && !accept()) continue;
      const r0 = check();
      if (!r0 || r0 === 'skip') continue;
      prog.level = 1;
      const r1 = check();
      if (r1 && r1 !== 'skip') {
        return disagreement(r1);
      }
      prog.level = 0;
    }
    return { status: 'agree', samples: usable, maxDiff: 0, seed: opts.seed };
  });
}
