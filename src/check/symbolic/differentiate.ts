/**
 * Symbolic differentiation on expression trees, before normalisation.
 *
 * Strategy: the usual sum, product, quotient and power rules; `\log`, `\exp`,
 * `\sqrt`, `\sigma`, `|u|` (sign(u) u', where u ≠ 0) and sign (0, where u ≠ 0) by their derivatives (`\sigma' = \sigma(1-\sigma)` is
 * left as `\sigma'` for the normaliser's `sigmoid-derivative` rule to expand);
 * definitions are unfolded first. An application of an abstract declared
 * function that depends on the variable (`h_\phi(G_\theta(z))`) is kept as the
 * opaque total derivative `\partial_\theta h_\phi(G_\theta(z))`: the engine
 * never needs its inside, and both sides of a step reduce to the same atom.
 * An expectation whose sampling distribution does not depend on the variable
 * is differentiated under the sign (`differentiate-under-expectation`);
 * one over a declared density that depends on the variable by the
 * score-function identity ∂θ E_{x∼p_θ}[f] = E_{x∼p_θ}[∂θ f + f ∂θ log p_θ(x)];
 * otherwise (a Gaussian N(θ, ε²)) it is first written as an integral against its density.
 *
 * @example
 *   differentiate(parseExpr('\\log(1-\\sigma(u))'), 'u', env)
 *   // -(\sigma'(u)) / (1 - \sigma(u)), up to layout
 */
import type { Expr } from '../../expr/types';
import { num, add, neg, mul, div, pow, apply, log, exp, deriv, integral, sym } from '../../expr/build';
import { mapBottomUp, substSym } from '../../expr/walk';
import { dependsOn, DepEnv } from './depends';
import { densityValue, unfoldKL, unfoldNormal } from './unfold';

/** Everything differentiation needs, plus a hook to record rules it relies on. */
export interface DiffEnv extends DepEnv {
  fire(rule: string): void;
}

const ZERO = num(0);
const isZeroLit = (e: Expr) => e.kind === 'num' && e.value === 0;

function sumOf(terms: Expr[]): Expr {
  const ts = terms.filter((t) => !isZeroLit(t));
  return ts.length === 0 ? ZERO : ts.length === 1 ? ts[0] : add(...ts);
}

/**
 * Substitutes a definition's parameters by arguments. A parameter applied in
 * the body (`q(x)` in `\\mathrm{CE}(p \\| q) := -E_{x \\sim p}[\\log q(x)]`) takes a
 * name as its argument: the function or density passed in.
 */
export function instantiateDefinition(params: string[], body: Expr, args: Expr[]): Expr {
  let b = renameAppliedParams(params, body, args);
  // rename parameters to fresh names first so that arguments mentioning a parameter name are not captured
  params.forEach((p, i) => (b = substSym(b, p, sym(`#arg${i}`))));
  params.forEach((_p, i) => (b = substSym(b, `#arg${i}`, args[i])));
  return b;
}

/**
 * `body` with every application of a parameter whose argument is a name
 * applied to that name instead (functions and densities passed as arguments).
 *
 * @example
 *   renameAppliedParams(['q'], parse('\\log q(x)'), [sym('p_{data}')])   // \\log p_{data}(x)
 */
export function renameAppliedParams(params: readonly string[], body: Expr, args: readonly Expr[]): Expr {
  const to = new Map<string, string>();
  params.forEach((p, i) => {
    const a = args[i];
    if (a?.kind === 'sym') to.set(p, a.name);
  });
  if (!to.size) return body;
  return mapBottomUp(body, (x) => (x.kind === 'apply' && to.has(x.fn) ? { ...x, fn: to.get(x.fn)! } : x));
}

/** d e / d v, as an expression tree. */
export function differentiate(e: Expr, v: string, env: DiffEnv): Expr {
  const d = (x: Expr) => differentiate(x, v, env);
  if (!dependsOn(e, v, env)) return ZERO;
  switch (e.kind) {
    case 'num': return ZERO;
    case 'sym': {
      if (e.name === v) return num(1);
      const def = env.defs.get(e.name, 0);
      if (def) return d(def.body);
      return deriv(v, e);
    }
    case 'add': return sumOf(e.terms.map(d));
    case 'neg': return neg(d(e.arg));
    case 'mul':
      return sumOf(e.factors.map((f, i) => {
        const df = d(f);
        if (isZeroLit(df)) return ZERO;
        const others = e.factors.filter((_, j) => j !== i);
        return mul(...others, df);
      }));
    case 'div':
      return div(add(mul(d(e.num), e.den), neg(mul(e.num, d(e.den)))), pow(e.den, num(2)));
    case 'pow': {
      if (!dependsOn(e.exp, v, env)) {
        return mul(e.exp, pow(e.base, add(e.exp, neg(num(1)))), d(e.base));
      }
      return mul(e, add(mul(d(e.exp), log(e.base)), div(mul(e.exp, d(e.base)), e.base)));
    }
    case 'apply': return differentiateApply(e, v, env);
    case 'expect': {
      const dist = e.dist;
      if (!e.var || !dist) throw new Error('cannot differentiate an unresolved expectation');
      if (!dependsOn(dist, v, env)) {
        env.fire('differentiate-under-expectation');
        return { ...e, body: d(e.body) };
      }
      if (dist.kind === 'sym') {
        // the score-function identity (log-derivative trick):
        // ∂θ E_{x∼p_θ}[f] = E_{x∼p_θ}[∂θ f + f ∂θ log p_θ(x)], since ∂θ p_θ = p_θ ∂θ log p_θ and p_θ > 0
        return { ...e, body: add(d(e.body), mul(e.body, d(log(densityValue(dist, e.var))))) };
      }
      return d(integral(e.var, mul(densityValue(dist, e.var), e.body)));
    }
    case 'integral': return { ...e, body: d(e.body) };
    case 'deriv': return d(differentiate(e.body, e.var, env));
    case 'kl': return d(unfoldKL(e, env));
    case 'normal': return d(unfoldNormal(e));
    default:
      return deriv(v, e);
  }
}

function differentiateApply(e: Expr & { kind: 'apply' }, v: string, env: DiffEnv): Expr {
  const d = (x: Expr) => differentiate(x, v, env);
  const [a] = e.args;
  const primes = e.primes ?? 0;
  const def = env.defs.get(e.fn, e.args.length, e.given?.length ?? 0);
  if (def) {
    let body = def.body;
    if (primes) {
      if (def.params.length !== 1) throw new Error(`${e.fn}' needs a function of one argument`);
      for (let i = 0; i < primes; i++) body = differentiate(body, def.params[0], env);
    }
    return d(instantiateDefinition([...def.params, ...(def.given ?? [])], body, [...e.args, ...(e.given ?? [])]));
  }
  switch (primes ? `${e.fn}'` : e.fn) {
    case '\\log': case '\\ln': return div(d(a), a);
    case '\\exp': return mul(exp(a), d(a));
    case '\\sqrt': return div(d(a), mul(num(2), apply('\\sqrt', [a])));
    case '\\sigma': return mul(apply('\\sigma', [a], { primes: 1 }), d(a));
    case '\\abs': return mul(apply('sign', [a]), d(a)); // away from 0, where |u| is differentiable
    case 'sign': return ZERO; // away from 0
    case "\\sigma'": {
      env.fire('sigmoid-derivative');
      const s = apply('\\sigma', [a]);
      return d(mul(s, add(num(1), neg(s))));
    }
  }
  // an abstract function: its total derivative stays opaque
  return deriv(v, e);
}
