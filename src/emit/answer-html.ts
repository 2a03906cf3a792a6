/**
 * A checked answer as one HTML page a student can read: titled by the file's
 * path relative to where the command ran; first the list of flagged steps
 * (line, the one-sentence diagnosis, a link to the step), then the lines
 * that could not be read, then the student's lines rendered by KaTeX as they
 * were written, chain by chain, a badge per step, wrong steps highlighted
 * with their diagnosis (the part of the line the diagnosis points at in red)
 * and the evidence of each step on demand. Hypotheses are shown as their
 * statements ($D_\phi = D^*$), never by the derivation's internal names.
 *
 * Strategy: the handouts' stylesheet and badges (html-style.ts,
 * html-page.ts) and KaTeX at build time with trust refused (html-math.ts).
 * A student's line is not ours to fix: where KaTeX refuses it, the line is
 * shown as code instead of failing the page; the engine's messages go
 * through the lenient prose renderer. The page has no script, and links
 * KaTeX's stylesheet at `katex/katex.min.css` beside it (the CLI copies it).
 *
 * @example
 *   fs.writeFileSync('output/alice.html', answerPage(report));
 */
import type { AnswerReport, AnswerStep, ChainInfo } from '../answers/types';
import { renderMath, escapeHtml } from './html-math';
import { badge, VERDICTS, KATEX_STYLESHEET } from './html-page';
import { STYLE_CSS } from './html-style';
import { witnessText } from './text';
import * as path from 'path';
import { stepSummary, withStatements } from './answer-text';

/** Extra rules for answer pages, after the handouts' stylesheet. */
const ANSWER_CSS = `
section.chain { margin-top: 1.4rem; }
section.chain h2 { font-size: 1.05rem; }
section.chain h2 .meta { font-weight: normal; }
.step .line-no { font: 0.75rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; color: var(--muted); display: block; }
.step .diagnosis { color: var(--refuted); font-weight: 600; }
.step.v-refuted { outline: 2px solid var(--refuted); }
ul.unread li { margin: 0.2rem 0; }
section.flagged { border-left: 4px solid var(--refuted); padding-left: 0.8rem; }
section.flagged li { margin: 0.3rem 0; }
code.tex { background: var(--tint); padding: 0 0.2rem; }
`;

/** A student's LaTeX as display math, or as code when KaTeX refuses it. */
function studentMath(tex: string, where: string, highlight?: { offset: number; text: string }): string {
  if (highlight && tex.slice(highlight.offset, highlight.offset + highlight.text.length) === highlight.text) {
    const marked = `${tex.slice(0, highlight.offset)}\\textcolor{#b3261e}{${highlight.text}}${tex.slice(highlight.offset + highlight.text.length)}`;
    try {
      return renderMath(marked, { display: true, where });
    } catch {
      // the marked part is not a group KaTeX can colour: show the line unmarked
    }
  }
  try {
    return renderMath(tex, { display: true, where });
  } catch {
    return `<code class="tex">${escapeHtml(tex)}</code>`;
  }
}

/** Inline math, or the text escaped when KaTeX refuses it. */
function inlineMath(tex: string, where: string): string | null {
  try {
    return renderMath(tex, { where });
  } catch {
    return null;
  }
}

/**
 * An engine message as HTML: `$…$` rendered, and runs of LaTeX written
 * without dollars (`valid only given … (D_\\phi = D^*)`, `a term is missing:
 * -\\mathbb{E}_{x \\sim p}[…]`) found token by token — a run is tokens with a
 * command, a script or a brace, single letters, digits and signs — and
 * rendered when KaTeX reads them; everything else is text.
 */
