/** parse(print(e)) is e, over every golden case, and the printer's output for a few shapes. */
import { parseExpr } from '../../src/parse';
import { printLatex } from '../../src/emit/latex-expr';
import { exprKey } from '../../src/expr/equal';
import {
  add, apply, deriv, div, eq, exp, expect as E, integral, kl, log, mul, neg, normal, norm, num, pow, sub, sym, transpose,
} from '../../src/expr/build';
import type { Expr } from '../../src/expr/types';
import { EMPTY_CONTEXT } from '../../src/semantics/context';
import { CASES, GAN } from './cases';

describe('round trip parse(printLatex(e)) = e', () => {
  test.each(CASES.map(([src, e, ctx]) => [src, e, ctx] as const))('%s', (_src, e, ctx) => {
    const printed = printLatex(e);
    expect(exprKey(parseExpr(printed, ctx ?? EMPTY_CONTEXT))).toBe(exprKey(e));
  });
});

const [a, b, c, x, y] = ['a', 'b', 'c', 'x', 'y'].map(sym);
const th = sym('\\theta');

/* prettier-ignore */
const PRINTED: [Expr, string][] = [
  [div(num(1), add(num(1), exp(neg(sym('h'))))), '\\frac{1}{1 + \\exp(-h)}'],
  [sub(a, mul(b, c)), 'a - b c'],
  [add(a, neg(add(b, c))), 'a - \\left(b + c\\right)'],
  [add(a, neg(neg(b))), 'a - \\left(-b\\right)'],
  [neg(mul(a, b)), '-a b'],
  [mul(neg(a), b), '\\left(-a\\right) b'],
  [mul(mul(a, b), c), '\\left(a b\\right) c'],
  [mul(num(2), num(3), x), '2 \\cdot 3 x'],
  [mul(x, sub(num(1), x)), 'x \\cdot \\left(1 - x\\right)'],
  [mul(div(num(1), num(2)), x), '\\frac{1}{2} x'],
  [pow(add(x, num(1)), num(2)), '\\left(x + 1\\right)^{2}'],
  [pow(sym('e'), x), '\\left(e\\right)^{x}'],
  [pow(sym('D^{*}'), num(2)), '{D^{*}}^{2}'],
  [pow(x, sym('T')), 'x^{\\left(T\\right)}'],
  [sym('p_{data}'), 'p_{\\mathrm{data}}'],
  [sym('KL'), '\\mathrm{KL}'],
  [sym('\\hat{\\mu}_{y}'), '\\hat{\\mu}_{y}'],
  [apply('p_{data}', [x], { given: [y] }), 'p_{\\mathrm{data}}(x \\mid y)'],
  [apply('\\sigma', [x], { primes: 1 }), "\\sigma'(x)"],
  [log(div(a, b)), '\\log\\left(\\frac{a}{b}\\right)'],
  [apply('\\sqrt', [mul(num(2), sym('\\pi'))]), '\\sqrt{2 \\pi}'],
  [E('x', sym('p_{\\theta}'), x), '\\mathbb{E}_{x \\sim p_{\\theta}}\\left[x\\right]'],
  [E(null, sym('p_{\\theta}'), x), '\\mathbb{E}_{p_{\\theta}}\\left[x\\right]'],
  [E(null, sym('p'), x), '\\mathbb{E}_{\\sim p}\\left[x\\right]'],
  [E('z', null, x), '\\mathbb{E}_{z}\\left[x\\right]'],
  [E(null, null, x), '\\mathbb{E}\\left[x\\right]'],
  [E('x', normal(null, th, num(1)), x), '\\mathbb{E}_{x \\sim \\mathcal{N}\\left(\\theta, 1\\right)}\\left[x\\right]'],
  [integral('x', mul(a, x)), '\\int a x \\, dx'],
  [deriv('\\theta', mul(a, th)), '\\frac{\\partial}{\\partial \\theta} a \\theta'],
  [mul(deriv('\\theta', a), b), '\\left(\\frac{\\partial}{\\partial \\theta} a\\right) b'],
  [deriv('\\theta', add(a, b)), '\\frac{\\partial}{\\partial \\theta} \\left(a + b\\right)'],
  [kl(sym('p'), sym('q')), '\\mathrm{KL}(p \\,\\|\\, q)'],
  [normal(sym('v'), sym('\\mu'), sym('\\Sigma')), '\\mathcal{N}\\left(v \\mid \\mu, \\Sigma\\right)'],
  [pow(norm(x), num(2)), '\\|x\\|^{2}'],
  [mul(transpose(sym('v')), sym('w')), 'v^\\top w'],
  [transpose(sub(a, b)), '\\left(a - b\\right)^\\top'],
  [eq(x, num(0.5)), 'x = 0.5'],
  [num(1e-7), '0.0000001'],
];

describe('printLatex output', () => {
  test.each(PRINTED)('%#: %j', (e, latex) => {
    expect(printLatex(e)).toBe(latex);
    expect(exprKey(parseExpr(latex, GAN))).toBe(exprKey(e));
  });
});
