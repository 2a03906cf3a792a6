/**
 * The setup of a derivation as both handouts print it: each declared symbol
 * with what it is (kind, domain, what it depends on, its distribution) and
 * each definition and hypothesis as one formula, the condition of a limit
 * step. Shared so the LaTeX and the HTML say the same thing.
 *
 * Strategy: return LaTeX for formulas and prose (with `$…$` math) for words;
 * each emitter renders prose its own way (`texText`, `proseHtml`).
 *
 * @example
 *   symbolRows(d.ctx)[0]   // { tex: 'p_{\\theta}', words: 'density, depends on $\\theta$' }
 */
import type { Context, Definition, SymbolDecl } from '../semantics/context';
import type { Hypothesis, Relation } from '../semantics/derivation';
import type { Expr } from '../expr/types';
import { printLatex } from './latex-expr';
import { nameToLatex } from '../notation/names';

/** One declared symbol: its LaTeX and a short description (prose with `$…$`). */
export interface SymbolRow {
  tex: string;
  words: string;
}

const DOMAIN_WORDS: Record<string, string> = {
  positive: 'positive', nonnegative: 'non-negative', nonzero: 'non-zero', unit: 'values in $(0, 1)$',
};

/**
 * What a declared symbol is, in words.
 *
 * @example
 *   describeSymbol({ name: 'x', kind: 'variable', distribution: normal })   // 'variable, $x \\sim \\mathcal{N}\\left(\\theta, \\epsilon^{2}\\right)$'
 */
export function describeSymbol(s: SymbolDecl): string {
  const parts: string[] = [s.kind];
  if (s.domain && s.domain !== 'real') parts.push(DOMAIN_WORDS[s.domain] ?? s.domain);
  if (s.dim !== undefined) parts.push(`in $\\mathbb{R}^{${typeof s.dim === 'number' ? s.dim : nameToLatex(s.dim)}}$`);
  if (s.dependsOn?.length) parts.push(`depends on ${s.dependsOn.map((n) => `$${nameToLatex(n)}$`).join(', ')}`);
  if (s.distribution) parts.push(`$${nameToLatex(s.name)} \\sim ${printLatex(s.distribution)}$`);
  return parts.join(', ');
}

/**
 * Every declared symbol of a context, in declaration order.
 *
 * @example
 *   symbolRows(d.ctx).map((r) => r.tex)   // ['x', '\\theta', 'p_{\\theta}', 'p_{\\mathrm{data}}']
 */
export function symbolRows(ctx: Context): SymbolRow[] {
  return [...ctx.symbols.values()].map((s) => ({ tex: nameToLatex(s.name), words: describeSymbol(s) }));
}

/**
 * The left side of a definition, `L_{\mathrm{MLE}}(\theta)` or a bare name.
 *
 * @example
 *   definitionHead({ name: 'D^{*}', params: ['x'], body })   // 'D^{*}(x)'
 */
export function definitionHead(df: Definition): string {
  return printLatex(df.params.length
    ? { kind: 'apply', fn: df.name, args: df.params.map((p) => ({ kind: 'sym', name: p })) }
    : { kind: 'sym', name: df.name });
}

/**
 * A hypothesis as a formula: its statement, or `a \neq b` for a fact that two
 * things differ (a hypothesis loaded with `apart`).
 *
 * @example
 *   hypothesisTex(d.hypotheses.get('optimal-discriminator')!)   // 'D_{\\phi} = D^{*}'
 */
export function hypothesisTex(h: Hypothesis, opts: { tree?: boolean } = {}): string {
  if (h.latex && !opts.tree) return h.latex.trim();
  const apart = (h as Hypothesis & { apart?: [Expr, Expr] }).apart;
  return apart ? `${printLatex(apart[0])} \\neq ${printLatex(apart[1])}` : printLatex(h.statement);
}

/**
 * A definition's two sides for display: as the author wrote them, else printed from the tree.
 *
 * @example definitionSides(df)   // { head: 'L_{MLE}(\\theta)', body: '-\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]' }
 */
export function definitionSides(df: Definition, opts: { tree?: boolean } = {}): { head: string; body: string } {
  return df.latex && !opts.tree ? df.latex : { head: definitionHead(df), body: printLatex(df.body) };
}

/**
 * The condition of a limit step (`as D_\phi(x) \to 0`) as LaTeX, or null for
 * a relation without one.
 *
 * @example
 *   conditionTex(step.relation)   // 'D_{\\phi}(G_{\\theta}(z)) \\to 0'
 */
export function conditionTex(relation: Relation): string | null {
  const cond = (relation as Relation & { cond?: { expr: Expr; target: number } }).cond;
  if (!cond) return null;
  const t = cond.target === Infinity ? '\\infty' : cond.target === -Infinity ? '-\\infty' : String(cond.target);
  return `${printLatex(cond.expr)} \\to ${t}`;
}
