/**
 * Mathematics in the HTML handouts, rendered once at build time by KaTeX, so
 * the pages need no script and show the same formulas offline and on paper.
 *
 * Strategy: every formula goes through `renderMath`, which calls KaTeX
 * trusting nothing (no `\href`, no `\includegraphics`; a refused command is
 * an error, not red text), `throwOnError: true`
 * (a formula KaTeX cannot read stops the build: it is never shown as red
 * source text) and `strict: 'error'` (non-LaTeX input is an error too). The
 * error names the place the formula came from (`file:line:column`), so the
 * build can report it like any other mistake in a derivation. Prose (titles,
 * notes) is split by `proseSegments` and its math parts rendered inline.
 *
 * @example
 *   renderMath('\\frac{1}{2}', { display: true, where: 'derivations/x.yaml:3:5' })   // '<span class="katex-display">…'
 */
import katex from 'katex';
import { proseSegments } from './prose';

/** A formula KaTeX refused, with where it came from. */
export class MathRenderError extends Error {
  constructor(readonly where: string, readonly tex: string, readonly reason: string) {
    super(`${where}: KaTeX cannot render ${JSON.stringify(tex.length > 80 ? tex.slice(0, 77) + '…' : tex)}: ${reason}`);
    this.name = 'MathRenderError';
  }
}

/** The options every formula is rendered with (see the file comment); `trust` is added per call. */
export const KATEX_OPTIONS = { throwOnError: true, strict: 'error', output: 'htmlAndMathml' } as const;

/** How many formulas have been rendered (the tests check that every formula went through KaTeX). */
export const renderCount = { value: 0 };

/**
 * KaTeX HTML (with MathML for screen readers) for one formula.
 *
 * Trust is refused for everything (`\href`, `\url`, `\includegraphics`, …),
 * as `trust: false` does; KaTeX would then draw such a command as red source
 * text without an error, so the refusal is recorded and thrown instead.
 *
 * @example
 *   renderMath('x^2', { where: 'rules/x.yaml:1:1' })                  // inline: '<span class="katex">…'
 *   renderMath('\\frac{a}{b}', { display: true, where: 'here' })      // '<span class="katex-display">…'
 */
export function renderMath(tex: string, opts: { display?: boolean; where: string }): string {
  const refused: string[] = [];
  const trust = (ctx: { command: string }) => {
    refused.push(ctx.command);
    return false;
  };
  let html: string;
  try {
    renderCount.value++;
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, trust, displayMode: !!opts.display });
  } catch (e) {
    const reason = e instanceof katex.ParseError ? e.message.replace(/^KaTeX parse error: /, '') : (e as Error).message;
    throw new MathRenderError(opts.where, tex, reason);
  }
  if (refused.length) throw new MathRenderError(opts.where, tex, `${[...new Set(refused)].join(', ')} is not allowed (trust: false)`);
  return html;
}

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 *   escapeHtml('a < b & "c"')   // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Prose as HTML: text escaped, `$…$`, `p_data` and Greek letters rendered by
 * KaTeX inline. Author prose must render (a failure is the author's to fix);
 * with `lenient`, for the engine's own messages, a formula KaTeX refuses is
 * shown as code instead of failing the page.
 *
 * @example
 *   proseHtml('definition of $L_{MLE}$', 'derivations/mle-kl.yaml:19:9')   // 'definition of <span class="katex">…</span>'
 *   proseHtml('vector \\mu_{y} is not supported', 'here', { lenient: true })
 */
export function proseHtml(s: string, where: string, opts: { lenient?: boolean } = {}): string {
  return proseSegments(s).map((seg) => {
    if (seg.kind === 'text') return escapeHtml(seg.text);
    if (!opts.lenient) return renderMath(seg.tex, { where });
    try {
      return renderMath(seg.tex, { where });
    } catch {
      return `<code class="tex">${escapeHtml(seg.tex)}</code>`;
    }
  }).join('');
}
