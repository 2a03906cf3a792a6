/**
 * Joint densities p(x, y), conditionals p(x | y) and marginals p(y) (the last variable),
 * definitions matched by name and shape, and derivation 6 (conditional Gaussian logit).
 */
import { add, apply, div, expectation, integral, log, mul, neg, normal, num, pow, sub, sym, transpose, norm } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { makeContext } from '../../../src/semantics/context';
import { DefinitionTable, numericEqual, numericEqualUpToFreeOf, type NumericDefinition } from '../../../src/check/numeric';

const jctx = makeContext([
  { name: 'x', kind: 'variable' },
  { name: 'y', kind: 'variable' },
  { name: '\\theta', kind: 'parameter' },
  { name: 'p_{\\theta}', kind: 'density', arity: 2, dependsOn: ['\\theta'] },
  { name: 'p_{data}', kind: 'density', arity: 2 },
  { name: 'f', kind: 'function', arity: 1 },
  { name: '\\varphi', kind: 'function', arity: 1, dim: 'd' },
  { name: '\\mu_{y}', kind: 'vector', dim: 'd' },
  { name: '\\hat{\\mu}_{y}', kind: 'vector', dim: 'd' },
]);

const x = sym('x'), y = sym('y'), two = num(2), I = sym('I');
const joint = (p: string, a: Expr = x, b: Expr = y) => apply(p, [a, b]);
const cond = (p: string, a: Expr = x, b: Expr = y) => apply(p, [a], { given: [b] });
const marg = (p: string, a: Expr = y) => apply(p, [a]);
const PT = 'p_{\\theta}', PD = 'p_{data}';
const sq = (e: Expr) => pow(e, two);
const half = (e: Expr) => div(e, two);

/** The hypothesis p_θ(y) = p_data(y): replaces the marginal only. */
const SAME_MARGINAL: NumericDefinition = { name: PT, params: ['y'], body: marg(PD) };
/** p_θ = p_data as the loader writes it: over all declared variables, an alias for every form. */
const SAME_DENSITY: NumericDefinition = { name: PT, params: ['#h0', '#h1'], body: joint(PD, sym('#h0'), sym('#h1')) };
/** Class-conditional Gaussians of derivation 6 (definitions with a conditioning parameter). */
const phi = apply('\\varphi', [x]), mu = sym('\\mu_{y}'), muHat = sym('\\hat{\\mu}_{y}');
const GAUSSIANS: NumericDefinition[] = [
  { name: PD, params: ['x'], given: ['y'], body: normal(apply('\\varphi', [x]), mu, I) },
  { name: PT, params: ['x'], given: ['y'], body: normal(apply('\\varphi', [x]), muHat, I) },
];

const hStar = log(div(joint(PD), joint(PT)));
const factored = log(div(mul(cond(PD), marg(PD)), mul(cond(PT), marg(PT))));
const split = add(log(div(cond(PD), cond(PT))), log(div(marg(PD), marg(PT))));
const condRatio = log(div(cond(PD), cond(PT)));

type Case = [name: string, lhs: Expr, rhs: Expr, status: 'agree' | 'disagree', defs: NumericDefinition[]];
const cases: Case[] = [
  ['product rule: p(x, y) = p(x | y) p(y)', joint(PD), mul(cond(PD), marg(PD)), 'agree', []],
  ['product rule with parameters: p_θ(x, y) = p_θ(x | y) p_θ(y)', joint(PT), mul(cond(PT), marg(PT)), 'agree', []],
  ['log p(x, y) = log p(x | y) + log p(y)', log(joint(PD)), add(log(cond(PD)), log(marg(PD))), 'agree', []],
  ['the marginal of the last variable: ∫ p(x, y) dx = p(y)', integral('x', joint(PD)), marg(PD), 'agree', []],
  ['∫ p(x | y) dx = 1', integral('x', cond(PT)), num(1), 'agree', []],
  ['E_{y~p} is over the marginal: E_{y~p}[f(y)] = ∫ p(y) f(y) dy', expectation('y', sym(PD), apply('f', [y])), integral('y', mul(marg(PD), apply('f', [y]))), 'agree', []],
  ['derivation 6: h* = log of the factored joints', hStar, factored, 'agree', []],
  ['derivation 6: … = sum of the conditional and marginal log-ratios', factored, split, 'agree', []],
  ['derivation 6: the marginal term dropped given p_θ(y) = p_data(y)', split, condRatio, 'agree', [SAME_MARGINAL]],
  ['given p_θ(y) = p_data(y), h* is the conditional log-ratio (student 4(a) with the hypothesis)', hStar, condRatio, 'agree', [SAME_MARGINAL]],
  ['given p_θ(y) = p_data(y), the joint stays the product: p_θ(x, y) = p_θ(x | y) p_data(y)', joint(PT), mul(cond(PT), marg(PD)), 'agree', [SAME_MARGINAL]],
  ['given p_θ = p_data, every form is equal: p_θ(x | y) = p_data(x | y)', cond(PT), cond(PD), 'agree', [SAME_DENSITY]],
  ['given p_θ = p_data: p_θ(y) = p_data(y)', marg(PT), marg(PD), 'agree', [SAME_DENSITY]],
  ['derivation 6: the conditional log-ratio of Gaussians', condRatio, log(div(normal(phi, mu, I), normal(phi, muHat, I))), 'agree', GAUSSIANS],
  ['derivation 6: … linear in φ(x)', condRatio, sub(mul(transpose(phi), sub(mu, muHat)), half(sub(sq(norm(mu)), sq(norm(muHat))))), 'agree', GAUSSIANS],
  ['p_θ and p_data are different joints', joint(PT), joint(PD), 'disagree', []],
  ['the marginal term dropped without the hypothesis (student 4(a))', hStar, condRatio, 'disagree', []],
  ['the marginal hypothesis does not touch the conditional: p_θ(x | y) ≠ p_data(x | y)', cond(PT), cond(PD), 'disagree', [SAME_MARGINAL]],
  ['the marginal forgotten: p(x, y) = p(x | y)', joint(PD), cond(PD), 'disagree', []],
  ['the conditional moves with y: p(x | y) ≠ p(x | y + 1)', cond(PD), cond(PD, x, add(y, num(1))), 'disagree', []],
  ['p(x) is the marginal of the last variable at x, not ∫ p(x, y) dy', integral('y', joint(PD)), marg(PD, x), 'disagree', []],
  ['derivation 6 with the inner product of the wrong sign', condRatio, sub(mul(transpose(phi), sub(muHat, mu)), half(sub(sq(norm(mu)), sq(norm(muHat))))), 'disagree', GAUSSIANS],
];

