/**
 * The notation of the seven derivations (DERIVATIONS.md): every expression,
 * as the caller hands it over after splitting a line at relations other than
 * `=`, parses and survives the print/parse round trip; the trickiest lines are
 * checked against their trees.
 */
import { parseExpr } from '../../src/parse';
import { printLatex } from '../../src/emit/latex-expr';
import { exprKey } from '../../src/expr/equal';
import { add, apply, deriv, div, expect as E, integral, log, mul, neg, norm, num, pow, sub, sym, transpose } from '../../src/expr/build';
import type { Expr } from '../../src/expr/types';
import { GAN } from './cases';

/* prettier-ignore */
const LINES: Record<string, string[]> = {
  'gradient-saturation': [
    '\\sigma(u) = 1/(1+e^{-u})', "\\sigma'(u) = \\sigma(u)(1-\\sigma(u))", 'D_\\phi(x) = \\sigma(h_\\phi(x))',
    'L_G^{mm}(\\theta,\\phi) = E_{z}[\\log(1 - D_\\phi(G_\\theta(z)))]',
    '\\partial_\\theta L_G^{mm} = \\partial_\\theta E_z[\\log(1-\\sigma(h_\\phi(G_\\theta(z))))]',
    'E_z[\\partial_\\theta \\log(1-\\sigma(h_\\phi(G_\\theta(z))))]',
    "E_z[-\\sigma'(h)/(1-\\sigma(h)) \\cdot \\partial_\\theta h_\\phi(G_\\theta(z))]",
    'E_z[-\\sigma(h)(1-\\sigma(h))/(1-\\sigma(h)) \\cdot \\partial_\\theta h]',
    'E_z[-\\sigma(h_\\phi(G_\\theta(z))) \\, \\partial_\\theta h_\\phi(G_\\theta(z))]',
    'E_z[-D_\\phi(G_\\theta(z)) \\, \\partial_\\theta h_\\phi(G_\\theta(z))]',
    '0', 'D_\\phi(G_\\theta(z))', '-\\infty',
    '-E_z[\\log D_\\phi(G_\\theta(z))]', '-E_z[(1 - D_\\phi(G_\\theta(z))) \\partial_\\theta h]',
  ],
  'optimal-discriminator': [
    'L_D(\\phi;\\theta) = -E_{x\\sim p_{data}}[\\log D_\\phi(x)] - E_{x\\sim p_\\theta}[\\log(1-D_\\phi(x))]',
    '-\\int p_{data}(x)\\log D_\\phi(x)\\,dx - \\int p_\\theta(x)\\log(1-D_\\phi(x))\\,dx',
    '\\int -(p_{data}(x)\\log D_\\phi(x) + p_\\theta(x)\\log(1-D_\\phi(x)))\\,dx',
    '\\int f_x(D_\\phi(x))\\,dx', 'f_x(t) = -p_{data}(x)\\log t - p_\\theta(x)\\log(1-t)',
    "f_x'(t) = -p_{data}/t + p_\\theta/(1-t)", 'p_\\theta/(1-t) = p_{data}/t', 'p_\\theta/p_{data} = (1-t)/t',
    'p_\\theta/p_{data} = 1/t - 1', 'p_\\theta/p_{data} + 1 = 1/t', '(p_\\theta + p_{data})/p_{data} = 1/t',
    't = p_{data}/(p_\\theta + p_{data})', "f_x''(t) = p_{data}/t^2 + p_\\theta/(1-t)^2",
    'D^*(x) = p_{data}(x)/(p_{data}(x) + p_\\theta(x))',
  ],
  'optimal-logit': [
    'D_\\phi = D^*', '1/(1+e^{-h}) = p_{data}/(p_\\theta + p_{data})', '1 + e^{-h} = (p_\\theta + p_{data})/p_{data}',
    '1 + e^{-h} = p_\\theta/p_{data} + 1', 'e^{-h} = p_\\theta/p_{data}', '-h = \\log(p_\\theta/p_{data})',
    'h = -\\log(p_\\theta/p_{data})', 'h^*(x) = -\\log(p_\\theta(x)/p_{data}(x))', '\\log(p_{data}(x)/p_\\theta(x))',
  ],
  'generator-loss-kl': [
    'L_G(\\theta;\\phi) = E_{x\\sim p_\\theta}[\\log(1-D_\\phi(x))] - E_{x\\sim p_\\theta}[\\log D_\\phi(x)]',
    'E_{p_\\theta}[\\log((1-D_\\phi(x))/D_\\phi(x))]',
    'E_{p_\\theta}[\\log((1 - p_{data}/(p_{data}+p_\\theta)) / (p_{data}/(p_{data}+p_\\theta)))]',
    'E_{p_\\theta}[\\log((p_\\theta/(p_{data}+p_\\theta)) / (p_{data}/(p_{data}+p_\\theta)))]',
    'E_{p_\\theta}[\\log(p_\\theta(x)/p_{data}(x))]', 'KL(p_\\theta \\| p_{data})',
  ],
  'mle-kl': [
    'L_{MLE}(\\theta) = -E_{x\\sim p_{data}}[\\log p_\\theta(x)]',
    '-E_{p_{data}}[\\log(p_\\theta(x)/p_{data}(x))] - E_{p_{data}}[\\log p_{data}(x)]',
    '-E_{p_{data}}[\\log(p_\\theta(x)/p_{data}(x))]', 'E_{p_{data}}[\\log(p_{data}(x)/p_\\theta(x))]',
    'KL(p_{data} \\| p_\\theta)',
  ],
  'conditional-gaussian-logit': [
    'p_{data}(x|y) = N(\\varphi(x) | \\mu_y, I)', 'p_\\theta(x|y) = N(\\varphi(x) | \\hat\\mu_y, I)', 'd = 1',
    'h^*(x,y) = \\log(p_{data}(x,y)/p_\\theta(x,y))',
    '\\log((p_{data}(x|y) p_{data}(y)) / (p_\\theta(x|y) p_\\theta(y)))',
    '\\log(p_{data}(x|y)/p_\\theta(x|y)) + \\log(p_{data}(y)/p_\\theta(y))', '\\log(p_{data}(x|y)/p_\\theta(x|y))',
    'p_\\theta(y) = p_{data}(y)', '\\log(N(\\varphi(x)|\\mu_y,I) / N(\\varphi(x)|\\hat\\mu_y,I))',
    '-\\tfrac12\\|\\varphi(x)-\\mu_y\\|^2 + \\tfrac12\\|\\varphi(x)-\\hat\\mu_y\\|^2',
    '\\varphi(x)^\\top(\\mu_y - \\hat\\mu_y) - \\tfrac12(\\|\\mu_y\\|^2 - \\|\\hat\\mu_y\\|^2)',
    '\\mu_y = M y', '\\hat\\mu_y = \\hat M y', 'y^\\top A \\varphi(x) + b^\\top y', 'A = (M - \\hat M)^\\top',
    'b_k = -\\tfrac12(\\|m_k\\|^2 - \\|\\hat m_k\\|^2)',
  ],
  'gaussian-kl': [
    'p_\\theta = N(\\theta, \\epsilon^2)', 'p_{data} = N(\\theta_0, \\epsilon^2)',
    'KL(p_\\theta \\| p_{data}) = E_{x\\sim N(\\theta,\\epsilon^2)}[\\log(p_\\theta(x)/p_{data}(x))]',
    'E[\\log(\\exp(-(x-\\theta)^2/(2\\epsilon^2)) / \\exp(-(x-\\theta_0)^2/(2\\epsilon^2)))]',
    'E[-((x-\\theta)^2 - (x-\\theta_0)^2)/(2\\epsilon^2)]',
    '\\frac{1}{2\\epsilon^2} E[-2x\\theta_0 + \\theta_0^2 + 2x\\theta - \\theta^2]',
    '\\frac{\\theta_0^2-\\theta^2}{2\\epsilon^2} + \\frac{2\\theta-2\\theta_0}{2\\epsilon^2} E[x]',
    '\\frac{\\theta_0^2-\\theta^2}{2\\epsilon^2} + \\frac{2\\theta-2\\theta_0}{2\\epsilon^2}\\theta', 'E[x] = \\theta',
    '\\frac{\\theta_0^2+\\theta^2-2\\theta_0\\theta}{2\\epsilon^2}', '\\frac{(\\theta-\\theta_0)^2}{2\\epsilon^2}',
    '\\partial_\\theta KL = (\\theta-\\theta_0)/\\epsilon^2', 'KL', '\\infty',
  ],
  // the same mathematics as students write it (own inputs, typical drifts)
  'student notation': [
    'E_{n \\sim p_{data}(n)} \\left[\\log D_{\\phi}(n)\\right]', '- \\int p_{data}(n) \\log D_\\phi(n) dn',
    '\\frac{\\partial}{\\partial \\theta} h_\\phi(G_\\theta(z))', '\\frac{\\partial L_G^{mm}}{\\partial \\theta}',
    'E_{x \\sim p_\\theta(x)} \\left[\\log \\frac{1 - D_\\phi(x)}{D_\\phi(x)} \\right]', '\\log \\frac{P_\\theta(n)}{P_{\\text{data}}(n)}',
    'KL(P_{\\theta}(x) \\parallel P_{data}(x))', '\\ln_{\\Phi}(x, y) = \\log \\frac{P_{\\text{data}}(x, y)}{P_\\theta(x, y)}',
    '\\exp\\left(-\\frac{1}{2\\epsilon^2} (n - \\theta)^2\\right)', '\\left(\\frac{2\\theta - 2\\theta_0}{2\\epsilon^2} \\right) E_{n \\sim N(\\theta, \\epsilon^2)} [n]',
    '\\frac{1}{\\sqrt{2\\pi}} e^{-1/2 (\\varphi(x) - \\mu_y)^2}', '\\mathbb{E}_{x\\sim p_\\theta}\\big[\\log(1-D_\\phi(x))\\big]',
  ],
};

