/**
 * Every step of every derivation is proved, and every planted mistake in
 * every step is refuted: a checker that accepts a wrong step is the worst bug
 * this product can have.
 */
import * as path from 'path';
import { loadDerivationFile } from '../../src/semantics/load';
import { placedSteps } from '../../src/check/derivation';
import { checkStep } from '../../src/check/step';
import { MUTATIONS } from '../helpers/mutate';
import { exprEqual } from '../../src/expr/equal';

const DIR = path.join(__dirname, '..', '..', 'derivations');
const IDS = ['gaussian-kl', 'generator-loss-kl', 'mle-kl'];
const DENSITIES: [string, string] = ['p_{\\theta}', 'p_{data}'];

describe.each(IDS)('%s', (id) => {
  const d = loadDerivationFile(path.join(DIR, `${id}.yaml`));
  const steps = placedSteps(d);

  test.each(steps.map((s) => [s.index, s.step.loc.line, s]))('step %i (line %i) is proved', (_i, _l, s) => {
    const r = checkStep(s.input);
    expect(r.message).toBeUndefined();
    expect(r.verdict).toBe('proved');
  });

  const cases = steps.flatMap((s) =>
    MUTATIONS.map((m) => ({ s, m, rhs: m.apply(s.input.rhs, DENSITIES) }))
      .filter((c) => c.rhs && !exprEqual(c.rhs, c.s.input.rhs))
      .map((c) => [c.s.index, c.m.name, c] as const));

  test.each(cases)('step %i with "%s" is refuted', (_i, _name, c) => {
    const r = checkStep({ ...c.s.input, rhs: c.rhs! });
    expect(r.verdict).toBe('refuted');
    expect(r.witness).toBeDefined();
    expect(Number.isFinite(r.witness!.lhs) && Number.isFinite(r.witness!.rhs)).toBe(true);
    expect(r.witness!.lhs).not.toBeCloseTo(r.witness!.rhs, 6);
  });
});

describe('the θ-free term of mle-kl', () => {
  const d = loadDerivationFile(path.join(DIR, 'mle-kl.yaml'));
  const s = placedSteps(d).find((p) => p.input.relation.kind === 'doteq')!;

  test('written with \\doteq_\\theta it is proved', () => {
    expect(checkStep(s.input).verdict).toBe('proved');
  });
  test('written with = it is refuted, with the reason', () => {
    const r = checkStep({ ...s.input, relation: { kind: 'eq', latex: '=' } });
    expect(r.verdict).toBe('refuted');
    expect(r.diagnosis).toMatch(/free of \\theta.*\\doteq_\{\\theta\}/);
  });
});

describe('hypotheses', () => {
  const d = loadDerivationFile(path.join(DIR, 'generator-loss-kl.yaml'));
  const s = placedSteps(d).find((p) => p.step.given.includes('optimal-discriminator'))!;

  test('the step that substitutes D* is refuted without the hypothesis, naming it', () => {
    const defs = s.input.defs.filter((df) => df.name !== 'D_{\\phi}');
    const r = checkStep({ ...s.input, defs, otherHypotheses: [...d.hypotheses.values()] });
    expect(r.verdict).toBe('refuted');
    expect(r.diagnosis).toContain('optimal-discriminator');
  });
});
