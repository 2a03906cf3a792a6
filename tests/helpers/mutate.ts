/**
 * Planted mistakes: each function takes the right-hand side of a correct step
 * and returns it with one familiar mistake, or null when the mistake does not
 * apply to that expression (no KL to swap, no sum to drop a term from, …).
 */
import type { Expr } from '../../src/expr/types';
import { neg, mul, num, div } from '../../src/expr/build';
import { children, withChildren, freeSymbols } from '../../src/expr/walk';

export type Mutation = { name: string; apply: (e: Expr, densities: [string, string]) => Expr | null };

/** Replaces the first node (pre-order) for which `f` returns a replacement. */
function replaceFirst(e: Expr, f: (n: Expr) => Expr | null): Expr | null {
  const r = f(e);
  if (r) return r;
  const cs = children(e);
  for (let i = 0; i < cs.length; i++) {
    const c = replaceFirst(cs[i], f);
    if (c) return withChildren(e, cs.map((x, j) => (j === i ? c : x)));
  }
  return null;
}

function renameFns(e: Expr, a: string, b: string): Expr {
  const swap = (n: string) => (n === a ? b : n === b ? a : n);
  if (e.kind === 'sym') return { ...e, name: swap(e.name) };
  if (e.kind === 'apply') return { ...e, fn: swap(e.fn), args: e.args.map((x) => renameFns(x, a, b)) };
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => renameFns(c, a, b))) : e;
}

/** Applies a value mutation to the right side of an equation, or to the expression itself. */
export function onValue(m: Mutation): Mutation {
  return { name: m.name, apply: (e, d) => {
    if (e.kind !== 'eq') return m.apply(e, d);
    const r = m.apply(e.rhs, d);
    return r ? { ...e, rhs: r } : null;
  } };
}

export const MUTATIONS: Mutation[] = [
  { name: 'sign flipped', apply: (e) => neg(e) },
  { name: 'factor 2', apply: (e) => mul(num(2), e) },
  { name: 'factor 1/2', apply: (e) => div(e, num(2)) },
  { name: 'KL arguments swapped', apply: (e) => replaceFirst(e, (n) => (n.kind === 'kl' ? { ...n, p: n.q, q: n.p } : null)) },
  {
    name: 'ratio inverted',
    apply: (e) => replaceFirst(e, (n) => (n.kind === 'div' && !(n.num.kind === 'num' && n.den.kind === 'num') ? { ...n, num: n.den, den: n.num } : null)),
  },
  {
    name: 'a term dropped',
    apply: (e) => replaceFirst(e, (n) => (n.kind === 'add' && n.terms.length > 1 ? (n.terms.length === 2 ? n.terms[0] : { ...n, terms: n.terms.slice(0, -1) }) : null)),
  },
  {
    name: 'inner derivative forgotten',
    apply: (e) => replaceFirst(e, (n) => (n.kind === 'deriv' && n.body.kind === 'apply' ? num(1) : null)),
  },
  {
    name: 'densities swapped',
    apply: (e, [a, b]) => {
      const fs = freeSymbols(e);
      return fs.has(a) || fs.has(b) ? renameFns(e, a, b) : null;
    },
  },
];
