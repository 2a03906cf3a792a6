/// <reference lib="dom" />
/**
 * The self-check page (output/check.html): a problem picker, an editor, and
 * the step report, updated as the student types. Bundled with KaTeX by
 * src/web/bundle.ts; the HTML around it is written by src/emit/html-check.ts.
 *
 * Strategy: the engine runs in a Web Worker started from a blob: URL made of
 * the engine script embedded in the page (a JSON string in a script element), so
 * the page works from file:// and any static host and the main thread stays
 * responsive. Typing is debounced; one check is in flight at a time and only
 * the latest text is checked next, so a report is never older than the text
 * below it by more than one check. Nothing is sent anywhere: the page's CSP
 * forbids every connection, and the worker gets only the embedded data.
 *
 * Every string from the answer or the report is put into the page as text
 * (`textContent`) or through KaTeX (trust off); nothing is parsed as HTML.
 *
 * @example
 *   // in check.html: <script>…this bundle…</script> after the elements it fills
 */
import katex from 'katex';
import { proseSegments } from '../../emit/prose';
import type { Problem } from '../engine';
import type { CourseBundle } from '../data';

type Verdict = 'proved' | 'numeric' | 'refuted' | 'unknown' | 'error';
interface StepJson {
  index: number; chain: number; line: number; column: number; relation: string; latex: string; verdict: Verdict;
  rules: string[]; diagnosis?: { class: string; message: string; at?: { line: number; column: number; text: string } };
  witness?: { point: Record<string, number>; lhs: number; rhs: number; seed: number }; message?: string; notes: string[];
}
interface ReportJson {
  file: string; context: string; steps: StepJson[]; unread: { line: number; column: number; text: string; reason: string }[];
  chains: { index: number; startLine: number; reason: string; context?: string; unknown?: string; start?: { line: number; column: number; latex: string } }[];
  summary: Record<Verdict, number>;
}
interface PageData { bundle: CourseBundle; problems: Problem[] }

const MARK: Record<Verdict, string> = { proved: '✓', numeric: '≈', refuted: '✗', unknown: '?', error: '!' };
const MEANS: Record<Verdict, string> = {
  proved: 'a symbolic proof was found and the numeric test agrees',
  numeric: 'equal at every sampled instantiation, but no symbolic proof was found',
  refuted: 'a counterexample was found', unknown: 'could not be decided', error: 'could not be read or evaluated',
};
const DEBOUNCE_MS = 350;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A formula, rendered by KaTeX with trust off; what KaTeX cannot read is shown as code. */
function math(tex: string, display = false): HTMLElement {
  const span = el('span', 'formula-inline');
  try {
    katex.render(tex, span, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false, output: 'htmlAndMathml' });
  } catch {
    span.textContent = '';
    span.appendChild(el('code', 'tex', tex));
  }
  return span;
}

/** Prose with `$…$` and inline notation (the handouts' tokenizer), as text and formulas. */
function prose(s: string): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const seg of proseSegments(s)) f.appendChild(seg.kind === 'text' ? document.createTextNode(seg.text) : math(seg.tex));
  return f;
}

