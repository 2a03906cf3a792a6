/**
 * Checking an answer: steps against the last line that could be read,
 * equation chains in a chosen unknown (a variable, or a function value such
 * as h_\phi(x)), substitutions the student states, conditions of limits,
 * diagnoses pointed into the file, reproducible seeds.
 */
import * as path from 'path';
import { checkAnswerText, AnswerInputError } from '../../src/answers/check';

const ROOT = path.join(__dirname, '..', '..');
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };
const check = (text: string, derivation?: string) => checkAnswerText(text, 'answer.md', { ...opts, derivation });
const brief = (text: string, derivation?: string) => check(text, derivation).steps.map((s) => `${s.line} ${s.verdict}${s.diagnosis ? ` ${s.diagnosis.class}` : ''}`);

describe('checking an answer', () => {
  test('a step after an unreadable line is checked against the last line that could be read', () => {
    const r = check('$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_\\theta(x)]$$\n$$= v$$\n$$= -E_{x \\sim p_{data}}[\\log p_\\theta(x)]$$', 'mle-kl');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'error', 'proved']);
    expect(r.steps[1].message).toMatch(/^cannot read line 2, column 5: unknown symbol v/);
    expect(r.steps[2].notes).toContain('checked against line 1: line 2 could not be read');
    expect(r.unread).toEqual([{ line: 2, column: 5, text: 'v', reason: expect.stringMatching(/unknown symbol/) }]);
  });

  test('an equation chain in a function value: h_\\phi(x) is the unknown', () => {
    const r = check('$$\\frac{1}{1 + e^{-h_\\phi(x)}} = \\frac{p_{data}(x)}{p_\\theta(x) + p_{data}(x)}$$\n$$\\Leftrightarrow e^{-h_\\phi(x)} = \\frac{p_\\theta(x)}{p_{data}(x)}$$\n$$\\Leftrightarrow h_\\phi(x) = \\log\\frac{p_\\theta(x)}{p_{data}(x)}$$');
    expect(r.chains[0].unknown).toBe('h_{\\phi}(x)');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'refuted']);
    expect(r.steps[0].notes).toContain('solved for $h_{\\phi}(x)$');
    expect(Object.keys(r.steps[1].witness!.point)).toContain('h_{\\phi}(x)');
  });

  test('a substitution the student states is used to compare equations in different unknowns', () => {
    const text = 'and $t = D_\\phi(x)$\n$$\\frac{p_\\theta(x)}{1-t} = \\frac{p_{data}(x)}{t}$$\n$$\\Rightarrow t = \\frac{p_{data}(x)}{p_\\theta(x) + p_{data}(x)}$$\n$$\\Rightarrow D_\\phi(x) = \\frac{p_{data}(x)}{p_\\theta(x) + p_{data}(x)}$$';
    const r = check(text, 'optimal-discriminator');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'proved']);
    expect(r.steps[1].notes).toContain('read with $t = D_\\phi(x)$ (line 1)');
    expect(brief(text.replace('and $t = D_\\phi(x)$\n', ''), 'optimal-discriminator')).toEqual(['2 proved', '3 refuted not-equal']);
  });

  test('a limit needs its condition; a later \\approx keeps it', () => {
    expect(check('$$\\frac{(\\theta - \\theta_0)^2}{2\\epsilon^2} \\to \\infty$$', 'gaussian-kl').steps[0]).toMatchObject({ verdict: 'error', message: expect.stringMatching(/needs its condition/) });
    const r = check('$$-\\mathbb{E}_z[D_\\phi(G_\\theta(z))\\,\\partial_\\theta h_\\phi(G_\\theta(z))] \\approx 0 \\quad \\text{when } D_\\phi(G_\\theta(z)) \\to 0$$', 'gradient-saturation');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved']);
  });

  test('a diagnosis points at the part of the line that changed, in the file', () => {
    const text = '# 3(d)\n\n$$-E_{x \\sim p_{data}}\\left[\\log\\frac{p_\\theta(x)}{p_{data}(x)}\\right] = KL(p_\\theta \\| p_{data})$$\n';
    const s = check(text, 'mle-kl').steps[0];
    expect(s.diagnosis).toMatchObject({ class: 'kl-swapped', at: { line: 3, text: 'KL(p_\\theta \\| p_{data})' } });
    expect(text.split('\n')[2].slice(s.diagnosis!.at!.column - 1)).toMatch(/^KL\(p_\\theta/);
  });

  test('a defined quantity written without arguments stands for it at its parameters, and says so', () => {
    const r = check('$$\\frac{\\partial L_G^{mm}}{\\partial \\theta} = \\partial_\\theta \\mathbb{E}_{z}[\\log(1 - D_\\phi(G_\\theta(z)))]$$', 'gradient-saturation');
    expect(r.steps[0]).toMatchObject({ verdict: 'proved', notes: expect.arrayContaining(['$L_{G}^{mm}$ is read as $L_{G}^{mm}(\\theta, \\phi)$']) });
  });

  test('reports are reproducible: seeds derive from the base seed and the step', () => {
    const text = '$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_{data}(x)]$$';
    expect(check(text, 'mle-kl')).toEqual(check(text, 'mle-kl'));
    expect(checkAnswerText(text, 'a.md', { ...opts, derivation: 'mle-kl', seed: 7 }).steps[0].seed).not.toBe(check(text, 'mle-kl').steps[0].seed);
  });

  test('an unknown derivation is bad input', () => {
    expect(() => check('$$a = b$$', 'no-such-thing')).toThrow(AnswerInputError);
    expect(() => check('$$a = b$$', 'no-such-thing')).toThrow(/no derivation "no-such-thing" \(have: .*mle-kl/);
  });

  test('an empty answer has no steps and nothing unread', () => {
    expect(check('Nothing here yet.\n')).toMatchObject({ steps: [], chains: [], unread: [] });
  });
});
