/**
 * Resolution: fills in what an author may leave implicit, from the context.
 * `E_{p}[f(x)]` binds the one declared variable free in its body;
 * `E_{z}[…]` draws z from its declared distribution (`z: variable, \sim N(0,1)`),
 * or else from the one density declared over z (`q: density(z)`);
 * `E[…]` averages over the one variable in its body that has a declared
 * distribution. Anything ambiguous is an error naming the expectation.
 *
 * @example
 *   resolve(parseExpr('E_{z}[G(z)]', ctx), ctx)   // E_{z \sim N(0,1)}[G(z)]
 */
import type { Expr, Expect } from '../expr/types';
import { mapBottomUp, freeSymbols } from '../expr/walk';
import type { Context } from './context';

/** An expectation that cannot be resolved. */
export class ResolveError extends Error {
  constructor(message: string, readonly node: Expr) {
    super(message);
  }
}

function resolveExpect(e: Expect, ctx: Context): Expect {
  let { var: v, dist } = e;
  if (v && dist) return e;
  const free = [...freeSymbols(e.body)];
  if (!v && dist) {
    const vars = free.filter((n) => ctx.lookup(n)?.kind === 'variable');
    if (vars.length === 1) v = vars[0];
    else if (free.includes('x')) v = 'x';
    else throw new ResolveError(`cannot tell which variable this expectation averages over (write E_{x \\sim p}[…])`, e);
  }
  if (v && !dist) {
    const d = ctx.lookup(v)?.distribution ?? densityOf(v, ctx, e);
    if (!d) throw new ResolveError(`E_{${v}}: ${v} has no declared distribution (declare "${v}: variable, \\sim …" or write E_{${v} \\sim p}[…])`, e);
    dist = d;
  }
  if (!v && !dist) {
    const random = free.filter((n) => ctx.lookup(n)?.distribution);
    if (random.length !== 1) {
      throw new ResolveError(
        random.length
          ? `E[…] could average over ${random.join(' or ')}: write E_{x \\sim p}[…]`
          : 'E[…] has no variable with a declared distribution: write E_{x \\sim p}[…]',
        e,
      );
    }
    v = random[0];
    dist = ctx.lookup(v)!.distribution!;
  }
  return { ...e, var: v, dist };
}

/**
 * The one declared density over variable `v` (`q: density(z)`, or a joint
 * `p: density(x, z)` naming it), when there is exactly one; several is an error.
 */
function densityOf(v: string, ctx: Context, e: Expect): Expr | null {
  const found = [...ctx.symbols.values()].filter((d) => d.kind === 'density' && !d.givenArity && d.vars?.includes(v));
  if (found.length > 1) {
    throw new ResolveError(`E_{${v}}: ${v} could be drawn from ${found.map((d) => d.name).join(' or ')}: write E_{${v} \\sim ${found[0].name}}[…]`, e);
  }
  return found.length ? { kind: 'sym', name: found[0].name } : null;
}

/** `e` with every expectation's variable and distribution made explicit. */
export function resolve(e: Expr, ctx: Context): Expr {
  return mapBottomUp(e, (n) => (n.kind === 'expect' ? resolveExpect(n, ctx) : n));
}
