/**
 * Equations and inequalities, decided symbolically.
 *
 * Two equations `a1 = a2` and `b1 = b2` in an unknown are equivalent on its
 * domain when, after applying to the first an injective map (none, `\log` of
 * two positive sides, the reciprocal of two non-zero sides), the difference of
 * its sides is a non-vanishing multiple of the other's: `F_T = k · G` with k a
 * single term whose every factor has a fixed sign on the domain. Both
 * directions then hold, so the same test proves `\Rightarrow`. The side
 * conditions (positivity, non-zero factors) come from the declarations,
 * including the unknown's domain (t ∈ (0,1) makes 1 - t positive).
 *
 * An inequality `a > b` holds when the normal form of a - b has a positive
 * interval (the declarations bound every atom).
 *
 * @example
 *   proveEquivalent(parseExpr('e^{-h} = p/q', ctx), parseExpr('-h = \\log(p/q)', ctx), env)
 *   // { status: 'proved', method: 'take logarithms of both sides', … }
 */
import type { Expr, Eq } from '../../expr/types';
import { add, neg, log, div, num } from '../../expr/build';
import { Normalizer, ProverEnv, NormalizeError } from './normalize';
import { subS, toExpr, together, isZero, cancel, splitContent, Sum } from './sum';
import { intervalOf, Interval } from './interval';

export interface EquationResult {
  status: 'proved' | 'not-proved' | 'error';
  rules: string[];
  method?: string;
  message?: string;
}

const isPos = (i: Interval) => i.lo > 0 || (i.lo === 0 && i.loOpen);
const isNeg = (i: Interval) => i.hi < 0 || (i.hi === 0 && i.hiOpen);

/** The injective maps tried on the first equation, with their side conditions. */
const TRANSFORMS: { name: string; apply: (a: Expr, b: Expr) => [Expr, Expr]; needs: 'none' | 'positive' | 'nonzero' }[] = [
  { name: 'rearrange', apply: (a, b) => [a, b], needs: 'none' },
  { name: 'take logarithms of both sides', apply: (a, b) => [log(a), log(b)], needs: 'positive' },
  { name: 'take reciprocals of both sides', apply: (a, b) => [div(num(1), a), div(num(1), b)], needs: 'nonzero' },
];

/**
 * True when F = k·G with k a product of factors of fixed sign: both are put
 * over common denominators, and their numerators must have the same primitive
 * part; what is left (contents and denominators) must never vanish.
 */
function proportional(F: Sum, G: Sum, n: Normalizer): boolean {
  const a = together(cancel(F), true);
  const b = together(cancel(G), true);
  if (!a.num.terms.length || !b.num.terms.length) return false;
  const ca = splitContent(a.num);
  const cb = splitContent(b.num);
  if (ca.primitive.key !== cb.primitive.key) return false;
  const fixed = (e: Expr) => {
    const i = intervalOf(e, n.env.ctx);
    return isPos(i) || isNeg(i);
  };
  const baseExpr = (f: { base: { t: string } & ({ t: 'atom'; atom: { expr: Expr } } | { t: 'sum'; sum: Sum }) }) => (f.base.t === 'atom' ? f.base.atom.expr : toExpr(f.base.sum));
  return [...ca.content.factors, ...cb.content.factors, ...a.den, ...b.den].every((f) => fixed(baseExpr(f as never)));
}

function sideOk(e: Expr, needs: 'none' | 'positive' | 'nonzero', n: Normalizer): boolean {
  if (needs === 'none') return true;
  const i = intervalOf(toExpr(n.norm(e)), n.env.ctx);
  return needs === 'positive' ? isPos(i) : isPos(i) || isNeg(i);
}

/** Decides that two equations have the same solutions in the domain of the unknown. */
export function proveEquivalent(a: Eq, b: Eq, env: ProverEnv): EquationResult {
  try {
    for (const T of TRANSFORMS) {
      const n = new Normalizer(env);
      if (!sideOk(a.lhs, T.needs, n) || !sideOk(a.rhs, T.needs, n)) continue;
      const [l, r] = T.apply(a.lhs, a.rhs);
      const F = n.norm(add(l, neg(r)));
      const G = n.norm(add(b.lhs, neg(b.rhs)));
      if (isZero(G)) {
        if (isZero(F)) return { status: 'proved', rules: [...n.used].sort(), method: 'both are identities' };
        continue;
      }
      if (proportional(F, G, n)) return { status: 'proved', rules: [...n.used].sort(), method: T.name };
    }
    return { status: 'not-proved', rules: [] };
  } catch (e) {
    if (e instanceof NormalizeError) return { status: 'error', rules: [], message: e.message };
    throw e;
  }
}

/** Decides `lhs op rhs` from the sign of the normal form of the difference. */
export function proveInequality(lhs: Expr, rhs: Expr, op: '>' | '>=' | '<' | '<=', env: ProverEnv): EquationResult {
  try {
    const n = new Normalizer(env);
    const d = subS(n.norm(lhs), n.norm(rhs));
    const i = intervalOf(toExpr(d), env.ctx);
    const ok = op === '>' ? isPos(i) : op === '<' ? isNeg(i) : op === '>=' ? i.lo >= 0 : i.hi <= 0;
    return ok ? { status: 'proved', rules: [...n.used].sort(), method: 'sign of each term from the declarations' } : { status: 'not-proved', rules: [] };
  } catch (e) {
    if (e instanceof NormalizeError) return { status: 'error', rules: [], message: e.message };
    throw e;
  }
}
