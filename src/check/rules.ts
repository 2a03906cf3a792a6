/**
 * The numeric self-check of rules: every rule is tested at random
 * instantiations of its symbols when loaded, and a false rule is refused with
 * its counterexample. The symbolic side is tested too: the engine must prove
 * each rule's statement, so the data and the engine cannot drift apart.
 *
 * The check is the one steps get (`numericEqual`): elementary statements are
 * decided in high precision, with edge samples (log-scaled magnitudes, domain
 * edges) and a side without a real value where the other has one counting as
 * a counterexample; a statement whose exact difference is a non-zero
 * polynomial is refused with that difference (`exact.ts`) even where sampling
 * agrees. So `\sigma(a + 40) = 1`, `\log(a^2) = 2\log a` for real a and
 * `a = a + 10^{-9}` are all refused.
 *
 * @example
 *   const checked = selfCheckRules(loadRules('rules'));
 *   checked.filter((c) => c.status !== 'ok')   // [] when every rule holds
 */
import type { Rule } from '../semantics/rules';
import { numericEqual, NumericOutcome } from './numeric';
import { hashParts } from './numeric/rng';
import { exactRefutation } from './exact';
import { Defs } from './symbolic/defs';
import { printLatex } from '../emit/latex-expr';

export interface RuleCheck {
  rule: Rule;
  status: 'ok' | 'false' | 'undecided';
  numeric: NumericOutcome | { status: 'error'; reason: string };
  /** Human-readable result, with the counterexample for a false rule. */
  message: string;
}

/** Checks one rule numerically. */
export function selfCheckRule(rule: Rule, seed = 7): RuleCheck {
  let numeric: RuleCheck['numeric'];
  try {
    numeric = numericEqual(rule.statement.lhs, rule.statement.rhs, rule.ctx, { seed: hashParts([seed, rule.name]) });
  } catch (e) {
    numeric = { status: 'error', reason: (e as Error).message };
  }
  const where = `${rule.loc.file}:${rule.loc.line}:${rule.loc.column}`;
  if (numeric.status !== 'disagree') {
    const x = exactRefutation(rule.statement.lhs, rule.statement.rhs, { ctx: rule.ctx, defs: new Defs([]) }, [], hashParts([seed, rule.name]));
    if (x) {
      const point = Object.entries(x.point).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
      const out = { status: 'disagree' as const, witness: { point: x.point, lhs: x.lhs, rhs: x.rhs }, seed, maxDiff: Infinity, samples: 1 };
      return { rule, status: 'false', numeric: out, message: `${where}: rule "${rule.name}" is false: the two sides differ by exactly ${printLatex(x.residual)}, e.g. at ${point}` };
    }
  }
  switch (numeric.status) {
    case 'agree':
      return { rule, status: 'ok', numeric, message: `holds at ${numeric.samples} random points` };
    case 'disagree': {
      const w = numeric.witness;
      const point = Object.entries(w.point).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
      const side = (v: number, which: 'left' | 'right') => (w.undefinedSide === which ? 'has no real value' : `is ${fmt(v)}`);
      if (w.undefinedSide) return { rule, status: 'false', numeric, message: `${where}: rule "${rule.name}" is false: at ${point} the left side ${side(w.lhs, 'left')} and the right side ${side(w.rhs, 'right')}` };
      return { rule, status: 'false', numeric, message: `${where}: rule "${rule.name}" is false: at ${point} the left side is ${fmt(w.lhs)} and the right side ${fmt(w.rhs)}` };
    }
    case 'undefined':
      return { rule, status: 'undecided', numeric, message: `${where}: rule "${rule.name}" could not be evaluated: ${numeric.reason}` };
    default:
      return { rule, status: 'undecided', numeric, message: `${where}: rule "${rule.name}" could not be evaluated: ${numeric.reason}` };
  }
}

/** Checks every rule; the caller refuses to proceed when any is false. */
export function selfCheckRules(rules: Map<string, Rule>): RuleCheck[] {
  return [...rules.values()].map((r) => selfCheckRule(r));
}

/** A number printed to 6 significant digits. */
export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}
