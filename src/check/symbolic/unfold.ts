/**
 * Definitional unfoldings shared by the normaliser and differentiation: the
 * KL divergence as an expectation of a log-ratio, a Gaussian density as its
 * formula, and the density value of a distribution at a point.
 *
 * @example
 *   unfoldKL(parseExpr('KL(p \\| q)'), env)
 *   // E_{x \sim p}[\log p(x) - \log q(x)]
 */
import type { Expr, KL, Normal } from '../../expr/types';
import { num, add, neg, mul, div, pow, apply, log, exp, sym, expect, normal } from '../../expr/build';
import type { DepEnv } from './depends';

/** The density of a distribution (`p` or `N(\mu, s^2)`) evaluated at the variable `v`. */
export function densityValue(dist: Expr, v: string): Expr {
  if (dist.kind === 'sym') return apply(dist.name, [sym(v)]);
  if (dist.kind === 'normal' && !dist.arg) return normal(sym(v), dist.mean, dist.cov);
  throw new Error(`not a distribution: ${dist.kind}`);
}

/** `KL(p \| q) = E_{x \sim p}[\log p(x) - \log q(x)]`, with a fresh bound variable. */
export function unfoldKL(e: KL, _env?: DepEnv): Expr {
  const v = '#kl';
  return expect(v, e.p, add(log(densityValue(e.p, v)), neg(log(densityValue(e.q, v)))));
}

/** The scalar Gaussian density `(2\pi s^2)^{-1/2} \exp(-(v-\mu)^2 / (2 s^2))`. */
export function unfoldNormal(e: Normal, dim: Expr = sym('d')): Expr {
  if (!e.arg) throw new Error('a Gaussian distribution has no value; a density needs its argument');
  const diff = add(e.arg, neg(e.mean));
  if (e.cov.kind === 'sym' && e.cov.name === 'I') {
    // identity covariance in d dimensions: (2\pi)^{-d/2} exp(-||v-\mu||^2/2)
    const d = dim;
    return mul(pow(mul(num(2), sym('\\pi')), neg(div(d, num(2)))), exp(neg(div(pow({ kind: 'norm', arg: diff }, num(2)), num(2)))));
  }
  return mul(pow(mul(num(2), sym('\\pi'), e.cov), neg(div(num(1), num(2)))), exp(neg(div(pow(diff, num(2)), mul(num(2), e.cov)))));
}
