/**
 * Issue 11's table: false statements that sampling can miss are refuted or
 * `unknown`, never `proved` or `numeric`; the true statements next to them are
 * `proved` or `numeric`. One line a case, each a one-step derivation checked
 * exactly as a derivation file's step is.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDerivation } from '../../src/semantics/load';
import { placedSteps } from '../../src/check/derivation';
import { checkStep, type Verdict } from '../../src/check/step';
import { loadRules } from '../../src/semantics/rules';
import { selfCheckRules } from '../../src/check/rules';
import { checkAnswerText } from '../../src/answers/check';

/** Checks `first rel expr` as the one step of a derivation with these symbols. */
function check(symbols: Record<string, string>, first: string, rel: string, expr: string, unknown?: string) {
  const sy = Object.entries(symbols).map(([k, v]) => `  ${k}: ${v}`).join('\n');
  const text = `id: t\ntitle: t\nsymbols:\n${sy}\nchains:\n  - name: main\n${unknown ? `    unknown: ${unknown}\n` : ''}    steps:\n      - ${JSON.stringify(first)}\n      - rel: ${JSON.stringify(rel)}\n        expr: ${JSON.stringify(expr)}\n`;
  return checkStep(placedSteps(loadDerivation(text, 't.yaml'))[0].input);
}

const X = { x: 'variable' };
const NOT_ACCEPTED: Verdict[] = ['refuted', 'unknown'];
const ACCEPTED: Verdict[] = ['proved', 'numeric'];

// [statement, symbols, first line, relation, next line, unknown, verdicts allowed]
const FALSE: [string, Record<string, string>, string, string, string, string | undefined, Verdict[]][] = [
  ['e^20 + x + 1 = e^20 + x (tolerance of the whole side)', X, 'e^{20} + x + 1', '=', 'e^{20} + x', undefined, ['refuted']],
  ['x + 10^-9 x = x', X, 'x + 10^{-9}x', '=', 'x', undefined, ['refuted']],
  ['e^x + x^50/10^64 = e^x', X, 'e^x + \\frac{x^{50}}{10^{64}}', '=', 'e^x', undefined, ['refuted']],
  ['θ² + 10^-9 θ ≐_θ θ²', { '\\theta': 'parameter' }, '\\theta^2 + 10^{-9}\\theta', '\\doteq_\\theta', '\\theta^2', undefined, ['refuted']],
  ['log(x²) = 2 log x for real x', X, '\\log(x^2)', '=', '2\\log x', undefined, ['refuted']],
  ['exp(log x) = x for real x', X, '\\exp(\\log x)', '=', 'x', undefined, ['refuted']],
  ['(h − 10^5)(h − 1) = 0 ⟺ h = 1', { h: 'variable' }, '(h - 10^5)(h - 1) = 0', '\\iff', 'h = 1', 'h', ['refuted']],
  ['(t − 10^-20)(2t − 1) = 0 ⟺ t = 1/2 on (0, 1)', { t: 'variable, unit' }, '(t - 10^{-20})(2t-1) = 0', '\\iff', 't = \\tfrac12', 't', ['refuted']],
  ['(θ − θ₀) h = θ − θ₀ ⟺ h = 1 (false at θ = θ₀)', { h: 'variable', '\\theta': 'parameter', '\\theta_0': 'constant' }, '(\\theta - \\theta_0) h = \\theta - \\theta_0', '\\iff', 'h = 1', 'h', ['refuted']],
  ['(−1)^d ‖μ‖² = −‖μ‖² (false in even dimensions)', { d: 'constant', '\\mu': 'vector(d)' }, '(-1)^d \\|\\mu\\|^2', '=', '-\\|\\mu\\|^2', undefined, ['refuted']],
  ['p_data(x) < 1', { x: 'variable', 'p_{data}': 'density(x)' }, 'p_{data}(x)', '<', '1', undefined, NOT_ACCEPTED],
  ['differential entropy > 0', { x: 'variable', p: 'density(x)' }, '-\\mathbb{E}_{x \\sim p}[\\log p(x)]', '>', '0', undefined, NOT_ACCEPTED],
  ['KL < 10', { x: 'variable', p: 'density(x)', q: 'density(x)' }, '\\mathrm{KL}(p \\| q)', '<', '10', undefined, NOT_ACCEPTED],
  ['x² ≤ 4', X, 'x^2', '\\leq', '4', undefined, NOT_ACCEPTED],
  ['∫ e^{−x²/10⁴} dx ≠ 100√π', X, '\\int e^{-x^2/10^4}\\,dx', '\\neq', '100\\sqrt\\pi', undefined, NOT_ACCEPTED],
  ['∫ dx/(1 + x²) ≠ π', X, '\\int \\frac{1}{1+x^2}\\,dx', '\\neq', '\\pi', undefined, NOT_ACCEPTED],
  ['a narrow spike: ∫ e^{−10⁶x²} dx = 0', X, '\\int e^{-10^6 x^2}\\,dx', '=', '0', undefined, NOT_ACCEPTED],
];

