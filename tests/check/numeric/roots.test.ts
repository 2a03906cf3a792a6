/** numericEquivalent: equations in an unknown (⟺ and ⟹), from derivations 2 and 3 and small algebra. */
import { add, apply, div, eq, exp, log, mul, neg, norm, num, pow, sub, sym } from '../../../src/expr/build';
import type { Eq, Expr } from '../../../src/expr/types';
import type { Domain } from '../../../src/semantics/context';
import { numericEquivalent } from '../../../src/check/numeric';
import { ctx, one, pd, pt, two } from './fixtures';

const t = sym('t'), h = sym('h'), X = sym('u');
const sq = (e: Expr) => pow(e, two);
const ratio = div(pt(), pd());
const dstar = div(pd(), add(pt(), pd()));

// derivation 2: the stationary point of f_x(t), t ∈ (0, 1)
const d2: Eq[] = [
  eq(add(neg(div(pd(), t)), div(pt(), sub(one, t))), num(0)),
  eq(div(pt(), sub(one, t)), div(pd(), t)),
  eq(ratio, div(sub(one, t), t)),
  eq(ratio, sub(div(one, t), one)),
  eq(add(ratio, one), div(one, t)),
  eq(div(add(pt(), pd()), pd()), div(one, t)),
  eq(t, dstar),
];
// derivation 3: solving σ(h) = D* for the logit h ∈ R
const d3: Eq[] = [
  eq(div(one, add(one, exp(neg(h)))), dstar),
  eq(add(one, exp(neg(h))), div(add(pt(), pd()), pd())),
  eq(add(one, exp(neg(h))), add(ratio, one)),
  eq(exp(neg(h)), ratio),
  eq(neg(h), log(ratio)),
  eq(h, neg(log(ratio))),
];

type Case = [name: string, a: Eq, b: Eq, unknown: string, domain: Domain | undefined, direction: 'iff' | 'implies', status: 'agree' | 'disagree'];
const chain = (eqs: Eq[], u: string, d: Domain | undefined, label: string): Case[] =>
  eqs.slice(1).map((e, i) => [`${label} step ${i + 1}`, eqs[i], e, u, d, 'iff', 'agree']);

