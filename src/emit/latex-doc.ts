/**
 * The LaTeX handout: a standalone document per derivation, and one for all,
 * meant to be read and edited by a person.
 *
 * Strategy: a short preamble defines the few macros the page uses (`\why` for
 * a justification, one mark per verdict); each derivation is a `\section`
 * with its setup (symbols, definitions, hypotheses) and one `align*` per
 * chain. A step is a row `relation & expression`, printed from the tree, so
 * the page shows exactly what was checked; its justification and mark go in
 * `\tag*{…}`, which amsmath sets flush right and moves to a line of its own
 * when the row is full. A sum too wide for the page is split between its
 * terms (`latexLines`). Prose (titles, notes) goes through `proseSegments`, so
 * `p_data` and `θ` print as mathematics.
 *
 * @example
 *   fs.writeFileSync('output/mle-kl.tex', latexDocument([{ derivation, report }]));
 */
import { isSafeTexMath, latexTextEscape } from './escape';
import { lookupNotation } from '../notation/table';
import type { Derivation } from '../semantics/derivation';
import type { DerivationReport, StepReport } from '../check/derivation';
import { printLatex } from './latex-expr';
import { latexLines } from './latex-lines';
import { proseSegments } from './prose';
import { symbolRows, definitionHead, hypothesisTex, conditionTex } from './setup';
import type { Relation } from '../semantics/derivation';

/** A derivation with its check report. */
export interface Checked {
  derivation: Derivation;
  report: DerivationReport;
}

const PREAMBLE = String.raw`\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb}
\usepackage[margin=2.2cm]{geometry}
\allowdisplaybreaks
% Computer Modern in its default encoding: scalable fonts with texlive-latex-base alone.
% The notation needs amsmath and amssymb only: \mathbb{E}, \mathrm{KL},
% \mathcal{N}, \doteq. A step is "relation & expression \tag*{\why{...} mark}".
\newcommand{\why}[1]{{\small(#1)}}
% verdict marks
\newcommand{\proved}{\ensuremath{\checkmark}}
\newcommand{\numericonly}{\ensuremath{\approx}}
\newcommand{\refuted}{\ensuremath{\times}}
\newcommand{\undecided}{\textbf{?}}
`;

const MARK: Record<StepReport['verdict'], string> = {
  proved: '\\proved', numeric: '\\numericonly', refuted: '\\refuted', unknown: '\\undecided', error: '\\undecided',
};

/** Widest expression (estimated ems) on one line of an `align*` row, leaving room for the relation. */
const LINE_BUDGET = 38;
/** Justifications longer than this (characters) are set in a ragged paragraph. */
const LONG_WHY = 90;

/**
 * Escapes text for LaTeX text mode; `$…$` stays as written, and `p_data`, Greek
 * letters and signs become math (see `proseSegments`).
 *
 * @example
 *   texText('KL(p_data ‖ p_θ) & 50%')   // 'KL($p_{\\mathrm{data}}$ $\\|$ $p_{\\theta}$) \\& 50\\%'
 */
export function texText(s: string): string {
  // math in prose reaches the .tex only when it is made of known, display-only commands (escape.ts)
  return proseSegments(s).map((seg) => (seg.kind === 'math'
    ? isSafeTexMath(seg.tex, (c) => !!lookupNotation(c)) ? `$${seg.tex}$` : `\\texttt{${latexTextEscape(`$${seg.tex}$`)}}`
    : latexTextEscape(seg.text)))
    .join('');
}

/** The justification of a step as prose: note; by rules; given hypotheses. */
function justification(s: StepReport, relation: Relation): string {
  const parts: string[] = [];
  const cond = conditionTex(relation);
  if (cond) parts.push(`as $${cond}$`);
  if (s.note) parts.push(texText(s.note));
  const rules = s.cited.length ? s.cited : s.rules;
  if (rules.length) parts.push(`by ${rules.map(latexTextEscape).join(', ')}`);
  const hyps = s.given.filter((g) => g);
  if (hyps.length) parts.push(`given ${hyps.map(latexTextEscape).join(', ')}`);
  return parts.join('; ');
}

/** `\tag*{…}` with the justification and the verdict mark. */
function tag(s: StepReport, relation: Relation): string {
  const why = justification(s, relation);
  if (!why) return `\\tag*{${MARK[s.verdict]}}`;
  const plain = why.replace(/\\[A-Za-z]+|[{}$\\]/g, '');
  const body = plain.length > LONG_WHY ? `\\parbox[t]{0.55\\linewidth}{\\raggedleft\\why{${why}}}` : `\\why{${why}}`;
  return `\\tag*{${body}\\quad ${MARK[s.verdict]}}`;
}

/** The body of one derivation: section, setup, chains. */
export function latexSection(c: Checked): string {
  const { derivation: d, report } = c;
  const out: string[] = [`\\section{${texText(d.title)}}`, `\\label{${d.id}}`];
  if (d.summary) out.push(texText(d.summary), '');
  const symbols = symbolRows(d.ctx).map((r) => `$${r.tex}$ ${texText(r.words)}`);
  if (symbols.length) out.push(`\\noindent\\textbf{Symbols.} ${symbols.join('; ')}.\\par`);
  const defs = [...d.ctx.definitions.values()];
  if (defs.length) {
    out.push('\\noindent\\textbf{Definitions.}', '\\begin{align*}');
    out.push(defs.map((df) => `  ${definitionHead(df)} &:= ${printLatex(df.body)}`).join(' \\\\\n'));
    out.push('\\end{align*}');
  }
  if (d.hypotheses.size) {
    out.push(`\\noindent\\textbf{Hypotheses.} ${[...d.hypotheses.values()].map((h) => `\\emph{${texText(h.name)}}: $${hypothesisTex(h)}$`).join('; ')}.\\par`);
  }
  let k = 0;
  for (const chain of d.chains) {
    if (d.chains.length > 1) out.push(`\\subsection*{${texText(chain.name)}}`);
    const rows = [`  & ${printLatex(chain.start.expr)}`];
    for (const step of chain.steps) {
      const s = report.steps[k++];
      const lines = latexLines(step.expr, LINE_BUDGET);
      const rel = `${step.relation.latex}{}`;
      lines.forEach((line, i) => {
        const last = i === lines.length - 1;
        const shown = i === 0 && line.startsWith('-') ? `{-}${line.slice(1)}` : line; // unary after the relation
        rows.push(`  ${i === 0 ? rel : ''} & ${i === 0 ? '' : '\\quad '}${shown}${last ? ` ${tag(s, step.relation)}` : ''}`);
      });
    }
    out.push('\\begin{align*}', rows.join(' \\\\\n'), '\\end{align*}');
  }
  const sm = report.summary;
  out.push(`\\noindent{\\small Checked: ${sm.proved} proved, ${sm.numeric} numeric only, ${sm.refuted} refuted, ${sm.unknown + sm.error} undecided. `
    + `Marks: \\proved{} proved symbolically and numerically; \\numericonly{} numerically only; \\refuted{} refuted; \\undecided{} undecided.\\par}`);
  return out.join('\n');
}

/**
 * A standalone document holding one or more derivations.
 *
 * @example
 *   latexDocument(checked, 'Verified derivations')   // '\\documentclass[11pt]{article}…\\end{document}\n'
 */
export function latexDocument(items: Checked[], title?: string): string {
  const head = title ? `\\title{${texText(title)}}\n\\date{}\n` : '';
  return `${PREAMBLE}${head}\\begin{document}\n${title ? '\\maketitle\n' : ''}${items.map(latexSection).join('\n\n\\bigskip\n\n')}\n\\end{document}\n`;
}
