/** evaluate(): exact values, definitions, primes, domains, errors and numerically delicate forms. */
import { add, apply, deriv, div, eq, exp, expectation, integral, kl, log, mul, neg, norm, normal, num, pow, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { makeContext, type Definition } from '../../../src/semantics/context';
import { evaluate, numericEqual, NumericError, softplus, log1mexp, logAddExp, sigmoid } from '../../../src/check/numeric';
import { ctx, D, DSTAR, D_IS_DSTAR, EN, Epd, Ept, minus, one, pd, pt, sigma, sq, th, two, x } from './fixtures';

const ev = (e: Expr, defs: Definition[] = []) => evaluate(e, ctx, { seed: 3, extraDefinitions: defs });

describe('exact values', () => {
  test.each<[string, Expr, number]>([
    ['E_{x~N(1,4)}[x²] = 5', expectation('x', normal(null, one, num(4)), sq(x)), 5],
    ['E_{x~N(1,4)}[x^4] = 73', expectation('x', normal(null, one, num(4)), pow(x, num(4))), 73],
    ['E_{x~N(0,1)}[e^x] = e^{1/2} (non-polynomial path)', expectation('x', normal(null, num(0), one), exp(x)), Math.exp(0.5)],
    ['N(0 | 0, 1) = 1/√(2π)', normal(num(0), num(0), one), 1 / Math.sqrt(2 * Math.PI)],
    ['N(x | 0, I) with I the identity', normal(num(0), num(0), sym('I')), 1 / Math.sqrt(2 * Math.PI)],
    ['∫ N(x|2,0.01) dx = 1 (narrow normal refines the grid)', integral('x', normal(x, two, num(0.01))), 1],
    ['∫ e^{−x²} dx = √π', integral('x', exp(neg(sq(x)))), Math.sqrt(Math.PI)],
    ['σ(0) = 1/2', sigma(num(0)), 0.5],
    ["σ''(0) = 0", apply('\\sigma', [num(0)], { primes: 2 }), 0],
    ["exp'(1) = e", apply('\\exp', [one], { primes: 1 }), Math.E],
    ["log'(2) = 1/2", apply('\\log', [two], { primes: 1 }), 0.5],
    ['\\ln is the natural log', apply('\\ln', [sym('e')]), 1],
    ['π and e', add(sym('\\pi'), sym('e')), Math.PI + Math.E],
    ['e^{2} as a power of e', pow(sym('e'), two), Math.exp(2)],
    ['√9 and |−2|', add(apply('\\sqrt', [num(9)]), norm(neg(two))), 5],
    ['eq(a, b) = a − b', eq(num(5), two), 3],
    ['∂_x x³ at a bound point', expectation('x', normal(null, num(0), one), deriv('x', pow(x, num(3)))), 3],
  ])('%s', (_n, e, v) => {
    expect(ev(e)).toBeCloseTo(v, 11);
  });
});

describe('definitions', () => {
  const fx: Definition = { name: 'f_{x}', params: ['t'], body: minus(neg(mul(pd(), log(sym('t')))), mul(pt(), log(minus(one, sym('t'))))) };
  const t = sym('t');
  test("f_x'(t) = −p_data/t + p_θ/(1−t): primes on a definition whose body mentions a free x", () => {
    const out = numericEqual(apply('f_{x}', [t], { primes: 1 }), add(neg(div(pd(), t)), div(pt(), minus(one, t))), ctx, { seed: 4, extraDefinitions: [fx] });
    expect(out.status).toBe('agree');
  });
  test("f_x''(t) = p_data/t² + p_θ/(1−t)² (nested differences)", () => {
    const out = numericEqual(apply('f_{x}', [t], { primes: 2 }), add(div(pd(), sq(t)), div(pt(), sq(minus(one, t)))), ctx, { seed: 4, extraDefinitions: [fx], tolerance: 1e-6 });
    expect(out.status).toBe('agree');
  });
  test('f_x is minimised at D*: ∫ f_x(D*(x)) dx ≤ ∫ f_x(D_φ(x)) dx', () => {
    const fD = (inner: Expr) => integral('x', apply('f_{x}', [inner]));
    expect(ev(fD(apply('D^{*}', [x])), [fx, DSTAR])).toBeLessThan(ev(fD(D()), [fx, DSTAR]));
  });
  test('a hypothesis overrides the declaration of D_φ', () => {
    expect(ev(D(num(0.3)), [DSTAR, D_IS_DSTAR])).toBeCloseTo(ev(div(pd(num(0.3)), add(pd(num(0.3)), pt(num(0.3))))), 14);
    expect(ev(D(num(0.3)))).not.toBeCloseTo(ev(D(num(0.3)), [DSTAR, D_IS_DSTAR]), 3);
  });
  test('a parameterless definition is evaluated as its body', () => {
    expect(ev(sym('c'), [{ name: 'c', params: [], body: add(one, two) }])).toBe(3);
  });
  test('a definition parameter named θ shadows the global θ inside the densities', () => {
    const L: Definition = { name: 'L', params: ['\\theta'], body: neg(Epd(log(pt()))) };
    const at = (v: number) => ev(apply('L', [num(v)]), [L]);
    expect(at(0.5)).not.toBeCloseTo(at(-0.5), 3);
    expect(ev(apply('L', [th]), [L])).toBeCloseTo(ev(neg(Epd(log(pt())))), 12);
  });
  test('p_θ defined as N(θ, ε²) with no parameter is a distribution and a density', () => {
    const defs: Definition[] = [{ name: 'p_{\\theta}', params: [], body: normal(null, th, pow(sym('\\epsilon'), two)) }];
    expect(ev(Ept(x), defs)).toBeCloseTo(ev(th), 12);
    expect(ev(pt(num(0.2)), defs)).toBeCloseTo(ev(normal(num(0.2), th, pow(sym('\\epsilon'), two))), 14);
  });
  test('a density given by a non-Gaussian formula integrates by quadrature', () => {
    const defs: Definition[] = [{ name: 'r', params: ['y'], body: mul(num(0.5), exp(neg(norm(sym('y'))))) }];
    expect(ev(expectation('x', sym('r'), sq(x)), defs)).toBeCloseTo(2, 9); // Laplace(0, 1): variance 2
  });
  test.each<[string, Expr]>([
    ['heavy-tailed (Cauchy)', div(one, mul(sym('\\pi'), add(one, sq(sym('y')))))],
    ['not normalised', exp(neg(sq(sym('y'))))],
  ])('a formula density whose mass on the range is not 1 is not evaluated: %s', (_n, body) => {
    const defs: Definition[] = [{ name: 'r', params: ['y'], body }];
    expect(ev(expectation('x', sym('r'), one), defs)).toBeNaN();
    expect(numericEqual(expectation('x', sym('r'), one), one, ctx, { seed: 1, extraDefinitions: defs }).status).toBe('undefined');
  });
});

describe('domains and errors', () => {
  test.each<[string, Expr, RegExp]>([
    ['cyclic definitions', apply('g', [x]), /definitions are cyclic: g -> h -> g/],
    ['unresolved expectation', expectation(null, null, x), /unresolved expectation/],
    ['a density used as a value', sym('p_{data}'), /p_\{data\} is a density and cannot be used as a value/],
    ['a distribution used as a value', normal(null, num(0), one), /not a number/],
    ['an expectation over a non-density', expectation('x', sym('\\theta'), x), /not a declared density/],
  ])('%s throws a NumericError', (_n, e, msg) => {
    const defs: Definition[] = [{ name: 'g', params: ['y'], body: apply('h', [sym('y')]) }, { name: 'h', params: ['y'], body: apply('g', [sym('y')]) }];
    expect(() => ev(e, defs)).toThrow(NumericError);
    expect(() => ev(e, defs)).toThrow(msg);
  });

  test('numericEqual reports an unevaluable side as undefined with the reason', () => {
    const out = numericEqual(sym('p_{data}'), x, ctx, { seed: 1 });
    expect(out).toEqual({ status: 'undefined', reason: 'p_{data} is a density and cannot be used as a value', seed: 1 });
  });

  test('a side that is NaN everywhere while the other has a value is a disagreement', () => {
    // it used to be "undefined"; log(−(x²+1)) = x is false: the left side has no real value anywhere
    const out = numericEqual(log(neg(add(sq(x), one))), x, ctx, { seed: 1 });
    expect(out.status).toBe('disagree');
    if (out.status === 'disagree') expect(out.witness.undefinedSide).toBe('left');
  });

  test('a sample where only one side has a value is a disagreement, not skipped', () => {
    // log y = log(y·y)/2 holds only for y > 0: at y < 0 the left side has no value and the right has one
    // (this test used to expect agreement: a false accept)
    const out = numericEqual(log(sym('y')), div(log(sq(sym('y'))), two), ctx, { seed: 2 });
    expect(out.status).toBe('disagree');
  });

  test('samples where neither side has a value are skipped', () => {
    const out = numericEqual(mul(two, log(sym('y'))), add(log(sym('y')), log(sym('y'))), ctx, { seed: 2 });
    expect(out).toMatchObject({ status: 'agree', samples: 8 });
  });

  test('a vector used as a number is refused; a joint density of two variables is evaluated', () => {
    const c2 = makeContext([{ name: 'v', kind: 'vector', dim: 'd' }, { name: 'pj', kind: 'density', arity: 2 }]);
    expect(() => evaluate(sym('v'), c2, { seed: 1 })).toThrow(/v is a vector, not a number/);
    expect(evaluate(apply('pj', [x, x]), c2, { seed: 1 })).toBeGreaterThan(0);
    expect(() => evaluate(apply('pj', [x, x, x]), c2, { seed: 1 })).toThrow(/joint density of 2 variables/);
  });

  test('a conditional density integrates to 1 for every conditioning value', () => {
    const out = numericEqual(integral('x', apply('q', [x], { given: [sym('y')] })), one, ctx, { seed: 3 });
    expect(out.status).toBe('agree');
    const moves = numericEqual(apply('q', [num(0.1)], { given: [num(0)] }), apply('q', [num(0.1)], { given: [num(1)] }), ctx, { seed: 3 });
    expect(moves.status).toBe('disagree');
  });
});

describe('numerically delicate forms are evaluated in log space', () => {
  const big = num(800);
  test.each<[string, Expr, number]>([
    ['log(1 − σ(800)) = −800', log(minus(one, sigma(big))), -800],
    ['log σ(−800) = −800', log(sigma(neg(big))), -800],
    ['1 − σ(40) = σ(−40), not 0', minus(one, sigma(num(40))), sigmoid(-40)],
    ['log(e^{−800} + e^{−801})', log(add(exp(neg(big)), exp(neg(num(801))))), logAddExp(-800, -801)],
  ])('%s', (_n, e, v) => {
    expect(ev(e)).toBeCloseTo(v, 9);
  });

  test('log of a density far in its tail is finite', () => {
    const v = ev(log(pd(num(60))));
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeLessThan(-700);
  });

  test('log(1 − D*(x)) where p_θ ≪ p_data stays exact', () => {
    const defs = [DSTAR];
    const at = num(25);
    const lhs = ev(log(minus(one, apply('D^{*}', [at]))), defs);
    const rhs = ev(add(log(pt(at)), neg(log(add(pd(at), pt(at))))), defs);
    expect(Number.isFinite(lhs)).toBe(true);
    expect(lhs).toBeCloseTo(rhs, 8);
  });

  test('helpers', () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBeCloseTo(0, 300);
    expect(log1mexp(-1e-20)).toBeCloseTo(Math.log(1e-20), 12);
    expect(log1mexp(Math.log(0.25))).toBeCloseTo(Math.log(0.75), 15);
    expect(log1mexp(0.1)).toBeNaN();
  });

  test('KL of a density with itself is 0 to rounding, and positive otherwise', () => {
    expect(Math.abs(ev(kl(sym('p_{\\theta}'), sym('p_{\\theta}'))))).toBeLessThan(1e-14);
    expect(ev(kl(sym('p_{\\theta}'), sym('p_{data}')))).toBeGreaterThan(0);
  });

  test('E_{N(θ,ε²)}[x²] by Hermite equals the grid value of the same integral', () => {
    expect(ev(EN(sq(x)))).toBeCloseTo(ev(integral('x', mul(normal(x, th, pow(sym('\\epsilon'), two)), sq(x)))), 12);
  });

  test('E_{p_θ}[log p_θ/p_data] matches ∫ p_θ log(p_θ/p_data) to 1e-12', () => {
    expect(ev(Ept(log(div(pt(), pd()))))).toBeCloseTo(ev(integral('x', mul(pt(), log(div(pt(), pd()))))), 12);
  });

  test('E_{p_data}[1] = 1 to 1e-13', () => {
    expect(ev(Epd(one))).toBeCloseTo(1, 13);
  });
});
