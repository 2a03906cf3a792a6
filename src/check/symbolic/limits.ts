/**
 * Limits read off symbolically, where they can be.
 *
 * Strategy: definitions are unfolded at the tree level, then
 *  1. substitution: the condition's expression X is replaced by its finite
 *     target wherever it occurs (`D_\phi(G_\theta(z)) \to 0` in
 *     `E_z[-D_\phi(G_\theta(z)) \partial_\theta h]` gives 0); continuity and
 *     boundedness of what remains are assumptions the numeric test checks
 *     along a sequence;
 *  2. growth classes: for a symbol tending to 0 from above, each factor of a
 *     product or quotient is classified (tends to 0+, tends to ±∞, or a finite
 *     limit with a known sign) and the classes combine, so
 *     `(\theta-\theta_0)^2 / (2\epsilon^2) \to \infty` as ε → 0 given θ ≠ θ₀.
 * Facts `a \neq b` make `(a - b)` non-zero, so its even powers are positive.
 *
 * @example
 *   proveLimit(prev, num(0), { expr: D_of_G, target: 0 }, env)   // { status: 'proved', … }
 */
import type { Expr } from '../../expr/types';
import { num, add, neg } from '../../expr/build';
import { children, withChildren } from '../../expr/walk';
import { exprKey } from '../../expr/equal';
import { Normalizer, ProverEnv, NormalizeError } from './normalize';
import { subS, isZero, toExpr, cancel, mulS, powS } from './sum';
import { intervalOf } from './interval';
import { instantiateDefinition } from './differentiate';
import { dependsOn } from './depends';
import { Q } from './rational';

export interface LimitResult {
  status: 'proved' | 'not-proved' | 'error';
  rules: string[];
  method?: string;
  message?: string;
}

/** Unfolds every definition in force, at the tree level. */
export function unfoldAll(e: Expr, env: ProverEnv, depth = 0): Expr {
  if (depth > 50) throw new NormalizeError('definitions nest too deeply (a cycle?)');
  if (e.kind === 'apply') {
    const def = env.defs.get(env.ctx.resolveAlias(e.fn), e.args.length, e.given?.length ?? 0);
    if (def && !e.primes) {
      const args = [...e.args, ...(e.given ?? [])].map((a) => unfoldAll(a, env, depth + 1));
      return unfoldAll(instantiateDefinition([...def.params, ...(def.given ?? [])], def.body, args), env, depth + 1);
    }
  }
  if (e.kind === 'sym') {
    const def = env.defs.get(e.name, 0);
    if (def) return unfoldAll(def.body, env, depth + 1);
  }
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => unfoldAll(c, env, depth))) : e;
}

function replace(e: Expr, key: string, by: Expr): Expr {
  if (exprKey(e) === key) return by;
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => replace(c, key, by))) : e;
}

function occurs(e: Expr, key: string): boolean {
  return exprKey(e) === key || children(e).some((c) => occurs(c, key));
}

type Growth = { k: 'zero+' } | { k: 'finite'; sign: number /* -1, 0 unknown, 1 */; nonzero: boolean } | { k: 'inf'; sign: number } | { k: 'unknown' };

/** Classifies how `e` behaves as the symbol `x` tends to 0 from above. */
function growth(e: Expr, x: string, env: ProverEnv, apart: Expr[][], n: Normalizer): Growth {
  const structural = e.kind === 'pow' || e.kind === 'mul' || e.kind === 'div' || e.kind === 'neg';
  if (!structural && !dependsOn(e, x, env)) {
    const i = intervalOf(toExpr(n.norm(e)), env.ctx);
    const sign = i.lo > 0 || (i.lo === 0 && i.loOpen) ? 1 : i.hi < 0 || (i.hi === 0 && i.hiOpen) ? -1 : 0;
    return { k: 'finite', sign, nonzero: sign !== 0 || isApart(e, apart, n) };
  }
  switch (e.kind) {
    case 'sym': return e.name === x ? { k: 'zero+' } : { k: 'unknown' };
    case 'neg': {
      const g = growth(e.arg, x, env, apart, n);
      if (g.k === 'inf') return { k: 'inf', sign: -g.sign };
      if (g.k === 'finite') return { ...g, sign: -g.sign };
      return g.k === 'zero+' ? { k: 'unknown' } : g;
    }
    case 'pow': {
      if (e.exp.kind !== 'num' || !Number.isInteger(e.exp.value)) return { k: 'unknown' };
      const p = e.exp.value;
      const g = growth(e.base, x, env, apart, n);
      if (g.k === 'zero+') return { k: 'zero+' };
      if (g.k === 'inf') return { k: 'inf', sign: p % 2 === 0 ? 1 : g.sign };
      if (g.k === 'finite') return { k: 'finite', sign: p % 2 === 0 && g.nonzero ? 1 : g.sign, nonzero: g.nonzero };
      return g;
    }
    case 'mul': return e.factors.map((f) => growth(f, x, env, apart, n)).reduce(combineMul);
    case 'div': return combineMul(growth(e.num, x, env, apart, n), invert(growth(e.den, x, env, apart, n)));
    default: return { k: 'unknown' };
  }
}

