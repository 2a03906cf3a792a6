/**
 * Vector notation as students write it in one dimension: for vectors, `v^2`
 * means `\|v\|^2` and a product `u v` of two vectors means `u^\top v`. The
 * rewrite makes that reading explicit before a step is checked, so the
 * scalar form of a vector derivation (the case d = 1) checks in every
 * dimension, and nothing else changes: scalar powers and products are left alone.
 *
 * @example
 *   vectorNotation(parseExpr('(\\varphi(x) - \\mu_y)^2', ctx), ctx)   // \|\varphi(x) - \mu_y\|^2
 */
import type { Expr } from '../expr/types';
import { children, withChildren } from '../expr/walk';
import type { Context } from '../semantics/context';

/** True when `e` is vector-valued: a declared vector, a vector-valued function applied, or sums and scalings of those. */
export function isVectorValued(e: Expr, ctx: Context): boolean {
  switch (e.kind) {
    case 'sym': {
      const d = ctx.lookup(e.name);
      return d?.kind === 'vector';
    }
    case 'apply': return !!ctx.lookup(e.fn)?.dim && ctx.lookup(e.fn)?.kind === 'function';
    case 'add': return e.terms.some((t) => isVectorValued(t, ctx));
    case 'neg': return isVectorValued(e.arg, ctx);
    case 'div': return isVectorValued(e.num, ctx);
    case 'mul': return e.factors.filter((f) => f.kind !== 'transpose' && isVectorValued(f, ctx)).length === 1
      && !e.factors.some((f) => f.kind === 'transpose');
    default: return false;
  }
}

/** `e` with `v^2` read as `\|v\|^2` and `u v` as `u^\top v` for vectors u, v. */
export function vectorNotation(e: Expr, ctx: Context): Expr {
  const cs = children(e);
  const r = cs.length ? withChildren(e, cs.map((c) => vectorNotation(c, ctx))) : e;
  if (r.kind === 'pow' && r.exp.kind === 'num' && r.exp.value % 2 === 0 && isVectorValued(r.base, ctx)) {
    return { ...r, base: { kind: 'norm', arg: r.base } };
  }
  if (r.kind === 'mul' && !r.factors.some((f) => f.kind === 'transpose')) {
    const vecs = r.factors.map((f) => isVectorValued(f, ctx));
    if (vecs.filter(Boolean).length === 2) {
      const i = vecs.indexOf(true);
      const j = vecs.indexOf(true, i + 1);
      const scalars = r.factors.filter((_, k) => k !== i && k !== j);
      return { ...r, factors: [...scalars, { kind: 'transpose', arg: r.factors[i] }, r.factors[j]] };
    }
  }
  return r;
}
