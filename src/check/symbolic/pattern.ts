/**
 * Rules from `rules/*.yaml` as rewrite patterns for the prover.
 *
 * Strategy: a rule `lhs = rhs` quantifies over its declared symbols; those
 * symbols are the pattern's metavariables. Each side is brought to the
 * normaliser's canonical form with every built-in rule switched off (field
 * algebra only, bound variables renamed by depth), so a pattern has the shape
 * of the atoms it must meet in a normal form. A rule gives up to two directed
 * rewrites: left to right, and right to left when the right side binds every
 * metavariable of the left (a rewrite never invents a quantity). A side that
 * is a bare metavariable or a number matches everything and is not used as a
 * pattern. A rule marked `unfold: true` gives only its left-to-right rewrite,
 * which the normaliser applies eagerly (like a definition) instead of the
 * search. Compiled rule bases are cached per loaded rule map.
 *
 * @example
 *   const base = compileRules(loadRules('rules'));
 *   base.rewrites.map((r) => `${r.name} ${r.dir}`)   // ['gaussian-mgf →', …]
 */
import type { Expr } from '../../expr/types';
import { freeSymbols } from '../../expr/walk';
import { exprKey } from '../../expr/equal';
import type { Context, SymbolDecl } from '../../semantics/context';
import type { Rule } from '../../semantics/rules';
import { Normalizer, NormalizeError } from './normalize';
import { Defs } from './defs';
import { toExpr } from './sum';

/** One direction of a rule: match `pattern`, replace it by `template` under the bindings. */
export interface Rewrite {
  /** The rule's name, recorded in the proof when the rewrite fires. */
  name: string;
  dir: '→' | '←';
  /** The side matched, in canonical form. */
  pattern: Expr;
  /** The side produced, as written in the rule (instantiated, then normalised). */
  template: Expr;
  /** The rule's declared symbols: the metavariables and their side conditions. */
  metas: Map<string, SymbolDecl>;
  /** The node kind at the top of the pattern (for indexing). */
  head: Expr['kind'];
  /** Applied eagerly by the normaliser (left to right only), not by the search. */
  unfold: boolean;
}

/** The rewrites of a rule set, and the rules the engine applies in code (not compiled). */
export interface RuleBase {
  rewrites: Rewrite[];
  /** Every rule name in the set (the engine's own and the rewrites'). */
  names: Set<string>;
  /** Rules that could not be used as rewrites, with the reason. */
  skipped: { name: string; reason: string }[];
}

const NO_RULES: RuleBase = { rewrites: [], names: new Set(), skipped: [] };
const cache = new WeakMap<Map<string, Rule>, RuleBase>();

/**
 * Compiles every rule not in `inCode` (the engine's built-ins) into rewrites.
 * A rule `refused` names a reason for (its numeric self-check did not pass),
 * or that cannot be a pattern (a side that is one metavariable, a side the
 * normaliser cannot read) is listed in `skipped` and only checked numerically.
 */
export function compileRules(rules: Map<string, Rule>, inCode: ReadonlySet<string> = new Set(), refused: (r: Rule) => string | undefined = () => undefined): RuleBase {
  const hit = cache.get(rules);
  if (hit) return hit;
  const base: RuleBase = { rewrites: [], names: new Set(rules.keys()), skipped: [] };
  for (const r of rules.values()) {
    if (inCode.has(r.name)) continue;
    const why = refused(r);
    if (why) {
      base.skipped.push({ name: r.name, reason: why });
      continue;
    }
    try {
      base.rewrites.push(...compileRule(r));
    } catch (e) {
      if (!(e instanceof NormalizeError)) throw e;
      base.skipped.push({ name: r.name, reason: e.message });
    }
    if (!base.rewrites.some((w) => w.name === r.name) && !base.skipped.some((s) => s.name === r.name)) {
      base.skipped.push({ name: r.name, reason: 'neither side is a pattern (each is one symbol or a number)' });
    }
  }
  cache.set(rules, base);
  return base;
}

/** The directed rewrites of one rule. */
export function compileRule(rule: Pick<Rule, 'name' | 'statement' | 'ctx'> & { unfold?: boolean }): Rewrite[] {
  const metas = new Map([...rule.ctx.symbols.values()].map((d) => [d.name, d] as const));
  const { lhs, rhs } = rule.statement;
  const out: Rewrite[] = [];
  const l = canonical(lhs, rule.ctx);
  const r = canonical(rhs, rule.ctx);
  if (exprKey(l) === exprKey(r)) throw new NormalizeError("the prover's algebra proves it without the rule");
  const metasOf = (e: Expr) => new Set([...freeSymbols(e)].filter((n) => metas.has(n)));
  const lm = metasOf(l);
  const rm = metasOf(r);
  const unfold = !!rule.unfold;
  if (usable(l, metas)) out.push({ name: rule.name, dir: '→', pattern: l, template: rhs, metas, head: l.kind, unfold });
  if (!unfold && usable(r, metas) && [...lm].every((m) => rm.has(m))) out.push({ name: rule.name, dir: '←', pattern: r, template: lhs, metas, head: r.kind, unfold });
  return out;
}

/** A side in the normaliser's canonical form, with no rule applied. */
function canonical(e: Expr, ctx: Context): Expr {
  const n = new Normalizer({ ctx, defs: new Defs(), enabled: new Set(), rules: NO_RULES });
  return toExpr(n.norm(e));
}

/** A pattern must have structure: not a number, not a single metavariable. */
function usable(p: Expr, metas: Map<string, SymbolDecl>): boolean {
  if (p.kind === 'num') return false;
  if (p.kind === 'sym' && metas.has(p.name)) return false;
  if (p.kind === 'neg') return usable(p.arg, metas);
  return true;
}
