import { add, apply, deriv, div, expect as E, integral, kl, log, mul, neg, normal, num, pow, sub, sym } from '../../../src/expr/build';
import { makeContext } from '../../../src/semantics/context';
import { evaluate, numericEqual, numericEqualUpToFreeOf } from '../../../src/check/numeric';

const ctx = makeContext([
  { name: '\\theta', kind: 'parameter' },
  { name: '\\epsilon', kind: 'constant', domain: 'positive' },
  { name: 'p_{\\theta}', kind: 'density', arity: 1, dependsOn: ['\\theta'] },
  { name: 'p_{data}', kind: 'density', arity: 1 },
]);
const x = sym('x'), th = sym('\\theta'), eps2 = pow(sym('\\epsilon'), num(2));
test('smoke', () => {
  const o = { seed: 1 };
  console.log(evaluate(E('x', normal(null, th, eps2), pow(x, num(2))), ctx, o));
  console.log(numericEqual(E('x', normal(null, th, eps2), pow(x, num(2))), add(pow(th, num(2)), eps2), ctx, o));
  console.log(numericEqual(E('x', sym('p_{data}'), num(1)), num(1), ctx, o));
  console.log(numericEqual(integral('x', mul(apply('p_{data}', [x]), log(apply('p_{\\theta}', [x])))), E('x', sym('p_{data}'), log(apply('p_{\\theta}', [x]))), ctx, o));
  console.log(numericEqual(kl(sym('p_{data}'), sym('p_{\\theta}')), kl(sym('p_{\\theta}'), sym('p_{data}')), ctx, o));
  const a = neg(E('x', sym('p_{data}'), log(apply('p_{\\theta}', [x]))));
  const b = neg(E('x', sym('p_{data}'), log(div(apply('p_{\\theta}', [x]), apply('p_{data}', [x])))));
  console.log(numericEqual(a, b, ctx, o));
  console.log(numericEqualUpToFreeOf('\\theta', a, b, ctx, o));
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) numericEqual(a, b, ctx, { seed: i });
  console.log('ms', (performance.now() - t0) / 20);
});
