/**
 * One derivation as an HTML page (`output/<id>.html`): the setup (symbols,
 * definitions, hypotheses), then each chain, a row per step.
 *
 * Strategy: a step is a grid row — relation, the expression as display math,
 * the justification (note, rules linked to rules.html, hypotheses linked to
 * the setup), a verdict badge — followed by its evidence in a `<details>`
 * that opens on demand (open from the start for a step that did not verify).
 * Expressions are shown as their author wrote them when they fit a line (and
 * KaTeX reads them), else printed from the tree (`printLatex`), as in the LaTeX
 * handout, and a sum too wide for the column is split between its terms into
 * lines, one formula each. Every formula names its source position, so a KaTeX
 * failure is reported as `file:line:column`.
 *
 * @example
 *   fs.writeFileSync('output/mle-kl.html', derivationPage({ derivation, report }));
 */
import type { Checked } from './latex-doc';
import type { StepReport } from '../check/derivation';
import type { Step, Relation } from '../semantics/derivation';
import { latexLines } from './latex-lines';
import { symbolRows, definitionSides, hypothesisTex, conditionTex } from './setup';
import { renderMath, proseHtml, escapeHtml, MathRenderError } from './html-math';
import { page, badge, VERDICTS } from './html-page';
import { fmt } from '../check/rules';
import { nameToLatex } from '../notation/names';

/** Widest expression (estimated ems) on one line before a sum is split: a laptop screen's column … */
const WIDE_BUDGET = 30;
/** … and a phone's (the stylesheet shows this version below 720px). */
const NARROW_BUDGET = 14;

/**
 * The page's anchor of a rule in rules.html.
 *
 * @example
 *   ruleHref('log-quotient')   // 'rules.html#rule-log-quotient'
 */
export function ruleHref(name: string): string {
  return `rules.html#rule-${encodeURIComponent(name)}`;
}