describe('joint, conditional and marginal densities', () => {
  test.each(cases)('%s', (_n, lhs, rhs, status, defs) => {
    const out = numericEqual(lhs, rhs, jctx, { seed: 8, extraDefinitions: defs });
    expect(out.status).toBe(status);
    if (out.status === 'agree') expect(out.maxDiff).toBeLessThan(1e-9);
  });

  test('∫∫ p(x, y) dx dy = 1 (nested quadrature: two samples)', () => {
    expect(numericEqual(integral('y', integral('x', joint(PT))), num(1), jctx, { seed: 8, samples: 2 })).toMatchObject({ status: 'agree', samples: 2 });
  });

  test('the joint depends on θ through both parts', () => {
    expect(numericEqualUpToFreeOf('\\theta', marg(PT), num(0), jctx, { seed: 1 }).status).toBe('disagree');
    expect(numericEqualUpToFreeOf('\\theta', cond(PT), num(0), jctx, { seed: 1 }).status).toBe('disagree');
    expect(numericEqualUpToFreeOf('\\theta', joint(PD), num(0), jctx, { seed: 1 }).status).toBe('agree');
  });

  test.each<[string, Expr, RegExp]>([
    ['three arguments', apply(PD, [x, y, y]), /joint density of 2 variables: it takes at most 2 arguments/],
    ['two arguments and a condition', apply(PD, [x, y], { given: [y] }), /joint density of 2 variables/],
  ])('misuse of a joint density: %s', (_n, e, msg) => {
    const out = numericEqual(e, num(0), jctx, { seed: 1 });
    expect(out.status === 'undefined' && out.reason).toMatch(msg);
  });
});

describe('definitions are matched by name, arguments and conditioning arguments', () => {
  const t = new DefinitionTable(jctx, [SAME_MARGINAL, ...GAUSSIANS, { name: 'c', params: [], body: num(3) }]);
  test.each<[string, string, number, number, NumericDefinition | undefined]>([
    ['the marginal hypothesis for p_θ(y)', PT, 1, 0, SAME_MARGINAL],
    ['nothing for the joint p_θ(x, y)', PT, 2, 0, undefined],
    ['the conditional definition for p_θ(x | y)', PT, 1, 1, GAUSSIANS[1]],
    ['a value for c', 'c', 0, 0, { name: 'c', params: [], body: num(3) }],
    ['nothing for c(x)', 'c', 1, 0, undefined],
  ])('%s', (_n, name, nargs, ngiven, want) => {
    expect(t.match(name, nargs, ngiven)).toEqual(want);
  });
  test('an extra definition overrides the context definition of the same shape only', () => {
    const ctx2 = makeContext(jctx.symbols.size ? [...jctx.symbols.values()] : [], [{ name: 'g', params: ['u'], body: num(1) }, { name: 'g', params: [], body: num(2) }]);
    const t2 = new DefinitionTable(ctx2, [{ name: 'g', params: ['v'], body: num(5) }]);
    expect(t2.match('g', 1)?.body).toEqual(num(5));
    expect(t2.alias(PT, 2)).toBeNull();
    expect(new DefinitionTable(jctx, [SAME_DENSITY]).alias(PT, 2)).toBe(PD);
  });
  test('a defined name used with another number of arguments is an error, as before', () => {
    const out = numericEqual(apply('g', [x, y]), num(0), jctx, { seed: 1, extraDefinitions: [{ name: 'g', params: ['u'], body: sym('u') }] });
    expect(out).toMatchObject({ status: 'undefined', reason: 'g takes 1 argument(s), got 2' });
  });
});
