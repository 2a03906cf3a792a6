/**
 * Compilation of applications `f(args)`.
 *
 * Strategy: built-ins map to `Math` (σ through the overflow-free `sigmoid`,
 * `\log` through log space when its argument allows, see `logdomain.ts`);
 * a definition in force for this number of arguments and conditioning
 * arguments is inlined (it overrides any declaration; `definitions.ts`); a
 * declared density becomes a call on its per-sample model (`joint.ts`, which
 * also reads joint densities), a declared function likewise (`holders.ts`), a
 * vector-valued one in `vectors.ts`; an undeclared applied name is a random
 * real function. Primes (`σ'(u)`, `f_x''(t)`) differentiate the function of
 * its single argument: σ' exactly as σ(u)σ(−u), exp' as exp, anything else by
 * nested 8th-order central differences.
 *
 * @example
 *   compileApply(c, apply('\\log', [apply('p_{data}', [sym('x')])]), scope);   // log-sum-exp of the mixture
 */
import type { Apply, Expr } from '../../expr/types';
import { EXP, LOG, SIGMA, SQRT } from '../../expr/build';
import type { Closure, Compiler, Scope, Unary } from './compile';
import type { NumericDefinition } from './definitions';
import { NumericError } from './error';
import { compileFunctionValue } from './holders';
import { compileDensityCall } from './joint';
import { compileLogOf } from './logdomain';
import { shapeOf } from './vectors';
import { FD8, levels } from './quadrature';
import { sigmoid } from './stablemath';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/**
 * Compiles an application: a built-in, an inlined definition, a density or a
 * function model; primes by repeated finite differences.
 *
 * @example
 *   compileApply(c, apply('\\sigma', [sym('u')], { primes: 1 }), null);   // σ(u)(1 − σ(u))
 */
export function compileApply(c: Compiler, e: Apply, scope: Scope | null): Closure {
  const fn = c.canon(e.fn);
  const primes = e.primes ?? 0;
  const given = e.given ?? [];
  const def = c.defs.match(fn, e.args.length, given.length);
  const gauss = !def && !given.length && e.args.length === 1 ? c.defs.gaussian(fn) : null;
  const defined = def !== undefined || gauss !== null;
  if (!primes && !defined && (fn === LOG || fn === '\\ln')) {
    expectArgs(e, 1);
    return compileLogOf(c, e.args[0], scope) ?? mapUnary(c, Math.log, e.args[0], scope);
  }
  if (!primes && !defined && fn === SIGMA) return mapUnary(c, sigmoid, oneArg(e), scope);
  if (primes === 1 && !defined && fn === SIGMA) return mapUnary(c, (u) => sigmoid(u) * sigmoid(-u), oneArg(e), scope);
  if (!defined && fn === EXP) return mapUnary(c, Math.exp, oneArg(e), scope); // exp is its own derivative
  if (!primes && !defined && fn === SQRT) return mapUnary(c, Math.sqrt, oneArg(e), scope);
  if (!primes && gauss) return c.compileNormal({ ...gauss, arg: e.args[0] }, scope);
  if (!primes && def) {
    if (c.hasVectors && shapeOf(c, e, scope) > 0) throw new NumericError(`${fn}(…) is a vector, not a number: use its norm or an inner product`);
    return c.inline(def, [...e.args, ...given], scope);
  }
  const decl = c.ctx.lookup(fn);
  if (!primes) {
    if (decl?.kind === 'density') {
      const alias = c.defs.alias(fn, decl.arity ?? 1);
      if (alias) return c.expand(fn, () => c.compile({ ...e, fn: alias }, scope));
      return compileDensityCall(c, fn, decl, e, scope, false);
    }
    const other = c.defs.all(fn)[0];
    if (other && !decl) {
      if (given.length) throw new NumericError(`conditioning is not supported for defined ${fn}`);
      throw new NumericError(`${fn} takes ${other.params.length} argument(s), got ${e.args.length}`);
    }
    if (given.length) throw new NumericError(`${fn} is not a density; it cannot be conditioned`);
    return compileFunctionValue(c, fn, e.args, scope);
  }
  // f^{(n)}(u): n-fold finite difference of the function of one argument.
  const arg = c.compile(oneArg(e), scope);
  let g = unaryOf(c, fn, c.defs.match(fn, 1), e, scope);
  for (let i = 0; i < primes; i++) g = differentiate(c, g);
  const gg = g;
  return (env) => gg(arg(env), env);
}

function expectArgs(e: Apply, n: number): void {
  if (e.args.length !== n) throw new NumericError(`${e.fn} takes ${n} argument(s), got ${e.args.length}`);
}

function oneArg(e: Apply): Expr {
  expectArgs(e, 1);
  return e.args[0];
}

function mapUnary(c: Compiler, f: (u: number) => number, a: Expr, scope: Scope | null): Closure {
  const g = c.compile(a, scope);
  return (env) => f(g(env));
}

/** `fn` as a function of its single argument, for derivatives by primes. */
function unaryOf(c: Compiler, fn: string, def: NumericDefinition | undefined, e: Apply, scope: Scope | null): Unary {
  if (def) {
    if (def.params.length !== 1) throw new NumericError(`${fn}' needs a definition of one argument`);
    const s = c.newSlot();
    const body = c.expand(def.name, () => c.compile(def.body, { name: def.params[0], slot: s, next: scope }));
    return (u, env) => {
      env[s] = u;
      return body(env);
    };
  }
  switch (fn) {
    case LOG: case '\\ln': return (u) => Math.log(u);
    case SIGMA: return (u) => sigmoid(u);
    case SQRT: return (u) => Math.sqrt(u);
  }
  const s = c.newSlot();
  const inner: Scope = { name: '\u0000u', slot: s, next: scope };
  const call = c.compile({ ...e, primes: 0, args: [{ kind: 'sym', name: '\u0000u' }] }, inner);
  return (u, env) => {
    env[s] = u;
    return call(env);
  };
}

/**
 * The derivative of a unary closure by the 8th-order central difference.
 *
 * @example
 *   differentiate(c, (u) => u * u)(3, env);   // 6
 */
export function differentiate(c: Compiler, g: Unary): Unary {
  const ctl = c.ctl;
  const lv = levels();
  return (u, env) => {
    const h = lv[ctl.level].step;
    let acc = 0;
    for (let k = 0; k < 4; k++) acc += FD8[k] * (g(u + (k + 1) * h, env) - g(u - (k + 1) * h, env));
    return acc / h;
  };
}
