/**
 * Call sites of declared functions and densities, and the holders through
 * which they reach the current sample's random model.
 *
 * Strategy: one holder per name, created the first time the name is compiled
 * and shared by all its call sites; the program puts a fresh model in each
 * holder per sample. A call site fills a private input buffer — arguments,
 * then the values of the parameters the declaration `dependsOn` (read from
 * their global slots, so a derivative in θ moves p_θ and G_θ), then
 * conditioning values — and hands it to the model. Every density compiled
 * inside an integral is noted on that integral's site so the quadrature range
 * covers it. A joint density has two holders, one per model part (`joint.ts`).
 * A function model carries an output shift (`FunctionModel.offset`, 0 unless
 * the limit tester moves it), which every call site of the holder sees.
 *
 * @example
 *   const h = functionHolder(c, 'G_{\\theta}', 1);   // inputs: [z, θ]
 */
import type { Apply, Expr } from '../../expr/types';
import type { SymbolDecl } from '../../semantics/context';
import type { Closure, Compiler, DensityHolder, FunctionHolder, Scope } from './compile';
import { NumericError } from './error';

/** The slots the parameters `deps` resolve to at a call site (a definition parameter named θ shadows the global θ). */
function depSlots(c: Compiler, deps: readonly string[], scope: Scope | null): Int32Array {
  return Int32Array.from(deps.map((d) => c.slotOf(d, scope)));
}

/** Registers a density with every integration site being compiled. */
function noteDensity(c: Compiler, h: DensityHolder): void {
  for (const s of c.sites) s.densities.add(h);
}

/**
 * The holder of one density model, keyed by `key`, created on first use: a
 * declared density of one variable is keyed by its name; the parts of a joint
 * density by `name#marginal` and `name#conditional` (`joint.ts`).
 *
 * @example
 *   const h = densityPart(c, 'p_{data}#marginal', 0, []);
 */
export function densityPart(c: Compiler, key: string, givenArity: number, deps: readonly string[]): DensityHolder {
  let h = c.densities.get(key);
  if (!h) {
    h = { name: key, givenArity, deps: deps.map((d) => c.canon(d)), model: null };
    c.densities.set(key, h);
  }
  noteDensity(c, h);
  return h;
}

/**
 * The holder of density `name` of one variable, created on first use.
 *
 * @example
 *   const h = densityHolder(c, 'p_{\\theta}', ctx.lookup('p_{\\theta}')!);
 */
export function densityHolder(c: Compiler, name: string, decl: SymbolDecl): DensityHolder {
  if ((decl.arity ?? 1) !== 1) throw new NumericError(`${name} is a density of ${decl.arity} variables (see joint.ts)`);
  return densityPart(c, name, decl.givenArity ?? 0, decl.dependsOn ?? []);
}

/**
 * A closure that fills and returns the input vector (parameters, then conditioning values) of a density call.
 *
 * @example
 *   densityInputs(c, h, [sym('y')], scope)(env);   // [θ, y] for p_θ(x | y)
 */
export function densityInputs(c: Compiler, h: DensityHolder, given: readonly Expr[], scope: Scope | null): (env: Float64Array) => Float64Array {
  if (given.length !== h.givenArity) {
    throw new NumericError(`${h.name} is conditioned on ${h.givenArity} value(s), got ${given.length}`);
  }
  const ds = depSlots(c, h.deps, scope), nd = ds.length;
  const gs = given.map((g) => c.compile(g, scope));
  const inp = new Float64Array(nd + gs.length);
  return (env) => {
    for (let j = 0; j < nd; j++) inp[j] = env[ds[j]];
    for (let j = 0; j < gs.length; j++) inp[nd + j] = gs[j](env);
    return inp;
  };
}

/**
 * A density value p(x) (log = false) or log p(x) (log = true) on the current sample's model of holder `h`.
 *
 * @example
 *   densityValue(c, h, sym('x'), [], scope, true);   // log p(x) by log-sum-exp
 */
export function densityValue(c: Compiler, h: DensityHolder, arg: Expr, given: readonly Expr[], scope: Scope | null, log: boolean): Closure {
  const x = c.compile(arg, scope);
  const inputs = densityInputs(c, h, given, scope);
  return log
    ? (env) => { const xv = x(env); return h.model!.logpdf(xv, inputs(env)); }
    : (env) => { const xv = x(env); return h.model!.pdf(xv, inputs(env)); };
}

/**
 * The holder of function `name` (undeclared names are random real functions), created on first use.
 *
 * @example
 *   functionHolder(c, 'D_{\\phi}', 1);   // inputs [x, φ], values in (0, 1)
 */
export function functionHolder(c: Compiler, name: string, arity: number): FunctionHolder {
  let h = c.functions.get(name);
  if (!h) {
    const decl = c.ctx.lookup(name);
    if (decl && decl.kind !== 'function') throw new NumericError(`${name} is a ${decl.kind}; it cannot be applied`);
    if (decl && c.lengthOf(decl) > 0) throw new NumericError(`${name} takes values in R^${decl.dim}: it is a vector, not a number`);
    if (decl?.arity !== undefined && decl.arity !== arity) {
      throw new NumericError(`${name} takes ${decl.arity} argument(s), got ${arity}`);
    }
    h = { name, arity, domain: decl?.domain ?? 'real', deps: (decl?.dependsOn ?? []).map((d) => c.canon(d)), model: null };
    c.functions.set(name, h);
  } else if (h.arity !== arity) {
    throw new NumericError(`${name} is applied to ${h.arity} and to ${arity} arguments`);
  }
  return h;
}

/**
 * A closure filling the input vector (arguments, then parameter values) of a function call.
 *
 * @example
 *   functionInputs(c, h, [sym('z')], scope)(env);   // [z, θ] for G_θ(z)
 */
export function functionInputs(c: Compiler, h: FunctionHolder, args: readonly Expr[], scope: Scope | null): (env: Float64Array) => Float64Array {
  const argFs = args.map((a) => c.compile(a, scope));
  const n = argFs.length, ds = depSlots(c, h.deps, scope), nd = ds.length;
  const inp = new Float64Array(n + nd);
  return (env) => {
    for (let i = 0; i < n; i++) inp[i] = argFs[i](env);
    for (let j = 0; j < nd; j++) inp[n + j] = env[ds[j]];
    return inp;
  };
}

/**
 * A function value f(args) on the current sample's model.
 *
 * @example
 *   compileFunctionValue(c, 'h_{\\phi}', [sym('x')], scope);
 */
export function compileFunctionValue(c: Compiler, fn: string, args: readonly Expr[], scope: Scope | null): Closure {
  const h = functionHolder(c, fn, args.length);
  const inputs = functionInputs(c, h, args, scope);
  return (env) => h.model!.value(inputs(env));
}
