/**
 * Prose with mathematics in it: titles, summaries and notes are plain text in
 * the derivation files, where authors write `$L_{MLE}$` for explicit math and,
 * as often, `p_data`, `p_θ` or `(θ - θ₀)²` inline. Both handouts (LaTeX and
 * HTML) show those as mathematics, not as a literal underscore.
 *
 * Strategy: one tokenizer, two printers. `proseSegments` splits a string into
 * text and math segments: `$…$` is kept as written; outside it, a letter with
 * an underscore subscript (`p_data`, `L_G`, `p_θ`), a Greek letter with its
 * sub/superscript digits (`θ₀`, `ε²`) and a few signs (`‖`, `→`, `≈`) become
 * small math segments, and so does a bare LaTeX command with its scripts
 * (`\doteq_{\theta}` in a diagnosis), a letter starred (`D*`) or with a
 * superscript (`R^d`). Greek letters follow Unicode: φ (U+03C6) is `\varphi`,
 * ϕ (U+03D5) is `\phi`, so prose and formulas show one φ. The LaTeX printer (`texText` in latex-doc.ts) wraps
 * math in `$…$`; the HTML printer renders it with KaTeX.
 *
 * @example
 *   proseSegments('KL(p_data ‖ p_θ)')
 *   // [text 'KL(', math 'p_{\\mathrm{data}}', text ' ', math '\\|', text ' ', math 'p_{\\theta}', text ')']
 */

/** A piece of prose: text as it is, or LaTeX math (without the dollars). */
export type ProseSegment = { kind: 'text'; text: string } | { kind: 'math'; tex: string };

const GREEK: Record<string, string> = {
  'α': '\\alpha', 'β': '\\beta', 'γ': '\\gamma', 'δ': '\\delta', 'ε': '\\epsilon', 'ζ': '\\zeta', 'η': '\\eta', 'θ': '\\theta',
  'κ': '\\kappa', 'λ': '\\lambda', 'μ': '\\mu', 'ν': '\\nu', 'ξ': '\\xi', 'π': '\\pi', 'ρ': '\\rho', 'σ': '\\sigma', 'τ': '\\tau',
  'φ': '\\varphi', 'ϕ': '\\phi', 'χ': '\\chi', 'ψ': '\\psi', 'ω': '\\omega', 'Γ': '\\Gamma', 'Δ': '\\Delta', 'Θ': '\\Theta',
  'Λ': '\\Lambda', 'Σ': '\\Sigma', 'Φ': '\\Phi', 'Ψ': '\\Psi', 'Ω': '\\Omega',
};
const SIGNS: Record<string, string> = {
  '‖': '\\|', '∞': '\\infty', '→': '\\to', '≠': '\\neq', '≈': '\\approx', '∂': '\\partial', '≤': '\\le', '≥': '\\ge',
  '·': '\\cdot', '∼': '\\sim', '∈': '\\in', '×': '\\times', '∗': '^{*}', '²': '^{2}', '³': '^{3}',
};
const SUBDIGITS = '₀₁₂₃₄₅₆₇₈₉';
const G = Object.keys(GREEK).join('');
const S = Object.keys(SIGNS).join('');
/** A subscripted letter, a Greek letter with scripts, a sign, a LaTeX command, a starred letter. */
const MATH_RUN = new RegExp(
  `(?<![A-Za-z0-9\\\\])([A-Za-z])_(\\{[^{}$]*\\}|\\\\[A-Za-z]+|[A-Za-z]+|\\d+|[${G}])([²³∗]*)(?![A-Za-z0-9_])` +
  `|([${G}])([${SUBDIGITS}²³∗]*)` +
  `|([${S}])` +
  '|(\\\\[A-Za-z]+(?:[_^](?:\\{[^{}$]*\\}|[A-Za-z0-9]))*)' +
  '|(?<![A-Za-z0-9\\\\])([A-Za-z])\\*(?![A-Za-z0-9*])' +
  '|(?<![A-Za-z0-9\\\\])([A-Za-z])\\^(\\{[^{}$]*\\}|\\\\[A-Za-z]+|[A-Za-z0-9]+)(?![A-Za-z0-9_])',
  'gu',
);

/** Scripts written as Unicode digits (`₀`, `²`, `∗`) as LaTeX. */
function scripts(s: string): string {
  let sub = '';
  let sup = '';
  for (const c of s) {
    const d = SUBDIGITS.indexOf(c);
    if (d >= 0) sub += String(d);
    else sup += c === '∗' ? '*' : c === '²' ? '2' : '3';
  }
  return (sub ? `_{${sub}}` : '') + (sup ? `^{${sup}}` : '');
}

/** A subscript as written after `_`: `data` becomes `\mathrm{data}`, `θ` becomes `\theta`. */
function subscript(s: string): string {
  if (s.startsWith('{')) return s.slice(1, -1);
  if (GREEK[s]) return GREEK[s];
  return /^[A-Za-z]{2,}$/.test(s) ? `\\mathrm{${s}}` : s;
}

/**
 * Splits prose into text and math segments.
 *
 * @example
 *   proseSegments('definition of $L_{MLE}$')  // [text 'definition of ', math 'L_{MLE}']
 *   proseSegments('θ₀ fixed')                 // [math '\\theta_{0}', text ' fixed']
 */
export function proseSegments(s: string): ProseSegment[] {
  const out: ProseSegment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last?.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  };
  s.split(/(\$[^$]+\$)/).forEach((part, i) => {
    if (i % 2) {
      out.push({ kind: 'math', tex: part.slice(1, -1) });
      return;
    }
    let at = 0;
    for (const m of part.matchAll(MATH_RUN)) {
      text(part.slice(at, m.index));
      at = m.index! + m[0].length;
      let tex: string;
      if (m[1]) {
        tex = `${m[1]}_{${subscript(m[2])}}${scripts(m[3] ?? '')}`;
      } else if (m[4]) tex = GREEK[m[4]] + scripts(m[5] ?? '');
      else if (m[6]) tex = SIGNS[m[6]];
      else if (m[7]) tex = m[7];
      else if (m[8]) tex = `${m[8]}^{*}`;
      else tex = `${m[9]}^{${m[10].startsWith('{') ? m[10].slice(1, -1) : m[10]}}`;
      out.push({ kind: 'math', tex });
    }
    text(part.slice(at));
  });
  return out;
}
