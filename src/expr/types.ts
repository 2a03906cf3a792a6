/**
 * The expression tree: a small immutable union keyed on `kind`.
 *
 * Strategy: the tree records what the author wrote, structurally (a `\frac` is a
 * `div`, `a - b` is an `add` whose second term is a `neg`), never a canonical
 * form; canonical forms belong to the prover (`src/check/symbolic`). Layout-only
 * variants (`\tfrac` vs `\frac`, `\left[` vs `[`, `D_{\phi}` vs `D_\phi`) are not
 * part of the tree, so `parse(print(e))` is structurally equal to `e`.
 *
 * Every node may carry a `span` (offsets into the source it was parsed from);
 * structural equality (`src/expr/equal.ts`) ignores spans.
 *
 * Names are canonical strings produced by the parser from what was written:
 * base, then `_{sub}`, then `^{sup}` for name-forming superscripts (`D^{*}`),
 * with `\text{}`/`\mathrm{}` wrappers and redundant braces removed and accents
 * written `\hat{\mu}`. Examples: `x`, `\theta`, `\theta_{0}`, `p_{\theta}`,
 * `p_{data}`, `\hat{\mu}_{y}`, `D^{*}`, `L_{G}^{mm}`.
 */

/** Offsets `[start, end)` into the source string the node was parsed from. */
export interface Span {
  start: number;
  end: number;
}

interface Base {
  span?: Span;
}

/** A non-negative numeric literal as written (`2`, `0.5`). Negation is `neg`. */
export interface Num extends Base {
  kind: 'num';
  value: number;
  /** The digits of an integer literal too long for a double to hold exactly (`137846528820`… past 2^53). */
  exact?: string;
}

/** A symbol: variable, parameter, constant, or a function name used bare (`p_\theta`). */
export interface Sym extends Base {
  kind: 'sym';
  name: string;
}

/**
 * Application of a function to arguments: built-ins (`\log`, `\exp`, `\sigma`,
 * `\sqrt`) and declared functions or densities (`p_{\theta}`, `D_{\phi}`).
 * `primes` counts derivative marks (`\sigma'(u)` has primes 1).
 * `given` holds conditioning arguments written after `|` (`p(x \mid y)`).
 */
export interface Apply extends Base {
  kind: 'apply';
  fn: string;
  args: Expr[];
  primes?: number;
  given?: Expr[];
}

/** n-ary sum; subtraction is a `neg` term. */
export interface Add extends Base {
  kind: 'add';
  terms: Expr[];
}

/** Unary minus. */
export interface Neg extends Base {
  kind: 'neg';
  arg: Expr;
}

/** n-ary product, explicit (`\cdot`, `\times`) or implicit (juxtaposition). */
export interface Mul extends Base {
  kind: 'mul';
  factors: Expr[];
}

/** Quotient, from `\frac{a}{b}` or `a/b`. */
export interface Div extends Base {
  kind: 'div';
  num: Expr;
  den: Expr;
}

/** Power `base^{exp}`; `\sqrt{a}` is `apply \sqrt`, not a power. */
export interface Pow extends Base {
  kind: 'pow';
  base: Expr;
  exp: Expr;
}

/**
 * Expectation `E_{x \sim p}[body]`. As written: `E_{x\sim p}` gives var and dist,
 * `E_{p}` gives dist only (var null), `E_{z}` gives var only (dist null),
 * `E[...]` gives neither. The semantic layer resolves the missing parts.
 * `dist` is a density name (`sym`), or a `normal` with `arg` null.
 */
export interface Expect extends Base {
  kind: 'expect';
  var: string | null;
  dist: Expr | null;
  body: Expr;
}

/** Integral over the whole real line (or R^d) `\int body \, d var`. */
export interface Integral extends Base {
  kind: 'integral';
  var: string;
  body: Expr;
}

/** Partial derivative `\partial_{var} body` or `\frac{\partial}{\partial var} body`. */
export interface Deriv extends Base {
  kind: 'deriv';
  var: string;
  body: Expr;
}

/** Kullback-Leibler divergence `KL(p \| q)` between two densities (names or normals). */
export interface KL extends Base {
  kind: 'kl';
  p: Expr;
  q: Expr;
}

/**
 * Gaussian: `\mathcal{N}(arg \mid mean, cov)` is a density value; with `arg`
 * null, `\mathcal{N}(mean, cov)` is the distribution itself (as in `x \sim N(\theta, \epsilon^2)`).
 * `cov` is a variance for scalars, `I` (sym) for the identity.
 */
export interface Normal extends Base {
  kind: 'normal';
  arg: Expr | null;
  mean: Expr;
  cov: Expr;
}

/** Euclidean norm `\|v\|`. */
export interface Norm extends Base {
  kind: 'norm';
  arg: Expr;
}

/** Transpose `v^\top`. A product `v^\top w` is a `mul` of a transpose and a vector. */
export interface Transpose extends Base {
  kind: 'transpose';
  arg: Expr;
}

/** An equation `lhs = rhs`, a line of an equation chain. */
export interface Eq extends Base {
  kind: 'eq';
  lhs: Expr;
  rhs: Expr;
}

export type Expr =
  | Num
  | Sym
  | Apply
  | Add
  | Neg
  | Mul
  | Div
  | Pow
  | Expect
  | Integral
  | Deriv
  | KL
  | Normal
  | Norm
  | Transpose
  | Eq;

export type ExprKind = Expr['kind'];
