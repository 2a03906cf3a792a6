/**
 * Limits: does `expr → claim` when `cond.expr → cond.target`? Checked along
 * sequences, at random instantiations.
 *
 * Strategy. The condition, with definitions unfolded, says what moves:
 *
 * - a symbol (`ε → 0`): the symbol itself runs along ε_k = t ± δ₀·2^{−k}
 *   (k = 0..40) toward a finite target t, from every side its domain allows
 *   (a positive ε → 0 from above only; a real one from both sides, and both
 *   must agree); toward ±∞ along ±2^k. δ₀ is 1, or half the distance to the
 *   edge of the domain.
 * - an application of an abstract declared function, possibly inside σ, log,
 *   sums… (`D_φ(G_θ(z)) → 0` with `D_φ(x) := σ(h_φ(x))`): the outermost such
 *   function h gets a shift of its output, h ↦ h + s_k with s_k = ±2^k
 *   (k = 0..20), applied at every call of h in `expr` and in `cond.expr` alike
 *   (so ∂_θ h, which does not see a constant shift, stays bounded). Both
 *   directions are tried and kept only where `cond.expr` — evaluated at the
 *   sample, whose free variables such as z are drawn like any other — is
 *   verified numerically to approach the target.
 * - otherwise, when the condition has exactly one free symbol (`ε² → 0`), that
 *   symbol is moved toward 0 from either side and toward ±∞, keeping the
 *   sequences along which the condition approaches the target.
 *
 * If no sequence makes the condition approach the target the outcome is
 * 'undefined' with the reason. Along each kept sequence `expr` is evaluated and
 * judged (`judgeSequence`):
 *
 * - finite claim c: agree when |expr_k − c| ≤ tol·scale at three consecutive
 *   steps, scale = max(|expr_0|, |c|) (the size of expr at the start, so a
 *   quantity that starts small is not judged against 1); disagree when the
 *   distance stops shrinking (it diverges or levels off elsewhere) or an
 *   Aitken extrapolation of the tail lands clearly away from c; otherwise
 *   (still shrinking, too slowly) unresolved. tol defaults to 1e-6 here.
 * - claim ±∞: agree when the tail (6 steps) moves monotonically toward ±∞ with
 *   increments that do not shrink geometrically (−log ε grows by log 2 per
 *   step, 1/ε² by ×4), or overflows; otherwise disagree (not monotone, or
 *   levelling off at an extrapolated finite value).
 *
 * A sequence that leaves the domain (NaN) is cut there. Before a disagreement
 * is reported the sequence is re-evaluated at accuracy level 1 and must
 * disagree again. The witness is the sample point with the moved symbol at the
 * sequence's last value, `lhs` the last value of expr, `rhs` the claim, and a
 * `trail` with the sequence's last parameters and values of expr and cond.
 *
 * @example
 *   // (θ − θ₀)²/(2ε²) → ∞ as ε → 0
 *   numericLimit(div(sq(sub(th, th0)), mul(two, sq(eps))), { expr: eps, target: 0 }, Infinity, ctx, { seed: 1 });
 *   // { status: 'agree', samples: 8, …, via: '\\epsilon = 0 + 2^{-k}' }
 */
import type { Expr } from '../../expr/types';
import { children, freeSymbols } from '../../expr/walk';
import type { Context, Domain } from '../../semantics/context';
import type { Closure, FunctionHolder } from './compile';
import { unfoldExpr } from './definitions';
import type { Program } from './instantiate';
import { DEFAULT_SAMPLES, type NumericOptions, type NumericOutcome } from './options';
import { apartFilter, sweepDims } from './sweep';
import { declLength } from './vectors';

/**
 * A limit condition: `expr → target` (target may be ±Infinity).
 *
 * @example
 *   const cond: LimitCondition = { expr: sym('\\epsilon'), target: 0 };
 */
export interface LimitCondition {
  expr: Expr;
  target: number;
}

/**
 * Options of a limit check.
 *
 * @example
 *   numericLimit(e, cond, 0, ctx, { seed: 1, steps: 30 });
 */
export interface LimitOptions extends NumericOptions {
  /** Steps per sequence (default 40 moving a symbol, 20 shifting a function). */
  steps?: number;
}

/**
 * The tail of the sequence that decided a disagreement.
 *
 * @example
 *   { via: '\\epsilon = 0 + 2^{-k}', steps: [...], expr: [...], cond: [...], why: 'does not approach 0: …' }
 */
export interface LimitTrail {
  via: string;
  steps: number[];
  expr: number[];
  cond: number[];
  why: string;
}

