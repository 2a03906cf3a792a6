/**
 * Prose with math: what becomes math in titles and notes, and how the LaTeX
 * handout escapes the rest. One line a case.
 */
import { proseSegments } from '../../src/emit/prose';
import { texText } from '../../src/emit/latex-doc';

const show = (s: string) => proseSegments(s).map((p) => (p.kind === 'math' ? `$${p.tex}$` : p.text)).join('');

describe('proseSegments', () => {
  test.each([
    ['KL(p_data ‖ p_θ)', 'KL($p_{\\mathrm{data}}$ $\\|$ $p_{\\theta}$)'],
    ['definition of $L_{MLE}$', 'definition of $L_{MLE}$'],
    ['θ₀ and ε²', '$\\theta_{0}$ and $\\epsilon^{2}$'],
    ['the optimum D* of L_G', 'the optimum $D^{*}$ of $L_{G}$'],
    ['free of \\theta: use \\doteq_{\\theta}', 'free of $\\theta$: use $\\doteq_{\\theta}$'],
    ['under D_\\phi', 'under $D_{\\phi}$'],
    ['optimal_discriminator stays text', 'optimal_discriminator stays text'],
    ['a plain sentence.', 'a plain sentence.'],
  ])('%s', (input, expected) => {
    expect(show(input)).toBe(expected);
  });
});

describe('texText', () => {
  test.each([
    ['KL(p_data ‖ p_θ)', 'KL($p_{\\mathrm{data}}$ $\\|$ $p_{\\theta}$)'],
    ['50% & #1 {x}', '50\\% \\& \\#1 \\{x\\}'],
    ['a < b | c > d', 'a \\textless{} b \\textbar{} c \\textgreater{} d'],
    ['x^y ~ z', '$x^{y}$ \\~{} z'],
    ['a ^ b', 'a \\^{} b'],
    ['φ(x) ∈ R^d, ϕ', '$\\varphi$(x) $\\in$ $R^{d}$, $\\phi$'],
    ['note $a_b$ kept', 'note $a_b$ kept'],
  ])('%s', (input, expected) => {
    expect(texText(input)).toBe(expected);
  });
});
