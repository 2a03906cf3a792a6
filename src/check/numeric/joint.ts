/**
 * Applications of declared densities: of one variable, conditional, and
 * joint densities of two variables with their conditionals and marginals.
 *
 * Convention for a density declared with two variables, `p: density(x, y)`:
 *
 *   p(x, y)   the joint density
 *   p(x | y)  the conditional density of the first variable given the second
 *   p(y)      the marginal density of the *last* variable (one argument, no `|`)
 *   E_{y~p}   an expectation over that marginal
 *
 * (the marginal of the first variable is not expressible in this notation).
 *
 * Strategy: the joint is *built* from two independent random models — a
 * marginal mixture m(y) and a conditional mixture c(x | y) whose component
 * means and weights move with y — as p(x, y) = c(x | y)·m(y). The joint call
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

/** The two model parts of a joint density. */
function parts(c: Compiler, name: string, decl: SymbolDecl): { marginal: DensityHolder; conditional: DensityHolder } {
  if (decl.givenArity) throw new NumericError(`${name}: a joint density with conditioning arguments is not supported`);
  const deps = decl.dependsOn ?? [];
  return { marginal: densityPart(c, `${name}#marginal`, 0, deps), conditional: densityPart(c, `${name}#conditional`, 1, deps) };
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
  if (n > 2) throw new NumericError(`${name}: densities of ${n} variables are not supported (at most 2)`);
  const holder = n === 2 ? parts(c, name, decl).marginal : densityHolder(c, name, decl);
  return { holder, inputs: densityInputs(c, holder, [], scope) };
}

/**
 * A declared density applied: p(x), p(x | y), and for a joint p(x, y), p(x | y), p(y).
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
  if (n !== 2) throw new NumericError(`${fn}: densities of ${n} variables are not supported (at most 2)`);
  const { marginal, conditional } = parts(c, fn, decl);
  if (e.args.length === 1 && given.length === 1) return densityValue(c, conditional, e.args[0], given, scope, log);
  if (e.args.length === 1 && given.length === 0) return densityValue(c, marginal, e.args[0], [], scope, log);
  if (e.args.length === 2 && given.length === 0) {
    const [x, y] = e.args;
    const cond: Expr = { kind: 'apply', fn: e.fn, args: [x], given: [y] };
    const marg: Expr = { kind: 'apply', fn: e.fn, args: [y] };
    if (log) {
      const lc = compileLogOf(c, cond, scope) ?? logOfValue(c, cond, scope);
      const lm = compileLogOf(c, marg, scope) ?? logOfValue(c, marg, scope);
      return (env) => lc(env) + lm(env);
    }
    const fc = c.compile(cond, scope), fm = c.compile(marg, scope);
    return (env) => fc(env) * fm(env);
  }
  throw new NumericError(`${fn} is a joint density of 2 variables: write ${fn}(x, y), ${fn}(x | y) or ${fn}(y)`);
}

function logOfValue(c: Compiler, e: Expr, scope: Scope | null): Closure {
  const f = c.compile(e, scope);
  return (env) => Math.log(f(env));
}
