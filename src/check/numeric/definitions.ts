/**
 * The definitions in force for one compilation, matched by name *and shape*.
 *
 * Strategy: a definition applies to an application only when the name, the
 * number of arguments and the number of conditioning arguments all match —
 * so a hypothesis `p_θ(y) := p_data(y)` (one argument, no `|`) replaces the
 * marginal p_θ(y) and leaves the joint p_θ(x, y) and the conditional
 * p_θ(x | y) to their models. A definition may carry conditioning parameters
 * (`given`, an extension of `Definition` used by the numeric tester:
 * `p_data(x | y) := N(φ(x) | μ_y, I)`). Extra definitions (hypotheses)
 * override the context's definition of the same shape and add to the others.
 *
 * Two further matches keep the behaviour of the name-only lookup for the
 * common cases: a parameterless Gaussian `p := N(m, v)` is also the density
 * p(x) = N(x | m, v); and an *alias* `p(a, b) := q(a, b)` over all of a
 * density's declared variables (what the loader makes of `p = q`) makes p
 * stand for q in every form (joint, conditional, marginal).
 *
 * `unfoldExpr` inlines definitions at the tree level, for analyses that need to
 * see through them (the limit tester looks for the symbol or the abstract
 * function a condition moves).
 *
 * @example
 *   const t = new DefinitionTable(ctx, [{ name: 'p_{\\theta}', params: ['y'], body: apply('p_{data}', [sym('y')]) }]);
 *   t.match('p_{\\theta}', 1, 0);   // the hypothesis
 *   t.match('p_{\\theta}', 2, 0);   // undefined: the joint keeps its model
 */
import type { Expr, Normal } from '../../expr/types';
import { children, substSym, withChildren } from '../../expr/walk';
import type { Context, Definition } from '../../semantics/context';

/**
 * A definition as the numeric tester reads it: optionally with conditioning parameters.
 *
 * @example
 *   const d: NumericDefinition = { name: 'p_{data}', params: ['x'], given: ['y'], body: normal(apply('\\varphi', [sym('x')]), sym('\\mu_{y}'), sym('I')) };
 */
export type NumericDefinition = Definition & { readonly given?: readonly string[] };

/**
 * The number of conditioning parameters of a definition.
 *
 * @example
 *   givenCount({ name: 'f', params: ['x'], body: sym('x') });   // 0
 */
export function givenCount(d: NumericDefinition): number {
  return d.given?.length ?? 0;
}

/**
 * The normal distribution a definition body stands for (`N(m, v)` with no argument), if it is one.
 *
 * @example
 *   gaussianBody(normal(null, sym('\\theta'), num(1)));   // that normal node
 */
export function gaussianBody(body: Expr): Normal | null {
  return body.kind === 'normal' && body.arg === null ? body : null;
}

/**
 * Definitions by name, matched by the shape of the application.
 *
 * @example
 *   new DefinitionTable(ctx, extra).value('c');   // the parameterless definition of c, if any
 */
export class DefinitionTable {
  private readonly byName = new Map<string, NumericDefinition[]>();

  constructor(private readonly ctx: Context, extra: readonly NumericDefinition[] = []) {
    for (const [name, d] of ctx.definitions) this.add(name, d);
    for (const d of extra) this.add(ctx.resolveAlias(d.name), d);
  }

  private add(name: string, d: NumericDefinition): void {
    const list = this.byName.get(name) ?? [];
    const i = list.findIndex((o) => o.params.length === d.params.length && givenCount(o) === givenCount(d));
    if (i >= 0) list[i] = d;
    else list.push(d);
    this.byName.set(name, list);
  }

  /** Every definition of `name` (aliases resolved). */
  all(name: string): readonly NumericDefinition[] {
    return this.byName.get(this.ctx.resolveAlias(name)) ?? this.byName.get(name) ?? [];
  }

  /** True when `name` has a definition of any shape. */
  has(name: string): boolean {
    return this.all(name).length > 0;
  }

  /** The definition of `name` for `nargs` arguments and `ngiven` conditioning arguments. */
  match(name: string, nargs: number, ngiven = 0): NumericDefinition | undefined {
    return this.all(name).find((d) => d.params.length === nargs && givenCount(d) === ngiven);
  }

  /** The parameterless definition of `name` (a value or a distribution). */
  value(name: string): NumericDefinition | undefined {
    return this.match(name, 0, 0);
  }

  /** A parameterless Gaussian `name := N(m, v)`, usable as the density `name(x)`. */
  gaussian(name: string): Normal | null {
    const d = this.value(name);
    return d ? gaussianBody(d.body) : null;
  }

  /**
   * The name `name` is an alias of, when a definition `name(v_1..v_n) := other(v_1..v_n)`
   * covers all `arity` declared variables (so every form of `name` is that form of `other`).
   */
  alias(name: string, arity: number): string | null {
    for (const d of this.all(name)) {
      if (d.params.length !== arity || givenCount(d) || d.body.kind !== 'apply') continue;
      const b = d.body;
      if (b.primes || b.given?.length || b.args.length !== arity) continue;
      if (b.args.every((a, i) => a.kind === 'sym' && a.name === d.params[i])) return this.ctx.resolveAlias(b.fn);
    }
    return null;
  }
}

/**
 * The body of `def` with its parameters (then conditioning parameters) replaced by `args`.
 *
 * @example
 *   instantiate({ name: 'D', params: ['x'], body: apply('\\sigma', [apply('h', [sym('x')])]) }, [sym('z')]);   // σ(h(z))
 */
export function instantiate(def: NumericDefinition, args: readonly Expr[]): Expr {
  const params = [...def.params, ...(def.given ?? [])];
  let body = def.body;
  params.forEach((p, i) => { body = substSym(body, p, { kind: 'sym', name: `\u0000arg${i}` }); });
  args.forEach((a, i) => { body = substSym(body, `\u0000arg${i}`, a); });
  return body;
}

/**
 * `e` with every definition in force inlined (up to `depth` levels, against cycles).
 * Bound variables are not renamed: use it to analyse, not to evaluate.
 *
 * @example
 *   unfoldExpr(table, apply('D_{\\phi}', [sym('z')]));   // σ(h_φ(z)) when D_φ(x) := σ(h_φ(x))
 */
export function unfoldExpr(table: DefinitionTable, e: Expr, depth = 16): Expr {
  if (depth <= 0) return e;
  const again = (x: Expr) => unfoldExpr(table, x, depth - 1);
  if (e.kind === 'sym') {
    const d = table.value(e.name);
    return d && !gaussianBody(d.body) ? again(d.body) : e;
  }
  if (e.kind === 'apply' && !e.primes) {
    const d = table.match(e.fn, e.args.length, e.given?.length ?? 0);
    if (d) return again(instantiate(d, [...e.args, ...(e.given ?? [])]));
  }
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => unfoldExpr(table, c, depth))) : e;
}
