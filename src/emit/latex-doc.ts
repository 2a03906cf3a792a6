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
 * A formula is printed as its author wrote it (`\log p_\theta(x)`, not the
 * tree's `\log(p_{\theta}(x))`) when it fits on a line; a formula too wide is
 * printed from the tree, split between its terms. The course file
 * (handout-meta.ts) gives the title page and the paper size; `marks: false`
 * leaves out the verdict marks. A document is described as verified only when
 * every step in it is; otherwise it says which steps are not.
 *
 * @example
 *   fs.writeFileSync('output/mle-kl.tex', latexDocument([{ derivation, report }]));
 */
import { isSafeTexMath, latexTextEscape } from './escape';
import { lookupNotation } from '../notation/table';
import type { Derivation } from '../semantics/derivation';
import type { DerivationReport, StepReport } from '../check/derivation';
import { latexLines } from './latex-lines';
import { proseSegments } from './prose';
import { symbolRows, definitionSides, hypothesisTex, conditionTex } from './setup';
import type { Relation } from '../semantics/derivation';
import { DEFAULT_META, type HandoutMeta } from './handout-meta';

/** A derivation with its check report. */
export interface Checked {
  derivation: Derivation;
  report: DerivationReport;
}

/** The preamble, on A4 or Letter paper. */
export function preamble(paper: HandoutMeta['paper'] = 'a4'): string {
  return PREAMBLE.replace('{{paper}}', paper === 'letter' ? 'letterpaper' : 'a4paper');
}

const PREAMBLE = String.raw`\documentclass[11pt,{{paper}}]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb}
\usepackage[margin=2.2cm]{geometry}
\allowdisplaybreaks
% prose with inline formulas: a looser line rather than one running into the margin
\setlength{\emergencystretch}{3em}
% Computer Modern in its default encoding: scalable fonts with texlive-latex-base alone.
% The notation needs amsmath and amssymb only: \mathbb{E}, \mathrm{KL},
% \mathcal{N}, \doteq. A step is "relation & expression \tag*{\why{...} mark}".
\newcommand{\why}[1]{{\small(#1)}}
% verdict marks
\newcommand{\proved}{\ensuremath{\checkmark}}
\newcommand{\numericonly}{\ensuremath{\approx}}
\newcommand{\refuted}{\ensuremath{\times}}
\newcommand{\unknownmark}{\textbf{?}}
\newcommand{\errormark}{\textbf{!}}
`;

const MARK: Record<StepReport['verdict'], string> = {
  proved: '\\proved', numeric: '\\numericonly', refuted: '\\refuted', unknown: '\\unknownmark', error: '\\errormark',
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

/** `\tag*{…}` with the justification and (unless `marks` is false) the verdict mark. */
function tag(s: StepReport, relation: Relation, marks = true): string {
  const why = justification(s, relation);
  const mark = marks ? MARK[s.verdict] : '';
  if (!why) return mark ? `\\tag*{${mark}}` : '';
  const plain = why.replace(/\\[A-Za-z]+|[{}$\\]/g, '');
  const body = plain.length > LONG_WHY ? `\\parbox[t]{0.55\\linewidth}{\\raggedleft\\why{${why}}}` : `\\why{${why}}`;
  return `\\tag*{${body}${mark ? `\\quad ${mark}` : ''}}`;
}

/** How a document is laid out. */
export interface DocOptions {
  /** The document's title (default: the course file's, else by what was checked). */
  title?: string;
  meta?: HandoutMeta;
  /** Verdict marks beside each step (default true). */
  marks?: boolean;
}

/** The steps of a document that did not verify, as `id step n (verdict)`. */
export function unverifiedSteps(items: Checked[]): string[] {
  return items.flatMap((c) => c.report.steps.filter((s) => s.verdict !== 'proved' && s.verdict !== 'numeric')
    .map((s) => `${c.derivation.id} step ${s.index} (${s.verdict})`));
}

/**
 * A title that does not claim more than was checked: "verified" only when every step is.
 *
 * @example honestTitle('Verified derivations', items)   // 'Derivations, not all verified' when a step is refuted
 */
export function honestTitle(title: string | undefined, items: Checked[]): string {
  const all = unverifiedSteps(items).length === 0;
  if (!title) return all ? 'Verified derivations' : 'Derivations';
  if (all || !/\bverified\b/i.test(title)) return title;
  const plain = title.replace(/\s*\bverified\b\s*/i, ' ').trim();
  return `${plain.charAt(0).toUpperCase()}${plain.slice(1)}, not all verified`;
}

/** The author's LaTeX when it fits on a line, else the tree split between terms. */
function displayLines(latex: string, expr: Parameters<typeof latexLines>[0]): string[] {
  const lines = latexLines(expr, LINE_BUDGET);
  return lines.length === 1 && latex ? [latex] : lines;
}

/**
 * The hypotheses, one per line (a paragraph of them overflows: a formula does
 * not break).
 *
 * @example hypothesisList(d)   // '\\begin{itemize}\\setlength{\\itemsep}{0pt}\n\\item \\emph{mean}: $\\mu = …$\n\\end{itemize}'
 */
export function hypothesisList(d: Derivation): string {
  const items = [...d.hypotheses.values()].map((h) => `\\item \\emph{${texText(h.name)}}: $${hypothesisTex(h)}$`);
  return ['\\begin{itemize}\\setlength{\\itemsep}{0pt}', ...items, '\\end{itemize}'].join('\n');
}

/** The body of one derivation: section, setup, chains. */
export function latexSection(c: Checked, opts: { marks?: boolean } = {}): string {
  const marks = opts.marks !== false;
  const { derivation: d, report } = c;
  const out: string[] = [`\\section{${texText(d.title)}}`, `\\label{${d.id}}`];
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
    out.push(`\\noindent\\textbf{Hypotheses.}`, hypothesisList(d));
  }
  let k = 0;
  for (const chain of d.chains) {
    if (d.chains.length > 1) out.push(`\\subsection*{${texText(chain.name)}}`);
    const rows = [`  & ${displayLines(chain.start.latex, chain.start.expr).join(' \\\\\n  & \\quad ')}`];
    for (const step of chain.steps) {
      const s = report.steps[k++];
      const lines = displayLines(step.latex, step.expr);
      const rel = `${step.relation.latex}{}`;
      lines.forEach((line, i) => {
        const last = i === lines.length - 1;
        const shown = i === 0 && line.startsWith('-') ? `{-}${line.slice(1)}` : line; // unary after the relation
        rows.push(`  ${i === 0 ? rel : ''} & ${i === 0 ? '' : '\\quad '}${shown}${last ? ` ${tag(s, step.relation, marks)}` : ''}`);
      });
    }
    out.push('\\begin{align*}', rows.join(' \\\\\n'), '\\end{align*}');
  }
  const sm = report.summary;
  const bad = unverifiedSteps([c]).map((x) => x.replace(`${d.id} `, ''));
  out.push(`\\noindent{\\small Checked: ${sm.proved} proved, ${sm.numeric} numeric only, ${sm.refuted} refuted, ${sm.unknown} unknown, ${sm.error} error. `
    + (bad.length ? `\\textbf{Not verified: ${bad.join(', ')}.} ` : '')
    + (marks ? 'Marks: \\proved{} proved symbolically and numerically; \\numericonly{} numerically only; \\refuted{} refuted; \\unknownmark{} unknown; \\errormark{} error.' : '')
    + '\\par}');
  return out.join('\n');
}

/** The title page: title, author, course and term, date (the course file's). */
export function titleBlock(title: string, meta: HandoutMeta): string {
  const who = [meta.author ? texText(meta.author) : '', [meta.course, meta.term].filter(Boolean).map((x) => texText(x!)).join(', ')].filter(Boolean);
  return `\\title{${texText(title)}}\n\\author{${who.join(' \\\\ ')}}\n\\date{${meta.date ? texText(meta.date) : ''}}\n`;
}

/**
 * A standalone document holding one or more derivations.
 *
 * @example
 *   latexDocument(checked, 'Verified derivations')   // '\\documentclass[11pt]{article}…\\end{document}\n'
 */
export function latexDocument(items: Checked[], options?: string | DocOptions): string {
  const opts: DocOptions = typeof options === 'string' ? { title: options } : options ?? {};
  const meta = opts.meta ?? DEFAULT_META;
  const wanted = opts.title ?? meta.title;
  const titled = wanted !== undefined || items.length > 1;
  const title = honestTitle(wanted, items);
  const bad = unverifiedSteps(items);
  const status = items.length > 1
    ? (bad.length ? `\\noindent\\textbf{Not every step verified.} Did not verify: ${texText(bad.join(', '))}.\\par\n`
      : '\\noindent Every step was checked twice, by a symbolic prover and numerically, and verified.\\par\n')
    : '';
  const head = titled ? titleBlock(title, meta) : '';
  return `${preamble(meta.paper)}${head}\\begin{document}\n${titled ? `\\maketitle\n${status}` : ''}${items.map((c) => latexSection(c, { marks: opts.marks })).join('\n\n\\bigskip\n\n')}\n\\end{document}\n`;
}
