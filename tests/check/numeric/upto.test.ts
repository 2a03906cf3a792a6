/** numericEqualUpToFreeOf (the relation \doteq_θ), witnesses and reproducibility. */
import { add, div, kl, log, mul, neg, num, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { judgeSample, numericEqual, numericEqualUpToFreeOf } from '../../../src/check/numeric';
import { ctx, D, Epd, Ept, GAUSS_DEFS, eps2, minus, pd, pt, sq, th, th0, two, x } from './fixtures';

const mle = neg(Epd(log(pt())));
const mleRatio = neg(Epd(log(div(pt(), pd()))));

type Case = [name: string, param: string, lhs: Expr, rhs: Expr, status: 'agree' | 'disagree'];
const cases: Case[] = [
  ['MLE: dropping −E_{p_data}[log p_data] is fine up to θ', '\\theta', mle, mleRatio, 'agree'],
  ['MLE loss ≐_θ KL(p_data‖p_θ)', '\\theta', mle, kl(sym('p_{data}'), sym('p_{\\theta}')), 'agree'],
  ['the student line −E[log p_data] is wrong even up to θ', '\\theta', mle, neg(Epd(log(pd()))), 'disagree'],
  ['a θ-dependent term dropped is caught', '\\theta', mle, neg(Epd(log(pd()))), 'disagree'],
  ['adding a constant in θ is fine', '\\theta', add(sq(th), th0), sq(th), 'agree'],
  ['adding θ is not', '\\theta', add(sq(th), th), sq(th), 'disagree'],
  ['up to φ: E_{p_θ}[D_φ] + θ² vs θ² is not free of φ', '\\phi', add(Ept(D()), sq(th)), sq(th), 'disagree'],
  ['up to φ: θ² + θ vs θ² is free of φ', '\\phi', add(sq(th), th), sq(th), 'agree'],
  ['a parameter that does not occur', '\\psi', sq(th), mul(th, th), 'agree'],
];

describe('numericEqualUpToFreeOf', () => {
  test.each(cases)('%s', (_n, param, lhs, rhs, status) => {
    expect(numericEqualUpToFreeOf(param, lhs, rhs, ctx, { seed: 5 }).status).toBe(status);
  });

  test('under plain equality the MLE step is refuted', () => {
    expect(numericEqual(mle, mleRatio, ctx, { seed: 5 }).status).toBe('disagree');
  });

  test('the witness has both values of the parameter and both differences', () => {
    const out = numericEqualUpToFreeOf('\\theta', add(sq(th), th), sq(th), ctx, { seed: 5 });
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    const { point, lhs, rhs } = out.witness;
    const t1 = point['\\theta'], t2 = point['\\theta#2'];
    expect(t1).not.toBeCloseTo(t2, 1);
    expect(lhs).toBeCloseTo(t1, 10); // (θ² + θ) − θ² at the first value
    expect(rhs).toBeCloseTo(t2, 10); // … and at the second
  });

  test('KL of Gaussians ≐_θ (θ − θ_0)²/(2ε²) + any θ-free term', () => {
    const target = add(div(sq(minus(sym('\\theta'), th0)), mul(two, eps2)), log(sym('\\epsilon')));
    const out = numericEqualUpToFreeOf('\\theta', kl(sym('p_{\\theta}'), sym('p_{data}')), target, ctx, { seed: 9, extraDefinitions: GAUSS_DEFS });
    expect(out.status).toBe('agree');
  });
});

describe('reproducibility', () => {
  const wrong: [Expr, Expr] = [kl(sym('p_{\\theta}'), sym('p_{data}')), kl(sym('p_{data}'), sym('p_{\\theta}'))];

  test('the same seed gives the same witness', () => {
    const a = numericEqual(...wrong, ctx, { seed: 123 });
    const b = numericEqual(...wrong, ctx, { seed: 123 });
    expect(a.status).toBe('disagree');
    expect(b).toEqual(a);
  });

  test('another seed gives another witness', () => {
    const a = numericEqual(...wrong, ctx, { seed: 123 });
    const b = numericEqual(...wrong, ctx, { seed: 124 });
    expect(a.status === 'disagree' && b.status === 'disagree').toBe(true);
    if (a.status === 'disagree' && b.status === 'disagree') expect(b.witness.point).not.toEqual(a.witness.point);
  });

  test('the seed is reported in every outcome', () => {
    expect(numericEqual(x, x, ctx, { seed: 77 }).seed).toBe(77);
    expect(numericEqual(...wrong, ctx, { seed: 78 }).seed).toBe(78);
    expect(numericEqual(log(neg(sq(add(x, num(3))))), x, ctx, { seed: 79 }).seed).toBe(79);
  });

  test('a witness point names every free scalar symbol, including parameters the densities depend on', () => {
    const out = numericEqual(Ept(D()), add(Epd(D()), sym('y')), ctx, { seed: 1 });
    expect(out.status).toBe('disagree');
    if (out.status === 'disagree') expect(Object.keys(out.witness.point).sort()).toEqual(['\\phi', '\\theta', 'y']);
  });
});

describe('a disagreement is confirmed at the finer level before it is reported', () => {
  const at = (coarse: [number, number], fine: [number, number]) => (level: 0 | 1) => {
    const [a, b] = level ? fine : coarse;
    return { a, b, scale: Math.max(1, Math.abs(a), Math.abs(b)) };
  };
  test.each<[string, [number, number], [number, number], string]>([
    ['agree at level 0: no re-evaluation needed', [1, 1 + 1e-12], [NaN, NaN], 'agree'],
    ['coarse quadrature off, fine agrees', [1, 1.1], [1, 1 + 1e-12], 'agree'],
    ['difference within 4× the change between levels: unresolved', [1, 1.1], [1, 1.05], 'skip'],
    ['real difference, stable across levels', [1, 2], [1, 2 + 1e-13], 'disagree'],
    ['non-finite at level 0', [NaN, 1], [1, 1], 'skip'],
    ['non-finite only at the finer level', [1, 2], [Infinity, 2], 'skip'],
  ])('%s', (_n, coarse, fine, kind) => {
    expect(judgeSample(at(coarse, fine), 1e-7).kind).toBe(kind);
  });
});
