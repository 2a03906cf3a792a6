/**
 * The numeric relation tests the checker calls: equality, equality up to a
 * term free of a parameter, and single evaluation; and the sampling loop the
 * other tests (`roots.ts`, `limits.ts`, `inequality.ts`) share.
 *
 * Strategy: compile both sides once into one program, then for sample
 * 0, 1, 2, … instantiate every symbol at random and compare, until `samples`
 * usable samples are found (at most 4× as many tried), then EDGE_SAMPLES more
 * (log-scaled values and domain edges where the sides are elementary,
 * coincidences θ = θ₀ everywhere). Sides that are elementary (`precise.ts`)
 * are decided in high precision at every sample: a difference float64 cannot
 * see (x + 10^{-9}x against x, e^{20} + 1 against e^{20}) is found, and one
 * side NaN (log of a negative) where the other has a value is a disagreement.
 * Otherwise a sample where both sides are NaN or ±Infinity is outside the
 * domain and skipped; where only one side is, at both accuracy levels, the
 * outcome cannot be agreement and is 'undefined' (a float NaN may be the
 * engine's own: a density that does not integrate to 1). A sample where
 * values known to differ (`opts.apart`) come too close is skipped. When anything
 * depends on the dimension of the vectors, the whole test runs in every
 * dimension of `opts.dims` (default 1, 2, 3 and 4; `sweep.ts`). Two vector-valued
 * sides are compared component by component.
 *
 * Tolerance policy: a and b agree when
 *     |a − b| ≤ tol · max(1, |a|, |b|)
 * — relative for values above 1, absolute (tol) below, so that quantities
 * that should be 0 (a derivative at a minimum, KL(p‖p)) are not judged
 * relatively to their own rounding noise. `maxDiff` is the largest
 * |a − b| / max(1, |a|, |b|) over the samples, directly comparable to `tol`.
 * The evaluation error is far below the default tol = 1e-7: quadratures are
 * within ~1e-13 and finite differences ~1e-12 on the random models.
 *
 * Before calling a sample a disagreement it is re-evaluated at level 1 (finer
 * panels, more nodes, half the difference step). If the finer values agree,
 * the sample agrees. It disagrees only when the finer difference also exceeds
 * the tolerance *and* four times the change between the two levels (the
 * estimate of the numerical error); otherwise it is unresolved and skipped.
 * Rounding-prone forms (log of densities, log σ, log(1 − σ), log(1 − x)) are
 * evaluated in log space by the compiler, so float cancellation there cannot
 * produce a refutation either.
 *
 * @example
 *   numericEqual(log(mul(sym('a'), sym('b'))), add(log(sym('a')), log(sym('b'))), ctx, { seed: 1 });
 *   // { status: 'agree', samples: 8, maxDiff: ~1e-16, seed: 1 } when a, b are declared positive
 */
import type { Expr } from '../../expr/types';
import type { Context } from '../../semantics/context';
import { DEFAULT_SAMPLES, DEFAULT_TOLERANCE, type NumericOptions, type NumericOutcome, type NumericSample } from './options';
import { Program } from './instantiate';
import { isFiniteNum } from './stablemath';
import { apartFilter, sweepDims } from './sweep';
import { compileVector, shapeOf } from './vectors';
import { NumericError } from './error';
import { preciseComparator, type PreciseComparison } from './precise';

export type { NumericOptions, NumericSample, NumericOutcome } from './options';
export { DEFAULT_TOLERANCE, DEFAULT_SAMPLES, DEFAULT_DIMS } from './options';

/**
 * |a − b| / max(1, |a|, |b|): the difference the tolerance applies to.
 *
 * @example
 *   scaledDiff(100, 100.00001);   // 1e-7
 */
export function scaledDiff(a: number, b: number, scale = Math.max(1, Math.abs(a), Math.abs(b))): number {
  return Math.abs(a - b) / scale;
}

/**
 * A pair of values to compare at one accuracy level, with the scale of the quantities they came from.
 *
 * @example
 *   const p: Pair = { a: 1, b: 1 + 1e-12, scale: 1 };
 */
export interface Pair {
  a: number;
  b: number;
  scale: number;
}

/**
 * The verdict on one sample.
 *
 * @example
 *   { kind: 'skip', why: 'a side is not finite (outside the domain)' }
 */
export type Judgement =
  | { kind: 'agree'; diff: number }
  | { kind: 'skip'; why: string; oneSided?: boolean }
  | { kind: 'disagree'; pair: Pair; diff: number };

const ONE_SIDED = 'only one side has a value';

