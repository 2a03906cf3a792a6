/** numericLimit: limits along sequences (a symbol moved, or an abstract function shifted), and judgeSequence. */
import { add, apply, deriv, div, log, mul, neg, norm, num, pow, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import type { Definition } from '../../../src/semantics/context';
import { judgeSequence, numericLimit, type LimitOptions } from '../../../src/check/numeric';
import { ctx, eps, Ez, GAUSS_DEFS, hG, minus, one, sigma, sq, th, th0, two } from './fixtures';

const APART: LimitOptions['apart'] = [[th, th0]];
const klGauss = div(sq(minus(th, th0)), mul(two, sq(eps)));
const dKl = div(minus(th, th0), sq(eps));
/** E_z[−σ(h(G_θ(z))) ∂_θ h(G_θ(z))], the minimax gradient of derivation 1. */
const mmGrad = Ez(neg(mul(sigma(hG()), deriv('\\theta', hG()))));
/** −E_z[(1 − σ(h)) ∂_θ h], the non-saturating gradient. */
const nsGrad = neg(Ez(mul(minus(one, sigma(hG())), deriv('\\theta', hG()))));
const DPHI: Definition = { name: 'D_{\\phi}', params: ['x'], body: sigma(apply('h_{\\phi}', [sym('x')])) };
const DG = apply('D_{\\phi}', [apply('G_{\\theta}', [sym('z')])]);

type Case = [name: string, expr: Expr, cond: Expr, target: number, claim: number, status: 'agree' | 'disagree', defs?: Definition[]];
const cases: Case[] = [
  ['minimax gradient → 0 as σ(h(G(z))) → 0', mmGrad, sigma(hG()), 0, 0, 'agree'],
  ['minimax gradient → 0 as D_φ(G_θ(z)) → 0 (D = σ∘h by definition)', mmGrad, DG, 0, 0, 'agree', [DPHI]],
  ['minimax gradient does not → 0 as σ(h(G(z))) → 1', mmGrad, sigma(hG()), 1, 0, 'disagree'],
  ['non-saturating gradient does not → 0 as D → 0', nsGrad, DG, 0, 0, 'disagree', [DPHI]],
  ['non-saturating gradient → −E_z[∂_θ h] as D → 0', add(nsGrad, Ez(deriv('\\theta', hG()))), DG, 0, 0, 'agree', [DPHI]],
  ['−log σ(h(G(z))) → ∞ as σ(h(G(z))) → 0', neg(log(sigma(hG()))), sigma(hG()), 0, Infinity, 'agree'],
  ['(θ−θ₀)²/(2ε²) → ∞ as ε → 0', klGauss, eps, 0, Infinity, 'agree'],
  ['(θ−θ₀)/ε² → 0 as ε → 0 is wrong', dKl, eps, 0, 0, 'disagree'],
  ['(θ−θ₀)²/(2ε²) → −∞ is wrong', klGauss, eps, 0, -Infinity, 'disagree'],
  ['|∂_θ KL| → ∞ as ε → 0', norm(dKl), eps, 0, Infinity, 'agree'],
  ['(∂_θ (θ−θ₀)²/(2ε²))² → ∞ as ε → 0', sq(deriv('\\theta', klGauss)), eps, 0, Infinity, 'agree'],
  ['KL(p_θ‖p_data) of Gaussians → ∞ as ε → 0', { kind: 'kl', p: sym('p_{\\theta}'), q: sym('p_{data}') }, eps, 0, Infinity, 'agree', GAUSS_DEFS],
  ['ε log ε → 0 as ε → 0', mul(eps, log(eps)), eps, 0, 0, 'agree'],
  ['−log ε → ∞ (slow growth) as ε → 0', neg(log(eps)), eps, 0, Infinity, 'agree'],
  ['1 + ε → 1 as ε → 0', add(one, eps), eps, 0, 1, 'agree'],
  ['1 + ε → 2 is wrong', add(one, eps), eps, 0, 2, 'disagree'],
  ['1/(1 + ε) does not → ∞ (levels off)', div(one, add(one, eps)), eps, 0, Infinity, 'disagree'],
  ['θ²/(1 + θ²) → 1 as θ → ∞', div(sq(th), add(one, sq(th))), th, Infinity, 1, 'agree'],
  ['θ²/(1 + θ²) → 1 as θ → −∞ (real θ: toward −∞ too)', div(sq(th), add(one, sq(th))), th, -Infinity, 1, 'agree'],
  ['θ sin-free two-sided: θ² → 0 as θ → 0 from both sides', sq(th), th, 0, 0, 'agree'],
  ['θ/|θ| has no limit at 0 (the sides differ)', div(th, norm(th)), th, 0, 1, 'disagree'],
  ['a condition moved through its one free symbol: 1/ε² → ∞ as ε² → 0', div(one, sq(eps)), sq(eps), 0, Infinity, 'agree'],
];

/** Every row with its definitions (jest passes `done` in place of a missing last argument). */
const rows = cases.map((c) => [...c.slice(0, 6), c[6] ?? []] as [string, Expr, Expr, number, number, 'agree' | 'disagree', Definition[]]);

describe('numericLimit', () => {
  test.each(rows)('%s', (_n, expr, cond, target, claim, status, defs) => {
    const out = numericLimit(expr, { expr: cond, target }, claim, ctx, { seed: 3, extraDefinitions: defs, apart: APART });
    if (out.status !== status) console.log(JSON.stringify(out, null, 1));
    expect(out.status).toBe(status);
  });
});
