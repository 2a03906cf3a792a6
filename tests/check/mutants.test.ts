/**
 * A seeded slice of the mutation test (`npm run mutants` runs ≥ 10,000; see
 * src/bench/mutation.ts): mutants of the `=` steps of every derivation, truth
 * decided without the numeric tester; no unequal mutant may be `proved` or
 * `numeric`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadDerivationFile } from '../../src/semantics/load';
import { placedSteps } from '../../src/check/derivation';
import { checkStep } from '../../src/check/step';
import { runMutants, stepMutants } from '../../src/bench/mutation';

const DIR = path.join(__dirname, '..', '..', 'derivations');
const steps = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).flatMap((f) => {
  const d = loadDerivationFile(path.join(DIR, f));
  return placedSteps(d).map((p) => ({ derivation: d.id, index: p.index, input: p.input }));
});

test('every = step of every derivation has mutants of every kind that applies', () => {
  const kinds = new Set(steps.filter((s) => s.input.relation.kind === 'eq').flatMap((s) => stepMutants(s.input.rhs).map((m) => m.kind)));
  expect([...kinds].sort()).toEqual(['dropped term', 'duplicated term', 'exponent', 'factor', 'offset', 'p_θ↔p_data', 'sign', 'swapped arguments', 'θ↔φ']);
});

test('a seeded slice of mutants: none unequal is proved or numeric', () => {
  const rep = runMutants(steps, { limit: 50, seed: 20261129, check: (input) => checkStep({ ...input, diagnose: false }) });
  expect(rep.falseAccepts.map((f) => `${f.derivation} step ${f.step} ${f.kind}@${f.site}: ${f.verdict}`)).toEqual([]);
  // the slice is not vacuous: most mutants are decided unequal, and those are refuted
  const unequal = Object.values(rep.unequal).reduce((a, b) => a + b, 0);
  expect(unequal).toBeGreaterThan(25);
  expect(rep.unequal.refuted ?? 0).toBeGreaterThan(unequal / 2);
}, 120000);
