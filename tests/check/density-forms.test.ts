/**
 * Joint densities read by the names of their arguments: Bayes' rule in any
 * order, marginals of any subset, joints of three variables — each correct
 * factorisation proved, each wrong one refuted (issue 10).
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
import { parseDeclaration } from '../../src/semantics/declarations';
import { densityRoles } from '../../src/check/density-forms';

const HEAD = `id: bayes
title: Bayes in any order
symbols:
  x: variable
  z: variable
  w: variable
  \\theta: parameter
  f: function(x)
  p: density(x, z)
  q: density(x, z, w)
  p_\\theta: density(x, z), depends on \\theta
  p_{data}: density(x, z)
`;

/** The verdict of the one step of a chain from `start` to `next` (with optional hypotheses). */
function verdict(start: string, next: string, hyps: Record<string, string> = {}): { verdict: string; message?: string } {
  const h = Object.keys(hyps).length ? `hypotheses:\n${Object.entries(hyps).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n` : '';
  const given = Object.keys(hyps).length ? `    given: [${Object.keys(hyps).join(', ')}]\n` : '';
  const text = `${HEAD}${h}chains:\n  - name: main\n${given}    steps:\n      - '${start}'\n      - rel: '='\n        expr: '${next}'\n`;
  const r = checkDerivation(loadDerivation(text, 'bayes.yaml'), { samples: 3 }); // a marginal of a joint is a nested quadrature: few samples
  return { verdict: r.steps[0].verdict, message: r.steps[0].message };
}

describe('Bayes in any order', () => {
  test.each([
    ['p(x, z)', 'p(x \\mid z)\\,p(z)'],
    ['p(x, z)', 'p(z \\mid x)\\,p(x)'],
    ['p(z \\mid x)\\,p(x)', 'p(x \\mid z)\\,p(z)'],
    ['p(x, z)', 'p(z, x)'],
    ['p(z \\mid x)', '\\frac{p(x \\mid z)\\,p(z)}{p(x)}'],
    ['\\log p(x, z)', '\\log p(z \\mid x) + \\log p(x)'],
    ['\\int p(x, z)\\,dz', 'p(x)'],
    ['q(x, z, w)', 'q(w \\mid x, z)\\,q(x, z)'],
    ['q(x, z, w)', 'q(z \\mid x, w)\\,q(x \\mid w)\\,q(w)'],
    ['q(x, z, w)', 'q(x \\mid z, w)\\,q(w \\mid z)\\,q(z)'],
    ['q(x, w)', '\\int q(x, z, w)\\,dz'],
    ['\\mathbb{E}_{x \\sim p}[f(x)]', '\\int p(x)\\,f(x)\\,dx'],
  ])('%s = %s is proved', (a, b) => {
    expect(verdict(a, b)).toMatchObject({ verdict: 'proved' });
  });

  test.each([
    ['p(x, z)', 'p(z \\mid x)\\,p(z)'],
    ['p(x, z)', 'p(x \\mid z)\\,p(x)'],
    ['p(z \\mid x)', 'p(x \\mid z)'],
    ['p(x)', 'p(z)'],
    ['\\int p(x, z)\\,dx', 'p(x)'],
    ['q(x, z, w)', 'q(z \\mid x, w)\\,q(x \\mid z)\\,q(w)'],
    ['q(x, w)', '\\int q(x, z, w)\\,dw'],
  ])('%s = %s is refuted', (a, b) => {
    expect(verdict(a, b).verdict).toBe('refuted');
  });

  test('a hypothesis about the marginal of z leaves the marginal of x alone', () => {
    const same = { 'same-z': 'p_\\theta(z) = p_{data}(z)' };
    expect(verdict('p_\\theta(x, z)', 'p_\\theta(x \\mid z)\\,p_{data}(z)', same).verdict).toBe('proved');
    expect(verdict('p_\\theta(x)', 'p_{data}(x)', same).verdict).toBe('refuted');
  });

  test('a hypothesis stated for a conditional of an earlier variable given a later one is refused, saying why', () => {
    const r = verdict('p_\\theta(z \\mid x)', 'p_{data}(z \\mid x)', { bad: 'p_\\theta(z \\mid x) = p_{data}(z \\mid x)' });
    expect(r.verdict).toBe('error');
    expect(r.message).toMatch(/not a conditional of earlier variables given later ones/);
  });
});

describe('the variables an application names', () => {
  const decl = parseDeclaration('p', 'density(x, z)', (w) => w);
  const s = (name: string) => ({ kind: 'sym' as const, name });
  test('by name, in any order', () => {
    expect(decl.vars).toEqual(['x', 'z']);
    expect(densityRoles(decl, [s('z')], [s('x')])).toEqual([1, 0]);
    expect(densityRoles(decl, [s('x')], [])).toEqual([0]);
  });
  test('an argument that names no variable takes the last variables not named', () => {
    expect(densityRoles(decl, [s('t')], [])).toEqual([1]);
    expect(densityRoles(decl, [s('x')], [{ kind: 'add', terms: [s('z'), { kind: 'num', value: 1 }] }])).toEqual([0, 1]);
    expect(densityRoles(decl, [s('a'), s('b'), s('c')], [])).toBeNull();
  });
});