/**
 * The outcome of a limit check: a numeric outcome, the sequences used, and on
 * a disagreement the trail.
 *
 * @example
 *   { status: 'disagree', witness: { point: { … }, lhs: 3.1e24, rhs: 0 }, trail: { … }, via: '…', seed: 1, … }
 */
export type LimitOutcome = NumericOutcome & { via?: string; trail?: LimitTrail };

/**
 * A verdict on one sequence.
 *
 * @example
 *   { verdict: 'agree', why: 'within 1e-6 of 0 from step 12' }
 */
export interface SequenceJudgement {
  verdict: 'agree' | 'disagree' | 'unresolved';
  why: string;
}

const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));
const tailOf = (v: readonly number[]) => v.slice(-4).map(fmt).join(', ');

/** Aitken extrapolation of the last three values; null when the increments do not shrink. */
function extrapolate(v: readonly number[]): number | null {
  const n = v.length;
  if (n < 3) return null;
  const d1 = v[n - 2] - v[n - 3], d2 = v[n - 1] - v[n - 2];
  if (d1 === 0) return v[n - 1];
  const r = d2 / d1;
  return Math.abs(r) < 1 ? v[n - 1] + (d2 * r) / (1 - r) : null;
}

/**
 * Judges a sequence of values against a claimed limit (see the policy at the top).
 *
 * @example
 *   judgeSequence([1, 0.5, 0.25, 0.125, 0.0625], 0, 1e-6);   // { verdict: 'unresolved', … } (not yet within tolerance)
 *   judgeSequence([1, 4, 16, 64, 256, 1024], Infinity, 1e-6); // { verdict: 'agree', … }
 */
export function judgeSequence(xs: readonly number[], claim: number, tol: number): SequenceJudgement {
  const v: number[] = [];
  for (const x of xs) {
    if (Number.isNaN(x)) break;
    v.push(x);
    if (!Number.isFinite(x)) break;
  }
  if (v.length < 4) return { verdict: 'unresolved', why: `the sequence leaves the domain after ${v.length} step(s)` };
  return Number.isFinite(claim) ? judgeFinite(v, claim, tol) : judgeInfinite(v, Math.sign(claim));
}

function judgeFinite(v: readonly number[], c: number, tol: number): SequenceJudgement {
  const n = v.length, last = v[n - 1];
  if (!Number.isFinite(last)) return { verdict: 'disagree', why: `diverges to ${last}, not ${fmt(c)}` };
  let scale = Math.max(Math.abs(v[0]), Math.abs(c));
  if (scale === 0) scale = Math.max(...v.map(Math.abs));
  if (scale === 0) return { verdict: 'agree', why: `identically ${fmt(c)}` };
  const err = v.map((x) => Math.abs(x - c));
  const ok = (k: number) => err[k] <= tol * scale;
  for (let k = 2; k < n; k++) if (ok(k) && ok(k - 1) && ok(k - 2)) return { verdict: 'agree', why: `within ${tol}·${fmt(scale)} of ${fmt(c)} from step ${k - 2}` };
  if (!(err[n - 1] < 0.9 * err[n - 4])) return { verdict: 'disagree', why: `does not approach ${fmt(c)}: last values ${tailOf(v)}` };
  const L = extrapolate(v);
  if (L !== null && Math.abs(L - c) > 1e-3 * scale) return { verdict: 'disagree', why: `converges to about ${fmt(L)}, not ${fmt(c)}` };
  return { verdict: 'unresolved', why: `approaches ${fmt(c)} too slowly to confirm: last values ${tailOf(v)}` };
}

function judgeInfinite(v: readonly number[], sgn: number): SequenceJudgement {
  const target = sgn > 0 ? '∞' : '−∞';
  const y = v.map((x) => sgn * x);
  const n = y.length, T = Math.min(6, n - 1);
  for (let k = n - T; k < n; k++) {
    if (!(y[k] > y[k - 1])) return { verdict: 'disagree', why: `does not tend to ${target}: not monotone in the tail (${tailOf(v)})` };
  }
  if (y[n - 1] === Infinity) return { verdict: 'agree', why: `grows monotonically and overflows to ${target}` };
  const d = y.slice(n - T - 1).map((x, i, a) => (i ? x - a[i - 1] : NaN)).slice(1);
  let minRatio = Infinity;
  for (let i = Math.max(1, d.length - 3); i < d.length; i++) minRatio = Math.min(minRatio, d[i] / d[i - 1]);
  if (minRatio >= 0.99) return { verdict: 'agree', why: `grows monotonically without levelling off (last values ${tailOf(v)})` };
  const L = extrapolate(y);
  return { verdict: 'disagree', why: `does not tend to ${target}: levels off${L !== null ? ` at about ${fmt(sgn * L)}` : ''} (last values ${tailOf(v)})` };
}

