/**
 * Which parameters an expression depends on: its free symbols, the declared
 * dependencies of the functions and densities it applies (`p_\theta` depends
 * on `\theta`), and, through definitions, whatever their bodies depend on.
 *
 * @example
 *   dependsOn(parseExpr('E_{z}[h_\\phi(G_\\theta(z))]'), '\\theta', env)  // true
 */
import type { Expr } from '../../expr/types';
import { freeSymbols } from '../../expr/walk';
import type { Context } from '../../semantics/context';
import type { Defs } from './defs';

/** What dependency analysis needs: declarations and the definitions in force. */
export interface DepEnv {
  ctx: Context;
  defs: Defs;
}

/** True when the name (a symbol or a function) depends on `v`. */
export function nameDependsOn(name: string, v: string, env: DepEnv, seen: Set<string> = new Set()): boolean {
  if (name === v) return true;
  if (seen.has(name)) return false;
  seen.add(name);
  const d = env.ctx.lookup(name);
  const defs = env.defs.all(name);
  // a definition of the declared shape replaces the declaration (a hypothesis D_\phi = D^* removes the dependence on \phi)
  const replaced = defs.some((x) => x.params.length === (d?.arity ?? 0) && !x.given?.length);
  if (!replaced && d?.dependsOn?.includes(v)) return true;
  for (const def of defs) {
    const inner = freeSymbols(def.body);
    [...def.params, ...(def.given ?? [])].forEach((p) => inner.delete(p));
    for (const n of inner) if (nameDependsOn(n, v, env, seen)) return true;
  }
  return false;
}

/** True when `e` depends on the parameter or variable `v`. */
export function dependsOn(e: Expr, v: string, env: DepEnv): boolean {
  for (const n of freeSymbols(e)) if (nameDependsOn(n, v, env)) return true;
  return false;
}
