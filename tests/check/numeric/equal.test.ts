/** numericEqual on identities from DERIVATIONS.md and on planted mistakes, one line a case. */
import { add, apply, deriv, div, eq, exp, integral, kl, log, mul, neg, normal, num, pow, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import type { Definition } from '../../../src/semantics/context';
import { numericEqual } from '../../../src/check/numeric';
import {
  ctx, D, D_IS_DSTAR, DSTAR, EN, Epd, Ept, Ez, GAUSS_DEFS, eps2, f, hG, minus, one, pd, pt, sigma, sigmaP, sq, th, th0, two, u, x, z,
} from './fixtures';

type Case = [name: string, lhs: Expr, rhs: Expr, defs?: Definition[]];
/** Every row with its definitions (jest passes `done` in place of a missing last argument). */
const rows = (cs: Case[]) => cs.map(([n, l, r, d]) => [n, l, r, d ?? []] as [string, Expr, Expr, Definition[]]);

const dDstar = [DSTAR, D_IS_DSTAR];
const a = sym('a'), b = sym('b');
const klGauss = div(sq(minus(th, th0)), mul(two, eps2));

const agree: Case[] = [
  ['E_{N(θ,ε²)}[x] = θ', EN(x), th],
  ['E_{N(θ,ε²)}[x²] = θ² + ε²', EN(sq(x)), add(sq(th), eps2)],
  ['E_{N(θ,ε²)}[(x−θ)^4] = 3ε^4', EN(pow(minus(x, th), num(4))), mul(num(3), pow(eps2, two))],
  ['E_{N}[σ(x)] = ∫ N(x|θ,ε²) σ(x) dx', EN(sigma(x)), integral('x', mul(normal(x, th, eps2), sigma(x)))],
  ['∫ p_data log p_θ dx = E_{p_data}[log p_θ]', integral('x', mul(pd(), log(pt()))), Epd(log(pt()))],
  ['∫ p_θ D dx = E_{p_θ}[D]', integral('x', mul(pt(), D())), Ept(D())],
  ['∫ p_θ f dx = E_{p_θ}[f] (unbounded f)', integral('x', mul(pt(), f())), Ept(f())],
  ['E_{p_data}[1] = 1', Epd(one), one],
  ['∫ p_θ(x) dx = 1', integral('x', pt()), one],
  ['E_{p_θ}[x] = ∫ x p_θ(x) dx', Ept(x), integral('x', mul(x, pt()))],
  ['KL(p‖p) = 0', kl(sym('p_{\\theta}'), sym('p_{\\theta}')), num(0)],
  ['KL(p_θ‖p_data) = E_{p_θ}[log p_θ/p_data]', kl(sym('p_{\\theta}'), sym('p_{data}')), Ept(log(div(pt(), pd())))],
  ['E_{p_data}[log(p_data/p_θ)] = KL(p_data‖p_θ)', Epd(log(div(pd(), pt()))), kl(sym('p_{data}'), sym('p_{\\theta}'))],
  ['log(ab) = log a + log b', log(mul(a, b)), add(log(a), log(b))],
  ["σ'(u) = σ(u)(1 − σ(u))", sigmaP(u), mul(sigma(u), minus(one, sigma(u)))],
  ["σ'(u) = ∂_u σ(u)", sigmaP(u), deriv('u', sigma(u))],
  ['1 − σ(u) = σ(−u)', minus(one, sigma(u)), sigma(neg(u))],
  ['log(1 − σ(u)) = −log(1 + e^u)', log(minus(one, sigma(u))), neg(log(add(one, exp(u))))],
  ['∂_θ θ² = 2θ', deriv('\\theta', sq(th)), mul(two, th)],
  ['∂_θ E_{N(θ,ε²)}[x²] = 2θ', deriv('\\theta', EN(sq(x))), mul(two, th)],
  ['∂_θ E_{p_θ}[f] = ∫ ∂_θ p_θ f dx', deriv('\\theta', Ept(f())), integral('x', mul(deriv('\\theta', pt()), f()))],
  ['∂_θ E_{p_θ}[f] = E_{p_θ}[f ∂_θ log p_θ] (score function)', deriv('\\theta', Ept(f())), Ept(mul(f(), deriv('\\theta', log(pt()))))],
  ['∂_θ E_z[log(1 − σ(h(G_θ z)))] = E_z[−σ(h) ∂_θ h] (derivation 1)',
    deriv('\\theta', Ez(log(minus(one, sigma(hG()))))), Ez(neg(mul(sigma(hG()), deriv('\\theta', hG()))))],
  ['−∂_θ E_z[log σ(h)] = −E_z[(1 − σ(h)) ∂_θ h] (non-saturating)',
    neg(deriv('\\theta', Ez(log(sigma(hG()))))), neg(Ez(mul(minus(one, sigma(hG())), deriv('\\theta', hG()))))],
  ['two expectations become one (derivation 4)', minus(Ept(log(minus(one, D()))), Ept(log(D()))), Ept(log(div(minus(one, D()), D())))],
  ['given D_φ = D*: E_{p_θ}[log((1−D)/D)] = E_{p_θ}[log p_θ/p_data]', Ept(log(div(minus(one, D()), D()))), Ept(log(div(pt(), pd()))), dDstar],
  ['given D_φ = D*: L_G = KL(p_θ‖p_data)', minus(Ept(log(minus(one, D()))), Ept(log(D()))), kl(sym('p_{\\theta}'), sym('p_{data}')), dDstar],
  ['h* = log(p_data/p_θ) = −log(p_θ/p_data)', log(div(pd(), pt())), neg(log(div(pt(), pd())))],
  ['KL of Gaussians, written as normals', kl(normal(null, th, eps2), normal(null, th0, eps2)), klGauss],
  ['KL of Gaussians, by definitions (derivation 7)', kl(sym('p_{\\theta}'), sym('p_{data}')), klGauss, GAUSS_DEFS],
  ['∂_θ KL of Gaussians = (θ − θ_0)/ε²', deriv('\\theta', kl(sym('p_{\\theta}'), sym('p_{data}'))), div(minus(th, th0), eps2), GAUSS_DEFS],
  ['E_{p_θ}[log p_θ/p_data] = normalisers cancel (derivation 7)', Ept(log(div(pt(), pd()))),
    EN(neg(div(minus(sq(minus(x, th)), sq(minus(x, th0))), mul(two, eps2)))), GAUSS_DEFS],
  ['eq evaluates as a difference', eq(sq(th), mul(th, th)), num(0)],
  ['E_z over a declared z ~ N(0,1) of z² = 1', Ez(sq(z)), one],
];

const disagree: Case[] = [
  ['factor 2: E_{N}[x²] = 2(θ² + ε²)', EN(sq(x)), mul(two, add(sq(th), eps2))],
  ['factor 2: ∂_θ θ² = θ', deriv('\\theta', sq(th)), th],
  ['E[f(x)] taken as f(E[x])', EN(sq(x)), sq(th)],
  ['sign flip: KL = −E[log p_θ/p_data]', kl(sym('p_{\\theta}'), sym('p_{data}')), neg(Ept(log(div(pt(), pd()))))],
  ["sign flip: σ' = −σ(1 − σ)", sigmaP(u), neg(mul(sigma(u), minus(one, sigma(u))))],
  ['KL is not symmetric', kl(sym('p_{\\theta}'), sym('p_{data}')), kl(sym('p_{data}'), sym('p_{\\theta}'))],
  ['swapped densities in the expectation', Ept(log(div(pt(), pd()))), Epd(log(div(pt(), pd())))],
  ['swapped ratio inside the log', Epd(log(div(pd(), pt()))), Epd(log(div(pt(), pd())))],
  ['dropped θ-free term under =', neg(Epd(log(pt()))), neg(Epd(log(div(pt(), pd()))))],
  ['inner derivative forgotten', deriv('\\theta', Ez(log(minus(one, sigma(hG()))))), Ez(neg(sigma(hG())))],
  ['log(ab) = log a · log b', log(mul(a, b)), mul(log(a), log(b))],
  ['p_θ and p_data are different densities', pt(), pd()],
  ['without the hypothesis D_φ is not D*', D(), apply('D^{*}', [x]), [DSTAR]],
  ['KL of Gaussians without the 2', kl(normal(null, th, eps2), normal(null, th0, eps2)), div(sq(minus(th, th0)), eps2)],
];

describe('numericEqual agrees on true identities', () => {
  test.each(rows(agree))('%s', (_name, lhs, rhs, defs) => {
    const out = numericEqual(lhs, rhs, ctx, { seed: 11, extraDefinitions: defs });
    expect(out).toMatchObject({ status: 'agree', samples: 8, seed: 11 });
    if (out.status === 'agree') expect(out.maxDiff).toBeLessThan(1e-9);
  });
});

describe('numericEqual refutes planted mistakes with a witness', () => {
  test.each(rows(disagree))('%s', (_name, lhs, rhs, defs) => {
    const out = numericEqual(lhs, rhs, ctx, { seed: 11, extraDefinitions: defs });
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    const { lhs: l, rhs: r } = out.witness;
    expect(Math.abs(l - r)).toBeGreaterThan(1e-7 * Math.max(1, Math.abs(l), Math.abs(r)));
    expect(out.maxDiff).toBeGreaterThan(1e-7);
  });
});

test('the seed is honoured: many seeds agree on a true identity', () => {
  for (let seed = 0; seed < 25; seed++) {
    expect(numericEqual(Epd(log(pt())), integral('x', mul(pd(), log(pt()))), ctx, { seed }).status).toBe('agree');
  }
});

test('KL(p‖q) > 0 for different densities (every sample)', () => {
  for (let seed = 0; seed < 10; seed++) {
    const out = numericEqual(kl(sym('p_{\\theta}'), sym('p_{data}')), num(0), ctx, { seed });
    expect(out.status).toBe('disagree');
    if (out.status === 'disagree') expect(out.witness.lhs).toBeGreaterThan(0);
  }
});

test('fewer samples when asked', () => {
  expect(numericEqual(EN(x), th, ctx, { seed: 1, samples: 3 })).toMatchObject({ status: 'agree', samples: 3 });
});

test('a looser tolerance accepts a small relative error', () => {
  const lhs = mul(num(1.000001), th), rhs = th;
  expect(numericEqual(lhs, rhs, ctx, { seed: 2 }).status).toBe('disagree');
  expect(numericEqual(lhs, rhs, ctx, { seed: 2, tolerance: 1e-5 }).status).toBe('agree');
});
