/** Shared context and tree helpers for the numeric tester's tests (the GAN setting of DERIVATIONS.md). */
import { add, apply, div, expectation, mul, neg, normal, num, pow, sym } from '../../../src/expr/build';
import type { Expr } from '../../../src/expr/types';
import { makeContext, type Definition } from '../../../src/semantics/context';

export const ctx = makeContext([
  { name: 'a', kind: 'constant', domain: 'positive' },
  { name: 'b', kind: 'constant', domain: 'positive' },
  { name: 'x', kind: 'variable' },
  { name: 'u', kind: 'variable' },
  { name: 't', kind: 'variable', domain: 'unit' },
  { name: 'z', kind: 'variable', distribution: normal(null, num(0), num(1)) },
  { name: '\\theta', kind: 'parameter' },
  { name: '\\phi', kind: 'parameter' },
  { name: '\\theta_{0}', kind: 'constant' },
  { name: '\\epsilon', kind: 'constant', domain: 'positive' },
  { name: 'p_{\\theta}', kind: 'density', arity: 1, dependsOn: ['\\theta'] },
  { name: 'p_{data}', kind: 'density', arity: 1 },
  { name: 'q', kind: 'density', arity: 1, givenArity: 1 },
  { name: 'D_{\\phi}', kind: 'function', arity: 1, domain: 'unit', dependsOn: ['\\phi'] },
  { name: 'h_{\\phi}', kind: 'function', arity: 1, dependsOn: ['\\phi'] },
  { name: 'G_{\\theta}', kind: 'function', arity: 1, dependsOn: ['\\theta'] },
  { name: 'f', kind: 'function', arity: 1 },
]);

export const x = sym('x');
export const u = sym('u');
export const z = sym('z');
export const th = sym('\\theta');
export const th0 = sym('\\theta_{0}');
export const eps = sym('\\epsilon');
export const eps2 = pow(eps, num(2));
export const one = num(1);
export const two = num(2);

export const pt = (v: Expr = x) => apply('p_{\\theta}', [v]);
export const pd = (v: Expr = x) => apply('p_{data}', [v]);
export const D = (v: Expr = x) => apply('D_{\\phi}', [v]);
export const f = (v: Expr = x) => apply('f', [v]);
export const sigma = (v: Expr) => apply('\\sigma', [v]);
export const sigmaP = (v: Expr) => apply('\\sigma', [v], { primes: 1 });
export const sq = (v: Expr) => pow(v, two);
export const minus = (a: Expr, b: Expr) => add(a, neg(b));
export const half = (v: Expr) => div(v, two);

/** E_{x ~ p_θ}[body], E_{x ~ p_data}[body], E_{x ~ N(θ, ε²)}[body], E_{z ~ N(0,1)}[body]. */
export const Ept = (body: Expr) => expectation('x', sym('p_{\\theta}'), body);
export const Epd = (body: Expr) => expectation('x', sym('p_{data}'), body);
export const EN = (body: Expr) => expectation('x', normal(null, th, eps2), body);
export const Ez = (body: Expr) => expectation('z', normal(null, num(0), num(1)), body);

/** The hypothesis D_φ = D* and the definition of D*. */
export const DSTAR: Definition = { name: 'D^{*}', params: ['x'], body: div(pd(), add(pd(), pt())) };
export const D_IS_DSTAR: Definition = { name: 'D_{\\phi}', params: ['x'], body: apply('D^{*}', [x]) };

/** p_θ = N(θ, ε²) and p_data = N(θ_0, ε²) as formula definitions (derivation 7). */
export const GAUSS_DEFS: Definition[] = [
  { name: 'p_{\\theta}', params: ['x'], body: normal(x, th, eps2) },
  { name: 'p_{data}', params: ['x'], body: normal(x, th0, eps2) },
];

/** h(G_θ(z)) as in derivation 1. */
export const hG = () => apply('h_{\\phi}', [apply('G_{\\theta}', [z])]);

/** A context with vectors in R^d (d symbolic), a vector-valued φ, and fixed-dimension vectors. */
export const vctx = makeContext([
  { name: 'a', kind: 'vector', dim: 'd' },
  { name: 'b', kind: 'vector', dim: 'd' },
  { name: 'x', kind: 'variable' },
  { name: 'y', kind: 'variable' },
  { name: '\\theta', kind: 'parameter' },
  { name: '\\mu_{y}', kind: 'vector', dim: 'd' },
  { name: '\\hat{\\mu}_{y}', kind: 'vector', dim: 'd' },
  { name: '\\mu_{\\theta}', kind: 'vector', dim: 'd', dependsOn: ['\\theta'] },
  { name: '\\varphi', kind: 'function', arity: 1, dim: 'd' },
  { name: 'c', kind: 'vector', dim: 3 },
  { name: 'w', kind: 'vector', dim: 1 },
]);

export { mul };
