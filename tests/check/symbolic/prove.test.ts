import { sym, apply, add, neg, mul, div, pow, num, log, expectation, kl, normal, deriv, exp, integral } from '../../../src/expr/build';
import { makeContext, Definition } from '../../../src/semantics/context';
import { proveEqual, proveFreeOf } from '../../../src/check/symbolic/prove';
import { Defs } from '../../../src/check/symbolic/defs';
import type { Expr } from '../../../src/expr/types';

const x = sym('x');
const theta = sym('\\theta');
const ctx = makeContext([
  { name: 'a', kind: 'constant', domain: 'positive' },
  { name: 'b', kind: 'constant', domain: 'positive' },
  { name: 'c', kind: 'constant' },
  { name: 'x', kind: 'variable' },
  { name: '\\theta', kind: 'parameter' },
  { name: '\\theta_{0}', kind: 'constant' },
  { name: '\\epsilon', kind: 'constant', domain: 'positive' },
  { name: 'p_{\\theta}', kind: 'density', arity: 1, dependsOn: ['\\theta'] },
  { name: 'p_{data}', kind: 'density', arity: 1 },
  { name: 'D_{\\phi}', kind: 'function', arity: 1, domain: 'unit', dependsOn: ['\\phi'] },
]);
const pt = (v: Expr) => apply('p_{\\theta}', [v]);
const pd = (v: Expr) => apply('p_{data}', [v]);
const D = (v: Expr) => apply('D_{\\phi}', [v]);
const env = (defs: Definition[] = []) => ({ ctx, defs: new Defs(defs) });
const Ept = (b: Expr) => expectation('x', sym('p_{\\theta}'), b);
const Epd = (b: Expr) => expectation('x', sym('p_{data}'), b);
const Dstar: Definition = { name: 'D_{\\phi}', params: ['x'], body: div(pd(x), add(pd(x), pt(x))) };

describe('proveEqual', () => {
  test.each<[string, Expr, Expr, string]>([
    ['log of a product of positives', log(mul(sym('a'), sym('b'))), add(log(sym('a')), log(sym('b'))), 'proved'],
    ['log of a product of unknown sign', log(mul(sym('a'), sym('c'))), add(log(sym('a')), log(sym('c'))), 'not-proved'],
    ['log of a quotient', log(div(pt(x), pd(x))), add(log(pt(x)), neg(log(pd(x)))), 'proved'],
    ['add and subtract', neg(Epd(log(pt(x)))), add(neg(Epd(log(div(pt(x), pd(x))))), neg(Epd(log(pd(x))))), 'proved'],
    ['dropping the entropy under =', neg(Epd(log(pt(x)))), neg(Epd(log(div(pt(x), pd(x))))), 'not-proved'],
    ['KL definition', Epd(log(div(pd(x), pt(x)))), kl(sym('p_{data}'), sym('p_{\\theta}')), 'proved'],
    ['KL swapped', Epd(log(div(pd(x), pt(x)))), kl(sym('p_{\\theta}'), sym('p_{data}')), 'not-proved'],
    ['sign flipped', neg(Epd(log(div(pt(x), pd(x))))), Epd(log(div(pt(x), pd(x)))), 'not-proved'],
    ['two E become one', add(Ept(log(add(num(1), neg(D(x))))), neg(Ept(log(D(x))))), Ept(log(div(add(num(1), neg(D(x))), D(x)))), 'proved'],
    ['integral as expectation', neg(integral('x', mul(pd(x), log(D(x))))), neg(Epd(log(D(x)))), 'proved'],
    ['sigma derivative', apply('\\sigma', [x], { primes: 1 }), mul(apply('\\sigma', [x]), add(num(1), neg(apply('\\sigma', [x])))), 'proved'],
    ['d/dtheta theta^2', deriv('\\theta', pow(theta, num(2))), mul(num(2), theta), 'proved'],
    ['log exp', log(exp(x)), x, 'proved'],
  ])('%s', (_name, l, r, status) => {
    expect(proveEqual(l, r, env()).status).toBe(status);
  });

  test('D = D* turns the log-odds into the log-ratio', () => {
    const l = Ept(log(div(add(num(1), neg(D(x))), D(x))));
    const r = Ept(log(div(pt(x), pd(x))));
    expect(proveEqual(l, r, env([Dstar])).status).toBe('proved');
    expect(proveEqual(l, r, env()).status).toBe('not-proved');
  });

  test('Gaussian KL in closed form', () => {
    const defs: Definition[] = [
      { name: 'p_{\\theta}', params: ['x'], body: normal(x, theta, pow(sym('\\epsilon'), num(2))) },
      { name: 'p_{data}', params: ['x'], body: normal(x, sym('\\theta_{0}'), pow(sym('\\epsilon'), num(2))) },
    ];
    const l = kl(sym('p_{\\theta}'), sym('p_{data}'));
    const r = div(pow(add(theta, neg(sym('\\theta_{0}'))), num(2)), mul(num(2), pow(sym('\\epsilon'), num(2))));
    const res = proveEqual(l, r, env(defs));
    expect(res.status).toBe('proved');
    // the x^2 terms cancel, so the second moment is not needed; the mean is
    expect(res.rules).toEqual(expect.arrayContaining(['kl-definition', 'gaussian-density', 'gaussian-mean']));
    expect(res.rules).not.toContain('gaussian-second-moment');
    expect(proveEqual(l, mul(num(2), r), env(defs)).status).toBe('not-proved');
  });
});

test('an expectation nested in another but free of its variable is the same atom as at top level', () => {
  const Ex = Epd(x);
  const l = Epd(add(pow(x, num(2)), neg(mul(num(2), x, Ex)), pow(Ex, num(2))));
  const r = add(Epd(pow(x, num(2))), neg(pow(Ex, num(2))));
  expect(proveEqual(l, r, env()).status).toBe('proved');
  expect(proveEqual(l, Epd(pow(x, num(2))), env()).status).toBe('not-proved');
});

describe('proveFreeOf', () => {
  test('dropping the entropy is equality up to a θ-free term', () => {
    const l = neg(Epd(log(pt(x))));
    const r = neg(Epd(log(div(pt(x), pd(x)))));
    expect(proveFreeOf('\\theta', l, r, env()).status).toBe('proved');
    expect(proveFreeOf('\\theta', l, Epd(log(div(pt(x), pd(x)))), env()).status).toBe('not-proved');
  });
});