/** The anchor of a hypothesis on its derivation's page. */
function hypId(name: string): string {
  return `hyp-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** A list of names linked to their anchors: `a, b and c`. */
function linked(names: string[], href: (n: string) => string): string {
  const links = names.map((n) => `<a href="${href(n)}">${escapeHtml(n)}</a>`);
  return links.length > 1 ? `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}` : links.join('');
}

/**
 * Lines as display math, one formula per line (continuations indented), so
 * the first line carries the baseline the relation aligns with.
 */
function displayLines(lines: string[], where: string): string {
  if (lines.length === 1) return renderMath(lines[0], { display: true, where });
  return lines.map((l, i) => `<div class="line">${renderMath(i ? `\\qquad ${l}` : l, { display: true, where })}</div>`).join('');
}

/**
 * An expression as display math; a long sum split between its terms. When
 * a phone needs a different split than a laptop, both are rendered and the
 * stylesheet shows one (`.wide` / `.narrow`).
 */
function displayExpr(step: Pick<Step, 'expr'> & { latex?: string }, where: string): string {
  const wide = latexLines(step.expr, WIDE_BUDGET);
  const narrow = latexLines(step.expr, NARROW_BUDGET);
  // as the author wrote it, when it fits a phone's line and KaTeX reads it; else from the tree, split
  if (step.latex && narrow.length === 1) {
    try {
      return displayLines([step.latex], where);
    } catch (e) {
      if (!(e instanceof MathRenderError)) throw e;
    }
  }
  if (wide.join('\n') === narrow.join('\n')) return displayLines(wide, where);
  return `<div class="wide">${displayLines(wide, where)}</div><div class="narrow">${displayLines(narrow, where)}</div>`;
}

/** The setup: symbols, definitions, hypotheses. */
function setup(c: Checked): string {
  const d = c.derivation;
  const where = d.file;
  const out: string[] = ['<section class="setup" aria-labelledby="setup">', '<h2 id="setup">Setup</h2>'];
  const rows = symbolRows(d.ctx);
  if (rows.length) {
    out.push('<h3>Symbols</h3>', '<dl class="symbols">');
    for (const r of rows) out.push(`<dt>${renderMath(r.tex, { where })}</dt><dd>${proseHtml(r.words, where)}</dd>`);
    out.push('</dl>');
  }
  const defs = [...d.ctx.definitions.values()];
  if (defs.length) {
    out.push('<h3>Definitions</h3>');
    const at = (df: (typeof defs)[number]) => (df.source ? `${df.source.file}:${df.source.line}:${df.source.column}` : where);
    for (const df of defs) out.push(`<div class="formula">${renderMath(`${definitionSides(df).head} := ${definitionSides(df).body}`, { display: true, where: at(df) })}</div>`);
  }
  if (d.hypotheses.size) {
    out.push('<h3>Hypotheses</h3>', '<dl class="hypotheses">');
    for (const h of d.hypotheses.values()) {
      const at = `${h.loc.file}:${h.loc.line}:${h.loc.column}`;
      out.push(`<dt id="${hypId(h.name)}">${escapeHtml(h.name)}</dt><dd>${renderMath(hypothesisTex(h), { where: at })}</dd>`);
    }
    out.push('</dl>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The justification of a step: note; by rules; given hypotheses. */
function justification(s: StepReport, relation: Relation, where: string): string {
  const parts: string[] = [];
  const cond = conditionTex(relation);
  if (cond) parts.push(`<span class="cond">as ${renderMath(cond, { where })}</span>`);
  if (s.note) parts.push(`<span class="note">${proseHtml(s.note, where)}</span>`);
  const rules = s.cited.length ? s.cited : s.rules;
  if (rules.length) parts.push(`<span class="by">by ${linked(rules, ruleHref)}</span>`);
  if (s.given.length) parts.push(`<span class="given">given ${linked(s.given, (n) => `#${hypId(n)}`)}</span>`);
  return parts.join('<span class="sep">; </span>');
}

/** A counterexample: the values chosen and both sides' values. */
function witness(w: NonNullable<StepReport['witness']>, where: string): string {
  const point = Object.entries(w.point).map(([k, v]) => renderMath(`${nameToLatex(k)} = ${fmt(v)}`, { where }));
  return `<dt>Counterexample</dt><dd>at ${point.length ? point.join(', ') : 'the sampled point'}: left side ${renderMath(fmt(w.lhs), { where })}, right side ${renderMath(fmt(w.rhs), { where })} (seed ${w.seed})</dd>`;
}

/** The evidence of a step, in a `<details>` that opens on demand. */
function evidence(s: StepReport, where: string): string {
  const lenient = { lenient: true }; // the engine's messages: a formula KaTeX refuses shows as code
  const ok = s.verdict === 'proved' || s.verdict === 'numeric';
  const dl: string[] = [];
  dl.push(`<dt>Verdict</dt><dd>${escapeHtml(VERDICTS[s.verdict].label)}: ${escapeHtml(VERDICTS[s.verdict].means)}</dd>`);
  if (s.diagnosis) dl.push(`<dt>Diagnosis</dt><dd>${proseHtml(s.diagnosis.message, where, lenient)}</dd>`);
  if (s.witness) dl.push(witness(s.witness, where));
  if (s.message) dl.push(`<dt>Message</dt><dd>${proseHtml(s.message, where, lenient)}</dd>`);
  dl.push(`<dt>Symbolic</dt><dd>${proseHtml(s.evidence.symbolic, where, lenient)}</dd>`);
  if (s.rules.length) dl.push(`<dt>Rules that proved it</dt><dd>${linked(s.rules, ruleHref)}</dd>`);
  const cited = s.cited.filter((c) => !s.rules.includes(c));
  if (cited.length) dl.push(`<dt>Cited, not needed</dt><dd>${linked(cited, ruleHref)}</dd>`);
  dl.push(`<dt>Numeric test</dt><dd>${proseHtml(s.evidence.numeric, where, lenient)}</dd>`);
  dl.push(`<dt>Seed</dt><dd><code>${s.seed}</code></dd>`);
  for (const n of s.notes) dl.push(`<dt>Note</dt><dd>${proseHtml(n, where, lenient)}</dd>`);
  dl.push(`<dt>Source</dt><dd><code>${escapeHtml(where)}</code>, as written: <code class="tex">${escapeHtml(s.latex)}</code></dd>`);
  return `<details class="evidence"${ok ? '' : ' open'}><summary>Evidence</summary><dl>${dl.join('')}</dl></details>`;
}

/** The status line of a derivation: counts per verdict. */
export function summaryLine(summary: Record<StepReport['verdict'], number>): string {
  return (Object.keys(VERDICTS) as StepReport['verdict'][])
    .filter((v) => summary[v] > 0)
    .map((v) => `<span class="count v-${v}">${summary[v]} ${VERDICTS[v].label}</span>`)
    .join(' ');
}

/**
 * The HTML page of one checked derivation.
 *
 * @example
 *   derivationPage({ derivation, report })   // '<!doctype html>…<ol class="chain">…'
 */
export function derivationPage(c: Checked): string {
  const { derivation: d, report } = c;
  const body: string[] = [];
  body.push(`<header class="derivation"><h1>${proseHtml(d.title, d.file)}</h1>`);
  if (d.summary) body.push(`<p class="summary">${proseHtml(d.summary, d.file)}</p>`);
  body.push(`<p class="status">${summaryLine(report.summary)} <span class="source">from <code>${escapeHtml(d.file)}</code></span></p></header>`);
  body.push(setup(c));
  let k = 0;
  for (const chain of d.chains) {
    const label = d.chains.length > 1 ? chain.name : 'Derivation';
    const id = `chain-${chain.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    body.push(`<section class="chain" aria-labelledby="${id}">`, `<h2 id="${id}">${escapeHtml(label)}</h2>`, '<ol class="steps">');
    const start = `${chain.start.loc.file}:${chain.start.loc.line}:${chain.start.loc.column}`;
    body.push(`<li class="step start"><div class="rel"></div><div class="expr">${displayExpr(chain.start, start)}</div></li>`);
    for (const step of chain.steps) {
      const s = report.steps[k++];
      const where = `${step.loc.file}:${step.loc.line}:${step.loc.column}`;
      body.push(`<li class="step v-${s.verdict}" id="step-${s.index}">`
        + `<div class="rel">${renderMath(step.relation.latex, { where })}</div>`
        + `<div class="expr">${displayExpr(step, where)}</div>`
        + `<div class="why">${justification(s, step.relation, where)}</div>`
        + `<div class="verdict">${badge(s.verdict)}</div>`
        + evidence(s, where)
        + '</li>');
    }
    body.push('</ol>', '</section>');
  }
  return page({ title: `${d.title} — Rederive`, body: body.join('\n'), current: 'derivation', description: d.summary });
}