/**
 * Compares one sample, re-evaluating at level 1 before concluding a
 * disagreement (see the policy at the top of this file).
 *
 * @example
 *   judgeSample((level) => ({ a: 1, b: level ? 1 + 1e-12 : 1.1, scale: 1 }), 1e-7);   // { kind: 'agree', … }
 */
export function judgeSample(evalAt: (level: 0 | 1) => Pair, tol: number, oneSided = false): Judgement {
  const p0 = evalAt(0);
  if (!isFiniteNum(p0.a) || !isFiniteNum(p0.b) || !isFiniteNum(p0.scale)) {
    if (!oneSided || isFiniteNum(p0.a) === isFiniteNum(p0.b)) return { kind: 'skip', why: 'a side is not finite (outside the domain)' };
    const p1 = evalAt(1);
    if (isFiniteNum(p1.a) !== isFiniteNum(p1.b)) return { kind: 'skip', why: ONE_SIDED, oneSided: true };
    return { kind: 'skip', why: 'a side is not finite (outside the domain)' };
  }
  const d0 = scaledDiff(p0.a, p0.b, p0.scale);
  if (d0 <= tol) return { kind: 'agree', diff: d0 };
  const p1 = evalAt(1);
  if (!isFiniteNum(p1.a) || !isFiniteNum(p1.b) || !isFiniteNum(p1.scale)) return { kind: 'skip', why: 'a side is not finite at the finer accuracy level' };
  const d1 = scaledDiff(p1.a, p1.b, p1.scale);
  if (d1 <= tol) return { kind: 'agree', diff: d1 };
  const err = Math.abs(p0.a - p1.a) + Math.abs(p0.b - p1.b);
  if (Math.abs(p1.a - p1.b) <= tol * p1.scale + 4 * err) {
    return { kind: 'skip', why: `numerically unresolved (difference ${Math.abs(p1.a - p1.b)} vs estimated error ${err})` };
  }
  return { kind: 'disagree', pair: p1, diff: d1 };
}

/**
 * The loop every sampling test shares: sample until `opts.samples` usable
 * samples (at most 4× as many tried), skipping samples `accept` rejects and
 * samples with a 'skip' judgement, and stop at the first confirmed disagreement.
 *
 * @example
 *   runSamples(prog, opts, null, () => [{ j: { kind: 'agree', diff: 0 }, witness: () => ({ point: {}, lhs: 0, rhs: 0 }) }]);
 */
export function runSamples(
  prog: Program,
  opts: NumericOptions,
  accept: (() => boolean) | null,
  sampleOnce: (s: number) => { j: Judgement; witness: () => NumericSample }[],
  edgeSamples = EDGE_SAMPLES,
  edgeMode: 'edge' | 'coincide' = 'coincide',
): NumericOutcome {
  const seed = opts.seed;
  const want = opts.samples ?? DEFAULT_SAMPLES;
  const maxTries = Math.max(4 * want, want + 8);
  let usable = 0, edges = 0, maxDiff = 0, firstSkip = '', oneSided = '';
  const one = (s: number, edge: boolean): NumericOutcome | 'skip' | 'ok' => {
    prog.bind(seed, s, edge ? edgeMode : 'regular');
    if (accept && !accept()) {
      if (!firstSkip && !edge) firstSkip = `values known to differ are too close at ${JSON.stringify(prog.point())}`;
      return 'skip';
    }
    const results = sampleOnce(s);
    const skip = results.find((r) => r.j.kind === 'skip');
    const bad = results.find((r) => r.j.kind === 'disagree');
    if (bad && bad.j.kind === 'disagree') {
      maxDiff = Math.max(maxDiff, bad.j.diff);
      return { status: 'disagree', witness: bad.witness(), seed, maxDiff, samples: usable + 1 };
    }
    if (skip && skip.j.kind === 'skip') {
      if (!firstSkip && !edge) firstSkip = `${skip.j.why} at ${JSON.stringify(prog.point())}`;
      if (skip.j.oneSided && !oneSided) oneSided = `${skip.j.why} at ${JSON.stringify(prog.point())}`;
      return 'skip';
    }
    for (const r of results) if (r.j.kind === 'agree') maxDiff = Math.max(maxDiff, r.j.diff);
    if (edge) edges++;
    else usable++;
    return 'ok';
  };
  for (let s = 0; usable < want && s < maxTries; s++) {
    const r = one(s, false);
    if (typeof r !== 'string') return r;
  }
  if (usable === 0) return { status: 'undefined', reason: `no usable sample in ${maxTries}: ${firstSkip}`, seed };
  // edge samples: log-scaled magnitudes, domain edges, coincidences; a skip there is no failure
  for (let s = 0; s < edgeSamples; s++) {
    const r = one(maxTries + s, true);
    if (typeof r !== 'string') return r;
  }
  // a side with no value where the other has one is no agreement (a float NaN may be the engine's, so no refutation either)
  if (oneSided) return { status: 'undefined', reason: oneSided, seed };
  return { status: 'agree', samples: usable, maxDiff, seed, ...(edges ? { edgeSamples: edges } : {}) };
}

