/**
 * The stylesheet of the HTML handouts (written to `output/style.css`).
 *
 * Strategy: a readable column, a step as a four-column grid (relation,
 * expression, justification, badge) aligned on the relation. A wide formula
 * scrolls inside its own cell instead of widening the page; on a narrow
 * screen the justification and the badge move under the expression; in print
 * the navigation goes, formulas are never clipped, steps do not break across
 * pages and badges keep their colours. Of KaTeX's own styles only the base
 * size (1.12em, to match the text face), display margins and alignment are
 * changed, so the math looks as KaTeX draws it.
 *
 * @example
 *   writeIfChanged('output/style.css', STYLE_CSS);
 */

/**
 * The stylesheet.
 *
 * @example
 *   STYLE_CSS.includes('@media print')   // true
 */
export const STYLE_CSS = `/* Rederive handouts. Generated; edit src/emit/html-style.ts. */
:root {
  --ink: #1d232b; --muted: #5b6573; --rule: #d9dee5; --paper: #fff; --tint: #f5f7fa; --link: #1f5fbf;
  --proved: #17703a; --proved-bg: #e3f4e8; --numeric: #8a5a00; --numeric-bg: #fbf0d9;
  --refuted: #b3261e; --refuted-bg: #fbe4e2; --unknown: #6b3fa0; --unknown-bg: #efe7f8;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  font: 17px/1.55 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
}
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
a { color: var(--link); text-decoration-thickness: 1px; text-underline-offset: 2px; }
code { font: 0.85em/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 1.2rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
nav.site { display: flex; gap: 1.25rem; padding: 0.6rem 1.25rem; border-bottom: 1px solid var(--rule); background: var(--tint);
  font: 600 0.9rem/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
nav.site a { text-decoration: none; }
nav.site a[aria-current] { color: var(--ink); }
.summary, .lede { color: var(--muted); max-width: 44rem; }
.status { font: 0.9rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--muted); }
.source { margin-left: 0.5rem; }

/* verdict badges and counts */
.badge { display: inline-block; white-space: nowrap; padding: 0.05rem 0.5rem; border-radius: 999px;
  font: 600 0.78rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; border: 1px solid currentColor; }
.badge.v-proved, .count.v-proved { color: var(--proved); background: var(--proved-bg); }
.badge.v-numeric, .count.v-numeric { color: var(--numeric); background: var(--numeric-bg); }
.badge.v-refuted, .badge.v-error, .count.v-refuted, .count.v-error { color: var(--refuted); background: var(--refuted-bg); }
.badge.v-unknown, .count.v-unknown { color: var(--unknown); background: var(--unknown-bg); }
.count { padding: 0 0.4rem; border-radius: 4px; margin-right: 0.25rem; font-weight: 600; }

/* setup */
dl.symbols, dl.hypotheses { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl.symbols dd, dl.hypotheses dd { margin: 0; }
dl.hypotheses dt { font-style: italic; }
.formula { overflow-x: auto; overflow-y: hidden; padding: 0.1rem 0; }
.formula .katex-display { margin: 0.4rem 0; text-align: left; }
.formula .katex-display > .katex { text-align: left; }
.katex { font-size: 1.12em; }
.expr .narrow { display: none; }

/* a chain: one grid row per step, aligned on the relation */
ol.steps { list-style: none; margin: 0; padding: 0; }
.step { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr) minmax(9rem, 15rem) 6.5rem;
  column-gap: 0.9rem; align-items: baseline; padding: 0.15rem 0.4rem; border-radius: 6px; }
.step:target { background: #fff7d6; }
.step.v-refuted, .step.v-error, .step.v-unknown { background: var(--refuted-bg); }
.step .rel { text-align: right; }
.step .expr { overflow-x: auto; overflow-y: hidden; padding: 0.1rem 0; }
.step .expr .katex-display { margin: 0.3rem 0; text-align: left; }
.step .expr .katex-display > .katex { text-align: left; }
.step .expr .line + .line .katex-display { margin-top: -0.1rem; }
.step .why { font-size: 0.88rem; line-height: 1.4; color: var(--muted); }
.step .why .note { color: var(--ink); }
.step .why .sep { color: var(--muted); }
.step .why a { white-space: nowrap; }
.step .verdict { text-align: right; }
.step details { grid-column: 2 / -1; margin: 0 0 0.4rem; font-size: 0.88rem; }
.step details summary { cursor: pointer; color: var(--link); width: max-content;
  font: 0.8rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.step details[open] { background: var(--tint); border: 1px solid var(--rule); border-radius: 6px; padding: 0.3rem 0.7rem 0.5rem; }
.step details dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.9rem; margin: 0.4rem 0 0; }
.step details dt { color: var(--muted); }
.step details dd { margin: 0; }
.step.start .expr { grid-column: 2 / -1; }

/* index and rules */
table.derivations { width: 100%; border-collapse: collapse; }
table.derivations th, table.derivations td { text-align: left; vertical-align: top; padding: 0.55rem 0.5rem; border-bottom: 1px solid var(--rule); }
table.derivations th { font: 600 0.8rem/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--muted); text-transform: uppercase; }
table.derivations .num { text-align: right; }
table.derivations td > a { text-decoration: none; }
table.derivations td > a:hover { text-decoration: underline; }
.file, .counts, .why-failed { font-size: 0.8rem; color: var(--muted); margin-top: 0.2rem; }
.why-failed code { color: var(--refuted); }
ul.legend { list-style: none; padding: 0; }
ul.legend li { margin: 0.25rem 0; }
ul.legend .badge { min-width: 6.5rem; text-align: center; margin-right: 0.5rem; }
nav.toc ul { columns: 14rem; padding-left: 1.2rem; font-size: 0.9rem; }
section.rule { margin-top: 1.2rem; }
section.rule h2 { font: 600 1rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; border: 0; margin-bottom: 0; }
section.rule:target { background: #fff7d6; }
.meta { font-size: 0.85rem; color: var(--muted); }

/* the self-check page: controls, the exercise, the editor beside the report */
.controls { display: flex; flex-wrap: wrap; gap: 0.6rem 1.5rem; margin: 0.8rem 0; font: 0.95rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.controls label { display: flex; align-items: baseline; max-width: 100%; min-width: 0; white-space: nowrap; }
.controls select { font: inherit; min-width: 0; max-width: 100%; flex: 1 1 auto; margin-left: 0.4rem; }
.exercise h2 { margin-top: 0.8rem; }
.exercise .show { display: flex; align-items: baseline; gap: 1rem; overflow-x: auto; }
.exercise .show .label { font-weight: 600; white-space: nowrap; }
.exercise .givens { font-size: 0.95rem; }
.workspace { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr); gap: 1.25rem; align-items: start; margin-top: 1rem; }
.editor label { display: block; font: 600 0.9rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin-bottom: 0.25rem; }
.editor textarea { width: 100%; min-height: 24rem; resize: vertical; padding: 0.6rem 0.7rem; border: 1px solid var(--rule); border-radius: 6px;
  font: 0.9rem/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: var(--ink); background: var(--paper); }
.editor textarea:focus { outline: 2px solid var(--link); outline-offset: 1px; }
.report .status { margin: 0 0 0.5rem; }
.report .status[data-state="failed"] { color: var(--refuted); }
.report .all-good { color: var(--proved); font-weight: 600; }
.report .flag-summary { color: var(--refuted); font-weight: 600; margin-bottom: 0.2rem; }
.report .flag-list { margin: 0 0 0.8rem; padding-left: 1.1rem; font-size: 0.92rem; }
.report .flag-list li { margin: 0.2rem 0; }
ol.checked-steps { list-style: none; margin: 0; padding: 0; }
ol.checked-steps .step { display: block; padding: 0.35rem 0.6rem; margin: 0 0 0.35rem; border: 1px solid var(--rule); }
ol.checked-steps .step.v-proved, ol.checked-steps .step.v-numeric, ol.checked-steps .step.start { background: var(--paper); }
ol.checked-steps .step.start { border-style: dashed; }
ol.checked-steps .from { color: var(--muted); }
ol.checked-steps .head { display: flex; gap: 0.6rem; align-items: center; font: 0.8rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
ol.checked-steps .expr { overflow-x: auto; overflow-y: hidden; }
ol.checked-steps .expr .katex-display { margin: 0.25rem 0; text-align: left; }
ol.checked-steps .expr .katex-display > .katex { text-align: left; }
ol.checked-steps .why { font-size: 0.9rem; }
ol.checked-steps .why p { margin: 0.15rem 0; }
ol.checked-steps .rules, ol.checked-steps .note { color: var(--muted); font-size: 0.82rem; }
a.loc { font: 0.8rem/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; white-space: nowrap; }
details.problems { margin-top: 2rem; font-size: 0.92rem; }
@media (max-width: 860px) { .workspace { grid-template-columns: minmax(0, 1fr); } .editor textarea { min-height: 14rem; } }

/* narrow screens: justification and badge under the expression */
@media (max-width: 720px) {
  body { font-size: 16px; }
  main { padding: 0.5rem 0.75rem 3rem; }
  .step { grid-template-columns: 2.4rem minmax(0, 1fr); column-gap: 0.5rem; padding: 0.3rem 0.2rem; border-bottom: 1px solid var(--rule); }
  .step .why, .step .verdict, .step details { grid-column: 2; text-align: left; }
  .step .verdict { margin: 0.2rem 0; }
  table.derivations .file { display: none; }
  .expr .wide { display: none; }
  .expr .narrow { display: block; }
}

/* print: no navigation, nothing clipped, steps kept whole, colours kept */
@media print {
  body { font-size: 11pt; }
  nav.site, nav.toc, .step details:not([open]), .controls, .editor { display: none; }
  main { max-width: none; padding: 0; }
  .formula, .step .expr { overflow: visible; }
  .step { break-inside: avoid; grid-template-columns: 2.8rem minmax(0, 1fr) 13rem 5.5rem; }
  .badge, .count, .step { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
}
`;
