/**
 * What the grading reports (CSV, JSON, Gradescope) say of each answer: its
 * step counts by verdict, whether every step verified, and its first wrong
 * (refuted) step; and the batch's totals.
 *
 * @example
 *   const row = answerRow({ name: 'alice.md', result });
 *   row.firstWrong?.line   // the line of the first refuted step
 */
import type { Verdict } from '../check/step';
import type { AnswerStep } from '../answers/types';
import type { GradeResult, GradeStatus } from '../answers/pool';

/** One graded answer and the name it is reported under (its path inside the graded folder). */
export interface GradedAnswer {
  name: string;
  result: GradeResult;
}

/** The counts and first wrong step of one answer. */
export interface AnswerRow {
  name: string;
  status: GradeStatus;
  steps: number;
  /** Steps proved or verified numerically. */
  verified: number;
  counts: Record<Verdict, number>;
  /** Lines of the answer that could not be read. */
  unread: number;
  /** The first refuted step. */
  firstWrong?: AnswerStep;
  /** Checked, with at least one step, every step proved or numeric, and no unread line. */
  allVerified: boolean;
  /** Why the answer was not checked. */
  message?: string;
}

export const VERDICTS: readonly Verdict[] = ['proved', 'numeric', 'refuted', 'unknown', 'error'];

/** Whether a step counts as right. */
export function stepVerified(s: AnswerStep): boolean {
  return s.verdict === 'proved' || s.verdict === 'numeric';
}

export function answerRow(a: GradedAnswer): AnswerRow {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const steps = a.result.report?.steps ?? [];
  for (const s of steps) counts[s.verdict] = (counts[s.verdict] ?? 0) + 1;
  const verified = counts.proved + counts.numeric;
  const unread = a.result.report?.unread.length ?? 0;
  return {
    name: a.name,
    status: a.result.status,
    steps: steps.length,
    verified,
    counts,
    unread,
    firstWrong: steps.find((s) => s.verdict === 'refuted'),
    allVerified: a.result.status === 'checked' && steps.length > 0 && verified === steps.length && unread === 0,
    ...(a.result.message !== undefined ? { message: a.result.message } : {}),
  };
}

/** The batch's totals. */
export interface BatchSummary {
  answers: number;
  /** Answers with a report. */
  checked: number;
  /** Checked answers whose every step verified (and no line unread). */
  allVerified: number;
  /** Checked answers with at least one refuted step. */
  withRefuted: number;
  timeout: number;
  crashed: number;
  error: number;
  unreadable: number;
  /** Steps over all checked answers, by verdict. */
  steps: Record<Verdict, number>;
}

export function batchSummary(rows: readonly AnswerRow[]): BatchSummary {
  const steps = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of rows) for (const v of VERDICTS) steps[v] += r.counts[v];
  const by = (s: GradeStatus) => rows.filter((r) => r.status === s).length;
  return {
    answers: rows.length,
    checked: by('checked'),
    allVerified: rows.filter((r) => r.allVerified).length,
    withRefuted: rows.filter((r) => r.counts.refuted > 0).length,
    timeout: by('timeout'),
    crashed: by('crashed'),
    error: by('error'),
    unreadable: by('unreadable'),
    steps,
  };
}

/** "timed out", "crashed", … : a status in words. */
export function statusWords(s: GradeStatus): string {
  return { checked: 'checked', timeout: 'timed out', crashed: 'crashed', error: 'error', unreadable: 'unreadable' }[s];
}