function invert(g: Growth): Growth {
  if (g.k === 'zero+') return { k: 'inf', sign: 1 };
  if (g.k === 'inf') return { k: 'zero+' };
  if (g.k === 'finite') return g.nonzero ? g : { k: 'unknown' };
  return g;
}

function combineMul(a: Growth, b: Growth): Growth {
  if (a.k === 'unknown' || b.k === 'unknown') return { k: 'unknown' };
  if (a.k === 'finite' && b.k === 'finite') return { k: 'finite', sign: a.sign * b.sign, nonzero: a.nonzero && b.nonzero };
  if (a.k === 'inf' || b.k === 'inf') {
    const [i, o] = a.k === 'inf' ? [a, b] : [b as Growth & { k: 'inf' }, a];
    if (o.k === 'inf') return { k: 'inf', sign: (i as { sign: number }).sign * o.sign };
    if (o.k === 'finite' && o.nonzero && o.sign !== 0) return { k: 'inf', sign: (i as { sign: number }).sign * o.sign };
    return { k: 'unknown' };
  }
  // zero+ times zero+ or a finite factor of known sign
  if (a.k === 'zero+' && b.k === 'zero+') return { k: 'zero+' };
  const f = (a.k === 'finite' ? a : b) as Growth & { k: 'finite' };
  return f.sign > 0 ? { k: 'zero+' } : { k: 'unknown' };
}

/** True when `e` is (a constant multiple of) the difference of a pair known to differ. */
function isApart(e: Expr, apart: Expr[][], n: Normalizer): boolean {
  const s = n.norm(e);
  for (const [a, b] of apart) {
    const d = n.norm(add(a, neg(b)));
    const inv = powS(d, Q.of(-1), () => false);
    if (!inv) continue;
    const r = cancel(mulS(s, inv));
    if (r.terms.length === 1 && r.terms[0].factors.length === 0 && !r.terms[0].exp) return true;
  }
  return false;
}

/**
 * Decides `prev \to claim` as `cond.expr \to cond.target`; `apart` lists pairs
 * known to differ (from `a \neq b` hypotheses in force).
 */
export function proveLimit(prev: Expr, claim: number, cond: { expr: Expr; target: number }, env: ProverEnv, apart: Expr[][] = []): LimitResult {
  try {
    const n = new Normalizer(env);
    const p = unfoldAll(prev, env);
    const x = unfoldAll(cond.expr, env);
    const key = exprKey(x);
    if (Number.isFinite(cond.target) && Number.isFinite(claim) && occurs(p, key)) {
      const at = n.norm(replace(p, key, num(cond.target)));
      if (isZero(subS(at, n.norm(num(claim))))) return { status: 'proved', rules: [...n.used].sort(), method: 'substitute the limit of the condition' };
    }
    if (x.kind === 'sym' && cond.target === 0 && intervalOf(x, env.ctx).lo >= 0) {
      const g = growth(p, x.name, env, apart, n);
      const ok = claim === Infinity ? g.k === 'inf' && g.sign > 0
        : claim === -Infinity ? g.k === 'inf' && g.sign < 0
          : claim === 0 ? g.k === 'zero+' : false;
      if (ok) return { status: 'proved', rules: [...n.used].sort(), method: `read off the growth as ${x.name} \\to 0^+` };
    }
    return { status: 'not-proved', rules: [] };
  } catch (e) {
    if (e instanceof NormalizeError) return { status: 'error', rules: [], message: e.message };
    throw e;
  }
}

export { toExpr };
