/**
 * A student's graded homework as one HTML page (`rederive grade --reports
 * DIR`): titled by the answer's path, its points, every flagged step of the
 * homework (problem, line, diagnosis, a link to the step), a table of the
 * problems with their points, then one section per problem that opens with what cost points
 * (each deduction with its line), what a human will read (costs nothing),
 * and the problem's report (flagged steps first, then the chains, as
 * `rederive check --format html` shows it; ids prefixed per problem so the
 * links stay inside their problem).
 *
 * @example
 *   writeIfChanged('reports/alice.html', gradedPage({ name: 'alice.md', result, scores }))
 */
import type { GradedAnswer } from './grade-summary';
import { answerBody, answerFrame, messageToHtml, verdictCounts } from './answer-html';
import { withStatements } from './answer-text';
import { escapeHtml } from './html-math';

const CSS = `
table.scores { border-collapse: collapse; margin: 0.6rem 0; }
table.scores td, table.scores th { padding: 0.2rem 0.8rem; border-bottom: 1px solid var(--tint); text-align: left; }
section.problem { margin-top: 2rem; }
ul.deductions li, ul.review li { margin: 0.2rem 0; }
`;

/** The id prefix of a problem's section: letters, digits and dashes only. */
function prefix(key: string): string {
  return `p${key.replace(/[^A-Za-z0-9]+/g, '-')}-`;
}

/**
 * The page of one graded answer (a checked answer with scores).
 *
 * @example gradedPage(answer).includes('<table class="scores">')   // true
 */
export function gradedPage(a: GradedAnswer, opts: { katexStylesheet?: string } = {}): string {
  const scores = a.scores ?? [];
  const total = scores.reduce((n, s) => n + s.points, 0);
  const max = scores.reduce((n, s) => n + s.max, 0);
  const title = (key: string, derivation: string) => (key === derivation ? derivation : `Problem ${key}`);
  const rows = scores.map((s) => `<tr><td><a href="#${prefix(s.key)}problem">${escapeHtml(title(s.key, s.derivation))}</a></td><td>${s.points} / ${s.max}</td><td>${s.refuted ? `${s.refuted} wrong step${s.refuted > 1 ? 's' : ''}` : ''}${s.review.length ? `${s.refuted ? '; ' : ''}${s.review.length} to be read by hand` : ''}</td></tr>`);
  const sections = scores.map((s) => {
    const o = a.result.grading?.problems.find((p) => p.key === s.key);
    const pre = prefix(s.key);
    const where = `${a.name}: problem ${s.key}`;
    const parts = [`<h2 id="${pre}problem">${escapeHtml(title(s.key, s.derivation))} <span class="meta">(${escapeHtml(s.derivation)}) — ${s.points} of ${s.max} points</span></h2>`];
    if (s.result === 'missing') parts.push('<p class="status">No answer to this problem was found (no line under its label).</p>');
    else {
      parts.push(`<p class="status">Result: ${messageToHtml(s.resultMessage, where)}</p>`);
      if (s.deductions.length) parts.push(`<ul class="deductions">${s.deductions.map((d) => `<li>−${d.points}: ${messageToHtml(withStatements(d.why), where)}</li>`).join('')}</ul>`);
      if (s.review.length) parts.push(`<p>To be read by a person (costs nothing):</p><ul class="review">${s.review.map((r) => `<li>line ${r.line}: ${messageToHtml(r.why, where)}</li>`).join('')}</ul>`);
      if (o) parts.push(`<p class="lede">${verdictCounts(o.report)}</p>`, answerBody(o.report, pre));
    }
    return `<section class="problem">\n${parts.join('\n')}\n</section>`;
  });
  // every flagged step of the homework, first: problem, line, the diagnosis, a link to the step
  const flagged = (a.result.grading?.problems ?? []).flatMap((o) => o.report.steps.filter((st) => st.verdict === 'refuted').map((st) => {
    const said = withStatements(st.diagnosis?.message ?? st.message ?? 'this step does not follow from the line before it', o.report.stated);
    return `<li>${escapeHtml(title(o.key, o.derivation))}, <a href="#${prefix(o.key)}step-${st.index}">line ${st.line}</a>: ${messageToHtml(said, `${a.name}:${st.line}`)}</li>`;
  }));
  const flaggedHtml = flagged.length
    ? `<section class="flagged"><h2>Flagged step${flagged.length > 1 ? 's' : ''} (${flagged.length})</h2><ol>${flagged.join('')}</ol></section>`
    : '<p class="status">No step is flagged as wrong.</p>';
  return answerFrame(`${a.name} — rederive grade`, `<h1>${escapeHtml(a.name)}</h1>
<p class="lede">${total} of ${max} points</p>
${flaggedHtml}
<table class="scores"><tr><th>problem</th><th>points</th><th></th></tr>${rows.join('')}</table>
${sections.join('\n')}`, { ...opts, extraCss: CSS });
}
