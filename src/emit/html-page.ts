/**
 * The frame every HTML page shares: document head (KaTeX's stylesheet and
 * ours, both copied into the output directory, so pages work offline and from
 * file://), the navigation, and the verdict badge.
 *
 * Strategy: pages are plain strings built from small functions, with no
 * script at all: formulas are rendered at build time and a step's evidence
 * opens with `<details>`. Nothing time-dependent goes into a page (no build
 * date, no timings), so an unchanged derivation produces the same bytes and
 * the build leaves its page alone.
 *
 * @example
 *   page({ title: 'Rules', body: '<h1>Rules</h1>', current: 'rules' })   // '<!doctype html>…'
 */
import type { StepReport } from '../check/derivation';
import { escapeHtml } from './html-math';

/** The file name of our stylesheet in the output directory. */
export const STYLESHEET = 'style.css';
/** KaTeX's stylesheet, relative to the output directory (its fonts are in `katex/fonts/`). */
export const KATEX_STYLESHEET = 'katex/katex.min.css';

/** A verdict's mark, short label and explanation, shared by badges and legends. */
export const VERDICTS: Record<StepReport['verdict'], { mark: string; label: string; means: string }> = {
  proved: { mark: '✓', label: 'proved', means: 'a symbolic proof was found and the numeric test agrees' },
  numeric: { mark: '≈', label: 'numeric', means: 'equal at every sampled instantiation, but no symbolic proof was found' },
  refuted: { mark: '✗', label: 'refuted', means: 'a counterexample was found' },
  unknown: { mark: '?', label: 'unknown', means: 'could not be decided' },
  error: { mark: '!', label: 'error', means: 'could not be read or evaluated' },
};

/**
 * A compact badge for a verdict: a mark and a word, coloured, with the meaning as a tooltip.
 *
 * @example
 *   badge('proved')   // '<span class="badge v-proved" title="…">✓ proved</span>'
 */
export function badge(v: StepReport['verdict']): string {
  const d = VERDICTS[v];
  return `<span class="badge v-${v}" title="${escapeHtml(d.means)}"><span aria-hidden="true">${d.mark}</span> ${d.label}</span>`;
}

/** Which top-level page a page belongs to, for the navigation. */
export type Section = 'index' | 'rules' | 'derivation' | 'check';

/**
 * A complete HTML document.
 *
 * @example
 *   page({ title: 'mle-kl', body: '<main>…</main>', current: 'derivation' })
 */
export function page(p: { title: string; body: string; current: Section; description?: string; csp?: string }): string {
  const link = (href: string, label: string, here: boolean) => `<a href="${href}"${here ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rederive">
${p.csp ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(p.csp)}">\n` : ''}${p.description ? `<meta name="description" content="${escapeHtml(p.description)}">\n` : ''}<title>${escapeHtml(p.title)}</title>
<link rel="stylesheet" href="${KATEX_STYLESHEET}">
<link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
<nav class="site">${link('index.html', 'Derivations', p.current === 'index')}${link('rules.html', 'Rules', p.current === 'rules')}${link('check.html', 'Check an answer', p.current === 'check')}</nav>
<main>
${p.body}
</main>
</body>
</html>
`;
}
