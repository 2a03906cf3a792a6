/**
 * The LaTeX handout: a standalone document per derivation, and one for all.
 * Each chain is an `align*`; each step shows its relation, the expression as
 * the engine read it (printed from the tree, so the page shows exactly what
 * was checked), its justification in `\text{}` and a mark for its verdict.
 *
 * @example
 *   fs.writeFileSync('output/mle-kl.tex', latexDocument([{ derivation, report }]));
 */
import type { Derivation } from '../semantics/derivation';
import type { DerivationReport, StepReport } from '../check/derivation';
import { printLatex } from './latex-expr';

/** A derivation with its check report. */
export interface Checked {
  derivation: Derivation;
  report: DerivationReport;
}

const PREAMBLE = String.raw`\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{amsmath,amssymb}
\usepackage[margin=2.2cm]{geometry}
\allowdisplaybreaks
% verdict marks
\newcommand{\proved}{\ensuremath{\checkmark}}
\newcommand{\numericonly}{\ensuremath{\approx}}
\newcommand{\refuted}{\ensuremath{\times}}
\newcommand{\undecided}{\textbf{?}}
`;

const MARK: Record<StepReport['verdict'], string> = {
  proved: '\\proved', numeric: '\\numericonly', refuted: '\\refuted', unknown: '\\undecided', error: '\\undecided',
};

/** Unicode letters and signs that may appear in titles and notes, as LaTeX math. */
const UNICODE_MATH: Record<string, string> = {
  'θ': '\\theta', 'φ': '\\phi', 'ϕ': '\\phi', 'σ': '\\sigma', 'ε': '\\epsilon', 'μ': '\\mu', 'π': '\\pi', 'Σ': '\\Sigma',
  '‖': '\\|', '∞': '\\infty', '→': '\\to', '≠': '\\neq', '≈': '\\approx', '∂': '\\partial', '≤': '\\le', '≥': '\\ge',
  '₀': '_0', '₁': '_1', '²': '^2', '³': '^3', '∗': '^*', '·': '\\cdot', '−': '-', '∼': '\\sim', '∈': '\\in',
};
const UNICODE_RE = new RegExp(`[${Object.keys(UNICODE_MATH).join('')}]`, 'g');

/** Escapes text for LaTeX text mode (keeps `$…$` math as written; Greek and signs become math). */
export function texText(s: string): string {
  return s.split(/(\$[^$]*\$)/).map((part, i) => (i % 2 ? part : part
    .replace(/\\/g, '\\textbackslash{}').replace(/([#%&_{}])/g, '\\$1').replace(/\^/g, '\\^{}').replace(/~/g, '\\~{}')
    .replace(UNICODE_RE, (c) => `\\ensuremath{${UNICODE_MATH[c]}}`))).join('');
}

function justification(s: StepReport): string {
  const parts: string[] = [];
  if (s.note) parts.push(texText(s.note));
  const rules = s.cited.length ? s.cited : s.rules;
  if (rules.length) parts.push(`by ${rules.join(', ')}`);
  const hyps = s.given.filter((g) => g);
  if (hyps.length) parts.push(`given ${hyps.join(', ')}`);
  return parts.length ? `\\text{(${parts.join('; ')})}` : '';
}

/** The body of one derivation: section, setup, chains. */
export function latexSection(c: Checked): string {
  const { derivation: d, report } = c;
  const out: string[] = [`\\section{${texText(d.title)}}`, `\\label{${d.id}}`];
  if (d.summary) out.push(texText(d.summary), '');
  const symbols = [...d.ctx.symbols.values()].map((s) => `$${printLatex({ kind: 'sym', name: s.name })}$ ${s.kind}${s.domain && s.domain !== 'real' ? ` (${s.domain})` : ''}`);
  if (symbols.length) out.push(`\\noindent\\textbf{Symbols.} ${symbols.join('; ')}.\\par`);
  const defs = [...d.ctx.definitions.values()];
  if (defs.length) {
    out.push('\\noindent\\textbf{Definitions.}', '\\begin{align*}');
    out.push(defs.map((df) => `${printLatex(df.params.length ? { kind: 'apply', fn: df.name, args: df.params.map((p) => ({ kind: 'sym', name: p })) } : { kind: 'sym', name: df.name })} &:= ${printLatex(df.body)}`).join(' \\\\\n'));
    out.push('\\end{align*}');
  }
  if (d.hypotheses.size) {
    out.push(`\\noindent\\textbf{Hypotheses.} ${[...d.hypotheses.values()].map((h) => `\\emph{${texText(h.name)}}: $${printLatex(h.statement)}$`).join('; ')}.\\par`);
  }
  let k = 0;
  for (const chain of d.chains) {
    if (d.chains.length > 1) out.push(`\\subsection*{${texText(chain.name)}}`);
    const lines = [`  & ${printLatex(chain.start.expr)}`];
    for (const step of chain.steps) {
      const s = report.steps[k++];
      const just = justification(s);
      lines.push(`  ${step.relation.latex}{} & ${printLatex(step.expr)} && ${just} \\quad ${MARK[s.verdict]}`);
    }
    out.push('\\begin{align*}', lines.join(' \\\\\n'), '\\end{align*}');
  }
  const sm = report.summary;
  out.push(`\\noindent\\small Checked: ${sm.proved} proved, ${sm.numeric} numeric only, ${sm.refuted} refuted, ${sm.unknown + sm.error} undecided. `
    + `Marks: \\proved{} proved symbolically and numerically; \\numericonly{} numerically only; \\refuted{} refuted.\\normalsize\\par`);
  return out.join('\n');
}

/** A standalone document holding one or more derivations. */
export function latexDocument(items: Checked[], title?: string): string {
  const head = title ? `\\title{${texText(title)}}\n\\date{}\n` : '';
  return `${PREAMBLE}${head}\\begin{document}\n${title ? '\\maketitle\n' : ''}${items.map(latexSection).join('\n\n\\bigskip\n\n')}\n\\end{document}\n`;
}