/** A way of moving toward the limit: a parameter sequence and how to apply it. */
interface Path {
  label: string;
  params: number[];
  set(p: number): void;
  reset(): void;
}

function symbolPath(prog: Program, slot: number, label: string, params: number[]): Path {
  let saved = NaN, active = false;
  return {
    label,
    params,
    set(p) {
      if (!active) { saved = prog.env[slot]; active = true; }
      prog.env[slot] = p;
    },
    reset() {
      if (active) { prog.env[slot] = saved; active = false; }
    },
  };
}

function shiftPath(holder: FunctionHolder, label: string, params: number[]): Path {
  return { label, params, set(p) { holder.model!.offset = p; }, reset() { holder.model!.offset = 0; } };
}

/** The open interval a domain spans. */
function bounds(domain: Domain | undefined): [number, number] {
  switch (domain) {
    case 'positive': case 'nonnegative': return [0, Infinity];
    case 'unit': return [0, 1];
    default: return [-Infinity, Infinity];
  }
}

/** Sequences moving symbol `name` toward `target` from every side its domain allows. */
function symbolPaths(prog: Program, name: string, slot: number, target: number, steps: number): Path[] {
  const [lo, hi] = bounds(prog.domainOf(name));
  const ks = Array.from({ length: steps + 1 }, (_, k) => k);
  if (!Number.isFinite(target)) {
    if ((target > 0 && hi !== Infinity) || (target < 0 && lo !== -Infinity)) return [];
    const s = Math.sign(target);
    return [symbolPath(prog, slot, `${name} = ${s > 0 ? '' : '−'}2^{k}`, ks.map((k) => s * 2 ** k))];
  }
  const out: Path[] = [];
  if (lo <= target && target < hi) {
    const d0 = Math.min(1, (hi - target) / 2);
    out.push(symbolPath(prog, slot, `${name} = ${fmt(target)} + ${fmt(d0)}·2^{-k}`, ks.map((k) => target + d0 * 2 ** -k)));
  }
  if (lo < target && target <= hi) {
    const d0 = Math.min(1, (target - lo) / 2);
    out.push(symbolPath(prog, slot, `${name} = ${fmt(target)} − ${fmt(d0)}·2^{-k}`, ks.map((k) => target - d0 * 2 ** -k)));
  }
  return out;
}

/** The outermost application of an abstract declared (scalar) function in `e`, breadth first. */
function outermostAbstract(prog: Program, e: Expr): string | null {
  const c = prog.compiler;
  const queue: Expr[] = [e];
  while (queue.length) {
    const x = queue.shift()!;
    if (x.kind === 'apply' && !x.primes) {
      const name = c.canon(x.fn);
      const decl = c.ctx.lookup(name);
      if (decl?.kind === 'function' && declLength(decl, c.dim) === 0 && !c.defs.match(name, x.args.length)) return name;
    }
    queue.push(...children(x));
  }
  return null;
}

/** The candidate sequences for a condition, or the reason there are none. */
function candidatePaths(prog: Program, cond: LimitCondition, steps: LimitOptions['steps']): Path[] | string {
  const c = prog.compiler;
  const u = unfoldExpr(c.defs, cond.expr);
  const ks = (n: number) => Array.from({ length: n + 1 }, (_, k) => k);
  if (u.kind === 'sym') {
    const slot = c.globals.get(c.canon(u.name));
    if (slot === undefined) return `${u.name} is not a free variable that can move`;
    const ps = symbolPaths(prog, c.canon(u.name), slot, cond.target, steps ?? 40);
    return ps.length ? ps : `${u.name} cannot approach ${cond.target} within its domain`;
  }
  const fn = outermostAbstract(prog, u);
  if (fn) {
    const h = c.functions.get(fn);
    if (!h) return `${fn} is not evaluated by the condition`;
    const n = steps ?? 20;
    return [-1, 1].map((s) => shiftPath(h, `${fn} shifted by ${s < 0 ? '−' : '+'}2^{k}`, ks(n).map((k) => s * 2 ** k)));
  }
  const free = [...freeSymbols(u)].map((n) => c.canon(n)).filter((n) => c.globals.has(n));
  if (free.length !== 1) {
    return free.length ? `cannot tell which of ${free.join(', ')} moves` : 'the condition has nothing that can move';
  }
  const name = free[0], slot = c.globals.get(name)!;
  return [0, Infinity, -Infinity].flatMap((t) => symbolPaths(prog, name, slot, t, steps ?? 40));
}

/** Values of `f` along `path` at `level`; stops at a non-finite value, or when `stop` says the sequence has settled. */
function along(prog: Program, path: Path, f: Closure, level: 0 | 1, stop?: (xs: number[]) => boolean): number[] {
  prog.level = level;
  const xs: number[] = [];
  try {
    for (const p of path.params) {
      path.set(p);
      const v = f(prog.env);
      xs.push(v);
      if (!Number.isFinite(v) || (stop && stop(xs))) break;
    }
  } finally {
    path.reset();
    prog.level = 0;
  }
  return xs;
}

