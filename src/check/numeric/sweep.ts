/**
 * What every numeric test does around its own sampling: build the program,
 * run the check in each dimension it depends on, and skip samples the
 * hypotheses exclude.
 *
 * Strategy: a check is a function of a fresh `Program`. It runs first in the
 * first dimension of `opts.dims` (default [1, 2, 3, 4]); if nothing it compiled
 * depended on the dimension (no vector of symbolic dimension, no `d`), that
 * outcome is final. Otherwise it runs again in every other dimension, each
 * with its own program, and the outcomes combine: the first disagreement is
 * the outcome (its witness point names the dimension), an undefined outcome in
 * any dimension makes the whole undefined (the reason says which dimension),
 * and agreement everywhere adds up the samples. A NumericError thrown while
 * compiling becomes an undefined outcome with the error's message.
 *
 * @example
 *   sweepDims(ctx, opts, (prog) => myCheck(prog));   // in d = 1 and d = 3 when vectors occur
 */
import type { Context } from '../../semantics/context';
import { NumericError } from './error';
import { Program } from './instantiate';
import { DEFAULT_DIMS, type NumericOptions, type NumericOutcome } from './options';

/**
 * Runs `check` in every dimension it depends on (see the strategy above).
 *
 * @example
 *   const out = sweepDims(ctx, { seed: 1 }, (prog) => ({ status: 'agree', samples: 1, maxDiff: 0, seed: 1 }));
 */
export function sweepDims<T extends NumericOutcome>(ctx: Context, opts: NumericOptions, check: (prog: Program) => T): T | NumericOutcome {
  const dims = opts.dims?.length ? opts.dims : DEFAULT_DIMS;
  let agreed: T | null = null;
  let samples = 0, maxDiff = 0;
  for (let i = 0; i < dims.length; i++) {
    const prog = new Program(ctx, opts.extraDefinitions, { dim: dims[i], domains: opts.domains });
    let out: T;
    try {
      out = check(prog);
    } catch (err) {
      if (!(err instanceof NumericError)) throw err;
      const where = prog.compiler.dimensional ? ` (in dimension ${dims[i]})` : '';
      return { status: 'undefined', reason: err.message + where, seed: opts.seed };
    }
    if (!prog.compiler.dimensional) return out;
    if (out.status === 'undefined') return { ...out, reason: `in dimension ${dims[i]}: ${out.reason}` };
    if (out.status === 'disagree') return out;
    samples += out.samples;
    maxDiff = Math.max(maxDiff, out.maxDiff);
    agreed = out;
  }
  return { ...agreed!, samples, maxDiff };
}

/** Least separation of a pair known to differ, relative to max(1, |a|, |b|). */
const APART = 0.1;

/**
 * A predicate on the current sample: false when a pair of `opts.apart` is too
 * close (within 0.1·max(1, |a|, |b|)); null when there are no such pairs.
 * Compile it before the first `bind`.
 *
 * @example
 *   const ok = apartFilter(prog, { seed: 1, apart: [[sym('\\theta'), sym('\\theta_{0}')]] });
 *   prog.bind(1, 0); ok?.();   // true unless θ and θ₀ are close in sample 0
 */
export function apartFilter(prog: Program, opts: NumericOptions): (() => boolean) | null {
  const pairs = (opts.apart ?? []).filter((p) => p.length === 2).map(([a, b]) => [prog.compile(a), prog.compile(b)] as const);
  if (!pairs.length) return null;
  return () => {
    const env = prog.env;
    for (const [fa, fb] of pairs) {
      const a = fa(env), b = fb(env);
      if (!(Math.abs(a - b) >= APART * Math.max(1, Math.abs(a), Math.abs(b)))) return false;
    }
    return true;
  };
}
