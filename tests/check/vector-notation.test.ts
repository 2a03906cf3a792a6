/**
 * The scalar form of a vector derivation (d = 1, as students write it):
 * v^2 is read as ‖v‖^2 and u v as uᵀv, and the step checks in every dimension;
 * a wrong scalar-form step is still refuted.
 */
import * as path from 'path';
import { loadDerivationFile } from '../../src/semantics/load';
import { parseExpr } from '../../src/parse';
import { checkStep } from '../../src/check/step';
import { vectorNotation } from '../../src/check/vector-notation';
import { printLatex } from '../../src/emit/latex-expr';

const d = loadDerivationFile(path.join(__dirname, '..', '..', 'derivations', 'conditional-gaussian-logit.yaml'));
const ctx = d.ctx;
const P = (s: string) => parseExpr(s, ctx);
const step = (l: string, r: string) => checkStep({ lhs: P(l), rhs: P(r), relation: { kind: 'eq', latex: '=' }, ctx, defs: [...ctx.definitions.values()], seed: 3 });

test.each<[string, string]>([
  ['(\\varphi(x) - \\mu_y)^2', '\\|\\varphi(x) - \\mu_{y}\\|^{2}'],
  ['\\varphi(x)\\mu_y', '\\varphi(x)^\\top \\mu_{y}'],
  ['2 \\varphi(x)\\hat\\mu_y', '2 \\varphi(x)^\\top \\hat{\\mu}_{y}'],
  ['x^2', 'x^{2}'],
])('%s is read as %s', (written, read) => {
  expect(printLatex(vectorNotation(P(written), ctx))).toBe(read);
});

test('the scalar form of the last step checks in every dimension', () => {
  const r = step('-\\frac{1}{2}\\left((\\varphi(x) - \\mu_y)^2 - (\\varphi(x) - \\hat\\mu_y)^2\\right)', '\\varphi(x)(\\mu_y - \\hat\\mu_y) - \\frac{\\mu_y^2 - \\hat\\mu_y^2}{2}');
  expect(r.verdict).toBe('proved');
});

test('a wrong scalar-form step is refuted', () => {
  const r = step('-\\frac{1}{2}\\left((\\varphi(x) - \\mu_y)^2 - (\\varphi(x) - \\hat\\mu_y)^2\\right)', '\\varphi(x)(\\mu_y - \\hat\\mu_y) + \\frac{\\mu_y^2 - \\hat\\mu_y^2}{2}');
  expect(r.verdict).toBe('refuted');
});
