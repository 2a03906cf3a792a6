/** numericCompare (>, ≥, <, ≤) and ≠ shown by a witness (KL is not symmetric). */
import { add, div, kl, mul, neg, norm, normal, num, pow, sub, sym, transpose } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import type { Definition } from '../../../src/semantics/context';
import { judgeInequality, numericCompare, numericEqual, type CompareOp } from '../../../src/check/numeric';
import { ctx, one, pd, pt, two, vctx } from './fixtures';

const t = sym('t'), a = sym('a'), b = sym('b');
const sq = (e: Expr) => pow(e, two);
const fpp = add(div(pd(), sq(t)), div(pt(), sq(sub(one, t))));

type Case = [name: string, lhs: Expr, op: CompareOp, rhs: Expr, status: 'agree' | 'disagree'];
const cases: Case[] = [
  ["derivation 2: f_x''(t) = p_d/t² + p_θ/(1−t)² > 0 on t ∈ (0, 1)", fpp, '>', num(0), 'agree'],
  ['−p_d/t² > 0 is wrong', neg(div(pd(), sq(t))), '>', num(0), 'disagree'],
  ['−p_d/t² < 0', neg(div(pd(), sq(t))), '<', num(0), 'agree'],
  ['t(1 − t) ≤ 1/4', mul(t, sub(one, t)), '<=', num(0.25), 'agree'],
  ['t(1 − t) ≥ 1/4 is wrong', mul(t, sub(one, t)), '>=', num(0.25), 'disagree'],
  ['an equality satisfies ≥ (up to rounding)', div(add(pt(), pd()), pd()), '>=', add(div(pt(), pd()), one), 'agree'],
  ['an equality does not satisfy >', sq(sym('x')), '>', mul(sym('x'), sym('x')), 'disagree'],
  ['KL(p_θ‖p_data) ≥ 0', kl(sym('p_{\\theta}'), sym('p_{data}')), '>=', num(0), 'agree'],
  ['KL(p_θ‖p_data) < 0 is wrong', kl(sym('p_{\\theta}'), sym('p_{data}')), '<', num(0), 'disagree'],
];

const vcases: Case[] = [
  ['Cauchy–Schwarz: aᵀb ≤ ‖a‖‖b‖', mul(transpose(a), b), '<=', mul(norm(a), norm(b)), 'agree'],
  ['triangle inequality: ‖a + b‖ ≤ ‖a‖ + ‖b‖', norm(add(a, b)), '<=', add(norm(a), norm(b)), 'agree'],
  ['‖a + b‖ ≥ ‖a‖ + ‖b‖ is wrong', norm(add(a, b)), '>=', add(norm(a), norm(b)), 'disagree'],
];

describe('numericCompare', () => {
  test.each(cases)('%s', (_n, lhs, op, rhs, status) => {
    const out = numericCompare(lhs, rhs, op, ctx, { seed: 6 });
    expect(out.status).toBe(status);
    if (out.status !== 'disagree') return;
    const { lhs: l, rhs: r } = out.witness;
    const holds = { '>': l > r, '>=': l >= r, '<': l < r, '<=': l <= r }[op];
    expect(holds && op.length === 2).toBe(false);
  });
  test.each(vcases)('%s (d = 1 and 3)', (_n, lhs, op, rhs, status) => {
    expect(numericCompare(lhs, rhs, op, vctx, { seed: 6 }).status).toBe(status);
  });
  test('the witness of −p_d/t² > 0 names t in (0, 1)', () => {
    const out = numericCompare(neg(div(pd(), sq(t))), num(0), '>', ctx, { seed: 6 });
    expect(out.status === 'disagree' && out.witness.point.t > 0 && out.witness.point.t < 1).toBe(true);
  });
  test('domains can be given for undeclared symbols: 1/s > 0 for positive s', () => {
    expect(numericCompare(div(one, sym('s')), num(0), '>', ctx, { seed: 1 }).status).toBe('disagree');
    expect(numericCompare(div(one, sym('s')), num(0), '>', ctx, { seed: 1, domains: { s: 'positive' } }).status).toBe('agree');
  });
  test.each<[string, [number, number], [number, number], CompareOp, string]>([
    ['strict and clearly true', [1, 0], [1, 0], '>', 'agree'],
    ['0 > 0 is a violation', [0, 0], [0, 0], '>', 'disagree'],
    ['0 ≥ 0 holds', [0, 0], [0, 0], '>=', 'agree'],
    ['a tiny negative margin within tolerance satisfies ≥', [1 - 1e-12, 1], [1 - 1e-12, 1], '>=', 'agree'],
    ['a violation within the numerical error is unresolved', [-1e-3, 0], [-5e-4, 0], '>', 'skip'],
    ['a persistent violation', [-1, 0], [-1, 0], '>=', 'disagree'],
  ])('judgeInequality: %s', (_n, coarse, fine, op, kind) => {
    const at = (level: 0 | 1) => { const [x, y] = level ? fine : coarse; return { a: x, b: y }; };
    expect(judgeInequality(at, op, 1e-7).kind).toBe(kind);
  });
});

describe('≠ is shown by a witness: KL is not symmetric', () => {
  // p_data a bimodal mixture ½N(−2, ½) + ½N(2, ½); p_θ = N(θ, 1)
  const x = sym('x');
  const defs: Definition[] = [
    { name: 'p_{data}', params: ['x'], body: add(mul(num(0.5), normal(x, num(-2), num(0.5))), mul(num(0.5), normal(x, two, num(0.5)))) },
    { name: 'p_{\\theta}', params: [], body: normal(null, sym('\\theta'), one) },
  ];
  const forward = kl(sym('p_{data}'), sym('p_{\\theta}')), reverse = kl(sym('p_{\\theta}'), sym('p_{data}'));
  test('KL(p_data‖p_θ) ≠ KL(p_θ‖p_data): a witness with θ and both values', () => {
    const out = numericEqual(forward, reverse, ctx, { seed: 12, extraDefinitions: defs });
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    const { point, lhs, rhs } = out.witness;
    expect(Object.keys(point)).toEqual(['\\theta']);
    expect(lhs).toBeGreaterThan(0);
    expect(rhs).toBeGreaterThan(0);
    expect(Math.abs(lhs - rhs)).toBeGreaterThan(0.1);
  });
  test('each KL agrees with its definition as an expectation (so the witness values are right)', () => {
    const logRatio = (p: Expr, q: Expr) => ({ kind: 'apply', fn: '\\log', args: [div(p, q)] }) as Expr;
    const E = (dist: string, body: Expr) => ({ kind: 'expect', var: 'x', dist: sym(dist), body }) as Expr;
    expect(numericEqual(forward, E('p_{data}', logRatio(pd(), pt())), ctx, { seed: 12, extraDefinitions: defs }).status).toBe('agree');
    expect(numericEqual(reverse, E('p_{\\theta}', logRatio(pt(), pd())), ctx, { seed: 12, extraDefinitions: defs }).status).toBe('agree');
  });
  test('at θ = 0, between the modes, the reverse (mode-seeking) KL is the larger', () => {
    const at0 = [...defs.slice(0, 1), { name: 'p_{\\theta}', params: [], body: normal(null, num(0), one) }];
    const out = numericEqual(forward, reverse, ctx, { seed: 1, extraDefinitions: at0 });
    expect(out.status).toBe('disagree');
    // N(0, 1) puts its mass where p_data is small, which KL(N‖p_data) penalises most
    if (out.status === 'disagree') expect(out.witness.rhs).toBeGreaterThan(out.witness.lhs + 0.1);
  });
});