function badge(v: Verdict): HTMLElement {
  const b = el('span', `badge v-${v}`);
  b.title = MEANS[v];
  const m = el('span', undefined, MARK[v]);
  m.setAttribute('aria-hidden', 'true');
  b.append(m, ` ${v}`);
  return b;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

const data: PageData = JSON.parse($('rederive-data').textContent ?? '{}');
const problemSel = $<HTMLSelectElement>('problem');
const formatSel = $<HTMLSelectElement>('format');
const answer = $<HTMLTextAreaElement>('answer');
const statusEl = $('status');
const flaggedEl = $('flagged');
const stepsEl = $('steps');
const unreadEl = $('unread');
const exerciseEl = $('exercise');

/** Selects line `line` of the answer in the editor (a flagged step's "line n" link). */
function goToLine(line: number, column = 1): void {
  const lines = answer.value.split('\n');
  let start = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
  const from = Math.min(start + column - 1, start + (lines[line - 1]?.length ?? 0));
  answer.focus();
  answer.setSelectionRange(from, start + (lines[line - 1]?.length ?? 0));
}

function lineLink(line: number, column: number): HTMLElement {
  const a = el('a', 'loc', `line ${line}:${column}`);
  a.href = `#line-${line}`;
  a.addEventListener('click', (e) => {
    e.preventDefault();
    goToLine(line, column);
  });
  return a;
}

/** The exercise of the picked problem: its title and summary, what to show, the hypotheses it may use. */
function showExercise(): void {
  exerciseEl.textContent = '';
  const p = data.problems.find((x) => x.id === problemSel.value);
  if (!p) {
    exerciseEl.appendChild(el('p', 'lede', 'Any problem: your answer is read in the course\'s notation, with every derivation\'s symbols; no hypothesis is assumed unless you state it.'));
    answer.placeholder = 'Write your steps, one per line, e.g.\n$$f(x) = …$$\n$$= …$$';
    return;
  }
  const h = el('h2');
  h.appendChild(prose(p.title));
  exerciseEl.appendChild(h);
  if (p.summary) {
    const s = el('p', 'lede');
    s.appendChild(prose(p.summary));
    exerciseEl.appendChild(s);
  }
  const show = el('div', 'show');
  if (p.relation) show.append(el('span', 'label', 'Show that'), math(`${p.start} ${p.relation} ${p.result}`, true));
  else show.append(el('span', 'label', 'From'), math(p.start, true), el('span', 'label', 'arrive at'), math(p.result, true));
  if (p.as) show.append(el('span', 'as', 'as '), math(p.as));
  exerciseEl.appendChild(show);
  if (p.hypotheses.length) {
    const g = el('p', 'givens', 'You may use: ');
    p.hypotheses.forEach((x, i) => {
      if (i) g.append('; ');
      g.append(el('em', undefined, x.name), ' ', math(x.latex));
    });
    exerciseEl.appendChild(g);
  }
  answer.placeholder = formatSel.value === 'tex'
    ? `\\begin{align*}\n${p.start} &= …\\\\\n&= …\n\\end{align*}`
    : `$$${p.start} = …$$\n$$= …$$`;
}

function setStatus(state: string, text: string): void {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
}

/** The step report: a summary of flagged steps, then every step with its verdict, diagnosis and counterexample. */
function showReport(r: ReportJson, ms: number): void {
  stepsEl.textContent = '';
  flaggedEl.textContent = '';
  unreadEl.textContent = '';
  const flagged = r.steps.filter((s) => s.verdict !== 'proved' && s.verdict !== 'numeric');
  const n = r.steps.length;
  if (!n) {
    flaggedEl.appendChild(el('p', 'empty', r.unread.length ? 'No step could be read yet.' : 'No steps yet: write a line, then the next one related to it (=, \\leq, \\Rightarrow, …).'));
  } else if (!flagged.length && !r.unread.length) {
    flaggedEl.appendChild(el('p', 'all-good', `All ${n} step${n > 1 ? 's' : ''} verified.`));
  } else {
    const p = el('p', 'flag-summary', `${flagged.length} of ${n} step${n > 1 ? 's' : ''} flagged${r.unread.length ? `, ${r.unread.length} line${r.unread.length > 1 ? 's' : ''} not read` : ''}:`);
    const ul = el('ul', 'flag-list');
    for (const s of flagged) {
      const li = el('li');
      li.append(lineLink(s.line, s.column), ' ', badge(s.verdict), ' ');
      if (s.diagnosis) li.appendChild(prose(s.diagnosis.message));
      else if (s.message) li.appendChild(prose(s.message));
      ul.appendChild(li);
    }
    flaggedEl.append(p, ul);
  }
  const started = new Set<number>();
  for (const s of r.steps) {
    const chain = r.chains.find((c) => c.index === s.chain);
    if (chain?.start && !started.has(chain.index)) {
      // the chain's first line, so the steps below read as the chain the student wrote
      started.add(chain.index);
      const li = el('li', 'step start');
      const head = el('div', 'head');
      head.append(lineLink(chain.start.line, chain.start.column), el('span', 'from', r.chains.length > 1 ? `chain ${chain.index}: from` : 'from'));
      const expr = el('div', 'expr');
      expr.appendChild(math(chain.start.latex, true));
      li.append(head, expr);
      stepsEl.appendChild(li);
    }
    const li = el('li', `step v-${s.verdict}`);
    li.dataset.verdict = s.verdict;
    li.dataset.line = String(s.line);
    li.id = `step-${s.index}`;
    const head = el('div', 'head');
    head.append(lineLink(s.line, s.column), badge(s.verdict));
    const expr = el('div', 'expr');
    expr.appendChild(math(`${s.relation} ${s.latex}`, true));
    li.append(head, expr);
    const more = el('div', 'why');
    if (s.diagnosis) {
      const d = el('p', 'diagnosis');
      d.appendChild(prose(s.diagnosis.message));
      if (s.diagnosis.at) d.append(` (at ${s.diagnosis.at.line === s.line ? '' : `line ${s.diagnosis.at.line}, `}column ${s.diagnosis.at.column}: `, el('code', undefined, s.diagnosis.at.text), ')');
      more.appendChild(d);
    }
    if (s.witness) {
      const w = el('p', 'witness', 'Counterexample: ');
      const pt = Object.entries(s.witness.point).map(([k, v]) => `${k} = ${fmt(v)}`).join(',\\ ');
      if (pt) w.append('at ', math(pt), ', ');
      w.append(`left side = ${fmt(s.witness.lhs)}, right side = ${fmt(s.witness.rhs)} (seed ${s.witness.seed}).`);
      more.appendChild(w);
    }
    if (s.message && !s.diagnosis) {
      const m = el('p', 'message');
      m.appendChild(prose(s.message));
      more.appendChild(m);
    }
    if (s.rules.length) more.appendChild(el('p', 'rules', `by ${s.rules.join(', ')}`));
    for (const note of s.notes) {
      const m = el('p', 'note');
      m.appendChild(prose(note));
      more.appendChild(m);
    }
    if (more.childNodes.length) li.appendChild(more);
    stepsEl.appendChild(li);
  }
  if (r.unread.length) {
    unreadEl.appendChild(el('h3', undefined, 'Not read'));
    const ul = el('ul');
    for (const u of r.unread) {
      const li = el('li');
      li.append(lineLink(u.line, u.column), ` ${u.reason}`);
      if (u.text) li.append(' ', el('code', undefined, u.text.length > 60 ? `${u.text.slice(0, 59)}…` : u.text));
      ul.appendChild(li);
    }
    unreadEl.appendChild(ul);
  }
  const m = r.summary;
  setStatus('done', `Checked in ${ms} ms (${r.context === 'course' ? 'course notation' : r.context}): ${m.proved} proved, ${m.numeric} numeric, ${m.refuted} refuted, ${m.unknown} unknown, ${m.error} error.`);
}

// The worker: the engine script embedded in the page, started from a blob: URL.
let worker: Worker;
let ready = false;
let latest = 0;
let inFlight = 0;
let pending = false;
let timer: number | undefined;

function send(): void {
  if (!ready || inFlight) {
    pending = true;
    return;
  }
  pending = false;
  inFlight = ++latest;
  setStatus('checking', 'Checking…');
  worker.postMessage({ type: 'check', id: inFlight, text: answer.value, problem: problemSel.value, format: formatSel.value });
}

function schedule(): void {
  if (timer !== undefined) clearTimeout(timer);
  statusEl.dataset.state = 'typing';
  timer = window.setTimeout(() => {
    timer = undefined;
    send();
  }, DEBOUNCE_MS);
}

function start(): void {
  const source = JSON.parse($('rederive-engine').textContent ?? '""') as string;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    worker = new Worker(url);
  } catch (e) {
    setStatus('failed', `This browser could not start the checker (${(e as Error).message}).`);
    return;
  }
  worker.onmessage = (e: MessageEvent) => {
    const m = e.data as { type: string; id?: number; report?: ReportJson; ms?: number; message?: string; failed?: { file: string; message: string }[] };
    if (m.type === 'ready') {
      ready = true;
      if (m.failed?.length) statusEl.title = `not loaded: ${m.failed.map((f) => f.file).join(', ')}`;
      setStatus('ready', 'Ready: the report appears as you type.');
      if (answer.value.trim() || pending) send();
    } else if (m.type === 'fatal') {
      setStatus('failed', `The checker could not start: ${m.message}`);
    } else if (m.type === 'report' || m.type === 'error') {
      const done = m.id === inFlight;
      if (done) inFlight = 0;
      if (pending) send();
      else if (m.type === 'report' && m.id === latest) showReport(m.report!, m.ms!);
      else if (m.type === 'error' && m.id === latest) setStatus('failed', `The checker stopped on this answer: ${m.message}`);
    }
  };
  worker.onerror = (e) => setStatus('failed', `The checker stopped: ${e.message}`);
  worker.postMessage({ type: 'init', bundle: data.bundle });
}

problemSel.addEventListener('change', () => {
  showExercise();
  schedule();
});
formatSel.addEventListener('change', () => {
  showExercise();
  schedule();
});
answer.addEventListener('input', schedule);
showExercise();
setStatus('starting', 'Starting the checker…');
start();
