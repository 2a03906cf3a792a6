/**
 * The options and outcomes every numeric test shares, and their defaults.
 *
 * Strategy: one options type for every test (equality, ≐_θ, equations,
 * limits, inequalities), so a checker passes the same seed, samples,
 * hypotheses, dimensions and known-distinct pairs to any of them; the tests
 * that report more (roots, a limit's sequence) extend `NumericOutcome`.
 *
 * @example
 *   const opts: NumericOptions = { seed: 1, samples: 8, dims: [1, 3] };
 */
import type { Expr } from '../../expr/types';
import type { Domain } from '../../semantics/context';
import type { NumericDefinition } from './definitions';

/**
 * Options of every numeric test.
 *
 * @example
 *   { seed: 20261124, samples: 8, tolerance: 1e-7, extraDefinitions: [dIsDstar] }
 */
export interface NumericOptions {
  seed: number;
  /** Usable samples wanted (default 8). */
  samples?: number;
  /** Relative tolerance, see the policy above (default 1e-7). */
  tolerance?: number;
  /**
   * Definitions in force on top of the context's (hypotheses such as `D_φ = D*`);
   * they override declarations and the context's definitions of the same shape.
   */
  extraDefinitions?: NumericDefinition[];
  /** Dimensions a check involving vectors runs in (default [1, 2, 3, 4]); ignored when nothing depends on the dimension. */
  dims?: number[];
  /** Domains to draw symbols from, overriding their declarations (`{ t: 'unit' }`). */
  domains?: Readonly<Record<string, Domain>>;
  /**
   * Pairs of expressions known to differ (hypotheses `a \neq b`): a sample where
   * the two are within 0.1·max(1, |a|, |b|) of each other is skipped.
   */
  apart?: ReadonlyArray<readonly Expr[]>;
}

/**
 * One sample: every free scalar symbol's value, and the two sides there.
 *
 * @example
 *   { point: { '\\theta': 0.42 }, lhs: 0.75, rhs: 1.12 }
 */
export interface NumericSample {
  point: Record<string, number>;
  lhs: number;
  rhs: number;
  /** The side with no real value there (NaN above), when only one side has one: a disagreement. */
  undefinedSide?: 'left' | 'right';
}

/**
 * The result of a numeric test.
 *
 * @example
 *   { status: 'disagree', witness: { point: { '\\theta': 0.4 }, lhs: 0.7, rhs: 1.1 }, seed: 1, maxDiff: 0.3, samples: 1 }
 */
export type NumericOutcome =
  | { status: 'agree'; samples: number; maxDiff: number; seed: number; edgeSamples?: number }
  | { status: 'disagree'; witness: NumericSample; seed: number; maxDiff: number; samples: number }
  | { status: 'undefined'; reason: string; seed: number };

/**
 * The default relative tolerance.
 *
 * @example
 *   numericEqual(a, b, ctx, { seed: 1, tolerance: DEFAULT_TOLERANCE * 10 });
 */
export const DEFAULT_TOLERANCE = 1e-7;
/**
 * The default number of usable samples.
 *
 * @example
 *   numericEqual(a, b, ctx, { seed: 1, samples: 2 * DEFAULT_SAMPLES });
 */
export const DEFAULT_SAMPLES = 8;

/**
 * The default dimensions of a check that involves vectors of symbolic dimension.
 *
 * @example
 *   numericEqual(a, b, ctx, { seed: 1, dims: [...DEFAULT_DIMS, 5] });
 */
export const DEFAULT_DIMS: readonly number[] = [1, 2, 3, 4];
