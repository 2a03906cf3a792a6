/**
 * Notation students write, checked end to end (issue 9 item 5, issue 10):
 * each form read, a correct step with it proved and a wrong one refuted.
 */
import { loadDerivation } from '../../src/semantics/load';
import { checkDerivation } from '../../src/check/derivation';
import { setStepBudget } from '../../src/check/budget';

// A marginal of a joint density is a nested quadrature, and the numeric test samples the edges too: past the
// default per-step budget (1.5 s of CPU) such a step is honestly `unknown`. These tests are about what is proved
// and refuted, so they give each step a larger budget; the default stays as it is for every command.
let savedBudget: ReturnType<typeof setStepBudget>;
beforeAll(() => { savedBudget = setStepBudget({ ms: 20_000, ops: 4e8 }); });
afterAll(() => { setStepBudget(savedBudget); });

const SYMBOLS = `symbols:
  x: variable
  z: variable
  t: variable, unit
  w: parameter
  \\theta: parameter
  \\theta_0: constant
  a: constant, positive
  b: constant, positive
  f: function(x)
  g: function(z)
  p: density(x, z)
  q: density(z)
`;

/** The verdicts of a one-chain derivation whose steps are `lines` (first line the start). */
function verdicts(lines: string[], extra = '', samples?: number): string[] {
  const q = (l: string) => `'${l.replace(/'/g, "''")}'`; // YAML single quotes: '' is a quote
  const steps = lines.map((l, i) => (i === 0 ? `      - ${q(l)}` : `      - rel: '='\n        expr: ${q(l)}`)).join('\n');
  const text = `id: notation\ntitle: Notation\n${SYMBOLS}${extra}chains:\n  - name: main\n    steps:\n${steps}\n`;
  return checkDerivation(loadDerivation(text, 'notation.yaml'), { samples }).steps.map((s) => s.verdict);
}

describe('derivatives written with d, orders, primes', () => {
  test.each([
    [['\\frac{d}{dw} (w^2 x)', '2 w x'], ['proved']],
    [['\\frac{d}{dw} (w^2 x)', 'w x'], ['refuted']],
    [['\\frac{d^2}{dw^2} w^3', '6 w'], ['proved']],
    [['\\frac{d^2}{dw^2} w^3', '3 w^2'], ['refuted']],
    [['\\partial^2_\\theta \\log(1 + e^{\\theta})', '\\sigma(\\theta)(1 - \\sigma(\\theta))'], ['proved']],
    [['\\partial_\\theta^2 \\theta^4', '4\\theta^3'], ['refuted']],
  ])('%j', (lines, want) => {
    expect(verdicts(lines)).toEqual(want);
  });

  test("f''(t) of a defined function: the convexity of the discriminator's loss", () => {
    const defs = 'definitions:\n  - h(t) := a \\log t + b \\log(1 - t)\n';
    expect(verdicts(["h''(t)", '-\\frac{a}{t^2} - \\frac{b}{(1-t)^2}'], defs)).toEqual(['proved']);
    expect(verdicts(["h''(t)", '-\\frac{a}{t^2} + \\frac{b}{(1-t)^2}'], defs)).toEqual(['refuted']);
  });
});

describe('absolute value and sign', () => {
  test.each([
    [['\\partial_\\theta \\left| \\theta - \\theta_0 \\right|', '\\operatorname{sign}(\\theta - \\theta_0)'], ['proved']],
    [['\\partial_\\theta |\\theta - \\theta_0|', '1'], ['refuted']],
    [['|\\theta - \\theta_0| \\operatorname{sign}(\\theta - \\theta_0)', '\\theta - \\theta_0'], ['numeric']],
    [['|\\theta - \\theta_0|', '\\theta - \\theta_0'], ['refuted']],
  ])('%j', (lines, want) => {
    expect(verdicts(lines)).toEqual(want);
  });
});

describe('distributions written at their variable, conditionals, KL with a conditional', () => {
  test('E_{q(z)} averages over z, not over another variable', () => {
    expect(verdicts(['\\mathbb{E}_{q(z)}[g(z)]', '\\int q(z) g(z) \\, dz'])).toEqual(['proved']);
    expect(verdicts(['\\mathbb{E}_{q(z)}[g(z)]', 'g(z)'])).toEqual(['refuted']);
  });

  test('E over p(\\cdot | x) is the integral against the conditional of z given x', () => {
    expect(verdicts(['\\mathbb{E}_{z \\sim p(\\cdot \\mid x)}[g(z)]', '\\int p(z \\mid x) g(z) \\, dz'], '', 3)).toEqual(['proved']);
    expect(verdicts(['\\mathbb{E}_{z \\sim p(\\cdot \\mid x)}[g(z)]', '\\int p(x \\mid z) g(z) \\, dz'], '', 3)).toEqual(['refuted']);
  });

  test('KL(q(z) || p(z | x)) is E_q[log q - log p(x, z)] + log p(x) (the evidence bound), not minus', () => {
    const kl = '\\mathrm{KL}(q(z) \\,\\|\\, p(z \\mid x))';
    expect(verdicts([kl, '\\mathbb{E}_{z \\sim q}[\\log q(z) - \\log p(x, z)] + \\log p(x)'], '', 3)).toEqual(['proved']);
    expect(verdicts([kl, '\\mathbb{E}_{z \\sim q}[\\log q(z) - \\log p(x, z)] - \\log p(x)'], '', 3)).toEqual(['refuted']);
  });
});