/** (x + 1)^n written out term by term. */
function binomial(n: number): string {
  const terms: string[] = [];
  let c = 1n;
  for (let k = 0; k <= n; k++) {
    terms.push(`${c} x^{${k}}`);
    c = (c * BigInt(n - k)) / BigInt(k + 1);
  }
  return terms.join(' + ');
}

const TRUE: [string, Record<string, string>, string, string, string][] = [
  ['∫ e^{−x²/10⁴} dx = 100√π', X, '\\int e^{-x^2/10^4}\\,dx', '=', '100\\sqrt\\pi'],
  ['∫ dx/(1 + x²) = π', X, '\\int \\frac{1}{1+x^2}\\,dx', '=', '\\pi'],
  ['(x + 1)^28 expanded', X, '(x+1)^{28}', '=', binomial(28)],
  ['(x + 1)^40 expanded', X, '(x+1)^{40}', '=', binomial(40)],
  ['(x + 1)^80 expanded (coefficients past 2^53)', X, '(x+1)^{80}', '=', binomial(80)],
];

describe('false statements are never accepted', () => {
  test.each(FALSE)('%s', (_name, symbols, first, rel, expr, unknown, allowed) => {
    const r = check(symbols, first, rel, expr, unknown);
    expect(allowed).toContain(r.verdict);
    if (r.verdict === 'refuted' && rel !== '\\neq') expect(r.witness).toBeDefined();
  });
});

describe('true statements next to them are accepted', () => {
  test.each(TRUE)('%s', (_name, symbols, first, rel, expr) => {
    const r = check(symbols, first, rel, expr);
    expect(r.message).toBeUndefined();
    expect(ACCEPTED).toContain(r.verdict);
  });
});

describe('what the verdicts say', () => {
  test('an exact polynomial difference is shown', () => {
    const r = check(X, 'x + 10^{-9}x', '=', 'x');
    expect(r.message).toMatch(/differ by exactly .*x.*non-zero polynomial in \$x\$/);
  });
  test('an inequality supported only by samples says so', () => {
    const r = check({ x: 'variable', 'p_{data}': 'density(x)' }, 'p_{data}(x)', '<', '1');
    expect(r.verdict).toBe('unknown');
    expect(r.message).toMatch(/no counterexample found; not proved/);
  });
  test('a side with no real value where the other has one is named', () => {
    const r = check(X, '\\log(x^2)', '=', '2\\log x');
    expect(r.witness?.undefinedSide).toBe('right');
    expect(r.witness!.point.x).toBeLessThan(0);
  });
});

describe('false rules are refused at load with a counterexample', () => {
  const RULES: [string, string, string][] = [
    ['sigma-shifted', '\\sigma(a + 40) = 1', 'a: constant'],
    ['log-square-real', '\\log(a^2) = 2\\log a', 'a: constant'],
    ['tiny-offset', 'a = a + 10^{-9}', 'a: constant'],
  ];
  test.each(RULES)('%s: %s', (name, statement, symbols) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-rules-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.yaml'), `rules:\n  - name: ${name}\n    statement: ${statement}\n    symbols: { ${symbols} }\n    description: A false rule.\n`);
      const [c] = selfCheckRules(loadRules(dir));
      expect(c.status).toBe('false');
      expect(c.message).toMatch(new RegExp(`bad\\.yaml:\\d+:\\d+: rule "${name}" is false: .*(at|e\\.g\\. at) a = `));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('an answer line with "+ 1" after a remark is not read as proved without it', () => {
  const ROOT = path.join(__dirname, '..', '..');
  const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml'), derivation: 'mle-kl' };
  const r = checkAnswerText('$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_\\theta(x)] \\quad \\text{(definition)} + 1$$\n', 'a.md', opts);
  expect(r.steps.filter((s) => s.verdict === 'proved' || s.verdict === 'numeric')).toEqual([]);
  expect(r.unread).toEqual([expect.objectContaining({ line: 1, text: '+ 1', reason: expect.stringMatching(/after the remark continues the expression/) })]);
});
