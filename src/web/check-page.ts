/**
 * output/check.html, the self-check page: the HTML around the page script
 * (src/web/browser/page.ts), with the course's files and the engine embedded
 * so the page needs no server and no network.
 *
 * Strategy: three script elements. The data and the engine (a JSON string,
 * started by the page as a Web Worker from a blob: URL) are inert JSON; only the page script runs, and the Content-Security-Policy
 * allows exactly that script (by its SHA-256), workers from blob: URLs, the
 * stylesheets and fonts beside the page, and no connection at all. Embedded
 * texts are escaped so that no `</script` or `<!--` can change how the element
 * ends (JSON: `<` as `\u003c`; the page script is refused if it has one).
 *
 * @example
 *   checkPage({ bundle, problems, failed: [] }, { engine, page })   // '<!doctype html>…'
 */
import { createHash } from 'crypto';
import { readCourseData, type CourseBundle } from './data';
import { createEngine, problemOf, type Problem } from './engine';
import type { Derivation } from '../semantics/derivation';
import { browserBundle, type BrowserBundle } from './bundle';
import { page } from '../emit/html-page';
import { escapeHtml, proseHtml } from '../emit/html-math';

/** The file name of the self-check page in the output directory. */
export const CHECK_PAGE = 'check.html';

/** What the page embeds. */
export interface CheckPageData {
  bundle: CourseBundle;
  problems: Problem[];
  /** Derivation files that could not be read (left out of the picker). */
  failed: { file: string; message: string }[];
}

/** Text for a `<script>` element; refuses what would end it early. */
function scriptText(js: string, what: string): string {
  if (/<\/script|<!--/i.test(js)) throw new Error(`the ${what} contains "</script" or "<!--" and cannot be embedded in a page`);
  return js;
}

/** JSON for a `<script type="application/json">` element: `<` escaped, so no markup can start inside it. */
function jsonText(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The Content-Security-Policy of the page: its one script by hash, workers
 * from blob:, styles and fonts from beside the page, nothing else.
 *
 * @example csp('console.log(1)')   // "default-src 'none'; script-src 'sha256-…'; …"
 */
export function csp(pageScript: string): string {
  const hash = createHash('sha256').update(pageScript, 'utf8').digest('base64');
  return [`default-src 'none'`, `script-src 'sha256-${hash}'`, 'worker-src blob:', `style-src 'self' 'unsafe-inline'`,
    `font-src 'self'`, `img-src 'self' data:`, `connect-src 'none'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
}

/**
 * The page.
 *
 * @example checkPage(data, browserBundle()).includes('Content-Security-Policy')   // true
 */
export function checkPage(data: CheckPageData, scripts: BrowserBundle): string {
  const options = data.problems.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.title.replace(/\$/g, ''))} (${escapeHtml(p.id)})</option>`).join('');
  const titles = data.problems.map((p) => `<li><code>${escapeHtml(p.id)}</code>: ${proseHtml(p.title, p.file, { lenient: true })}</li>`).join('');
  const failed = data.failed.length
    ? `<p class="status">Not in the list (could not be read): ${data.failed.map((f) => `<code>${escapeHtml(f.message.split('\n')[0])}</code>`).join('; ')}</p>` : '';
  const body = `<header><h1>Check an answer</h1>
<p class="lede">Pick a problem and write your steps, one relation per line, in Markdown (<code>$$…$$</code>) or LaTeX (<code>align*</code>): every step is checked as you type, by the same prover and numeric tester as the handouts. Everything runs in this page; nothing you type leaves it.</p></header>
<div class="controls">
<label>Problem <select id="problem"><option value="">any (the course's notation)</option>${options}</select></label>
<label>Written in <select id="format"><option value="md">Markdown</option><option value="tex">LaTeX</option></select></label>
</div>
${failed}<section id="exercise" class="exercise" aria-live="polite"></section>
<div class="workspace">
<div class="editor"><label for="answer">Your answer</label><textarea id="answer" spellcheck="false" autocapitalize="off" autocomplete="off" rows="18"></textarea></div>
<div class="report" aria-live="polite"><p id="status" class="status" role="status" data-state="starting">This page needs JavaScript to check answers.</p><div id="flagged"></div><ol id="steps" class="checked-steps"></ol><div id="unread"></div></div>
</div>
<details class="problems"><summary>The problems</summary><ul>${titles}</ul></details>
<script type="application/json" id="rederive-data">${jsonText({ bundle: data.bundle, problems: data.problems })}</script>
<script type="application/json" id="rederive-engine">${jsonText(scripts.engine)}</script>
<script>${scriptText(scripts.page, 'page script')}</script>`;
  return page({ title: 'Check an answer — Rederive', body, current: 'check', csp: csp(scripts.page), description: 'Check the steps of an answer in the browser' });
}

/**
 * The self-check page of a course, from its folders (already located):
 * reads the files, lists the problems (from the derivations the build loaded,
 * or by parsing them as the page will), and embeds both scripts.
 *
 * @example selfCheckPage('derivations', 'rules', 'contexts/course.yaml')   // '<!doctype html>…'
 */
export function selfCheckPage(
  derivationsDir: string, rulesDir: string, courseFile: string,
  loaded?: { derivations: Derivation[]; failed: { file: string; message: string }[] }, scripts: BrowserBundle = browserBundle(),
): string {
  const bundle = readCourseData(derivationsDir, rulesDir, courseFile);
  // the build has loaded every derivation already: list them without parsing them again
  const { problems, failed } = loaded ? { problems: loaded.derivations.map(problemOf), failed: loaded.failed } : createEngine(bundle);
  return checkPage({ bundle, problems, failed }, scripts);
}