/**
 * Checks `expr → claim` as `cond.expr → cond.target` (see the strategy at the top).
 *
 * @example
 *   // E_z[−σ(h_φ(G_θ(z))) ∂_θ h_φ(G_θ(z))] → 0 as σ(h_φ(G_θ(z))) → 0
 *   numericLimit(grad, { expr: sigma(hG()), target: 0 }, 0, ctx, { seed: 1 });   // { status: 'agree', via: 'h_{\\phi} shifted by −2^{k}', … }
 */
export function numericLimit(expr: Expr, cond: LimitCondition, claim: number, ctx: Context, opts: LimitOptions): LimitOutcome {
  if (Number.isNaN(claim) || Number.isNaN(cond.target)) return { status: 'undefined', reason: 'the claimed limit or the target is not a number', seed: opts.seed };
  return sweepDims(ctx, opts, (prog) => limitIn(prog, expr, cond, claim, opts));
}

function limitIn(prog: Program, expr: Expr, cond: LimitCondition, claim: number, opts: LimitOptions): LimitOutcome {
  const seed = opts.seed;
  const tol = opts.tolerance ?? 1e-6;
  const fc = prog.compile(cond.expr);
  const fe = prog.compile(expr);
  const accept = apartFilter(prog, opts);
  const paths = candidatePaths(prog, cond, opts.steps);
  if (typeof paths === 'string') return { status: 'undefined', reason: paths, seed };
  const want = opts.samples ?? DEFAULT_SAMPLES;
  const maxTries = Math.max(4 * want, want + 8);
  const used = new Set<string>();
  let usable = 0, maxDiff = 0, firstSkip = '';
  const settled = (xs: number[]) => {
    if (!Number.isFinite(claim) || xs.length < 3) return false;
    const scale = Math.max(Math.abs(xs[0]), Math.abs(claim));
    return xs.slice(-3).every((x) => Math.abs(x - claim) <= tol * scale);
  };
  for (let s = 0; usable < want && s < maxTries; s++) {
    prog.bind(seed, s);
    if (accept && !accept()) continue;
    const live = paths.filter((p) => judgeSequence(along(prog, p, fc, 0), cond.target, tol).verdict === 'agree');
    if (!live.length) {
      firstSkip ||= `the condition does not approach ${cond.target} along ${paths.map((p) => p.label).join(' or ')} at ${JSON.stringify(prog.point())}`;
      continue;
    }
    let skip = '';
    for (const p of live) {
      const xs = along(prog, p, fe, 0, settled);
      const j = judgeSequence(xs, claim, tol);
      if (j.verdict === 'unresolved') { skip ||= j.why; continue; }
      if (j.verdict === 'agree') {
        used.add(p.label);
        if (Number.isFinite(claim)) maxDiff = Math.max(maxDiff, Math.abs(xs[xs.length - 1] - claim) / Math.max(Math.abs(xs[0]), Math.abs(claim), 1e-300));
        continue;
      }
      const xs1 = along(prog, p, fe, 1, settled);
      const j1 = judgeSequence(xs1, claim, tol);
      if (j1.verdict !== 'disagree') { skip ||= `a disagreement at level 0 is not confirmed at level 1 (${j.why})`; continue; }
      const cs = along(prog, p, fc, 1).slice(0, xs1.length);
      const n = xs1.length;
      p.set(p.params[n - 1]);
      const point = prog.point();
      p.reset();
      const trail: LimitTrail = { via: p.label, steps: p.params.slice(Math.max(0, n - 5), n), expr: xs1.slice(-5), cond: cs.slice(-5), why: j1.why };
      const off = Number.isFinite(claim) && Number.isFinite(xs1[n - 1]) ? Math.abs(xs1[n - 1] - claim) / Math.max(Math.abs(xs1[0]), Math.abs(claim), 1e-300) : 1;
      return { status: 'disagree', witness: { point, lhs: xs1[n - 1], rhs: claim }, seed, maxDiff: Math.max(maxDiff, off), samples: usable + 1, via: p.label, trail };
    }
    if (skip) {
      firstSkip ||= `${skip} at ${JSON.stringify(prog.point())}`;
      continue;
    }
    usable++;
  }
  if (!usable) return { status: 'undefined', reason: `no usable sample in ${maxTries}: ${firstSkip || 'values known to differ are too close'}`, seed };
  return { status: 'agree', samples: usable, maxDiff, seed, via: [...used].join('; ') };
}
