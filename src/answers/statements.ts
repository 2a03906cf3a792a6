/**
 * What a student states besides the steps: hypotheses ("if $D_\phi = D^*$,
 * then", "given $p_\theta(y) = p_{data}(y)$") and substitutions ("and
 * $t = D_\phi(x)$"). A stated hypothesis is in force from where it is written
 * to the end of its section; a hypothesis a step needs but nobody stated is
 * what the diagnosis names.
 *
 * Strategy: a statement matches a known hypothesis when it is the same
 * equation read in the chain's context — either way round, or pointwise
 * (`D_\phi(x) = D^*(x)` for `D_\phi = D^*`); `a \neq b` matches a fact
 * hypothesis with the same two sides. A statement `v = S` with v a declared
 * variable is a substitution. Which known hypotheses a diagnosis may try is
 * narrowed to those that define something the step mentions (following
 * definitions), so an unrelated hypothesis is never offered as the reason.
 *
 * @example
 *   statedHypotheses(statements, chain, cc)   // [{ name: 'optimal-discriminator', at: 1234, … }]
 */
import type { Expr } from '../expr/types';
import { exprKey } from '../expr/equal';
import { freeSymbols } from '../expr/walk';
import type { Context } from '../semantics/context';
import type { KnownHypothesis } from './context';
import type { Statement } from './chains';
import { splitEquation } from './lines';
import { readExpr } from './read';

/**
 * A hypothesis the student stated, and where.
 *
 * @example { hypothesis: { name: 'optimal-discriminator', … }, at: 1234 }
 */
export interface StatedHypothesis {
  hypothesis: KnownHypothesis;
  at: number;
}

/**
 * A substitution `v = S` the student stated, and where.
 *
 * @example { variable: 't', expr: apply('D_{\\phi}', [sym('x')]), latex: 't = D_\\phi(x)', at: 880 }
 */
export interface Substitution {
  variable: string;
  expr: Expr;
  latex: string;
  at: number;
}

function sameEquation(a: [Expr, Expr], b: [Expr, Expr]): boolean {
  const k = (e: Expr) => exprKey(e);
  return (k(a[0]) === k(b[0]) && k(a[1]) === k(b[1])) || (k(a[0]) === k(b[1]) && k(a[1]) === k(b[0]));
}

/** `f(v) = g(v)` as `f = g`, when both sides apply a function to the same variables. */
function pointFree(lhs: Expr, rhs: Expr): [Expr, Expr] | null {
  if (lhs.kind !== 'apply' || rhs.kind !== 'apply' || lhs.given || rhs.given) return null;
  if (exprKey({ kind: 'add', terms: lhs.args }) !== exprKey({ kind: 'add', terms: rhs.args })) return null;
  if (!lhs.args.every((a) => a.kind === 'sym')) return null;
  return [{ kind: 'sym', name: lhs.fn }, { kind: 'sym', name: rhs.fn }];
}

/**
 * The known hypotheses the statements of a section state, in the chain's context.
 *
 * @example statedHypotheses([stmt('D_\\phi = D^*')], 2, cc)[0].hypothesis.name   // 'optimal-discriminator'
 */
export function statedHypotheses(statements: readonly Statement[], section: number, ctx: Context, known: readonly KnownHypothesis[]): StatedHypothesis[] {
  const out: StatedHypothesis[] = [];
  for (const s of statements) {
    if (s.section !== section) continue;
    const parts = splitEquation(s.math);
    if (!parts) continue;
    const l = readExpr(parts.lhs, ctx, { bareDefinitions: false });
    const r = readExpr(parts.rhs, ctx, { bareDefinitions: false });
    if (!l.ok || !r.ok) continue;
    for (const h of known) {
      if (parts.rel === '\\neq') {
        if (h.apart && sameEquation([l.expr, r.expr], h.apart)) out.push({ hypothesis: h, at: s.at });
        continue;
      }
      if (h.apart || h.statement.kind !== 'eq') continue;
      const hs: [Expr, Expr] = [h.statement.lhs, h.statement.rhs];
      const pf = pointFree(l.expr, r.expr);
      if (sameEquation([l.expr, r.expr], hs) || (pf && sameEquation(pf, hs))) out.push({ hypothesis: h, at: s.at });
    }
  }
  return out;
}

/**
 * The substitutions `v = S` (v a declared variable) of a section.
 *
 * @example substitutions([stmt('t = D_\\phi(x)')], 3, ctx)[0].variable   // 't'
 */
export function substitutions(statements: readonly Statement[], section: number, ctx: Context): Substitution[] {
  const out: Substitution[] = [];
  for (const s of statements) {
    if (s.section !== section) continue;
    const parts = splitEquation(s.math);
    if (!parts || parts.rel !== '=') continue;
    const l = readExpr(parts.lhs, ctx);
    const r = readExpr(parts.rhs, ctx);
    if (!l.ok || !r.ok || l.expr.kind !== 'sym' || ctx.lookup(l.expr.name)?.kind !== 'variable' || r.expr.kind === 'num') continue;
    out.push({ variable: l.expr.name, expr: r.expr, latex: s.math.text.trim(), at: s.at });
  }
  return out;
}

/**
 * The names an expression depends on, following the definitions of `ctx`.
 *
 * @example reachableNames(parseExpr('L_G(\\theta, \\phi)', ctx), ctx)   // Set { 'L_{G}', '\\theta', 'D_{\\phi}', 'p_{\\theta}', … }
 */
export function reachableNames(e: Expr, ctx: Context): Set<string> {
  const seen = new Set<string>();
  const todo = [...freeSymbols(e)];
  while (todo.length) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const def = ctx.definitions.get(n);
    if (def) todo.push(...freeSymbols(def.body));
  }
  return seen;
}

/**
 * The known hypotheses that could matter to a step: they define a name the step reaches.
 *
 * @example relevantHypotheses(known, [lhs, rhs], ctx).map((h) => h.name)   // ['optimal-discriminator']
 */
export function relevantHypotheses(known: readonly KnownHypothesis[], exprs: readonly Expr[], ctx: Context): KnownHypothesis[] {
  const names = new Set<string>();
  for (const e of exprs) for (const n of reachableNames(e, ctx)) names.add(n);
  return known.filter((h) => h.defs.some((d) => names.has(d.name)) || (h.apart && h.apart.some((a) => [...freeSymbols(a)].some((n) => names.has(n)))));
}
