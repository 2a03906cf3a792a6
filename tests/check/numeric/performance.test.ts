/** Budget: a step check over mixtures takes a few milliseconds (generous bounds here, to stay robust on a loaded machine). */
import { deriv, div, kl, log, mul, neg, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { numericEqual } from '../../../src/check/numeric';
import { ctx, Epd, Ept, Ez, hG, minus, one, pd, pt, sigma } from './fixtures';

function medianMs(lhs: Expr, rhs: Expr): number {
  for (let i = 0; i < 3; i++) numericEqual(lhs, rhs, ctx, { seed: i });
  const ts: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    numericEqual(lhs, rhs, ctx, { seed: 100 + i });
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[5];
}

test.each<[string, Expr, Expr, number]>([
  ['MLE add-and-subtract step (3 expectations over mixtures)', neg(Epd(log(pt()))), minus(neg(Epd(log(div(pt(), pd())))), Epd(log(pd()))), 25],
  ['KL step', Ept(log(div(pt(), pd()))), kl(sym('p_{\\theta}'), sym('p_{data}')), 25],
  ['chain rule through an expectation', deriv('\\theta', Ez(log(minus(one, sigma(hG()))))), Ez(neg(mul(sigma(hG()), deriv('\\theta', hG())))), 100],
])('%s', (_n, lhs, rhs, budget) => {
  expect(medianMs(lhs, rhs)).toBeLessThan(budget);
});