function messageHtml(msg: string, where: string): string {
  const out: string[] = [];
  const text = (t: string) => {
    const parts = t.split(/(\s+)/);
    let run: string[] = [];
    const mathish = (tok: string) => /[\\_^{}=]/.test(tok) || /^[()[\]]*[A-Za-z][)\],.:;]*$/.test(tok) || /^[-+*/()[\]0-9.,:;|]+$/.test(tok);
    const flush = () => {
      if (!run.length) return;
      let r = run.join('');
      const lead = /^\s*/.exec(r)![0];
      r = r.slice(lead.length);
      const trail = /\s*$/.exec(r)![0];
      r = r.slice(0, r.length - trail.length);
      let pre = '';
      let post = '';
      const opens = (x: string) => (x.match(/\(/g) ?? []).length - (x.match(/\)/g) ?? []).length;
      while (/^[("]/.test(r) && (r[0] === '"' || opens(r) > 0)) { pre += r[0]; r = r.slice(1); }
      while (/[),.:;"]$/.test(r) && (r.endsWith(')') ? opens(r) < 0 : true)) { post = r.slice(-1) + post; r = r.slice(0, -1); }
      const html = /[\\_^]/.test(r) ? inlineMath(r, where) : null;
      out.push(escapeHtml(lead + pre), html ?? escapeHtml(r), escapeHtml(post + trail));
      run = [];
    };
    for (const tok of parts) {
      if (/^\s+$/.test(tok)) { if (run.length) run.push(tok); else out.push(escapeHtml(tok)); continue; }
      if (mathish(tok)) run.push(tok);
      else { flush(); out.push(escapeHtml(tok)); }
    }
    flush();
  };
  let last = 0;
  for (const m of msg.matchAll(/\$([^$]+)\$/g)) {
    text(msg.slice(last, m.index));
    out.push(inlineMath(m[1], where) ?? `<code class="tex">${escapeHtml(m[1])}</code>`);
    last = m.index! + m[0].length;
  }
  text(msg.slice(last));
  return out.join('');
}

function relationMath(rel: string, where: string): string {
  try {
    return renderMath(rel, { where });
  } catch {
    return escapeHtml(rel);
  }
}

function stepRow(r: AnswerReport, s: AnswerStep, pre = ''): string {
  const where = `${r.file}:${s.line}:${s.column}`;
  const at = s.diagnosis?.at;
  const highlight = at && at.line === s.line ? { offset: at.column - s.column, text: at.text } : undefined;
  const said = stepSummary(s, r.stated);
  const verified = s.verdict === 'proved' || s.verdict === 'numeric';
  const evidence: string[] = [];
  if (s.diagnosis) evidence.push(`<dt>diagnosis</dt><dd>${escapeHtml(s.diagnosis.class)}</dd>`);
  if (s.witness) evidence.push(`<dt>counterexample</dt><dd>${messageHtml(witnessText(s.witness), where)}</dd>`);
  if (s.evidence) evidence.push(`<dt>symbolic</dt><dd>${escapeHtml(s.evidence.symbolic)}</dd><dt>numeric</dt><dd>${escapeHtml(s.evidence.numeric)}</dd>`);
  if (s.rules.length) evidence.push(`<dt>rules</dt><dd>${s.rules.map(escapeHtml).join(', ')}</dd>`);
  for (const n of s.notes ?? []) evidence.push(`<dt>note</dt><dd>${messageHtml(withStatements(n, r.stated), where)}</dd>`);
  evidence.push(`<dt>seed</dt><dd>${s.seed}</dd>`);
  return `<li class="step v-${s.verdict}" id="${pre}step-${s.index}">
<span class="rel">${relationMath(s.relation, where)}</span>
<div class="expr">${studentMath(s.latex, where, highlight)}</div>
<div class="why"><span class="line-no">line ${s.line}</span>${said ? `<span class="${s.diagnosis ? 'diagnosis' : 'note'}">${messageHtml(said, where)}</span>` : ''}</div>
<div class="verdict">${badge(s.verdict)}</div>
<details${verified ? '' : ' open'}><summary>Evidence</summary><dl>${evidence.join('')}</dl></details>
</li>`;
}

function chainSection(r: AnswerReport, c: ChainInfo, pre = ''): string {
  const steps = r.steps.filter((s) => s.chain === c.index);
  const start = c.start
    ? `<li class="step start"><span class="rel"></span><div class="expr">${studentMath(c.start.latex, `${r.file}:${c.start.line}:${c.start.column}`)}</div></li>`
    : '';
  const meta = [`line ${c.start?.line ?? c.startLine}`, c.reason, c.context, c.unknown ? `unknown: ${c.unknown.includes(' ') ? c.unknown : `$${c.unknown}$`}` : ''].filter(Boolean).join(' · ');
  return `<section class="chain" id="${pre}chain-${c.index}">
<h2>Chain ${c.index}${c.label ? ` — ${escapeHtml(c.label)}` : ''} <span class="meta">${messageHtml(meta, r.file)}</span></h2>
<ol class="steps">
${start}
${steps.map((s) => stepRow(r, s, pre)).join('\n')}
</ol>
</section>`;
}

/**
 * The name a report shows for a file: its path relative to the working
 * directory (as the student or TA typed it, not an absolute path).
 *
 * @example displayName('/home/ta/hw4/answers/alice.md')   // 'answers/alice.md' when run in /home/ta/hw4
 */
export function displayName(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** The flagged (refuted) steps first: line, the one-sentence diagnosis, a link to the step. */
function flaggedList(r: AnswerReport, pre = ''): string {
  const wrong = r.steps.filter((s) => s.verdict === 'refuted');
  if (!wrong.length) return `<p class="status">No step is flagged as wrong.</p>`;
  const items = wrong.map((s) => {
    const said = s.diagnosis ? withStatements(s.diagnosis.message, r.stated) : (s.message ? withStatements(s.message, r.stated) : 'this step does not follow from the line before it');
    return `<li><a href="#${pre}step-${s.index}">line ${s.line}</a>: ${messageHtml(said, `${r.file}:${s.line}:${s.column}`)}</li>`;
  });
  return `<section class="flagged"><h2>Flagged step${wrong.length > 1 ? 's' : ''} (${wrong.length})</h2><ol>${items.join('')}</ol></section>`;
}

/**
 * A report's body: the flagged steps, the hypotheses stated, the lines not
 * read, then the chains; element ids start with `pre` (several reports on one
 * page).
 *
 * @example answerBody(report, 'p1-').includes('id="p1-step-1"')
 */
export function answerBody(r: AnswerReport, pre = ''): string {
  const unread = r.unread.length
    ? `<section class="unread"><h2>Not read (${r.unread.length})</h2><ul class="unread">${r.unread.map((u) => `<li>line ${u.line}, column ${u.column}: ${messageHtml(u.reason, r.file)}${u.text ? ` <code class="tex">${escapeHtml(u.text)}</code>` : ''}</li>`).join('')}</ul></section>`
    : '';
  const stated = r.stated?.length
    ? `<p class="status">Stated: ${r.stated.map((h) => `${relationMath(h.latex, r.file)} (line ${h.line})`).join('; ')}</p>`
    : '';
  // for the TA: the exercise's givens the steps used (by their statements), names inferred, engine faults
  const forTa = [
    ...(r.givens ?? []).map((g) => `given ${relationMath(g.latex, r.file)} (used on line${g.lines.length > 1 ? 's' : ''} ${g.lines.join(', ')})`),
    ...(r.assumptions ?? []).map((x) => `line ${x.line}: ${messageHtml(x.meaning, r.file)}`),
    ...(r.engine ?? []).map((x) => `engine fault on line ${x.line} (not the student's mistake): ${messageHtml(x.message, r.file)}`),
  ];
  const ta = forTa.length ? `<section class="for-ta"><h2>For the TA (${forTa.length})</h2><ul>${forTa.map((t) => `<li>${t}</li>`).join('')}</ul></section>` : '';
  return [flaggedList(r, pre), stated, ta, unread, ...r.chains.map((c) => chainSection(r, c, pre))].filter(Boolean).join('\n');
}

/** The counts of a report's verdicts as badges. */
export function verdictCounts(r: AnswerReport): string {
  return (Object.keys(VERDICTS) as AnswerStep['verdict'][])
    .filter((v) => r.summary[v])
    .map((v) => `<span class="count v-${v}">${r.summary[v]} ${VERDICTS[v].label}</span>`).join(' ');
}

/** A whole page around a body: KaTeX's stylesheet beside it, the handouts' style, no script. */
export function answerFrame(title: string, body: string, opts: { katexStylesheet?: string; extraCss?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rederive">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.katexStylesheet ?? KATEX_STYLESHEET)}">
<style>${STYLE_CSS}${ANSWER_CSS}${opts.extraCss ?? ''}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Renders a message with `$…$` math for a page (for callers outside this file). */
export function messageToHtml(msg: string, where: string): string {
  return messageHtml(msg, where);
}

/**
 * The answer page.
 *
 * @example answerPage(report).includes('class="step v-refuted"')   // true when a step is wrong
 */
export function answerPage(r: AnswerReport, opts: { katexStylesheet?: string; cwd?: string } = {}): string {
  const name = displayName(r.file, opts.cwd);
  return answerFrame(`${name} — rederive check`, `<h1>${escapeHtml(name)}</h1>
<p class="lede">${r.derivation ? `Checked against the derivation <code>${escapeHtml(r.derivation)}</code>.` : 'Checked in the course context: no hypothesis is assumed.'} ${verdictCounts(r)}</p>
${answerBody(r)}`, opts);
}
