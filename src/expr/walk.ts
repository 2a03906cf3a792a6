/**
 * Generic traversal: children of a node, rebuilding a node from new children,
 * bottom-up maps, and the free symbols of an expression (binders remove theirs).
 *
 * @example
 *   freeSymbols(parse('E_{x\\sim p}[x \\theta]'))  // Set {'\\theta', 'p'}
 */
import type { Expr } from './types';

/** The direct sub-expressions of `e`, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'num': case 'sym': return [];
    case 'apply': return [...e.args, ...(e.given ?? [])];
    case 'add': return e.terms;
    case 'mul': return e.factors;
    case 'neg': case 'norm': case 'transpose': return [e.arg];
    case 'div': return [e.num, e.den];
    case 'pow': return [e.base, e.exp];
    case 'expect': return e.dist ? [e.dist, e.body] : [e.body];
    case 'integral': case 'deriv': return [e.body];
    case 'kl': return [e.p, e.q];
    case 'normal': return e.arg ? [e.arg, e.mean, e.cov] : [e.mean, e.cov];
    case 'eq': return [e.lhs, e.rhs];
  }
}

/** `e` with its children replaced by `cs` (same order as `children(e)`); spans are kept. */
export function withChildren(e: Expr, cs: Expr[]): Expr {
  switch (e.kind) {
    case 'num': case 'sym': return e;
    case 'apply': {
      const n = e.args.length;
      return { ...e, args: cs.slice(0, n), ...(e.given ? { given: cs.slice(n) } : {}) };
    }
    case 'add': return { ...e, terms: cs };
    case 'mul': return { ...e, factors: cs };
    case 'neg': case 'norm': case 'transpose': return { ...e, arg: cs[0] };
    case 'div': return { ...e, num: cs[0], den: cs[1] };
    case 'pow': return { ...e, base: cs[0], exp: cs[1] };
    case 'expect': return e.dist ? { ...e, dist: cs[0], body: cs[1] } : { ...e, body: cs[0] };
    case 'integral': case 'deriv': return { ...e, body: cs[0] };
    case 'kl': return { ...e, p: cs[0], q: cs[1] };
    case 'normal': return e.arg ? { ...e, arg: cs[0], mean: cs[1], cov: cs[2] } : { ...e, mean: cs[0], cov: cs[1] };
    case 'eq': return { ...e, lhs: cs[0], rhs: cs[1] };
  }
}

/** Rebuilds `e` bottom-up, applying `f` to every node after its children. */
export function mapBottomUp(e: Expr, f: (e: Expr) => Expr): Expr {
  const cs = children(e);
  const rebuilt = cs.length ? withChildren(e, cs.map((c) => mapBottomUp(c, f))) : e;
  return f(rebuilt);
}

/** The variable a node binds in its body, if any. */
export function boundVar(e: Expr): string | null {
  if (e.kind === 'expect' || e.kind === 'integral') return e.var;
  return null;
}

/** Names of symbols and applied functions occurring free in `e`. */
export function freeSymbols(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'sym': out.add(e.name); return out;
    case 'apply': out.add(e.fn); break;
    case 'deriv': out.add(e.var); break;
    case 'expect': case 'integral': {
      if (e.kind === 'expect' && e.dist) freeSymbols(e.dist, out);
      const inner = freeSymbols(e.body);
      if (e.var) inner.delete(e.var);
      inner.forEach((s) => out.add(s));
      return out;
    }
  }
  for (const c of children(e)) freeSymbols(c, out);
  return out;
}

/** Replaces free occurrences of symbol `name` by `by` (does not descend into binders of `name`). */
export function substSym(e: Expr, name: string, by: Expr): Expr {
  if (e.kind === 'sym') return e.name === name ? by : e;
  if ((e.kind === 'expect' || e.kind === 'integral') && e.var === name) {
    return e.kind === 'expect' && e.dist ? { ...e, dist: substSym(e.dist, name, by) } : e;
  }
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => substSym(c, name, by))) : e;
}

/** Number of nodes in `e`. */
export function size(e: Expr): number {
  return 1 + children(e).reduce((n, c) => n + size(c), 0);
}