const cases: Case[] = [
  ...chain(d2, 't', 'unit', 'derivation 2'),
  ...chain(d3, 'h', undefined, 'derivation 3'),
  ['p_θ/(1−t) = p_d/t ⟺ t = p_d/(p_θ + p_d)', d2[1], d2[6], 't', 'unit', 'iff', 'agree'],
  ['p_θ/(1−t) = p_d/t ⟺ t = p_θ/(p_θ + p_d) (densities swapped)', d2[1], eq(t, div(pt(), add(pt(), pd()))), 't', 'unit', 'iff', 'disagree'],
  ['p_θ/p_d = (1−t)/t ⟺ p_θ/p_d = 1/t (the −1 dropped)', d2[2], eq(ratio, div(one, t)), 't', 'unit', 'iff', 'disagree'],
  ['e^{−h} = p_θ/p_d ⟺ h = −log(p_θ/p_d)', d3[3], d3[5], 'h', undefined, 'iff', 'agree'],
  ['e^{−h} = p_θ/p_d ⟺ h = log(p_θ/p_d) (sign lost)', d3[3], eq(h, log(ratio)), 'h', undefined, 'iff', 'disagree'],
  ['σ(h) = D* ⟺ h = log(p_d/p_θ)', d3[0], eq(h, log(div(pd(), pt()))), 'h', undefined, 'iff', 'agree'],
  ['u² = 1 ⟹ u = 1 is wrong (u = −1)', eq(sq(X), one), eq(X, one), 'u', undefined, 'implies', 'disagree'],
  ['u = 1 ⟹ u² = 1', eq(X, one), eq(sq(X), one), 'u', undefined, 'implies', 'agree'],
  ['u² = 1 ⟺ u = 1 is wrong', eq(sq(X), one), eq(X, one), 'u', undefined, 'iff', 'disagree'],
  ['u² = 1 ⟺ |u| = 1', eq(sq(X), one), eq(norm(X), one), 'u', undefined, 'iff', 'agree'],
  ['u² = 1 ⟺ u = 1 for positive u', eq(sq(X), one), eq(X, one), 'u', 'positive', 'iff', 'agree'],
  ['(u − 1)² = 0 ⟺ u = 1 (a double root)', eq(sq(sub(X, one)), num(0)), eq(X, one), 'u', undefined, 'iff', 'agree'],
  ['(u − 1)² = 0 ⟺ u = 2 is wrong', eq(sq(sub(X, one)), num(0)), eq(X, two), 'u', undefined, 'iff', 'disagree'],
  ['1/(u − 1/2) = 0 has no root (a pole is not a root) ⟺ 0 = 1', eq(div(one, sub(X, num(0.5))), num(0)), eq(num(0), one), 'u', undefined, 'iff', 'agree'],
  ['u = 0 ⟺ 2u = 0 (a root where every term vanishes)', eq(X, num(0)), eq(mul(two, X), num(0)), 'u', undefined, 'iff', 'agree'],
  ['an identity ⟺ an identity: t(1−t) = t − t² ⟺ 0 = 0', eq(mul(t, sub(one, t)), sub(t, sq(t))), eq(num(0), num(0)), 't', 'unit', 'iff', 'agree'],
  ['an identity is not a single root: t(1−t) = t − t² ⟺ t = 1/2', eq(mul(t, sub(one, t)), sub(t, sq(t))), eq(t, num(0.5)), 't', 'unit', 'iff', 'disagree'],
  ['a root outside the domain does not count: log t = 0 has none in (0, 1) ⟺ 0 = 1', eq(log(t), num(0)), eq(num(0), one), 't', 'unit', 'iff', 'agree'],
  ['log u = 1 ⟺ u = e', eq(log(X), one), eq(X, exp(one)), 'u', 'positive', 'iff', 'agree'],
  ['every solution of u = e^{−1} solves log u = −1, and back', eq(X, exp(neg(one))), eq(log(X), neg(one)), 'u', 'positive', 'implies', 'agree'],
  ['a declared function of the unknown: f(u) = f(u) + 0', eq(apply('f', [X]), one), eq(add(apply('f', [X]), num(0)), one), 'u', undefined, 'iff', 'agree'],
];

describe('numericEquivalent', () => {
  test.each(cases)('%s', (_n, a, b, unknown, domain, direction, status) => {
    const out = numericEquivalent(a, b, unknown, domain, ctx, { seed: 4 }, direction);
    expect(out.status).toBe(status);
  });

  test('the witness shows the instantiation, the offending root and both root sets', () => {
    const out = numericEquivalent(d3[3], eq(h, log(ratio)), 'h', undefined, ctx, { seed: 4 }, 'iff');
    expect(out.status).toBe('disagree');
    if (out.status !== 'disagree') return;
    const { a, b } = out.roots!;
    expect(Array.isArray(a) && a.length).toBe(1);
    expect(Array.isArray(b) && b.length).toBe(1);
    const ra = (a as number[])[0], rb = (b as number[])[0];
    expect(ra).toBeCloseTo(-rb, 9); // h = −log r versus h = log r
    expect(Object.keys(out.witness.point)).toEqual(expect.arrayContaining(['h', 'x', '\\theta']));
    expect([ra, rb]).toContainEqual(out.witness.point.h);
  });

  test('u² = 1 ⟹ u = 1: the witness is the root u = −1', () => {
    const out = numericEquivalent(eq(sq(X), one), eq(X, one), 'u', undefined, ctx, { seed: 1 }, 'implies');
    expect(out).toMatchObject({ status: 'disagree', roots: { b: [1] }, witness: { point: { u: -1 } } });
    if (out.status === 'disagree') expect(out.roots!.a).toEqual([-1, 1]);
  });

  test('an equation undefined on the whole domain is undefined', () => {
    const out = numericEquivalent(eq(log(neg(add(sq(X), one))), num(0)), eq(X, one), 'u', undefined, ctx, { seed: 1 }, 'iff');
    expect(out.status).toBe('undefined');
  });
});
