/** Vectors: norms, inner products, scalar multiples, sums, N(v | m, I), vector-valued functions; checked in d = 1 and d = 3. */
import { add, apply, div, exp, expectation, log, mul, neg, norm, normal, num, pow, sub, sym, transpose } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { evaluate, numericEqual, numericEqualUpToFreeOf, Program } from '../../../src/check/numeric';
import { compileVector } from '../../../src/check/numeric/vectors';
import { vctx } from './fixtures';


const a = sym('a'), b = sym('b'), d = sym('d'), one = num(1), two = num(2), half = (e: Expr) => div(e, two);
const sq = (e: Expr) => pow(e, two);
const dot = (u: Expr, v: Expr) => mul(transpose(u), v);
const phi = apply('\\varphi', [sym('x')]);
const mu = sym('\\mu_{y}'), muHat = sym('\\hat{\\mu}_{y}');
const I = sym('I');
const LOG_2PI = log(mul(two, sym('\\pi')));

type Case = [name: string, lhs: Expr, rhs: Expr];
const agree: Case[] = [
  ['‖a‖² = aᵀa', sq(norm(a)), dot(a, a)],
  ['‖a − b‖² = ‖a‖² − 2aᵀb + ‖b‖²', sq(norm(sub(a, b))), add(sq(norm(a)), neg(mul(two, dot(a, b))), sq(norm(b)))],
  ['aᵀb = bᵀa', dot(a, b), dot(b, a)],
  ['(2a)ᵀb = 2 aᵀb', dot(mul(two, a), b), mul(two, dot(a, b))],
  ['aᵀ(b + a) = aᵀb + ‖a‖²', dot(a, add(b, a)), add(dot(a, b), sq(norm(a)))],
  ['‖3a‖ = 3‖a‖', norm(mul(num(3), a)), mul(num(3), norm(a))],
  ['‖a/2‖ = ‖a‖/2', norm(div(a, two)), half(norm(a))],
  ['N(a | b, I) = (2π)^{−d/2} exp(−½‖a − b‖²)', normal(a, b, I), mul(pow(mul(two, sym('\\pi')), neg(half(d))), exp(neg(half(sq(norm(sub(a, b)))))))],
  ['log N(a | b, I) = −½‖a − b‖² − (d/2) log 2π', log(normal(a, b, I)), sub(neg(half(sq(norm(sub(a, b))))), mul(half(d), LOG_2PI))],
  ['N(a | 0, I) with a zero mean', normal(a, num(0), I), mul(pow(mul(two, sym('\\pi')), neg(half(d))), exp(neg(half(dot(a, a)))))],
  ['isotropic N(a | b, 4I) = N(a/2 | b/2, I)/2^d', normal(a, b, num(4)), div(normal(div(a, two), div(b, two), I), pow(two, d))],
  ['derivation 6: log of two Gaussians = difference of squared distances',
    log(div(normal(phi, mu, I), normal(phi, muHat, I))), add(neg(half(sq(norm(sub(phi, mu))))), half(sq(norm(sub(phi, muHat)))))],
  ['derivation 6: … = φᵀ(μ − μ̂) − ½(‖μ‖² − ‖μ̂‖²)',
    add(neg(half(sq(norm(sub(phi, mu))))), half(sq(norm(sub(phi, muHat))))), sub(dot(phi, sub(mu, muHat)), half(sub(sq(norm(mu)), sq(norm(muHat)))))],
  ['E_{x~N(0,1)}[‖φ(x)‖²] = E[φ(x)ᵀφ(x)]', expectation('x', normal(null, num(0), one), sq(norm(phi))), expectation('x', normal(null, num(0), one), dot(phi, phi))],
  ['vectors are equal component by component: a − b = −(b − a)', sub(a, b), neg(sub(b, a))],
  ['a vector of dimension 1 is a number: w² = ‖w‖²', sq(sym('w')), sq(norm(sym('w')))],
  ['a vector of fixed dimension 3: ‖c‖² = cᵀc', sq(norm(sym('c'))), dot(sym('c'), sym('c'))],
];

const disagree: Case[] = [
  ['‖a − b‖² = ‖a‖² − aᵀb + ‖b‖² (the factor 2 dropped)', sq(norm(sub(a, b))), add(sq(norm(a)), neg(dot(a, b)), sq(norm(b)))],
  ['(aᵀb)² = ‖a‖²‖b‖² (true in d = 1 only)', sq(dot(a, b)), mul(sq(norm(a)), sq(norm(b)))],
  ['log N(a | b, I) with the normaliser of d = 1', log(normal(a, b, I)), sub(neg(half(sq(norm(sub(a, b))))), half(LOG_2PI))],
  ['derivation 6 with μ and μ̂ swapped in the inner product',
    add(neg(half(sq(norm(sub(phi, mu))))), half(sq(norm(sub(phi, muHat))))), sub(dot(phi, sub(muHat, mu)), half(sub(sq(norm(mu)), sq(norm(muHat)))))],
  ['a + b = a − b (component witness)', add(a, b), sub(a, b)],
  ['‖a + b‖ = ‖a‖ + ‖b‖', norm(add(a, b)), add(norm(a), norm(b))],
];

describe('vector identities hold in d = 1 and d = 3', () => {
  test.each(agree)('%s', (_n, lhs, rhs) => {
    const out = numericEqual(lhs, rhs, vctx, { seed: 5 });
    expect(out.status).toBe('agree');
    if (out.status === 'agree') expect(out.maxDiff).toBeLessThan(1e-9);
  });
});

