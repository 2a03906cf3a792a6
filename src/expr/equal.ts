/**
 * Structural equality and a stable key (ignoring spans), used for hashing
 * sub-expressions and for the parse/print round trip.
 *
 * @example
 *   exprEqual(parse('a+b'), parse('a + b'))  // true
 */
import type { Expr } from './types';
import { children, withChildren } from './walk';

/** A string that two expressions share exactly when they are structurally equal. */
export function exprKey(e: Expr): string {
  switch (e.kind) {
    case 'num': return e.exact ?? String(e.value);
    case 'sym': return e.name;
    case 'apply':
      return `${e.fn}${"'".repeat(e.primes ?? 0)}(${e.args.map(exprKey).join(',')}${e.given ? '|' + e.given.map(exprKey).join(',') : ''})`;
    case 'expect': return `E[${e.var ?? ''}~${e.dist ? exprKey(e.dist) : ''}](${exprKey(e.body)})`;
    case 'integral': return `int[${e.var}](${exprKey(e.body)})`;
    case 'deriv': return `d[${e.var}](${exprKey(e.body)})`;
    default:
      return `${e.kind}(${children(e).map(exprKey).join(',')})`;
  }
}

/** Structural equality ignoring source spans. */
export function exprEqual(a: Expr, b: Expr): boolean {
  return exprKey(a) === exprKey(b);
}

/** A copy of `e` with every span removed (for snapshots and comparisons). */
export function stripSpans(e: Expr): Expr {
  const { span: _span, ...rest } = e as Expr & { span?: unknown };
  const copy = rest as Expr;
  const cs = children(copy);
  if (!cs.length) return copy;
  return withChildren(copy, cs.map(stripSpans));
}