describe('E_z takes its density from the context when only one density is over z', () => {
  const text = (extra: string, rhs: string) => `id: ez\ntitle: Ez\nsymbols:\n  z: variable\n  q: density(z)\n  g: function(z)\n${extra}chains:\n  - name: main\n    steps:\n      - \\mathbb{E}_{z}[g(z)]\n      - rel: '='\n        expr: ${rhs}\n`;
  test('one density over z: it is the one', () => {
    expect(checkDerivation(loadDerivation(text('', '\\int q(z) g(z) \\, dz'), 'ez.yaml')).steps[0].verdict).toBe('proved');
    expect(checkDerivation(loadDerivation(text('', 'g(z)'), 'ez.yaml')).steps[0].verdict).toBe('refuted');
  });
  test('two densities over z: an error that says which and how to choose', () => {
    expect(() => loadDerivation(text('  r: density(z)\n', 'g(z)'), 'ez.yaml')).toThrow(/z could be drawn from q or r: write E_\{z \\sim q\}/);
  });
});

describe('names and functionals an author defines', () => {
  test('\\mathcal{L} is a name; an own D_{KL} is not the built-in KL', () => {
    const text = `id: own\ntitle: Own\nsymbols:\n  w: parameter\n  u: constant\n  v: constant\n  \\mathcal{L}: function(w)\ndefinitions:\n  - D_{KL}(u, v) := (u - v)^2\nchains:\n  - name: main\n    steps:\n      - D_{KL}(w, 1) + \\mathcal{L}(w)\n      - rel: '='\n        expr: w^2 - 2w + 1 + \\mathcal{L}(w)\n`;
    expect(checkDerivation(loadDerivation(text, 'own.yaml')).steps.map((s) => s.verdict)).toEqual(['proved']);
  });

  test('a definition head with \\| parses, and its applications are read with it', () => {
    const text = `id: sq\ntitle: Sq\nsymbols:\n  a: constant\n  b: constant\ndefinitions:\n  - \\mathrm{SQ}(a \\,\\|\\, b) := (a - b)^2\nchains:\n  - name: main\n    steps:\n      - \\mathrm{SQ}(a \\,\\|\\, b)\n      - rel: '='\n        expr: \\mathrm{SQ}(b \\| a)\n      - rel: '='\n        expr: a^2 + b^2\n`;
    expect(checkDerivation(loadDerivation(text, 'sq.yaml')).steps.map((s) => s.verdict)).toEqual(['proved', 'refuted']);
  });
});

describe('a functional an author defines with density arguments', () => {
  const text = (rhs: string) => `id: ce
title: Cross-entropy
symbols:
  x: variable
  \\theta: parameter
  p: density(x)
  q: density(x)
  p_\\theta: density(x), depends on \\theta
  p_{data}: density(x)
definitions:
  - \\mathrm{CE}(p \\,\\|\\, q) := -\\mathbb{E}_{x \\sim p}[\\log q(x)]
chains:
  - name: main
    steps:
      - \\mathrm{CE}(p_{data} \\,\\|\\, p_\\theta)
      - rel: '='
        expr: ${rhs}
`;
  test('CE(p_data || p_θ) = KL(p_data || p_θ) + H(p_data) is proved; with the KL swapped it is refuted', () => {
    const check = (rhs: string) => checkDerivation(loadDerivation(text(rhs), 'ce.yaml')).steps[0].verdict;
    expect(check('\\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) - \\mathbb{E}_{x \\sim p_{data}}[\\log p_{data}(x)]')).toBe('proved');
    expect(check('\\mathrm{KL}(p_\\theta \\,\\|\\, p_{data}) - \\mathbb{E}_{x \\sim p_{data}}[\\log p_{data}(x)]')).toBe('refuted');
  });
});

describe('errors that point the right way', () => {
  const errorOf = (expr: string): string => {
    try {
      verdicts([expr, '0']);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  test('an unreadable d suggests the derivative notation, not declaring d', () => {
    const m = errorOf('d f(x) / dx');
    expect(m).toMatch(/for a derivative write \\frac\{\\partial\}\{\\partial x\}/);
    expect(m).not.toMatch(/d: constant/);
  });
  test('an unknown \\mathrm{Bern} says how to declare a distribution', () => {
    expect(errorOf('\\mathrm{Bern}(x)')).toMatch(/Bern is not a built-in distribution.*declare the density it stands for/);
  });
});