/**
 * Edge samples run after the ordinary ones by every sampling test: where both
 * sides are elementary (decided in high precision, `precise.ts`) values on a
 * log scale and near domain edges (`sampleEdge` in `models.ts`), elsewhere
 * ordinary values; in both, some symbols set equal to others (θ = θ₀).
 *
 * @example
 *   runSamples(prog, opts, null, sampleOnce, EDGE_SAMPLES);
 */
export const EDGE_SAMPLES = 8;

/** Both sides compiled: numbers (len 1) or vectors of one length, evaluated into owned buffers. */
function compileSides(prog: Program, lhs: Expr, rhs: Expr): { len: number; at: (level: 0 | 1) => { l: Float64Array; r: Float64Array; scale: number } } {
  const c = prog.compiler;
  const ln = shapeOf(c, lhs, null), rn = shapeOf(c, rhs, null);
  if (ln !== rn) {
    const what = (n: number) => (n ? `a vector of length ${n}` : 'a number');
    throw new NumericError(`one side is ${what(ln)} and the other ${what(rn)}`);
  }
  const len = Math.max(1, ln);
  const l = new Float64Array(len), r = new Float64Array(len);
  let fill: (env: Float64Array) => void;
  if (ln === 0) {
    const fl = prog.compile(lhs), fr = prog.compile(rhs);
    fill = (env) => { l[0] = fl(env); r[0] = fr(env); };
  } else {
    const vl = compileVector(c, lhs, null), vr = compileVector(c, rhs, null);
    fill = (env) => { l.set(vl(env)); r.set(vr(env)); };
  }
  return {
    len,
    at(level) {
      prog.level = level;
      fill(prog.env);
      prog.level = 0;
      let scale = 1;
      for (let i = 0; i < len; i++) scale = Math.max(scale, Math.abs(l[i]), Math.abs(r[i]));
      return { l: l.slice(), r: r.slice(), scale };
    },
  };
}

/**
 * Tests `lhs = rhs` at random instantiations; both sides numbers, or both
 * vectors (compared component by component; a witness then names the
 * `component`, 1-based). Runs in several dimensions when vectors occur.
 *
 * @example
 *   numericEqual(deriv('\\theta', pow(sym('\\theta'), num(2))), mul(num(2), sym('\\theta')), ctx, { seed: 7 });
 *   // { status: 'agree', samples: 8, … }
 */
export function numericEqual(lhs: Expr, rhs: Expr, ctx: Context, opts: NumericOptions): NumericOutcome {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  return sweepDims(ctx, opts, (prog) => {
    const sides = compileSides(prog, lhs, rhs);
    const vector = shapeOf(prog.compiler, lhs, null) > 0;
    const accept = apartFilter(prog, opts);
    const precise = vector ? null : preciseComparator(lhs, rhs, prog);
    return runSamples(prog, opts, accept, () => {
      if (precise) return [judgePrecise(precise, prog, opts.tolerance)];
      const cache: [ReturnType<typeof sides.at> | null, ReturnType<typeof sides.at> | null] = [null, null];
      const out: { j: Judgement; witness: () => NumericSample }[] = [];
      for (let i = 0; i < sides.len; i++) {
        let last: Pair = { a: NaN, b: NaN, scale: 1 };
        const j = judgeSample((level) => {
          const v = (cache[level] ??= sides.at(level));
          return (last = { a: v.l[i], b: v.r[i], scale: v.scale });
        }, tol, !prog.edge);
        const component: Record<string, number> = vector ? { component: i + 1 } : {};
        out.push({ j, witness: () => ({ point: { ...prog.point(), ...component }, lhs: last.a, rhs: last.b }) });
      }
      return out;
    }, EDGE_SAMPLES, precise ? 'edge' : 'coincide');
  });
}

/**
 * One sample of two elementary sides, decided in high precision (`precise.ts`):
 * a side with no real value where the other has one is a disagreement.
 *
 * @example
 *   judgePrecise(preciseComparator(lhs, rhs, prog)!, prog);   // { j: { kind: 'agree', … }, witness }
 */
