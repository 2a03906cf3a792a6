/**
 * The budget per step (src/check/budget.ts): the meter itself, and inputs
 * that used to hang (issue 12) now end with a verdict — `unknown` is fine,
 * a hang or an exception is not — while the rest of the answer is still
 * checked. Verdicts are asserted, never times (times are `npm run bench`'s).
 */
import * as path from 'path';
import { BudgetExceeded, charge, phase, metered, setStepBudget, stepBudget, isBudgetExceeded, DEFAULT_STEP_BUDGET } from '../../src/check/budget';
import { checkAnswerText } from '../../src/answers/check';
import { checkStep } from '../../src/check/step';
import { parseExpr } from '../../src/parse';
import { makeContext } from '../../src/semantics/context';

const ROOT = path.join(__dirname, '..', '..');
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };
const check = (text: string, derivation?: string) => checkAnswerText(text, 'answer.md', { ...opts, derivation });
const VERDICTS = ['proved', 'numeric', 'refuted', 'unknown', 'error'];

describe('the meter', () => {
  test('charges past the operation limit throw BudgetExceeded naming the phase and the loop', () => {
    let n = 0;
    const run = () => phase('test phase', { ms: 1e9, ops: 1000 }, () => {
      for (;;) {
        charge(10, 'a loop');
        n += 10;
      }
    });
    expect(run).toThrow(BudgetExceeded);
    expect(n).toBe(1000);
    try {
      run();
    } catch (e) {
      expect(isBudgetExceeded(e)).toBe(true);
      expect((e as Error).message).toBe('too large to decide within the limit (test phase: a loop, over 1k operations)');
    }
  });

  test('a deadline in time stops a loop that charges little', () => {
    expect(() => phase('timed', { ms: 5, ops: Infinity }, () => {
      for (;;) charge(1, 'spin');
    })).toThrow(/too large to decide within the limit \(timed: spin, over 5 ms\)/);
  });

  test('a nested phase gets no more than its parent has left, and its ops count against the parent', () => {
    const outer = metered('outer', { ms: 1e9, ops: 100 }, () => {
      charge(60, 'first');
      expect(() => phase('inner', { ms: 1e9, ops: 1000 }, () => charge(50, 'second'))).toThrow(/inner: second, over 40 operations/);
      return 1;
    });
    expect(outer.ops).toBe(110);
  });

  test('without a meter, charging does nothing', () => {
    expect(() => charge(1e12, 'anything')).not.toThrow();
  });

  test('the step budget has one default, and can be set and restored', () => {
    expect(stepBudget()).toEqual(DEFAULT_STEP_BUDGET);
    const saved = setStepBudget({ ms: 123 });
    expect(stepBudget()).toEqual({ ...DEFAULT_STEP_BUDGET, ms: 123 });
    setStepBudget(saved);
    expect(stepBudget()).toEqual(DEFAULT_STEP_BUDGET);
  });
});

