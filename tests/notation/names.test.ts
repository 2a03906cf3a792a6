/** Canonical names: what the parser makes of a written name, and how a canonical name prints. */
import { parseExpr, parseName } from '../../src/parse';
import { tokenize } from '../../src/parse/lexer';
import { joinParts, makeName, nameToLatex, scriptText } from '../../src/notation/names';
import { EMPTY_CONTEXT, makeContext } from '../../src/semantics/context';

const withLmm = makeContext([{ name: 'L_{G}^{mm}', kind: 'function', arity: 2 }]);

/* prettier-ignore */
const CANONICAL: [string, string][] = [
  // [written, canonical]
  ['x', 'x'],
  ['\\theta', '\\theta'],
  ['D_\\phi', 'D_{\\phi}'],
  ['D_{\\phi}', 'D_{\\phi}'],
  ['p_{data}', 'p_{data}'],
  ['p_{\\text{data}}', 'p_{data}'],
  ['p_{\\mathrm{data}}', 'p_{data}'],
  ['p_\\text{data}', 'p_{data}'],
  ['\\theta_0', '\\theta_{0}'],
  ['\\theta_{0}', '\\theta_{0}'],
  ['\\hat\\mu_y', '\\hat{\\mu}_{y}'],
  ['\\hat{\\mu}_y', '\\hat{\\mu}_{y}'],
  ['\\hat{\\mu}_{y}', '\\hat{\\mu}_{y}'],
  ['\\widehat{\\mu}_{y}', '\\hat{\\mu}_{y}'],
  ['D^*', 'D^{*}'],
  ['D^{*}', 'D^{*}'],
  ['D^\\star', 'D^{*}'],
  ['h^{\\ast}', 'h^{*}'],
  ['p_{\\theta_0}', 'p_{\\theta_{0}}'],
  ['p_{\\theta x}', 'p_{\\theta x}'],
  ['m_{\\hat k}', 'm_{\\hat{k}}'],
  ['\\mathcal L', '\\mathcal{L}'],
  ['\\boldsymbol{x}', '\\mathbf{x}'],
  ['\\text{loss}', 'loss'],
  ['L_{\\text{MLE}}', 'L_{MLE}'],
  ['P_{\\theta}', 'P_{\\theta}'],
  ['\\ln_\\Phi', '\\ln_{\\Phi}'],
  ['θ_0', '\\theta_{0}'],
];

describe('canonical names', () => {
  test.each(CANONICAL)('%s is %s', (written, canonical) => {
    const e = parseExpr(written);
    expect(e).toMatchObject({ kind: 'sym', name: canonical });
    expect(parseName(written)).toBe(canonical);
  });

  test('a superscript forms a name only when the result is declared (or it is *)', () => {
    expect(parseExpr('L_G^{mm}', withLmm)).toMatchObject({ kind: 'sym', name: 'L_{G}^{mm}' });
    expect(parseExpr('L_{G}^{\\text{mm}}', withLmm)).toMatchObject({ kind: 'sym', name: 'L_{G}^{mm}' });
    expect(parseExpr('L_G^{mm}', EMPTY_CONTEXT)).toMatchObject({ kind: 'pow', base: { name: 'L_{G}' } });
    expect(parseExpr('L_G^2', withLmm)).toMatchObject({ kind: 'pow', base: { name: 'L_{G}' } });
  });

  test('parseName takes every superscript as part of the name', () => {
    expect(parseName('L_G^{\\text{mm}}')).toBe('L_{G}^{mm}');
    expect(() => parseName('a + b')).toThrow("unexpected '+' after the name a");
  });
});

/* prettier-ignore */
const PRINTED: [string, string][] = [
  // [canonical, LaTeX]
  ['x', 'x'],
  ['p_{data}', 'p_{\\mathrm{data}}'],
  ['L_{G}^{mm}', 'L_{G}^{\\mathrm{mm}}'],
  ['L_{MLE}', 'L_{\\mathrm{MLE}}'],
  ['KL', '\\mathrm{KL}'],
  ['\\hat{\\mu}_{y}', '\\hat{\\mu}_{y}'],
  ['D^{*}', 'D^{*}'],
  ['p_{\\theta x}', 'p_{\\theta x}'],
  ['p_{\\theta xy}', 'p_{\\theta \\mathrm{xy}}'],
  ['\\mathcal{L}', '\\mathcal{L}'],
  ['loss', '\\mathrm{loss}'],
];

describe('nameToLatex', () => {
  test.each(PRINTED)('%s prints as %s and parses back', (name, latex) => {
    expect(nameToLatex(name)).toBe(latex);
    expect(parseName(latex)).toBe(name);
  });
});

describe('helpers', () => {
  test('makeName', () => {
    expect(makeName('L', 'G', 'mm')).toBe('L_{G}^{mm}');
    expect(makeName('x')).toBe('x');
    expect(makeName('D', null, '*')).toBe('D^{*}');
  });
  test('joinParts separates a command from a following letter only', () => {
    expect(joinParts(['\\theta', 'x'])).toBe('\\theta x');
    expect(joinParts(['\\theta', '0'])).toBe('\\theta0');
    expect(joinParts(['x', '\\theta'])).toBe('x\\theta');
  });
  test('scriptText drops font wrappers and braces', () => {
    const toks = tokenize('{\\text{da}ta}');
    expect(scriptText(toks, 0, toks.length - 1)).toBe('data');
  });
});