describe('wrong vector identities are refuted with a witness', () => {
  test.each(disagree)('%s', (_n, lhs, rhs) => {
    const out = numericEqual(lhs, rhs, vctx, { seed: 5 });
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    const { lhs: l, rhs: r } = out.witness;
    expect(Math.abs(l - r)).toBeGreaterThan(1e-7 * Math.max(1, Math.abs(l), Math.abs(r)));
  });
});

describe('dimensions', () => {
  const cauchy: [Expr, Expr] = [sq(dot(a, b)), mul(sq(norm(a)), sq(norm(b)))];
  test('a check with vectors runs in every dimension of opts.dims (default 1, 2, 3 and 4)', () => {
    expect(numericEqual(sq(norm(a)), dot(a, a), vctx, { seed: 1 })).toMatchObject({ status: 'agree', samples: 32 });
    expect(numericEqual(sq(norm(a)), dot(a, a), vctx, { seed: 1, dims: [2, 3, 4] })).toMatchObject({ status: 'agree', samples: 24 });
  });
  test('an identity true only in d = 1 agrees there and is refuted in d = 2, whose witness names d and the components', () => {
    expect(numericEqual(...cauchy, vctx, { seed: 1, dims: [1] }).status).toBe('agree');
    const out = numericEqual(...cauchy, vctx, { seed: 1 });
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    expect(out.witness.point.d).toBe(2);
    expect(Object.keys(out.witness.point)).toEqual(expect.arrayContaining(['a[1]', 'a[2]', 'b[2]']));
    const in3 = numericEqual(...cauchy, vctx, { seed: 1, dims: [3] });
    expect(in3.status === 'disagree' && in3.witness.point.d).toBe(3);
  });
  test('the symbol d is the current dimension', () => {
    expect(numericEqual(d, num(3), vctx, { seed: 1, dims: [3] }).status).toBe('agree');
    const out = numericEqual(d, num(3), vctx, { seed: 1 });
    expect(out).toMatchObject({ status: 'disagree', witness: { point: { d: 1 }, lhs: 1, rhs: 3 } });
  });
  test('a scalar check in a context with vectors runs once', () => {
    expect(numericEqual(sq(sym('x')), mul(sym('x'), sym('x')), vctx, { seed: 1 })).toMatchObject({ status: 'agree', samples: 8 });
  });
  test('a vector of fixed dimension does not multiply the runs', () => {
    expect(numericEqual(sq(norm(sym('c'))), dot(sym('c'), sym('c')), vctx, { seed: 1 })).toMatchObject({ status: 'agree', samples: 8 });
  });
  test('evaluate works in the first dimension of opts.dims', () => {
    expect(evaluate(d, vctx, { seed: 1, dims: [4] })).toBe(4);
    expect(evaluate(sq(norm(sub(a, a))), vctx, { seed: 1, dims: [3] })).toBe(0);
  });
});

describe('vector-valued functions and parameter-dependent vectors', () => {
  test('φ(x) has independent random components, each a smooth function of x', () => {
    const prog = new Program(vctx, [], { dim: 3 });
    const f = compileVector(prog.compiler, apply('\\varphi', [num(0.3)]), null);
    const g = compileVector(prog.compiler, apply('\\varphi', [num(0.3 + 1e-6)]), null);
    prog.bind(2, 0);
    const v = [...f(prog.env)], v2 = [...g(prog.env)];
    expect(new Set(v).size).toBe(3);
    v.forEach((c, i) => expect(Math.abs(c - v2[i])).toBeLessThan(1e-4));
  });
  test('a witness of a vector equation names the component', () => {
    const out = numericEqual(add(a, b), sub(a, b), vctx, { seed: 5 });
    expect(out.status === 'disagree' && out.witness.point.component).toBe(1);
  });
  test('a vector that depends on θ moves with θ, one that does not does not', () => {
    expect(numericEqualUpToFreeOf('\\theta', sq(norm(sym('\\mu_{\\theta}'))), num(0), vctx, { seed: 2 }).status).toBe('disagree');
    expect(numericEqualUpToFreeOf('\\theta', sq(norm(mu)), num(0), vctx, { seed: 2 }).status).toBe('agree');
  });
});

describe('misuse of vectors is reported, never evaluated', () => {
  test.each<[string, Expr, Expr, RegExp]>([
    ['a vector plus a number', add(a, one), a, /a vector and a number cannot be added/],
    ['two vectors side by side', mul(a, b), num(0), /product of two vectors is not defined: write vᵀw/],
    ['a vector where a number is expected', a, num(0), /one side is a vector of length 1 and the other a number/],
    ['a vector inside a function of numbers', log(a), num(0), /a is a vector, not a number/],
    ['a transpose with nothing to multiply', transpose(a), num(0), /a transposed vector vᵀ must multiply a vector/],
    ['a power of a vector', pow(a, two), num(0), /cannot be raised to a power: write ‖v‖\^2/],
    ['vectors of different lengths', dot(sym('c'), a), num(0), /vᵀw needs vectors of one length, got 3 and 1/],
  ])('%s', (_n, lhs, rhs, msg) => {
    const out = numericEqual(lhs, rhs, vctx, { seed: 1 });
    expect(out.status).toBe('undefined');
    if (out.status === 'undefined') expect(out.reason).toMatch(msg);
  });
});
