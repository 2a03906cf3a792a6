/**
 * An engine fault (the prover and the numeric tester disagree) is the
 * engine's problem: it goes to the report's engine section for the TA, and
 * the step is left undecided — never shown to the student as a flag. The
 * step checker is wrapped so that it reports a fault on demand.
 */
import * as path from 'path';

let fault = false;
jest.mock('../../src/check/step', () => {
  const actual = jest.requireActual('../../src/check/step');
  return {
    ...actual,
    checkStep: (input: unknown) => {
      const r = actual.checkStep(input);
      return fault ? { ...r, verdict: 'error', message: 'engine fault: the symbolic proof (algebra) is contradicted by a numeric counterexample' } : r;
    },
  };
});

// imported after the mock
// eslint-disable-next-line import/first
import { checkAnswerText } from '../../src/answers/check';
import { answerTextReport } from '../../src/emit/answer-text';

const ROOT = path.join(__dirname, '..', '..');
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };

test('an engine fault is undecided for the student and listed for the TA', () => {
  fault = true;
  const r = checkAnswerText('$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_\\theta(x)]$$', 'fault.md', { ...opts, derivation: 'mle-kl' });
  fault = false;
  expect(r.steps.map((s) => s.verdict)).toEqual(['unknown']);
  expect(r.steps[0].message).toContain('reported to the TA');
  expect(r.steps[0].diagnosis).toBeUndefined();
  expect(r.engine).toEqual([{ line: 1, column: expect.any(Number), step: 1, message: expect.stringContaining('engine fault') }]);
  expect(answerTextReport(r)).toContain('engine fault on line 1 (for the TA');
});