describe('a step past its budget', () => {
  const ctx = makeContext([{ name: 'x', kind: 'variable' }, { name: 'p', kind: 'density', arity: 1 }]);
  const step = (lhs: string, rhs: string, ops: number) => checkStep({
    lhs: parseExpr(lhs, ctx), rhs: parseExpr(rhs, ctx), relation: { kind: 'eq', latex: '=' }, ctx, defs: [], seed: 1, budget: { ms: 1e9, ops },
  });

  test('is unknown with the reason when the numeric test runs out, never proved, however true', () => {
    const r = step('\\mathbb{E}_{x \\sim p}[\\log p(x)]', '\\mathbb{E}_{y \\sim p}[\\log p(y)]', 50);
    expect(r.verdict).toBe('unknown');
    expect(r.message).toMatch(/^too large to decide within the limit \(numeric test: quadrature grid, over \d+ operations\)/);
    expect(step('\\mathbb{E}_{x \\sim p}[\\log p(x)]', '\\mathbb{E}_{y \\sim p}[\\log p(y)]', 1e7).verdict).toBe('proved');
  });

  test('when only the symbolic prover runs out, the step rests on the numeric test alone (numeric, not proved)', () => {
    const r = step('(x+1)^{30}', '(1+x)^{30}', 50);
    expect(r.verdict).toBe('numeric');
    expect(r.symbolic.message).toMatch(/^too large to decide within the limit \(symbolic prover: /);
    expect(step('(x+1)^{30}', '(1+x)^{30}', 1e7).verdict).toBe('proved');
  });

  test('a counterexample found within the budget still refutes when the symbolic cross-check runs out', () => {
    const lhs = Array.from({ length: 8 }, (_, i) => `\\sigma(x + ${i + 1})`).join(' + ');
    const rhs = Array.from({ length: 8 }, (_, i) => `\\sigma(2x + ${i + 1})`).join(' + ');
    const r = step(lhs, rhs, 3000);
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toBeDefined();
  });
});

describe('inputs that used to hang end with a verdict (issue 12)', () => {
  const verdicts = (text: string, derivation?: string) => {
    const r = check(text, derivation);
    expect(r.steps.length).toBeGreaterThan(0);
    for (const s of r.steps) expect(VERDICTS).toContain(s.verdict);
    return r.steps.map((s) => s.verdict);
  };

  test('an expectation nested three deep (factored by linearity and Fubini: verified numerically)', () => {
    const text = '$$\\mathbb{E}_{x \\sim p_{data}}\\left[\\mathbb{E}_{y \\sim p_{data}}\\left[\\mathbb{E}_{z \\sim p_{data}}\\left[\\log p_\\theta(x) + \\log p_\\theta(y) + \\log p_\\theta(z)\\right]\\right]\\right] = 3\\,\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]$$';
    // in mle-kl's context, where p_data is a density of x alone (in the course context the bound y selects
    // conditional-gaussian-logit, whose p_data(x, y) is a joint: its marginals are nested quadratures)
    expect(verdicts(text, 'mle-kl')).toEqual(['numeric']);
    // and the same with a wrong factor is refuted, not accepted
    expect(verdicts(text.replace('= 3\\,', '= 2\\,'), 'mle-kl')).toEqual(['refuted']);
  });

  test('a two-line answer: -E[log p_θ(x)], then ⇒ h_φ(x) = log(p_θ(x)/p_data(x))', () => {
    const v = verdicts('$$-\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]$$\n$$\\Rightarrow h_\\phi(x) = \\log(p_\\theta(x)/p_{data}(x))$$');
    expect(['refuted', 'unknown']).toContain(v[0]);
  });

  test('(x+1)^{100000}: not expanded past the budget, and not accepted as proved', () => {
    // the exponent limit (expr/limits.ts) refuses this line before any checking; raised here so the budget is what is tested
    process.env.REDERIVE_MAX_EXPONENT = '1000000';
    try {
      const v = verdicts('$$(x+1)^{100000} = (1+x)^{100000} + 1$$');
      expect(['refuted', 'unknown']).toContain(v[0]);
    } finally {
      delete process.env.REDERIVE_MAX_EXPONENT;
    }
  });

  test('the derivative of a 200-factor product', () => {
    const factors = Array.from({ length: 200 }, (_, i) => `(\\theta+${i + 1})`).join(' ');
    const v = verdicts(`$$\\partial_\\theta \\left[${factors}\\right] = 0$$`);
    expect(['refuted', 'unknown']).toContain(v[0]);
  });

  test('a sum of 40 σ-terms the prover cannot close is refuted by its counterexample; the next step is still checked', () => {
    const lhs = Array.from({ length: 40 }, (_, i) => `\\sigma(x + ${i + 1})`).join(' + ');
    const rhs = Array.from({ length: 40 }, (_, i) => `\\sigma(2x + ${i + 1})`).join(' + ');
    const v = verdicts(`$$${lhs} = ${rhs}$$\n\nand then\n\n$$\\mathrm{KL}(p_{data} \\| p_\\theta) = \\mathbb{E}_{x \\sim p_{data}}\\left[\\log\\frac{p_{data}(x)}{p_\\theta(x)}\\right]$$`);
    expect(v[0]).toBe('refuted');
    expect(v).toEqual(['refuted', 'proved']);
  });
});
