/**
 * The class as JSON: the rubric's problems and the batch's totals, then each
 * answer in the order graded with its status, score, per-problem scores
 * (points, what they are out of, the result check, every deduction, what
 * needs a human look, and the problem's whole report: the answer report
 * schema of `rederive check`), counts and first wrong step.
 *
 * @example
 *   gradeJson([{ name: 'alice.md', result, scores }], { problems })
 *   // { problems: [...], summary: { answers: 1, … }, answers: [{ file: 'alice.md', status: 'checked', score: 16, max_score: 20, problems: [...] }] }
 */
import { answerRow, batchSummary, GradedAnswer, GradeMeta } from './grade-summary';

export function gradeJson(answers: readonly GradedAnswer[], meta: GradeMeta = {}): unknown {
  const rows = answers.map(answerRow);
  return {
    ...(meta.derivation ? { derivation: meta.derivation } : {}),
    problems: (meta.problems ?? []).map((p) => ({ key: p.key, derivation: p.derivation, points: p.points, result: p.result, wrongStep: p.wrongStep, ...(p.resultChain ? { resultChain: p.resultChain } : {}) })),
    summary: batchSummary(rows),
    answers: answers.map((a, i) => {
      const r = rows[i];
      const w = r.firstWrong;
      const g = a.result.grading;
      return {
        file: r.name,
        status: r.status,
        ...(r.message !== undefined ? { message: r.message } : {}),
        ...(r.status === 'checked' ? {
          ...(r.score !== undefined ? { score: r.score, max_score: r.max } : {}),
          steps: r.steps, verified: r.verified, allVerified: r.allVerified, counts: r.counts, unread: r.unread, needsReview: r.review,
          firstWrong: w ? { index: w.index, line: w.line, column: w.column, ...(w.diagnosis ? { diagnosis: w.diagnosis } : {}) } : null,
          ...(a.scores ? {
            problems: a.scores.map((sc) => ({ ...sc, report: g?.problems.find((p) => p.key === sc.key)?.report ?? null })),
          } : { report: a.result.report }),
          ...(g?.unknownLabels.length ? { unknownLabels: g.unknownLabels } : {}),
          ...(g?.unlabelledMath ? { unlabelledMath: true } : {}),
        } : {}),
      };
    }),
  };
}
