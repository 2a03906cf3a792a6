/**
 * The class as JSON: the batch's totals, then each answer in the order
 * graded with its status, counts, first wrong step and the checker's whole
 * report (the answer report schema of `rederive check`).
 *
 * @example
 *   gradeJson([{ name: 'alice.md', result }], { derivation: 'mle-kl' })
 *   // { derivation: 'mle-kl', summary: { answers: 1, … }, answers: [{ file: 'alice.md', status: 'checked', … }] }
 */
import { answerRow, batchSummary, GradedAnswer } from './grade-summary';

export function gradeJson(answers: readonly GradedAnswer[], meta: { derivation?: string }): unknown {
  const rows = answers.map(answerRow);
  return {
    ...(meta.derivation ? { derivation: meta.derivation } : {}),
    summary: batchSummary(rows),
    answers: answers.map((a, i) => {
      const r = rows[i];
      const w = r.firstWrong;
      return {
        file: r.name,
        status: r.status,
        ...(r.message !== undefined ? { message: r.message } : {}),
        ...(r.status === 'checked' ? {
          steps: r.steps, verified: r.verified, allVerified: r.allVerified, counts: r.counts, unread: r.unread,
          firstWrong: w ? { index: w.index, line: w.line, column: w.column, ...(w.diagnosis ? { diagnosis: w.diagnosis } : {}) } : null,
          report: a.result.report,
        } : {}),
      };
    }),
  };
}
