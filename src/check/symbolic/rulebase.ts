/**
 * Which rewrites a proof may use: the rule set the caller loaded (the
 * `--rules` directory), or else the rules shipped in `rules/`, compiled once;
 * minus the rules the engine applies in code, and restricted to the rules a
 * minimisation trial leaves enabled.
 *
 * @example
 *   rewritesFor({ ctx, defs })   // the shipped rules' rewrites
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadRules, Rule } from '../../semantics/rules';
import { compileRules, RuleBase, Rewrite } from './pattern';
import type { ProverEnv } from './normalize';

/** Every rule the normaliser implements in code, by name (each has a statement in `rules/`). */
export const ENGINE_RULES = [
  'log-product', 'log-quotient', 'log-power', 'log-exp', 'exp-log',
  'expectation-linearity', 'expectation-constant', 'gaussian-density',
  'integral-as-expectation', 'differentiate-under-expectation', 'product-rule',
] as const;

/**
 * Rules the engine once applied in code and now reads from `rules/` (marked
 * `unfold: true` there): the shipped rule files must keep them.
 */
export const DATA_RULES = ['sigmoid-definition', 'sigmoid-derivative', 'kl-definition', 'gaussian-mean', 'gaussian-second-moment'] as const;

const IN_CODE: ReadonlySet<string> = new Set(ENGINE_RULES);

/** Rules whose numeric self-check did not pass (recorded by the caller that ran it). */
const unverified = new WeakMap<Rule, string>();

/**
 * Records a rule's numeric self-check (`src/check/rules.ts`): a rule that did
 * not pass (false, or never evaluated) is not compiled into a rewrite, so the
 * prover never builds a proof on an identity nobody could check.
 */
export function recordSelfCheck(rule: Rule, status: 'ok' | 'false' | 'undecided'): void {
  if (status === 'ok') unverified.delete(rule);
  else unverified.set(rule, status === 'false' ? 'its self-check found it false' : 'its self-check could not evaluate it');
}

/** The rule base of a loaded rule set (cached per set). */
export function ruleBase(rules: Map<string, Rule>): RuleBase {
  return compileRules(rules, IN_CODE, (r) => unverified.get(r));
}

let shipped: RuleBase | undefined;

/** The rules shipped with Rederive (`rules/` at the package root), for callers that load none. */
export function shippedRuleBase(): RuleBase {
  if (!shipped) {
    const dir = path.resolve(__dirname, '..', '..', '..', 'rules');
    shipped = fs.existsSync(dir) ? ruleBase(loadRules(dir)) : { rewrites: [], names: new Set(), skipped: [] };
  }
  return shipped;
}

/** Per rule base: the searched rewrites, and the unfolding ones by the kind of node they match. */
const index = new WeakMap<RuleBase, { searched: Rewrite[]; unfold: Map<string, Rewrite[]> }>();

function indexOf(base: RuleBase): { searched: Rewrite[]; unfold: Map<string, Rewrite[]> } {
  let ix = index.get(base);
  if (!ix) {
    const unfold = new Map<string, Rewrite[]>();
    for (const r of base.rewrites) if (r.unfold) unfold.set(r.head, [...(unfold.get(r.head) ?? []), r]);
    ix = { searched: base.rewrites.filter((r) => !r.unfold), unfold };
    index.set(base, ix);
  }
  return ix;
}

const NONE: Rewrite[] = [];

/** The rewrites the search under `env` may use (enabled, not unfolded eagerly). */
export function rewritesFor(env: ProverEnv): Rewrite[] {
  const all = indexOf(env.rules ?? shippedRuleBase()).searched;
  return env.enabled ? all.filter((r) => env.enabled!.has(r.name)) : all;
}

/** The enabled rewrites the normaliser applies eagerly to a node of kind `head`. */
export function unfoldersFor(env: ProverEnv, head: string): Rewrite[] {
  const all = indexOf(env.rules ?? shippedRuleBase()).unfold.get(head) ?? NONE;
  return env.enabled && all.length ? all.filter((r) => env.enabled!.has(r.name)) : all;
}
