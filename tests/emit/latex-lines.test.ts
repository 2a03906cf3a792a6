/**
 * Long lines: a long sum splits between its terms into lines that together
 * print the same terms; anything else stays one line.
 */
import { latexLines, estimateWidth } from '../../src/emit/latex-lines';
import { printLatex } from '../../src/emit/latex-expr';
import { parseExpr } from '../../src/parse/parser';
import { makeContext } from '../../src/semantics/context';

const ctx = makeContext([
  { name: 'p', kind: 'density', arity: 1 },
  { name: 'q', kind: 'density', arity: 1 },
]);
const e = (s: string) => parseExpr(s, ctx);
/** The lines joined back, without the `{}` that keeps a continuation's operator binary, and without spaces. */
const joined = (lines: string[]) => lines.map((l) => l.replace(/^\{\}/, '')).join('').replace(/\s+/g, '');

describe('latexLines', () => {
  test('a short expression is one line, exactly as printLatex prints it', () => {
    const x = e('a + b');
    expect(latexLines(x, 40)).toEqual([printLatex(x)]);
  });

  test.each([
    ['\\mathbb{E}_{x \\sim p}[\\log p(x)] - \\mathbb{E}_{x \\sim p}[\\log q(x)] + \\mathbb{E}_{x \\sim q}[\\log p(x)]'],
    ['a b c d + \\frac{a}{b} - \\frac{c}{d} + \\log(a) - (a + b) + a^{2} b^{2} - 3'],
  ])('a long sum splits between terms and keeps every term: %s', (src) => {
    const x = e(src);
    const lines = latexLines(x, 8);
    expect(lines.length).toBeGreaterThan(1);
    expect(joined(lines)).toBe(printLatex(x).replace(/\s+/g, ''));
    for (const l of lines.slice(1)) expect(l).toMatch(/^\{\}[+-]/);
  });

  test('a long expression that is not a sum stays one line', () => {
    const x = e('\\mathbb{E}_{x \\sim p}\\left[\\log\\frac{p(x)}{q(x)} \\log\\frac{q(x)}{p(x)}\\right]');
    expect(latexLines(x, 2)).toEqual([printLatex(x)]);
  });

  test('width grows with the expression, and a fraction is as wide as its wider part', () => {
    expect(estimateWidth(e('a + b + c'))).toBeGreaterThan(estimateWidth(e('a + b')));
    expect(estimateWidth(e('\\frac{a + b + c}{d}'))).toBeLessThan(estimateWidth(e('a + b + c + d')));
  });
});
