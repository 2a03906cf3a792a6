/**
 * What the grading reports (CSV, JSON, Gradescope) say of each answer: its
 * score problem by problem (answers/score.ts, from the rubric), its step
 * counts by verdict over every problem, the lines that need a human look,
 * whether every step verified, and its first wrong (refuted) step; and the
 * batch's totals.
 *
 * @example
 *   const row = answerRow({ name: 'alice.md', result });
 *   row.firstWrong?.line   // the line of the first refuted step
 */
import type { Verdict } from '../check/step';
import type { AnswerStep } from '../answers/types';
import type { GradeResult, GradeStatus } from '../answers/pool';
import type { ProblemScore } from '../answers/score';
import type { RubricProblem } from '../answers/rubric';

/** One graded answer and the name it is reported under (its path inside the graded folder). */
export interface GradedAnswer {
  name: string;
  result: GradeResult;
  /** Its score problem by problem, in the rubric's order (checked answers graded with a rubric). */
  scores?: ProblemScore[];
}

/** What a batch was graded against: the derivation (--derivation) and the rubric's problems (the columns). */
export interface GradeMeta {
  derivation?: string;
  problems?: readonly RubricProblem[];
}

/** Every step of an answer: its single report's, or every problem's. */
export function answerSteps(r: GradeResult): AnswerStep[] {
  if (r.grading) return r.grading.problems.flatMap((p) => p.report.steps);
  return r.report?.steps ?? [];
}

/** Every unread line of an answer. */
export function answerUnread(r: GradeResult): { line: number; column: number; text: string; reason: string }[] {
  if (r.grading) return r.grading.problems.flatMap((p) => p.report.unread);
  return r.report?.unread ?? [];
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
  /** The score over every problem, and what it is out of (with a rubric). */
  score?: number;
  max?: number;
  /** Places that need a human look (steps not decided, lines not read, results not decided). */
  review: number;
}

export const VERDICTS: readonly Verdict[] = ['proved', 'numeric', 'refuted', 'unknown', 'error'];

/** Whether a step counts as right. */
export function stepVerified(s: AnswerStep): boolean {
  return s.verdict === 'proved' || s.verdict === 'numeric';
}

export function answerRow(a: GradedAnswer): AnswerRow {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const steps = answerSteps(a.result);
  for (const s of steps) counts[s.verdict] = (counts[s.verdict] ?? 0) + 1;
  const verified = counts.proved + counts.numeric;
  const unread = answerUnread(a.result).length;
  const scored = a.result.status === 'checked' && a.scores;
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
    ...(scored ? { score: round(a.scores!.reduce((n, p) => n + p.points, 0)), max: round(a.scores!.reduce((n, p) => n + p.max, 0)) } : {}),
    review: scored ? a.scores!.reduce((n, p) => n + p.review.length, 0) : counts.unknown + counts.error + unread,
  };
}

/** A number of points without float noise. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
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
