/**
 * The parser's golden cases, one line each: LaTeX input, the tree it must give
 * (written with the builders), and the context it is parsed in. Shared by the
 * parse tests and the round-trip test.
 */
import type { Expr } from '../../src/expr/types';
import {
  add, apply, deriv, div, eq, exp, expect as E, integral, kl, log, mul, neg, normal, norm, num, pow, sub, sym, transpose, SQRT, ABS, SIGN,
} from '../../src/expr/build';
import { EMPTY_CONTEXT, makeContext, type ParseContext } from '../../src/semantics/context';

const fn = (name: string, arity = 1) => ({ name, kind: 'function' as const, arity });
const density = (name: string, arity = 1) => ({ name, kind: 'density' as const, arity });

/** A context like the GAN derivations': densities, networks, losses, one alias of each kind. */
export const GAN: ParseContext = makeContext(
  [
    density('p_{\\theta}'), density('p_{data}'), density('p'),
    fn('D_{\\phi}'), fn('G_{\\theta}'), fn('h_{\\phi}', 2), fn('f_{x}'), fn('D^{*}'), fn('h^{*}'), fn('\\varphi'),
    fn('L_{G}^{mm}', 2), fn('L_{D}', 2), fn('L_{G}', 2), fn('L_{MLE}'),
    { name: '\\mu_{y}', kind: 'vector' }, { name: '\\hat{\\mu}_{y}', kind: 'vector' },
    { name: '\\theta', kind: 'parameter' }, { name: '\\phi', kind: 'parameter' }, { name: 'x', kind: 'variable' },
  ],
  [],
  { 'P_{\\theta}': 'p_{\\theta}', 'P_{data}': 'p_{data}', 'P_{0}': 'p_{\\theta}', '\\ln_{\\Phi}': 'h_{\\phi}' },
);

/** A latent-variable model: a joint p(x, z), an encoder q. */
const VAE: ParseContext = makeContext([
  { name: 'x', kind: 'variable' }, { name: 'z', kind: 'variable' }, density('p', 2), density('q'), fn('f'),
]);

/** Functions an author declares: f, \\mathcal{L}, an own D_{KL} and JSD. */
const FNS: ParseContext = makeContext([fn('f'), fn('\\mathcal{L}'), fn('D_{KL}', 2), fn('JSD', 2)]);

const [a, b, c, x, y, z, t, u, v, w, h] = ['a', 'b', 'c', 'x', 'y', 'z', 't', 'u', 'v', 'w', 'h'].map(sym);
const [th, ph, eps, pi] = ['\\theta', '\\phi', '\\epsilon', '\\pi'].map(sym);
const th0 = sym('\\theta_{0}');
const sig = (e: Expr) => apply('\\sigma', [e]);
const pth = (e: Expr) => apply('p_{\\theta}', [e]);
const pdata = (e: Expr) => apply('p_{data}', [e]);
const D = (e: Expr) => apply('D_{\\phi}', [e]);
const G = (e: Expr) => apply('G_{\\theta}', [e]);
const hphi = (e: Expr) => apply('h_{\\phi}', [e]);
const varphi = (e: Expr) => apply('\\varphi', [e]);
const muy = sym('\\mu_{y}');
const muhat = sym('\\hat{\\mu}_{y}');
const one = num(1);
const two = num(2);
const eps2 = pow(eps, two);

/** [LaTeX, expected tree, context (EMPTY_CONTEXT unless given)]. */
export type Case = [string, Expr, ParseContext?];

