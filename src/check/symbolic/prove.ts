/**
 * Symbolic decisions on top of the normaliser: equality, equality up to a
 * term free of a parameter, and the smallest set of rules a proof needs.
 *
 * Strategy: normalise `lhs - rhs` (both sides in one normaliser, so shared
 * atoms coincide) and test the result for zero over a common denominator.
 * "Free of θ" holds when no atom of the difference depends on θ, or when the
 * derivative of the difference in θ normalises to zero. Proof search never
 * claims more than the algebra shows: an unproved step goes to the numeric
 * tester, and a proof that the numeric tester contradicts is an engine fault.
 *
 * @example
 *   proveEqual(parseExpr('\\log(a/b)', ctx), parseExpr('\\log a - \\log b', ctx), env)
 *   // { status: 'proved', rules: ['log-quotient'] }
 */
import type { Expr } from '../../expr/types';
import { add, neg, deriv } from '../../expr/build';
import { Normalizer, ProverEnv, NormalizeError } from './normalize';
import { isZero, together, atomsOf, toExpr, subS, Sum } from './sum';
import { dependsOn } from './depends';
import { isBudgetExceeded } from '../budget';

/** Every rule the normaliser implements, by name (each has a statement in `rules/`). */
export const ENGINE_RULES = [
  'log-product', 'log-quotient', 'log-power', 'log-exp', 'exp-log',
  'sigmoid-definition', 'sigmoid-derivative',
  'expectation-linearity', 'expectation-constant',
  'gaussian-mean', 'gaussian-second-moment', 'gaussian-density',
  'kl-definition', 'integral-as-expectation', 'differentiate-under-expectation', 'product-rule',
] as const;

export interface SymbolicResult {
  status: 'proved' | 'not-proved' | 'error';
  /** Rules the proof needs (a minimal set), when proved. */
  rules: string[];
  /** The normalised difference that did not vanish, when not proved. */
  residual?: Expr;
  message?: string;
}

type Decide = (n: Normalizer) => { ok: boolean; residual?: Sum };

function run(env: ProverEnv, decide: Decide): SymbolicResult {
  try {
    const n = new Normalizer(env);
    const { ok, residual } = decide(n);
    if (!ok) return { status: 'not-proved', rules: [], residual: residual ? residualExpr(residual) : undefined };
    return { status: 'proved', rules: minimise(env, decide, [...n.used]) };
  } catch (e) {
    if (e instanceof NormalizeError) return { status: 'error', rules: [], message: e.message };
    throw e;
  }
}

/** The residual over a common denominator, for the report; none when that is past the step's budget. */
function residualExpr(residual: Sum): Expr | undefined {
  try {
    return toExpr(together(residual).num);
  } catch (e) {
    if (isBudgetExceeded(e)) return undefined;
    throw e;
  }
}

/**
 * Greedily drops rules the proof still succeeds without; what remains is what
 * the step needs. Past the step's budget the rules kept so far are returned:
 * they still prove the step, though perhaps not minimally.
 */
function minimise(env: ProverEnv, decide: Decide, used: string[]): string[] {
  let keep = [...used].sort();
  for (const r of [...keep]) {
    const trial = keep.filter((x) => x !== r);
    try {
      if (decide(new Normalizer({ ...env, enabled: new Set(trial) })).ok) keep = trial;
    } catch (e) {
      if (isBudgetExceeded(e)) return keep;
      /* otherwise the rule is needed */
    }
  }
  return keep;
}

/** Decides `lhs = rhs` symbolically. */
export function proveEqual(lhs: Expr, rhs: Expr, env: ProverEnv): SymbolicResult {
  return run(env, (n) => {
    const d = subS(n.norm(lhs), n.norm(rhs));
    return { ok: isZero(d), residual: d };
  });
}

/** Decides that `lhs - rhs` does not depend on `param`. */
export function proveFreeOf(param: string, lhs: Expr, rhs: Expr, env: ProverEnv): SymbolicResult {
  const depEnv = { ctx: env.ctx, defs: env.defs };
  return run(env, (n) => {
    const d = subS(n.norm(lhs), n.norm(rhs));
    const atoms = [...atomsOf(d).values()];
    if (atoms.every((a) => !dependsOn(a.expr, param, depEnv))) return { ok: true };
    const dd = n.norm(deriv(param, add(lhs, neg(rhs))));
    return { ok: isZero(dd), residual: d };
  });
}

/** Decides whether `rule`-restricted normalisation proves the step (for checking cited rules). */
export function provesWith(rules: string[], lhs: Expr, rhs: Expr, env: ProverEnv): boolean {
  try {
    const n = new Normalizer({ ...env, enabled: new Set(rules) });
    return isZero(subS(n.norm(lhs), n.norm(rhs)));
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    return false;
  }
}
