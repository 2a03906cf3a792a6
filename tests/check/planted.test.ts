/**
 * Every step of every derivation is proved, and every planted mistake in
 * every step is refuted: a checker that accepts a wrong step is the worst bug
 * this product can have.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadDerivationFile } from '../../src/semantics/load';
import { placedSteps, PlacedStep } from '../../src/check/derivation';
import { checkStep, StepInput } from '../../src/check/step';
import { MUTATIONS, onValue } from '../helpers/mutate';
import { exprEqual } from '../../src/expr/equal';
import type { Relation } from '../../src/semantics/derivation';

const DIR = path.join(__dirname, '..', '..', 'derivations');
const IDS = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
const DENSITIES: [string, string] = ['p_{\\theta}', 'p_{data}'];

/** The diagnoses that correctly describe each planted mistake (some mistakes are also another: log(b/a) is -log(a/b)). */
const DIAGNOSES: Record<string, string[]> = {
  'sign flipped': ['sign-flipped'],
  'factor 2': ['factor'],
  'factor 1/2': ['factor'],
  'KL arguments swapped': ['kl-swapped', 'sign-flipped', 'theta-free-term-dropped'],
  'ratio inverted': ['ratio-inverted', 'sign-flipped', 'factor', 'theta-free-term-dropped'],
  'a term dropped': ['term-dropped', 'term-added', 'theta-free-term-dropped', 'hypothesis-not-stated', 'factor', 'sign-flipped', 'not-equal', 'arithmetic', 'gaussian-moment'],
  'inner derivative forgotten': ['inner-derivative-forgotten', 'term-dropped'],
  'densities swapped': ['densities-swapped', 'kl-swapped', 'ratio-inverted', 'sign-flipped', 'not-equal'],
};

/** Planted mistakes for a step, by the kind of its relation. */
function plantings(s: PlacedStep): [string, Partial<StepInput>][] {
  const r = s.input.relation;
  const out: [string, Partial<StepInput>][] = [];
  if (r.kind === 'limit') {
    const c = r.cond!;
    const wrongTarget = c.target === 0 ? 1 : 0;
    out.push([`wrong limit: condition ${c.target} replaced by ${wrongTarget}`, { relation: { ...r, cond: { ...c, target: wrongTarget } } as Relation }]);
    if (s.input.rhs.kind === 'num') out.push(['wrong limit value', { rhs: { kind: 'num', value: s.input.rhs.value + 1 } }]);
    if (s.input.rhs.kind === 'sym') out.push(['wrong limit value: 0 instead of ∞', { rhs: { kind: 'num', value: 0 } }]);
    return out;
  }
  if (r.kind === 'ineq') return [['inequality reversed', { relation: { ...r, op: r.op === '>' ? '<' : r.op === '<' ? '>' : r.op === '>=' ? '<=' : '>=' } }]];
  if (r.kind === 'neq') return [['the two sides made equal', { rhs: s.input.lhs }]];
  // swapping p_θ and p_data plants a mistake only where both are declared (otherwise it plants an unknown name)
  const both = DENSITIES.every((d) => s.input.ctx.lookup(d));
  for (const m of MUTATIONS) {
    if (m.name === 'densities swapped' && !both) continue;
    const rhs = onValue(m).apply(s.input.rhs, DENSITIES);
    if (rhs && !exprEqual(rhs, s.input.rhs)) out.push([m.name, { rhs }]);
  }
  return out;
}

describe.each(IDS)('%s', (id) => {
  const d = loadDerivationFile(path.join(DIR, `${id}.yaml`));
  const steps = placedSteps(d);

  test.each(steps.map((s) => [s.index, s.step.loc.line, s]))('step %i (line %i) is proved', (_i, _l, s) => {
    const r = checkStep(s.input);
    expect(r.message).toBeUndefined();
    expect(r.verdict).toBe('proved');
  });

  const cases = steps.flatMap((s) => plantings(s).map(([name, change]) => [s.index, name, s, change] as const));

  test.each(cases)('step %i with "%s" is refuted', (_i, _name, s, change) => {
    const r = checkStep({ ...s.input, ...change });
    expect(r.verdict).toBe('refuted');
    if (s.input.relation.kind !== 'neq') {
      expect(r.witness).toBeDefined();
    }
    if (DIAGNOSES[_name]) expect(DIAGNOSES[_name]).toContain(r.diagnosis?.class);
    if (_name.startsWith('wrong limit')) expect(r.diagnosis?.class).toBe('wrong-limit');
  });

  const hypSteps = steps.filter((s) => s.step.given.length);
  if (hypSteps.length) {
    test.each(hypSteps.map((s) => [s.index, s.step.given.join(', '), s]))('step %i is refuted without %s, naming it', (_i, _h, s) => {
      const dropped = new Set(s.step.given.flatMap((g) => d.hypotheses.get(g)!.defs));
      const defs = s.input.defs.filter((df) => !dropped.has(df));
      const r = checkStep({ ...s.input, defs, otherHypotheses: [...d.hypotheses.values()].filter((h) => s.step.given.includes(h.name)) });
      expect(r.verdict).toBe('refuted');
      expect(r.diagnosis?.message).toMatch(new RegExp(s.step.given.map((g) => g.replace(/-/g, '\\-')).join('|')));
    });
  }
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
    expect(r.diagnosis?.class).toBe('theta-free-term-dropped');
    expect(r.diagnosis?.message).toMatch(/free of \$\\theta\$.*\$\\doteq_\{\\theta\}\$/);
  });
});
