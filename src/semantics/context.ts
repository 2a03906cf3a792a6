/**
 * The context of a derivation: which names are declared, as what, and what is
 * known about them. The parser asks it whether a name is a function (that is
 * what makes `p_\theta(x)` an application and not a product); the prover asks
 * it for signs and dependencies; the numeric tester for how to instantiate.
 *
 * @example
 *   const ctx = makeContext([{ name: 'p_{\\theta}', kind: 'density', arity: 1, dependsOn: ['\\theta'] }]);
 *   ctx.isFunction('p_{\\theta}')  // true
 */
import type { Expr } from '../expr/types';

/** What a declared name stands for. */
export type SymbolKind =
  | 'variable'   // a free or bound real variable (x, z, t)
  | 'parameter'  // something one differentiates or optimises in (\theta, \phi)
  | 'constant'   // a fixed quantity (\theta_0, \epsilon, d)
  | 'density'    // a probability density: positive, integrates to 1
  | 'function'   // any other declared function (D_\phi, G_\theta, h_\phi, \varphi)
  | 'vector';    // a vector in R^d (\mu_y)

/** Where a real quantity (or a function's values) lives. */
export type Domain = 'real' | 'positive' | 'unit' | 'nonzero' | 'nonnegative';

/** One declared name. */
export interface SymbolDecl {
  /** Canonical name, as the parser produces it (`p_{\theta}`). */
  name: string;
  kind: SymbolKind;
  /** Number of arguments, for functions and densities. */
  arity?: number;
  /** Number of conditioning arguments (`p(x \mid y)` has arity 1, givenArity 1). */
  givenArity?: number;
  /**
   * For a density of several variables declared by name (`p: density(x, z)`):
   * the canonical names of its variables, in declared order. An application
   * names the variables it is about (`p(z \mid x)`, `p(x)`; see `src/check/density-forms.ts`).
   */
  vars?: string[];
  /** Domain of the value (for symbols) or of the function's values. */
  domain?: Domain;
  /** Parameters the symbol or function depends on (`p_\theta` on `\theta`). */
  dependsOn?: string[];
  /** For a random variable: the distribution it is drawn from (`z \sim N(0,1)`). */
  distribution?: Expr;
  /** For vectors: the dimension symbol or number. */
  dim?: string | number;
  /** Where it was declared, for error messages. */
  source?: { file: string; line: number; column: number };
}

/** A definition `name(params) := body`, unfolded by the prover and the numeric tester. */
export interface Definition {
  name: string;
  params: string[];
  /** Conditioning parameters, for a definition of a conditional `p(x \mid y)`. */
  given?: string[];
  body: Expr;
  source?: { file: string; line: number; column: number };
  /** The definition as its author wrote it (head and body), for display; the tree is what is checked. */
  latex?: { head: string; body: string };
}

/** The context as the parser needs it. */
export interface ParseContext {
  /** True when `name` is a declared function or density, or a built-in function. */
  isFunction(name: string): boolean;
  /** The canonical name an alias stands for (`P_{\theta}` -> `p_{\theta}`), or the name itself. */
  resolveAlias(name: string): string;
  /** True when `name` with a superscript forms a single declared name (`L_{G}^{mm}`). */
  isDeclared(name: string): boolean;
}

/** The whole context of a derivation. */
export interface Context extends ParseContext {
  symbols: Map<string, SymbolDecl>;
  definitions: Map<string, Definition>;
  aliases: Map<string, string>;
  lookup(name: string): SymbolDecl | undefined;
}

/** Names the engine knows without declaration. */
export const BUILTIN_FUNCTIONS = new Set(['\\log', '\\ln', '\\exp', '\\sigma', '\\sqrt', '\\abs', 'sign']);

/** Builds a context from declarations, definitions and aliases. */
export function makeContext(
  decls: SymbolDecl[],
  definitions: Definition[] = [],
  aliases: Record<string, string> = {},
): Context {
  const symbols = new Map(decls.map((d) => [d.name, d] as const));
  const defs = new Map(definitions.map((d) => [d.name, d] as const));
  const al = new Map(Object.entries(aliases));
  const resolveAlias = (n: string) => al.get(n) ?? n;
  return {
    symbols,
    definitions: defs,
    aliases: al,
    lookup: (n) => symbols.get(resolveAlias(n)),
    resolveAlias,
    isFunction(n) {
      const r = resolveAlias(n);
      if (BUILTIN_FUNCTIONS.has(r)) return true;
      const d = symbols.get(r);
      if (d) return d.kind === 'function' || d.kind === 'density';
      const def = defs.get(r);
      return !!def && def.params.length > 0;
    },
    isDeclared(n) {
      const r = resolveAlias(n);
      return symbols.has(r) || defs.has(r);
    },
  };
}

/** An empty context: only built-ins are functions. */
export const EMPTY_CONTEXT: Context = makeContext([]);
