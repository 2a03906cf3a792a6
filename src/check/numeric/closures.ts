/**
 * The types the compiler's modules share: compiled closures, compile-time
 * scopes, the holders through which call sites reach the per-sample random
 * models, and integration sites.
 *
 * Strategy: types only (no code), so every module can import them without an
 * import cycle; `compile.ts` re-exports them.
 *
 * @example
 *   const f: Closure = (env) => env[0] + 1;
 */
import type { Domain } from '../../semantics/context';
import type { DensityModel, FunctionModel } from './models';

/**
 * A compiled expression.
 *
 * @example
 *   const f: Closure = (env) => env[0] + 1;
 */
export type Closure = (env: Float64Array) => number;
/**
 * A compiled function of one real argument (for primes: f'(u), f''(u)).
 *
 * @example
 *   const sq: Unary = (u) => u * u;
 */
export type Unary = (u: number, env: Float64Array) => number;

/**
 * A compile-time scope: a linked list from bound name to slot.
 *
 * @example
 *   const inner: Scope = { name: 'x', slot: c.newSlot(), next: outer };
 */
export interface Scope {
  readonly name: string;
  readonly slot: number;
  readonly next: Scope | null;
  /** For a vector: its length; the vector occupies slots slot .. slot + len − 1. */
  readonly len?: number;
}

/**
 * Evaluation control shared by all closures of a compiler (the accuracy level).
 *
 * @example
 *   c.ctl.level = 1;   // every closure of c now uses the finer quadrature
 */
export interface Control {
  level: 0 | 1;
}

/**
 * The model behind a declared (or undeclared but applied) function, swapped per sample.
 *
 * @example
 *   functionHolder(c, 'G_{\\theta}', 1).model!.value([0.3, 0.1]);   // G_θ(0.3) at θ = 0.1
 */
export interface FunctionHolder {
  readonly name: string;
  readonly arity: number;
  readonly domain: Domain;
  /** Parameters the function depends on (extra inputs), resolved per call site. */
  readonly deps: readonly string[];
  model: FunctionModel | null;
}

/**
 * The model behind a declared density, swapped per sample.
 *
 * @example
 *   densityHolder(c, 'p_{\\theta}', decl).model!.pdf(0.3, [0.1]);   // p_θ(0.3) at θ = 0.1
 */
export interface DensityHolder {
  readonly name: string;
  readonly givenArity: number;
  /** Parameters the density depends on, resolved per call site. */
  readonly deps: readonly string[];
  model: DensityModel | null;
}

/**
 * A normal density met in an integrand, evaluated to set the integration range and resolution.
 *
 * @example
 *   c.noteHint(slot, c.meanCov(normal(sym('x'), sym('\\theta'), num(0.01)), scope));
 */
export interface Hint {
  readonly mean: Closure;
  readonly cov: Closure;
}

/**
 * What the body of one integral or expectation mentions that decides where and how finely to integrate.
 *
 * @example
 *   { slot: 7, densities: new Set([pTheta]), hints: [] }
 */
export interface IntegrationSite {
  readonly slot: number;
  readonly densities: Set<DensityHolder>;
  readonly hints: Hint[];
}
