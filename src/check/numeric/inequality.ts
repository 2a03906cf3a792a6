/**
 * Inequalities `lhs > rhs`, `≥`, `<`, `≤`: must hold at every sampled
 * instantiation (free symbols, including the unknown of a chain, drawn from
 * their domains: a unit t from [0.1, 0.9), a positive one from [0.5, 2) —
 * `opts.domains` overrides a declaration).
 *
 * Strategy: per sample both sides are evaluated and the *margin* (lhs − rhs
 * for > and ≥, rhs − lhs for < and ≤) judged: a strict inequality needs a
 * positive margin, a non-strict one a margin ≥ −tol·max(1, |lhs|, |rhs|) (so
 * an equality that holds up to rounding satisfies ≥). A violation is
 * re-evaluated at accuracy level 1 and reported only if it persists and
 * exceeds four times the change between the levels (the numerical error);
 * otherwise the sample is skipped as unresolved. Samples where a side is not
 * finite are outside the domain and skipped. The witness is the sample point
 * with both sides' values; `maxDiff` is the largest violation found relative
 * to max(1, |lhs|, |rhs|) (0 when every sample satisfies the inequality).
 *
 * Only sampled points are checked: an inequality that fails only very near
 * the edge of a domain (t → 0) can pass.
 *
 * @example
 *   // f_x''(t) = p_data/t² + p_θ/(1 − t)² > 0 on t ∈ (0, 1)
 *   numericCompare(add(div(pd(), sq(t)), div(pt(), sq(sub(one, t)))), num(0), '>', ctx, { seed: 1 });   // { status: 'agree', … }
 */
import type { Expr } from '../../expr/types';
import type { Context } from '../../semantics/context';
import { type Judgement, runSamples } from './compare';
import { DEFAULT_TOLERANCE, type NumericOptions, type NumericOutcome } from './options';
import { isFiniteNum } from './stablemath';
import { apartFilter, sweepDims } from './sweep';

/**
 * The comparison operators.
 *
 * @example
 *   const op: CompareOp = '>=';
 */
export type CompareOp = '>' | '>=' | '<' | '<=';

/**
 * Judges one sample of `lhs op rhs` from its values at the two accuracy levels (see the policy above).
 *
 * @example
 *   judgeInequality(() => ({ a: 1, b: 0 }), '>', 1e-7);   // { kind: 'agree', diff: 0 }
 */
export function judgeInequality(evalAt: (level: 0 | 1) => { a: number; b: number }, op: CompareOp, tol: number): Judgement {
  const strict = op === '>' || op === '<';
  const margin = (a: number, b: number) => (op === '>' || op === '>=' ? a - b : b - a);
  const holds = (m: number, scale: number) => (strict ? m > 0 : m >= -tol * scale);
  const p0 = evalAt(0);
  if (!isFiniteNum(p0.a) || !isFiniteNum(p0.b)) return { kind: 'skip', why: 'a side is not finite (outside the domain)' };
  if (holds(margin(p0.a, p0.b), Math.max(1, Math.abs(p0.a), Math.abs(p0.b)))) return { kind: 'agree', diff: 0 };
  const p1 = evalAt(1);
  if (!isFiniteNum(p1.a) || !isFiniteNum(p1.b)) return { kind: 'skip', why: 'a side is not finite at the finer accuracy level' };
  const scale = Math.max(1, Math.abs(p1.a), Math.abs(p1.b));
  const m1 = margin(p1.a, p1.b);
  if (holds(m1, scale)) return { kind: 'agree', diff: 0 };
  const err = Math.abs(p0.a - p1.a) + Math.abs(p0.b - p1.b);
  if (err > 0 && Math.abs(m1) <= 4 * err) return { kind: 'skip', why: `numerically unresolved (margin ${m1} vs estimated error ${err})` };
  return { kind: 'disagree', pair: { a: p1.a, b: p1.b, scale }, diff: Math.max(0, -m1) / scale };
}

/**
 * Tests `lhs op rhs` at random instantiations; a disagreement has a witness.
 *
 * @example
 *   numericCompare(neg(div(pd(), sq(t))), num(0), '>', ctx, { seed: 1 });   // { status: 'disagree', witness: { point: { t: 0.4, … }, lhs: −0.9, rhs: 0 }, … }
 */
export function numericCompare(lhs: Expr, rhs: Expr, op: CompareOp, ctx: Context, opts: NumericOptions): NumericOutcome {
  const tol = opts.tolerance ?? DEFAULT_TOLERANCE;
  return sweepDims(ctx, opts, (prog) => {
    const fl = prog.compile(lhs), fr = prog.compile(rhs);
    const accept = apartFilter(prog, opts);
    return runSamples(prog, opts, accept, () => {
      let last = { a: NaN, b: NaN };
      const j = judgeInequality((level) => {
        prog.level = level;
        const env = prog.env;
        last = { a: fl(env), b: fr(env) };
        prog.level = 0;
        return last;
      }, op, tol);
      return [{ j, witness: () => ({ point: prog.point(), lhs: last.a, rhs: last.b }) }];
    });
  });
}
