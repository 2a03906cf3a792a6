/**
 * The two overview pages: `index.html`, every derivation with its status
 * (and every derivation that could not be built, with the reason and
 * file:line), and `rules.html`, every rule with its statement, description,
 * source, and the steps that use it.
 *
 * Strategy: both are tables of links rendered from data the build already
 * has; rule statements are printed from the parsed tree with KaTeX, like
 * every other formula, so a rule reads the same here as in a step.
 *
 * @example
 *   indexPage({ built: checked, failed: [], files: { pdf: true } })   // '<!doctype html>…'
 */
import { honestTitle, unverifiedSteps, type Checked } from './latex-doc';
import type { Rule } from '../semantics/rules';
import type { StepReport } from '../check/derivation';
import { printLatex } from './latex-expr';
import { renderMath, proseHtml, escapeHtml } from './html-math';
import { page, badge, VERDICTS } from './html-page';
import { summaryLine } from './html-derivation';

/** A derivation the build could not finish: its file, id if known, and why (`file:line:column: message`). */
export interface BuildFailure {
  file: string;
  id?: string;
  message: string;
}

/** The overall verdict of a derivation: the worst of its steps. */
export function overallVerdict(c: Checked): StepReport['verdict'] {
  const order: StepReport['verdict'][] = ['error', 'refuted', 'unknown', 'numeric', 'proved'];
  return order.find((v) => c.report.summary[v] > 0) ?? 'proved';
}

/**
 * The index page: every derivation with its status, failures, and links to the handouts.
 *
 * @example
 *   indexPage({ built: [{ derivation, report }], failed: [], files: { pdf: false } })
 */
export function indexPage(p: { built: Checked[]; failed: BuildFailure[]; files: { pdf: boolean; sheet?: boolean } }): string {
  const bad = unverifiedSteps(p.built);
  const title = honestTitle(undefined, p.built);
  const lede = 'Every step below was checked twice: by a symbolic prover with named rules, and numerically at random instantiations of every symbol.';
  const body: string[] = [`<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="lede">${lede}${bad.length || p.failed.length ? ` Not every step verified: ${escapeHtml([...bad, ...p.failed.map((f) => `${f.id ?? f.file} (not built)`)].join(', '))}.` : ''}</p></header>`];
  body.push('<table class="derivations"><thead><tr><th scope="col">Derivation</th><th scope="col">Steps</th><th scope="col">Status</th></tr></thead><tbody>');
  for (const c of p.built) {
    const d = c.derivation;
    body.push(`<tr><td><a href="${encodeURIComponent(d.id)}.html">${proseHtml(d.title, d.file)}</a><div class="file"><code>${escapeHtml(d.file)}</code></div></td>`
      + `<td class="num">${c.report.steps.length}</td><td>${badge(overallVerdict(c))}<div class="counts">${summaryLine(c.report.summary)}</div></td></tr>`);
  }
  for (const f of p.failed) {
    body.push(`<tr class="failed"><td>${escapeHtml(f.id ?? f.file)}<div class="file"><code>${escapeHtml(f.file)}</code></div></td><td class="num">—</td>`
      + `<td>${badge('error')}<div class="why-failed"><code>${escapeHtml(f.message)}</code></div></td></tr>`);
  }
  body.push('</tbody></table>');
  const legend = (Object.keys(VERDICTS) as StepReport['verdict'][]).map((v) => `<li>${badge(v)} ${escapeHtml(VERDICTS[v].means)}</li>`);
  body.push(`<h2>Verdicts</h2><ul class="legend">${legend.join('')}</ul>`);
  const downloads = ['<a href="handout.tex">handout.tex</a> (LaTeX)'];
  if (p.files.pdf) downloads.unshift('<a href="handout.pdf">handout.pdf</a>');
  if (p.files.sheet) downloads.push(`the exercise sheet: ${p.files.pdf ? '<a href="sheet.pdf">sheet.pdf</a>, ' : ''}<a href="sheet.tex">sheet.tex</a>`);
  body.push(`<h2>Handouts</h2><p>All derivations in one document: ${downloads.join(', ')}; one per derivation: <code>&lt;id&gt;.tex</code>. The rules the steps use: <a href="rules.html">rules</a>.</p>`);
  body.push('<p>Students can check their own answers, in the browser: <a href="check.html">check an answer</a>.</p>');
  return page({ title: `${title} — Rederive`, body: body.join('\n'), current: 'index' });
}

/**
 * The rules page: every rule with its statement, description, source and the steps that use it.
 *
 * @example
 *   rulesPage(loadRules('rules'), checked)   // '<!doctype html>…<section class="rule" id="rule-log-quotient">…'
 */
export function rulesPage(rules: Map<string, Rule>, built: Checked[]): string {
  const uses = new Map<string, string[]>();
  for (const c of built) {
    for (const s of c.report.steps) {
      for (const r of new Set([...s.rules, ...s.cited])) {
        const list = uses.get(r) ?? [];
        list.push(`<a href="${encodeURIComponent(c.derivation.id)}.html#step-${s.index}">${escapeHtml(c.derivation.id)}, step ${s.index}</a>`);
        uses.set(r, list);
      }
    }
  }
  const body: string[] = ['<header><h1>Rules</h1>',
    `<p class="lede">The ${rules.size} named identities the prover may use. Each is tested numerically when loaded (a false rule is refused), and the prover must prove each statement with the rule and fail without it.</p></header>`];
  const sorted = [...rules.values()].sort((a, b) => a.name.localeCompare(b.name));
  body.push(`<nav class="toc" aria-label="Rules"><ul>${sorted.map((r) => `<li><a href="#rule-${encodeURIComponent(r.name)}">${escapeHtml(r.name)}</a></li>`).join('')}</ul></nav>`);
  for (const r of sorted) {
    const where = `${r.loc.file}:${r.loc.line}:${r.loc.column}`;
    const used = uses.get(r.name) ?? [];
    body.push(`<section class="rule" id="rule-${escapeHtml(encodeURIComponent(r.name))}"><h2>${escapeHtml(r.name)}</h2>`
      + `<div class="formula">${renderMath(printLatex(r.statement), { display: true, where })}</div>`
      + (r.description ? `<p>${proseHtml(r.description, where)}</p>` : '')
      + `<p class="meta">Defined in <code>${escapeHtml(where)}</code>. ${used.length ? `Used in ${used.join(', ')}.` : 'Not used by these derivations.'}</p></section>`);
  }
  return page({ title: 'Rules — Rederive', body: body.join('\n'), current: 'rules' });
}
