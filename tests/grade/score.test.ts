/**
 * A problem's score from its rubric entry: what the engine proved wrong costs
 * points (a refuted step, a result checked not reached), what it could not
 * decide costs nothing and is listed for a human, and a score never goes
 * below 0.
 */
import { scoreProblem } from '../../src/answers/score';
import type { ProblemOutcome } from '../../src/answers/homework';
import type { ResultOutcome } from '../../src/answers/result';
import type { AnswerStep, AnswerReport } from '../../src/answers/types';
import type { RubricProblem } from '../../src/answers/rubric';

const P: RubricProblem = { key: '2', derivation: 'mle-kl', points: 10, result: 4, wrongStep: 3 };
const step = (index: number, verdict: AnswerStep['verdict'], line: number, message?: string): AnswerStep =>
  ({ index, chain: 1, line, column: 1, relation: '=', latex: 'x', verdict, rules: [], seed: 1, ...(message ? { message } : {}) });

function outcome(steps: AnswerStep[], status: ResultOutcome['status'], unread: AnswerReport['unread'] = []): ProblemOutcome {
  const summary = { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
  for (const s of steps) summary[s.verdict]++;
  return {
    key: '2', derivation: 'mle-kl', labels: [{ label: '2', line: 1 }],
    report: { file: 'a.md', chains: [{ index: 1, startLine: 2, lines: steps.length + 1, reason: 'label 2' }], steps, unread, summary },
    result: { status, target: 'K', relation: '=', line: 9, message: status === 'reached' ? 'line 9 reaches the result' : status === 'undecided' ? 'whether line 9 is the result could not be decided: to be checked by hand' : 'the answer does not reach the result' },
  };
}

test('every point for a right answer that reaches the result', () => {
  expect(scoreProblem(outcome([step(1, 'proved', 3), step(2, 'numeric', 5)], 'reached'), P)).toMatchObject({ points: 10, max: 10, result: 'reached', deductions: [], review: [] });
});

test('a result not reached costs the result points; each refuted step costs wrong-step, with its line', () => {
  const s = scoreProblem(outcome([step(1, 'proved', 3), step(2, 'refuted', 5, 'sign flipped')], 'not-reached'), P);
  expect(s.points).toBe(3);
  expect(s.deductions.map((d) => [d.points, d.line])).toEqual([[4, 9], [3, 5]]);
  expect(s.deductions[1].why).toBe('line 5: sign flipped');
});

test('an undecided step, a step in error, a line not read and an undecided result cost nothing and are listed', () => {
  const s = scoreProblem(outcome([step(1, 'unknown', 3), step(2, 'error', 5, 'engine fault')], 'undecided', [{ line: 7, column: 1, text: '\\weird', reason: 'unknown command' }]), P);
  expect(s.points).toBe(10);
  expect(s.deductions).toEqual([]);
  expect(s.review.map((r) => r.line)).toEqual([3, 5, 7, 9]);
  expect(s.review[1].why).toContain('engine fault');
});

test('a result the rubric does not require costs nothing; the score never goes below 0; a missing problem scores 0', () => {
  expect(scoreProblem(outcome([step(1, 'proved', 3)], 'not-reached'), { ...P, result: 0 })).toMatchObject({ points: 10, result: 'not-required' });
  const many = [1, 2, 3, 4].map((i) => step(i, 'refuted', 2 + i));
  expect(scoreProblem(outcome(many, 'not-reached'), P).points).toBe(0);
  expect(scoreProblem(undefined, P)).toMatchObject({ points: 0, max: 10, result: 'missing' });
});