describe.each(Object.entries(LINES))('%s', (_id, lines) => {
  test.each(lines)('%s', (src) => {
    const e = parseExpr(src, GAN);
    expect(exprKey(parseExpr(printLatex(e), GAN))).toBe(exprKey(e));
  });
});

const [x, z, h, th] = ['x', 'z', 'h', '\\theta'].map(sym);
const th0 = sym('\\theta_{0}');
const one = num(1);
const two = num(2);
const D = (e: Expr) => apply('D_{\\phi}', [e]);
const pdata = (e: Expr) => apply('p_{data}', [e]);
const pth = (e: Expr) => apply('p_{\\theta}', [e]);
const sig = (e: Expr) => apply('\\sigma', [e]);

/* prettier-ignore */
const TREES: [string, Expr][] = [
  ["E_z[-\\sigma'(h)/(1-\\sigma(h)) \\cdot \\partial_\\theta h_\\phi(G_\\theta(z))]",
    E('z', null, neg(mul(div(apply('\\sigma', [h], { primes: 1 }), sub(one, sig(h))), deriv('\\theta', apply('h_{\\phi}', [apply('G_{\\theta}', [z])])))))],
  ['-\\int p_{data}(x)\\log D_\\phi(x)\\,dx - \\int p_\\theta(x)\\log(1-D_\\phi(x))\\,dx',
    add(neg(integral('x', mul(pdata(x), log(D(x))))), neg(integral('x', mul(pth(x), log(sub(one, D(x)))))))],
  ['E_{p_\\theta}[\\log((1-D_\\phi(x))/D_\\phi(x))]', E(null, sym('p_{\\theta}'), log(div(sub(one, D(x)), D(x))))],
  ['E[-((x-\\theta)^2 - (x-\\theta_0)^2)/(2\\epsilon^2)]',
    E(null, null, neg(div(sub(pow(sub(x, th), two), pow(sub(x, th0), two)), mul(two, pow(sym('\\epsilon'), two)))))],
  ['\\varphi(x)^\\top(\\mu_y - \\hat\\mu_y) - \\tfrac12(\\|\\mu_y\\|^2 - \\|\\hat\\mu_y\\|^2)',
    sub(mul(transpose(apply('\\varphi', [x])), sub(sym('\\mu_{y}'), sym('\\hat{\\mu}_{y}'))),
      mul(div(one, two), sub(pow(norm(sym('\\mu_{y}')), two), pow(norm(sym('\\hat{\\mu}_{y}')), two))))],
];

describe('trees of the trickiest lines', () => {
  test.each(TREES)('%s', (src, tree) => {
    expect(exprKey(parseExpr(src, GAN))).toBe(exprKey(tree));
  });
});
