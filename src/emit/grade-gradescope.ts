/**
 * Gradescope's autograder results (results.json): one test per step of each
 * answer, worth one point when the step is proved or verified numerically.
 *
 * Fields used (Gradescope's autograder specification):
 *  - top level: `score` (the points of every step test), `output` (a line per
 *    answer: steps verified, lines that could not be read, why an answer was
 *    not graded), `output_format: "text"`, `tests`, and `extra_data` with the
 *    derivation and the number of answers;
 *  - each test: `name` ("step 3 (line 12)", prefixed by the answer's file when
 *    the folder holds several answers), `number` ("3", or "2.3" for answer 2),
 *    `score` (1 or 0), `max_score` (1), `status` ("passed" or "failed"),
 *    `output` (the student's line, the verdict, the diagnosis and
 *    counterexample of a refuted step), `output_format: "text"`,
 *    `visibility: "visible"`.
 * An answer that was not checked (timed out, crashed, unreadable) or in which
 * no step could be read gets one failed test worth 0 of 0 that says so: it
 * must be graded by hand, and a score of 0 out of nothing does not pretend
 * otherwise. Not set: `execution_time` (it would make every run's file
 * differ), `visibility` and `stdout_visibility` at top level (the
 * assignment's own settings apply).
 * In Gradescope's autograder the submission folder holds one answer; a
 * folder of several gives one results.json with every answer's steps.
 *
 * @example
 *   gradescopeResults([{ name: 'alice.md', result }], { derivation: 'mle-kl' }).tests[0]
 *   // { name: 'step 1 (line 7)', number: '1', score: 1, max_score: 1, status: 'passed', output: '…', … }
 */
import { witnessText } from './text';
import type { AnswerStep } from '../answers/types';
import { answerRow, GradedAnswer, stepVerified, statusWords } from './grade-summary';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  output: string;
  output_format: 'text';
  tests: GradescopeTest[];
  extra_data: { derivation?: string; answers: number };
}

const MARKS: Record<AnswerStep['verdict'], string> = { proved: '✓', numeric: '≈', refuted: '✗', unknown: '?', error: '!' };
const MEANING: Record<AnswerStep['verdict'], string> = {
  proved: 'proved: a symbolic proof was found and the numeric test agrees',
  numeric: 'verified numerically: equal at every sampled point (no symbolic proof found)',
  refuted: 'refuted: this step does not follow from the line before it',
  unknown: 'could not be decided automatically: to be checked by hand',
  error: 'could not be read or evaluated: to be checked by hand',
};

function stepOutput(s: AnswerStep): string {
  const out = [`line ${s.line}: ${s.relation} ${s.latex}`, `${MARKS[s.verdict]} ${MEANING[s.verdict]}`];
  if (s.diagnosis) out.push(s.diagnosis.message + (s.diagnosis.at ? ` (line ${s.diagnosis.at.line}, column ${s.diagnosis.at.column}: ${s.diagnosis.at.text})` : ''));
  if (s.witness) out.push(`counterexample ${witnessText(s.witness)}`);
  if (s.message) out.push(s.message);
  return out.join('\n');
}

export function gradescopeResults(answers: readonly GradedAnswer[], meta: { derivation?: string }): GradescopeResults {
  const several = answers.length > 1;
  const tests: GradescopeTest[] = [];
  const summary: string[] = [];
  answers.forEach((a, ai) => {
    const prefix = several ? `${a.name}: ` : '';
    const number = (k: number | string) => (several ? `${ai + 1}.${k}` : `${k}`);
    const row = answerRow(a);
    const report = a.result.report;
    const unread = (report?.unread ?? []).map((u) => `line ${u.line}: ${u.reason}: ${u.text}`);
    if (row.status !== 'checked' || !report || !report.steps.length) {
      const why = row.status !== 'checked'
        ? `not graded (${statusWords(row.status)}${row.message ? `: ${row.message}` : ''}): grade this answer by hand`
        : 'no step of a derivation could be read from this answer: grade it by hand';
      tests.push({ name: `${prefix}answer not graded`, number: number(0), score: 0, max_score: 0, status: 'failed', output: [why, ...unread].join('\n'), output_format: 'text', visibility: 'visible' });
      summary.push(`${prefix}${why}`);
      return;
    }
    for (const s of report.steps) {
      const ok = stepVerified(s);
      tests.push({
        name: `${prefix}step ${s.index} (line ${s.line})`, number: number(s.index), score: ok ? 1 : 0, max_score: 1,
        status: ok ? 'passed' : 'failed', output: stepOutput(s), output_format: 'text', visibility: 'visible',
      });
    }
    summary.push(`${prefix}${row.verified} of ${row.steps} steps verified${row.counts.numeric ? ` (${row.counts.proved} proved, ${row.counts.numeric} numeric: checked by sampling only, not proved)` : ''}${row.firstWrong ? `; the first wrong step is step ${row.firstWrong.index} (line ${row.firstWrong.line})` : ''}`
      + (unread.length ? `; ${unread.length} line${unread.length > 1 ? 's' : ''} could not be read:\n  ${unread.join('\n  ')}` : ''));
  });
  return {
    score: tests.reduce((n, t) => n + t.score, 0),
    output: summary.join('\n'),
    output_format: 'text',
    tests,
    extra_data: { ...(meta.derivation ? { derivation: meta.derivation } : {}), answers: answers.length },
  };
}
