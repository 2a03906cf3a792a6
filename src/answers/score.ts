/**
 * Scores that mean something: one problem's points from its rubric entry and
 * what the checker found, with every point taken off said and placed.
 *
 *   score = points
 *         − result            when the rubric requires the result and the answer does not reach it
 *         − wrong-step × n    for the n refuted steps
 *   (never below 0; a problem with no line in the answer scores 0)
 *
 * Only what the engine proved wrong costs points: a refuted step (with its
 * witness) and a result checked not to be reached. A step that is unknown or
 * in error (an engine fault included), a line that could not be read and a
 * result that could not be decided cost nothing; they are listed as "needs a
 * human look", with their lines, so the TA knows where to read.
 *
 * @example
 *   scoreProblem(outcome, rubricProblem)   // { points: 7, max: 10, deductions: [{ points: 3, why: 'line 9: …' }], review: [] }
 */
import type { AnswerStep } from './types';
import type { ProblemOutcome } from './homework';
import type { RubricProblem } from './rubric';

/** Points taken off, and why. */
export interface Deduction {
  points: number;
  /** One sentence, with the line. */
  why: string;
  line?: number;
}

/** A place the TA should read: the engine could not decide it. */
export interface ReviewItem {
  line: number;
  why: string;
}

/** One problem's score. */
export interface ProblemScore {
  key: string;
  derivation: string;
  points: number;
  max: number;
  /** reached | not-reached | undecided | not-required | missing */
  result: 'reached' | 'not-reached' | 'undecided' | 'not-required' | 'missing';
  deductions: Deduction[];
  review: ReviewItem[];
  /** Steps by verdict in this problem. */
  steps: number;
  refuted: number;
  /** The one-sentence summary of the result check. */
  resultMessage: string;
}

/** The diagnosis of a refuted step in one sentence (its message, else the verdict). */
export function wrongStepSentence(s: AnswerStep): string {
  return s.diagnosis?.message ?? s.message ?? 'this step does not follow from the line before it';
}

/** Why a step needs a human look. */
function reviewWhy(s: AnswerStep): string {
  if (s.verdict === 'unknown') return `step not decided${s.message ? `: ${s.message}` : ''}`;
  return `step not checked${s.message ? `: ${s.message}` : ' (an error in the checker)'}`;
}

/**
 * Scores one problem. `outcome` undefined: the answer has no line for it.
 *
 * @example scoreProblem(undefined, { key: '2', derivation: 'mle-kl', points: 10, result: 4, wrongStep: 2 }).points   // 0
 */
export function scoreProblem(outcome: ProblemOutcome | undefined, p: RubricProblem): ProblemScore {
  const base = { key: p.key, derivation: p.derivation, max: p.points };
  const hasLines = outcome && (outcome.report.chains.length > 0 || outcome.report.unread.length > 0);
  if (!outcome || !hasLines) {
    return {
      ...base, points: 0, result: 'missing', steps: 0, refuted: 0, review: [],
      deductions: [{ points: p.points, why: 'no answer to this problem' }], resultMessage: 'no answer to this problem',
    };
  }
  const r = outcome.report;
  const deductions: Deduction[] = [];
  const review: ReviewItem[] = [];
  const required = p.result > 0;
  const status = outcome.result.status;
  if (required && status === 'not-reached') {
    deductions.push({ points: p.result, why: outcome.result.message, ...(outcome.result.line ? { line: outcome.result.line } : {}) });
  }
  if (required && status === 'undecided') review.push({ line: outcome.result.line ?? r.chains[r.chains.length - 1]?.startLine ?? 0, why: outcome.result.message });
  let refuted = 0;
  for (const s of r.steps) {
    if (s.verdict === 'refuted') {
      refuted++;
      if (p.wrongStep > 0) deductions.push({ points: p.wrongStep, why: `line ${s.line}: ${wrongStepSentence(s)}`, line: s.line });
    } else if (s.verdict === 'unknown' || s.verdict === 'error') review.push({ line: s.line, why: reviewWhy(s) });
  }
  for (const u of r.unread) {
    if (!review.some((x) => x.line === u.line)) review.push({ line: u.line, why: `line not read: ${u.reason}` });
  }
  review.sort((a, b) => a.line - b.line);
  const lost = deductions.reduce((n, d) => n + d.points, 0);
  return {
    ...base,
    points: Math.max(0, +(p.points - lost).toFixed(6)),
    result: required ? status : 'not-required',
    deductions, review, steps: r.steps.length, refuted,
    resultMessage: outcome.result.message,
  };
}

/** Every problem of a rubric, scored for one answer (in the rubric's order). */
export function scoreAnswer(problems: readonly ProblemOutcome[], rubric: readonly RubricProblem[]): ProblemScore[] {
  return rubric.map((p) => scoreProblem(problems.find((o) => o.key === p.key), p));
}
