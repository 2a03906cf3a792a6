/**
 * The exercise sheet: for each derivation, what a student is given and what
 * to show, without the solution — its title and summary, the symbols, the
 * definitions, the hypotheses they may use, and per chain the result to show
 * ("Show that start relation result", in the author's LaTeX; a limit with its
 * condition; an equation chain with its unknown). Same preamble, paper and
 * title page as the handout (latex-doc.ts), and no verdicts: a sheet states
 * problems, it claims nothing about them.
 *
 * @example
 *   fs.writeFileSync('output/sheet.tex', latexSheet(checked.map((c) => c.derivation), { meta }));
 */
import type { Derivation } from '../semantics/derivation';
import { symbolRows, definitionSides } from './setup';
import { texText, preamble, titleBlock, hypothesisList } from './latex-doc';
import { exerciseOf } from './exercise';
import { DEFAULT_META, type HandoutMeta } from './handout-meta';
import { nameToLatex } from '../notation/names';

/** One derivation's exercise. */
export function sheetSection(d: Derivation): string {
  const out: string[] = [`\\section{${texText(d.title)}}`];
  if (d.summary) out.push(texText(d.summary), '');
  const symbols = symbolRows(d.ctx).map((r) => `$${r.tex}$ ${texText(r.words)}`);
  if (symbols.length) out.push(`\\noindent\\textbf{Symbols.} ${symbols.join('; ')}.\\par`);
  const defs = [...d.ctx.definitions.values()];
  if (defs.length) {
    out.push('\\noindent\\textbf{Definitions.}', '\\begin{align*}');
    out.push(defs.map((df) => `  ${definitionSides(df).head} &:= ${definitionSides(df).body}`).join(' \\\\\n'));
    out.push('\\end{align*}');
  }
  if (d.hypotheses.size) {
    out.push(`\\noindent\\textbf{You may use.}`, hypothesisList(d));
  }
  const items = d.chains.map((chain) => {
    const ex = exerciseOf(chain);
    const what = ex.relation
      ? `Show that\n\\[ ${ex.start} ${ex.relation} ${ex.result} \\]`
      : `Starting from\n\\[ ${ex.start} \\]\narrive at\n\\[ ${ex.result} \\]`;
    const as = ex.as ? `as $${ex.as}$` : '';
    const unknown = ex.unknown ? `solving for $${nameToLatex(ex.unknown)}$` : '';
    const given = chain.given.length ? `given ${chain.given.map((g) => `\\emph{${texText(g)}}`).join(', ')}` : '';
    const tail = [as, unknown, given].filter(Boolean).join(', ');
    return `${d.chains.length > 1 ? `\\item \\textbf{${texText(chain.name)}.} ` : ''}${what}${tail ? `\n${tail}.` : ''}`;
  });
  if (d.chains.length > 1) out.push('\\begin{enumerate}', ...items, '\\end{enumerate}');
  else out.push(items[0]);
  return out.join('\n');
}

/**
 * The sheet for one or more derivations, with the course file's title page.
 *
 * @example latexSheet([d], { meta: { paper: 'a4', course: 'STAT 201' } })   // '\\documentclass[11pt,a4paper]{article}…'
 */
export function latexSheet(items: Derivation[], opts: { meta?: HandoutMeta; title?: string } = {}): string {
  const meta = opts.meta ?? DEFAULT_META;
  const title = opts.title ?? `${meta.title ?? 'Derivations'}: exercises`;
  return `${preamble(meta.paper)}${titleBlock(title, meta)}\\begin{document}\n\\maketitle\n${items.map(sheetSection).join('\n\n\\bigskip\n\n')}\n\\end{document}\n`;
}
