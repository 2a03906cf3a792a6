/**
 * Applications of declared densities: of one variable, conditional, and
 * joint densities of several variables with their conditionals and marginals.
 *
 * Convention (positional; `src/check/density-forms.ts` rewrites every form an
 * author writes — `p(z | x)`, `p(x)` — into these before a step is checked),
 * for a density declared with variables v_0..v_{n-1}, e.g. `p: density(x, y)`:
 *
 *   p(x, y)   the joint density
 *   p(x | y)  the conditional density of the first variable given the later ones
 *   p(y)      the marginal density of the *last* variables (no `|`)
 *   E_{y~p}   an expectation over the marginal of the last variable
 *
 * Strategy: the joint is *built* from independent random models, one per
 * chain factor — for two variables a marginal mixture m(y) and a conditional
 * mixture c(x | y) whose component means and weights move with y — as
 * p(x, y) = c(x | y)·m(y) (for n variables, c_0(v_0 | v_1…)·c_1(v_1 | v_2…)·…).
 * Every other marginal is an integral of this product, so all forms are
 * consistent by construction. The joint call
 * is compiled as the product `p(x | y)·p(y)` of the two one-argument forms, so
 * the product rule p(x, y) = p(x | y) p(y) holds exactly (to rounding), and a
 * definition in force for a part (a hypothesis `p_θ(y) := p_data(y)`, or a
 * conditional `p(x | y) := …`) is used inside the joint as well: the joint
 * stays consistent with what the hypotheses say about its parts. Each part has
 * its own random stream (`density p#marginal`, `density p#conditional`), so
 * p_θ and p_data remain different densities. Logs of joints are sums of logs,
 * each in log space.
 *
 * @example
 *   // p: density(x, y)
 *   compileDensityCall(c, 'p', decl, apply('p', [sym('x'), sym('y')]), null, false);   // p(x | y)·p(y)
 */
import type { Apply, Expr } from '../../expr/types';
import type { SymbolDecl } from '../../semantics/context';
import type { Closure, Compiler, DensityHolder, Scope } from './compile';
import { NumericError } from './error';
import { densityHolder, densityInputs, densityPart, densityValue } from './holders';
import { compileLogOf } from './logdomain';

/**
 * The number of variables of a declared density (1 unless declared with more).
 *
 * @example
 *   densityVariables({ name: 'p', kind: 'density', arity: 2 });   // 2
 */
export function densityVariables(decl: SymbolDecl): number {
  return decl.arity ?? 1;
}

/**
 * The holder of chain factor `i` of a joint density of `n` variables: the
 * density of variable i given the later ones. For two variables these are
 * `name#conditional` (i = 0) and `name#marginal` (i = 1); the last factor is
 * always `name#marginal`.
 */
function chainPart(c: Compiler, name: string, decl: SymbolDecl, i: number): DensityHolder {
  if (decl.givenArity) throw new NumericError(`${name}: a joint density with conditioning arguments is not supported`);
  const n = densityVariables(decl);
  const deps = decl.dependsOn ?? [];
  const key = i === n - 1 ? `${name}#marginal` : n === 2 ? `${name}#conditional` : `${name}#chain${i}`;
  return densityPart(c, key, n - 1 - i, deps);
}

/**
 * The model an expectation `E_{v~name}` weights by: the density itself, or for
 * a joint density its marginal (the distribution of the last variable).
 *
 * @example
 *   distributionOf(c, 'p_{data}', decl, scope).holder.name;   // 'p_{data}#marginal' when p_data is joint
 */
export function distributionOf(c: Compiler, name: string, decl: SymbolDecl, scope: Scope | null): { holder: DensityHolder; inputs: (env: Float64Array) => Float64Array } {
  const n = densityVariables(decl);
  const holder = n >= 2 ? chainPart(c, name, decl, n - 1) : densityHolder(c, name, decl);
  return { holder, inputs: densityInputs(c, holder, [], scope) };
}

/**
 * A declared density applied. For a joint of n variables the forms are
 * positional (`src/check/density-forms.ts` rewrites the others):
 * p(a_k, …, a_{m-1} | b_m, …, b_{n-1}) is the product of the chain factors
 * p(a_i | a_{i+1}, …, b_{n-1}), each compiled as an application so that a
 * definition in force for it (a hypothesis `p_θ(y) := p_data(y)`) is used.
 * With `log` the closure computes the log density, in log space.
 *
 * @example
 *   compileDensityCall(c, 'p_{\\theta}', decl, apply('p_{\\theta}', [sym('x')]), scope, true);   // log p_θ(x)
 */
export function compileDensityCall(c: Compiler, fn: string, decl: SymbolDecl, e: Apply, scope: Scope | null, log: boolean): Closure {
  const n = densityVariables(decl);
  const given = e.given ?? [];
  if (n === 1) {
    if (e.args.length !== 1) throw new NumericError(`density ${fn} takes 1 argument, got ${e.args.length}`);
    return densityValue(c, densityHolder(c, fn, decl), e.args[0], given, scope, log);
  }
  const total = e.args.length + given.length;
  if (!e.args.length || total > n) throw new NumericError(`${fn} is a joint density of ${n} variables: it takes at most ${n} arguments`);
  if (e.args.length === 1) return densityValue(c, chainPart(c, fn, decl, n - 1 - given.length), e.args[0], given, scope, log);
  const factors: Expr[] = e.args.map((a, i) => ({ kind: 'apply', fn: e.fn, args: [a], given: [...e.args.slice(i + 1), ...given] }));
  if (log) {
    const ls = factors.map((f) => compileLogOf(c, f, scope) ?? logOfValue(c, f, scope));
    return (env) => {
      let s = 0;
      for (const l of ls) s += l(env);
      return s;
    };
  }
  const fs = factors.map((f) => c.compile(f, scope));
  return (env) => {
    let p = 1;
    for (const f of fs) p *= f(env);
    return p;
  };
}

function logOfValue(c: Compiler, e: Expr, scope: Scope | null): Closure {
  const f = c.compile(e, scope);
  return (env) => Math.log(f(env));
}