export function judgePrecise(precise: (p: Record<string, number>, tol?: number) => PreciseComparison, prog: Program, tol?: number): { j: Judgement; witness: () => NumericSample } {
  const point = prog.point();
  const c = precise(point, tol);
  if (c.kind === 'unresolved') return { j: { kind: 'skip', why: c.why }, witness: () => ({ point, lhs: NaN, rhs: NaN }) };
  if (c.kind === 'undefined') {
    if (c.lhsDefined === c.rhsDefined) return { j: { kind: 'skip', why: 'neither side has a real value (outside the domain)' }, witness: () => ({ point, lhs: NaN, rhs: NaN }) };
    const j: Judgement = { kind: 'disagree', pair: { a: NaN, b: NaN, scale: 1 }, diff: Infinity };
    return { j, witness: () => ({ point, lhs: c.lhs, rhs: c.rhs, undefinedSide: c.lhsDefined ? 'right' : 'left' }) };
  }
  const j: Judgement = c.differ ? { kind: 'disagree', pair: { a: c.lhs, b: c.rhs, scale: 1 }, diff: c.diff } : { kind: 'agree', diff: c.diff };
  return { j, witness: () => ({ point, lhs: c.lhs, rhs: c.rhs }) };
}

/**
 * Tests that `lhs − rhs` does not depend on `param`: in every sample the
 * difference is evaluated at the sample's value of `param` and at two other
 * values with everything else fixed, and must not change. A witness of a
 * disagreement has `point[param]` and `point[param + '#2']` (the two values),
 * `lhs` the difference at the first and `rhs` at the second.
 *
 * @example
 *   // -E_{p_data}[log p_θ] vs -E_{p_data}[log(p_θ/p_data)]: differ by a θ-free term
 *   numericEqualUpToFreeOf('\\theta', a, b, ctx, { seed: 3 });   // { status: 'agree', … }
 */
export function numericEqualUpToFreeOf(param: string, lhs: Expr, rhs: Expr, ctx: Context, opts: NumericOptions): NumericOutcome {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  return sweepDims(ctx, opts, (prog) => upToIn(prog, param, lhs, rhs, ctx, opts, tol));
}

function upToIn(prog: Program, param: string, lhs: Expr, rhs: Expr, ctx: Context, opts: NumericOptions, tol: number): NumericOutcome {
  const fl = prog.compile(lhs), fr = prog.compile(rhs);
  const accept = apartFilter(prog, opts);
  const slot = prog.globalSlot(param);
  const name = ctx.resolveAlias(param);
  return runSamples(prog, opts, accept, (s) => {
    const env = prog.env;
    if (slot === undefined) {
      const a = fl(env), b = fr(env);
      const j: Judgement = isFiniteNum(a) && isFiniteNum(b) ? { kind: 'agree', diff: 0 } : { kind: 'skip', why: 'a side is not finite (outside the domain)' };
      return [{ j, witness: () => ({ point: prog.point(), lhs: a - b, rhs: a - b }) }];
    }
    const t0 = env[slot];
    const at = (t: number, level: 0 | 1): [number, number] => {
      prog.level = level;
      env[slot] = t;
      const a = fl(env), b = fr(env);
      env[slot] = t0;
      prog.level = 0;
      return [a, b];
    };
    const base: [[number, number] | null, [number, number] | null] = [null, null];
    return prog.alternatives(name, opts.seed, s, t0, 2).map((t) => {
      let last: Pair = { a: NaN, b: NaN, scale: 1 };
      const j = judgeSample((level) => {
        const [l0, r0] = (base[level] ??= at(t0, level));
        const [l1, r1] = at(t, level);
        return (last = { a: l0 - r0, b: l1 - r1, scale: Math.max(1, Math.abs(l0), Math.abs(r0), Math.abs(l1), Math.abs(r1)) });
      }, tol);
      return { j, witness: () => ({ point: { ...prog.point(), [name]: t0, [`${name}#2`]: t }, lhs: last.a, rhs: last.b }) };
    });
  });
}

/**
 * The value of `e` at one instantiation (sample 0 of `opts.seed`, in the first
 * dimension of `opts.dims`, default 1); NaN outside the domain. Throws NumericError when `e` cannot be evaluated at all.
 *
 * @example
 *   evaluate(expect('x', normal(null, num(1), num(4)), pow(sym('x'), num(2))), ctx, { seed: 0 });   // 5
 */
export function evaluate(e: Expr, ctx: Context, opts: NumericOptions): number {
  const prog = new Program(ctx, opts.extraDefinitions, { dim: opts.dims?.[0] ?? 1, domains: opts.domains });
  const f = prog.compile(e);
  return f(prog.bind(opts.seed, 0));
}
