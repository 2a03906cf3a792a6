/**
 * Numerically careful scalar functions used by the evaluator.
 *
 * Strategy: float64 loses answers in a few predictable places — `1 − σ(h)` for
 * large h, `log` of a density that underflows in a tail, `log(1 − x)` for x
 * near 1 — so each such quantity has one formulation here that keeps full
 * relative precision (via `log1p`, `expm1` and log-sum-exp), and the compiler
 * routes the matching patterns to them.
 *
 * @example
 *   softplus(800);          // 800 (naive log(1 + e^800) is Infinity)
 *   log1mexp(-1e-20);       // log(1e-20) ≈ -46.05 (naive log(1 - e^{-1e-20}) is -Infinity)
 */

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/**
 * ½·log(2π).
 *
 * @example
 *   normalLogPdf(0, 0, 1) === -HALF_LOG_2PI;   // true
 */
export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The logistic function 1/(1 + e^{−u}) without overflow for either sign of u.
 *
 * @example
 *   sigmoid(0);   // 0.5
 */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/**
 * softplus(u) = log(1 + e^u), accurate for every u; note log σ(u) = −softplus(−u)
 * and log(1 − σ(u)) = −softplus(u).
 *
 * @example
 *   softplus(0);   // log 2
 */
export function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/**
 * log(1 − e^a) for a ≤ 0 (NaN for a > 0), accurate both near a = 0 and for a ≪ 0
 * (Mächler's switch at −log 2).
 *
 * @example
 *   log1mexp(Math.log(0.25));   // log 0.75
 */
export function log1mexp(a: number): number {
  if (a > 0) return NaN;
  return a > -Math.LN2 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
}

/**
 * log(e^a + e^b) without overflow or underflow.
 *
 * @example
 *   logAddExp(-1000, -1000);   // -1000 + log 2
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * The log of the scalar Gaussian density N(x; mean, variance); NaN when the
 * variance is not positive.
 *
 * @example
 *   normalLogPdf(0, 0, 1);   // -½ log 2π
 */
export function normalLogPdf(x: number, mean: number, variance: number): number {
  if (!(variance > 0)) return NaN;
  const d = x - mean;
  return -(d * d) / (2 * variance) - 0.5 * Math.log(variance) - HALF_LOG_2PI;
}

/**
 * The scalar Gaussian density N(x; mean, variance); NaN when the variance is
 * not positive.
 *
 * @example
 *   normalPdf(0, 0, 1);   // 1/√(2π)
 */
export function normalPdf(x: number, mean: number, variance: number): number {
  if (!(variance > 0)) return NaN;
  const d = x - mean;
  return Math.exp(-(d * d) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
}

/**
 * True for finite numbers (faster than `Number.isFinite` on the hot path).
 *
 * @example
 *   isFiniteNum(NaN);   // false
 */
export function isFiniteNum(v: number): boolean {
  return v - v === 0;
}