/* prettier-ignore */
export const CASES: Case[] = [
  // numbers, symbols, arithmetic
  ['2', two],
  ['0.5', num(0.5)],
  ['x', x],
  ['2x\\theta', mul(two, x, th)],
  ['a + b', add(a, b)],
  ['a - b', sub(a, b)],
  ['a - b - c', add(a, neg(b), neg(c))],
  ['a + b - c + 1', add(a, b, neg(c), one)],
  ['-a b', neg(mul(a, b))],
  ['-x^2', neg(pow(x, two))],
  ['a - -b', add(a, neg(neg(b)))],
  ['a \\cdot b', mul(a, b)],
  ['a \\times b c', mul(a, b, c)],
  ['a \\cdot -b', mul(a, neg(b))],
  ['a/b', div(a, b)],
  ['a/b c', mul(div(a, b), c)],
  ['a b / c', div(mul(a, b), c)],
  ['a/b/c', div(div(a, b), c)],
  ['2 3', mul(two, num(3))],
  ['\\frac{a}{b}', div(a, b)],
  ['\\tfrac12', div(one, two)],
  ['\\dfrac{1}{2}', div(one, two)],
  ['\\frac12 x', mul(div(one, two), x)],
  ['\\frac1{2\\epsilon}', div(one, mul(two, eps))],
  ['\\frac{1}{2\\epsilon^2} E[x]', mul(div(one, mul(two, eps2)), E(null, null, x))],
  ['x^2', pow(x, two)],
  ['x^23', mul(pow(x, two), num(3))],
  ['x^{-1}', pow(x, neg(one))],
  ['x^\\theta', pow(x, th)],
  ['x^\\frac12', pow(x, div(one, two))],
  ['e^{-h}', exp(neg(h))],
  ['e^x', exp(x)],
  ['(e)^x', pow(sym('e'), x)],
  ['\\exp(u)', exp(u)],
  ['\\exp\\left(-\\frac{u}{2}\\right)', exp(neg(div(u, two)))],
  ['\\exp u v + 1', add(exp(mul(u, v)), one)],
  ['(a+b)c', mul(add(a, b), c)],
  ['\\left( a + b \\right)^2', pow(add(a, b), two)],
  ['[a+b] c', mul(add(a, b), c)],
  ['\\{a - b\\}', sub(a, b)],
  ['{a+b}^2', pow(add(a, b), two)],
  ['\\bigl(a\\bigr)', a],
  ['\\left. a \\right.', a],
  ['x(1-x)', mul(x, sub(one, x))],
  ['(a b) c', mul(mul(a, b), c)],
  ['a + (b + c)', add(a, add(b, c))],
  ['a = b', eq(a, b)],
  ['a = -b + 1', eq(a, add(neg(b), one))],
  ['x.', x],
  ['x + 1,', add(x, one)],
  ['a\\,b\\;c\\!d\\quad e\\qquad f\\: g~h', mul(a, b, c, sym('d'), sym('e'), sym('f'), sym('g'), h)],
  ['\\displaystyle \\frac{a}{b}', div(a, b)],
  ['d = 1', eq(sym('d'), one)],
  ['θ^2 − 1', sub(pow(th, two), one)],
  ['a · b', mul(a, b)],
  // names
  ['\\theta_0', th0],
  ['\\theta_{0}^2', pow(th0, two)],
  ['p_{\\text{data}}', sym('p_{data}')],
  ['p_{\\mathrm{data}} + p_{data}', add(sym('p_{data}'), sym('p_{data}'))],
  ['D^\\star', sym('D^{*}')],
  ['\\hat\\mu_y', muhat],
  ['\\hat{\\mu}_{y}', muhat],
  ['\\widehat{M}', sym('\\hat{M}')],
  ['\\mathcal{L}', sym('\\mathcal{L}')],
  ['x_i^2', pow(sym('x_{i}'), two)],
  ['L_G^{mm}', pow(sym('L_{G}'), mul(sym('m'), sym('m')))],
  ['L_G^{mm}', sym('L_{G}^{mm}'), GAN],
  ['L_{\\text{MLE}}(\\theta)', apply('L_{MLE}', [th]), GAN],
  ['\\sigma^2', pow(sym('\\sigma'), two)],
  ['E', sym('E')],
  ['N', sym('N')],
  ['KL', sym('KL')],
  ['K L', mul(sym('K'), sym('L'))],
  ['\\mathrm{KL}', sym('KL')],
  // built-in functions and declared ones
  ['\\sigma(u) = 1/(1+e^{-u})', eq(sig(u), div(one, add(one, exp(neg(u)))))],
  ["\\sigma'(u) = \\sigma(u)(1-\\sigma(u))", eq(apply('\\sigma', [u], { primes: 1 }), mul(sig(u), sub(one, sig(u))))],
  ["f'(t)", apply('f', [t], { primes: 1 })],
  ["f_x'(t)", apply('f_{x}', [t], { primes: 1 }), GAN],
  ["f_x''(t)", apply('f_{x}', [t], { primes: 2 }), GAN],
  ['\\sqrt{2\\pi}', apply(SQRT, [mul(two, pi)])],
  ['\\sqrt2 x', mul(apply(SQRT, [two]), x)],
  ['p_\\theta(x)', mul(sym('p_{\\theta}'), x)],
  ['p_\\theta(x)', pth(x), GAN],
  ['D_\\phi(G_\\theta(z))', D(G(z)), GAN],
  ['D_{\\phi}(x)^2', pow(D(x), two), GAN],
  ['h_\\phi(x,y)', apply('h_{\\phi}', [x, y]), GAN],
  ['L_D(\\phi;\\theta)', apply('L_{D}', [ph, th]), GAN],
  ['L_G^{mm}(\\theta,\\phi)', apply('L_{G}^{mm}', [th, ph]), GAN],
  ['D^*(x)', apply('D^{*}', [x]), GAN],
  ['h^{*}(x,y)', apply('h^{*}', [x, y]), GAN],
  ['p_{data}(x \\mid y)', apply('p_{data}', [x], { given: [y] }), GAN],
  ['p(x|y)', apply('p', [x], { given: [y] }), GAN],
  ['P_\\theta(x) + P_{\\text{data}}(x)', add(pth(x), pdata(x)), GAN],
  ['P_0(n)', pth(sym('n')), GAN],
  ['\\ln_\\Phi(x, y)', apply('h_{\\phi}', [x, y]), GAN],
  ['\\sigma(h_\\phi(G_\\theta(z)))', sig(hphi(G(z))), GAN],
  // \log, \ln, \exp without parentheses
  ['\\log x', log(x)],
  ['\\ln x', log(x)],
  ['\\log 2\\pi s^2', log(mul(two, pi, pow(sym('s'), two)))],
  ['\\log \\frac{a}{b}', log(div(a, b))],
  ['\\log(a) b', mul(log(a), b)],
  ['\\log a + b', add(log(a), b)],
  ['\\log a/b', div(log(a), b)],
  ['\\log a \\cdot b', mul(log(a), b)],
  ['\\log \\log x', log(log(x))],
  ['\\log(x)^2', pow(log(x), two)],
  ['-\\log(p/q)', neg(log(div(sym('p'), sym('q'))))],
  ['\\log p_\\theta(x)', log(pth(x)), GAN],
  ['\\log D_\\phi(n)', log(D(sym('n'))), GAN],
  ['-p_{data}(x)\\log t - p_\\theta(x)\\log(1-t)', add(neg(mul(pdata(x), log(t))), neg(mul(pth(x), log(sub(one, t))))), GAN],
  // vectors
  ['v^\\top w', mul(transpose(v), w)],
  ['v^T w', mul(transpose(v), w)],
  ['v^{\\top}', transpose(v)],
  ['(M - \\hat M)^\\top', transpose(sub(sym('M'), sym('\\hat{M}')))],
  ['\\|v\\|', norm(v)],
  ['\\|v\\|^2', pow(norm(v), two)],
  ['\\left\\| v - w \\right\\|', norm(sub(v, w))],
  ['\\|a\\| \\|b\\|', mul(norm(a), norm(b))],
  ['\\varphi(x)^\\top(\\mu_y - \\hat\\mu_y)', mul(transpose(varphi(x)), sub(muy, muhat)), GAN],
  ['-\\tfrac12\\|\\varphi(x)-\\mu_y\\|^2', neg(mul(div(one, two), pow(norm(sub(varphi(x), muy)), two))), GAN],
  // expectation
  ['E[x]', E(null, null, x)],
  ['E_z[z]', E('z', null, z)],
  ['E_{z}\\left[z\\right]', E('z', null, z)],
  ['\\mathbb{E}_{x\\sim p}[x]', E('x', sym('p'), x)],
  ['\\operatorname{E}\\big[x\\big]', E(null, null, x)],
  ['\\mathbb{E}_{\\sim p}[x]', E(null, sym('p'), x)],
  ['E_{p_\\theta}[x]', E(null, sym('p_{\\theta}'), x)],
  ['E_p[x]', E(null, sym('p'), x), GAN],
  ['E_{x \\sim p_\\theta(x)}[x]', E('x', sym('p_{\\theta}'), x)],
  ['E_{x \\sim p_\\theta(x)}[x]', E('x', sym('p_{\\theta}'), x), GAN],
  ['E_{x\\sim \\mathcal{N}(\\theta,\\epsilon^2)}[x]', E('x', normal(null, th, eps2), x)],
  ['E_{n \\sim N(\\theta, \\epsilon^2)}[n]', E('n', normal(null, th, eps2), sym('n'))],
  ['E_{z \\sim N(0,1)}[z]', E('z', normal(null, num(0), one), z)],
  ['E_{x \\sim p(x|y)}[x]', E('x', apply('p', [x], { given: [y] }), x), GAN],
  ['-E_{x\\sim p_{data}}[\\log D_\\phi(x)]', neg(E('x', sym('p_{data}'), log(D(x)))), GAN],
  ['E_x[a] E_y[b]', mul(E('x', null, a), E('y', null, b))],
  // integral
  ['\\int f \\, dx', integral('x', sym('f'))],
  ['\\int f dx', integral('x', sym('f'))],
  ['\\int f \\,\\mathrm{d}x', integral('x', sym('f'))],
  ['\\int f \\, \\text{d} x', integral('x', sym('f'))],
  ['\\int_{-\\infty}^{\\infty} f\\,dx', integral('x', sym('f'))],
  ['\\int_{-\\infty}^{+\\infty} f\\,dx', integral('x', sym('f'))],
  ['\\int x d\\theta', integral('\\theta', x)],
  ['\\int a d b \\, dx', integral('x', mul(a, sym('d'), b))],
  ['\\int a \\, dx + b', add(integral('x', a), b)],
  ['-\\int a + b \\, dx', neg(integral('x', add(a, b)))],
  ['\\int p_{data}(n) \\log D_\\phi(n) dn', integral('n', mul(pdata(sym('n')), log(D(sym('n'))))), GAN],
  ['\\int -(p_{data}(x)\\log D_\\phi(x) + p_\\theta(x)\\log(1-D_\\phi(x)))\\,dx',
    integral('x', neg(add(mul(pdata(x), log(D(x))), mul(pth(x), log(sub(one, D(x))))))), GAN],
  // derivatives
  ['\\partial_\\theta f', deriv('\\theta', sym('f'))],
  ['\\partial_{\\theta} x\\theta + 1', add(deriv('\\theta', mul(x, th)), one)],
  ['\\partial_{\\theta_0} x', deriv('\\theta_{0}', x)],
  ['\\frac{\\partial}{\\partial\\theta} f', deriv('\\theta', sym('f'))],
  ['\\frac{\\partial f}{\\partial \\theta}', deriv('\\theta', sym('f'))],
  ['\\frac{\\partial (a+b)}{\\partial\\theta} c', mul(deriv('\\theta', add(a, b)), c)],
  ['\\partial_\\theta KL', deriv('\\theta', sym('KL'))],
  ['\\partial_\\theta \\log(1-\\sigma(h))', deriv('\\theta', log(sub(one, sig(h))))],
  ['\\partial_\\theta h_\\phi(G_\\theta(z))', deriv('\\theta', hphi(G(z))), GAN],
  ['\\partial_\\theta L_G^{mm}', deriv('\\theta', sym('L_{G}^{mm}')), GAN],
  // derivatives as students write them (issue 9 item 5, issue 10)
  ['\\frac{d}{dx} f(x)', deriv('x', apply('f', [x])), FNS],
  ['\\frac{d f(x)}{dx}', deriv('x', apply('f', [x])), FNS],
  ['\\frac{d^2}{dt^2} f(t)', deriv('t', deriv('t', apply('f', [t]))), FNS],
  ['\\frac{d^{2} f(t)}{d t^{2}}', deriv('t', deriv('t', apply('f', [t]))), FNS],
  ['\\frac{\\partial^2}{\\partial \\theta^2} f', deriv('\\theta', deriv('\\theta', sym('f')))],
  ['\\partial^2_\\theta f', deriv('\\theta', deriv('\\theta', sym('f')))],
  ['\\partial_\\theta^2 f', deriv('\\theta', deriv('\\theta', sym('f')))],
  ['\\partial KL / \\partial\\theta', deriv('\\theta', sym('KL'))],
  ['\\partial^2 f / \\partial \\theta^2', deriv('\\theta', deriv('\\theta', sym('f')))],
  ['\\frac{d}{2}', div(sym('d'), two)],
  ['\\frac{\\partial_\\theta f}{g}', div(deriv('\\theta', sym('f')), sym('g'))],
  ["f''(t)", apply('f', [t], { primes: 2 })],
  ['\\mathcal{L}(\\theta)', apply('\\mathcal{L}', [th]), FNS],
  ['\\mathcal{L} + 1', add(sym('\\mathcal{L}'), one)],
  // absolute value and sign
  ['|x|', apply(ABS, [x])],
  ['\\left| x - a \\right| + 1', add(apply(ABS, [sub(x, a)]), one)],
  ['\\lvert \\theta \\rvert', apply(ABS, [th])],
  ['p(x \\mid |z|)', apply('p', [x], { given: [apply(ABS, [z])] }), GAN],
  ['\\operatorname{sign}(\\theta - \\theta_0)', apply(SIGN, [sub(th, th0)])],
  ['\\mathrm{sign}(x) |x|', mul(apply(SIGN, [x]), apply(ABS, [x]))],
  // an author's D_{KL} is theirs; \\| separates a functional's arguments
  ['D_{KL}(a, b)', apply('D_{KL}', [a, b]), FNS],
  ['\\mathrm{JSD}(p \\,\\|\\, q)', apply('JSD', [sym('p'), sym('q')]), FNS],
  ['\\|v\\| + \\|w\\|^2', add(norm(v), pow(norm(w), two))],
  // distributions written at their variable, conditional distributions
  ['\\mathbb{E}_{q(z)}[f(z)]', E('z', sym('q'), apply('f', [z])), VAE],
  ['\\mathbb{E}_{p(z \\mid x)}[f(z)]', E('z', apply('p', [z], { given: [x] }), apply('f', [z])), VAE],
  ['\\mathbb{E}_{z \\sim p(\\cdot \\mid x)}[f(z)]', E('z', apply('p', [sym('\\cdot')], { given: [x] }), apply('f', [z])), VAE],
  ['\\mathrm{KL}(q(z) \\,\\|\\, p(z \\mid x))', kl(sym('q'), apply('p', [z], { given: [x] })), VAE],
  ['\\mathrm{KL}(q(\\cdot \\mid x) \\| p(\\cdot))', kl(apply('q', [sym('\\cdot')], { given: [x] }), sym('p')), VAE],
  // KL and Gaussians
  ['KL(p\\|q)', kl(sym('p'), sym('q'))],
  ['KL(p \\parallel q)', kl(sym('p'), sym('q'))],
  ['\\mathrm{KL}(p, q)', kl(sym('p'), sym('q'))],
  ['D_{\\mathrm{KL}}(p \\,\\|\\, q)', kl(sym('p'), sym('q'))],
  ['KL(p || q)', kl(sym('p'), sym('q'))],
  ['KL(p_\\theta \\| p_{data})', kl(sym('p_{\\theta}'), sym('p_{data}'))],
  ['KL(p_\\theta(x) \\| p_{data}(x))', kl(sym('p_{\\theta}'), sym('p_{data}')), GAN],
  ['KL(P_{data}(x) \\parallel P_{\\theta}(x))', kl(sym('p_{data}'), sym('p_{\\theta}')), GAN],
  ['KL(\\mathcal{N}(\\theta, \\epsilon^2) \\| N(\\theta_0, \\epsilon^2))', kl(normal(null, th, eps2), normal(null, th0, eps2))],
  ['\\mathcal{N}(v \\mid \\mu, \\Sigma)', normal(v, sym('\\mu'), sym('\\Sigma'))],
  ['N(\\varphi(x) | \\mu_y, I)', normal(varphi(x), muy, sym('I')), GAN],
  ['\\mathcal{N}(\\theta, \\epsilon^2)', normal(null, th, eps2)],
  ['N(0,1)', normal(null, num(0), one)],
  ['p_\\theta = N(\\theta, \\epsilon^2)', eq(sym('p_{\\theta}'), normal(null, th, eps2)), GAN],
];
