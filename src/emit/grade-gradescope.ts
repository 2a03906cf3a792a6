/**
 * Gradescope's autograder results (results.json): one test per problem of
 * the rubric, worth the problem's points (a fixed `max_score`, however many
 * lines the student wrote), its `output` the problem's step report.
 *
 * Fields used (Gradescope's autograder specification):
 *  - top level: `score` (the sum of the problem tests' scores), `output` (a
 *    line per answer: its score, and why an answer was not graded),
 *    `output_format: "text"`, `tests`, and `extra_data` with the derivation
 *    (single-derivation grading) and the number of answers;
 *  - each test: `name` ("Problem 3(a) (generator-loss-kl)", prefixed by the
 *    answer's file when the folder holds several answers), `number` (the
 *    problem's label, "2.3(a)" for answer 2; with --derivation, "1"), `score`, `max_score` (the
 *    rubric's points), `status` ("passed" when every point was earned, else
 *    "failed"), `output` (the result check, every deduction with its line,
 *    the places that need a human look, then a line per step with the
 *    diagnosis and counterexample of a refuted one), `output_format: "text"`,
 *    `visibility: "visible"`.
 * An answer that was not checked (timed out, crashed, unreadable) gets one
 * failed test worth 0 of 0 that says so: it must be graded by hand, and a
 * score of 0 out of nothing does not pretend otherwise. Not set:
 * `execution_time` (it would make every run's file differ), `visibility` and
 * `stdout_visibility` at top level (the assignment's own settings apply).
 *
 * @example
 *   gradescopeResults([{ name: 'alice.md', result, scores }], { problems }).tests[0]
 *   // { name: 'Problem 1 (mle-kl)', number: '1', score: 7, max_score: 10, status: 'failed', output: '…', … }
 */
import { witnessText } from './text';
import { withStatements } from './answer-text';
import type { AnswerStep } from '../answers/types';
import type { ProblemScore } from '../answers/score';
import type { ProblemOutcome } from '../answers/homework';
import { answerRow, GradedAnswer, GradeMeta, statusWords } from './grade-summary';

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
  proved: 'proved',
  numeric: 'verified numerically (no symbolic proof found)',
  refuted: 'wrong: this step does not follow from the line before it',
  unknown: 'not decided automatically: to be checked by hand (costs nothing)',
  error: 'not checked: to be checked by hand (costs nothing)',
};

/** One step as text: the mark, line, relation and LaTeX, the verdict, the diagnosis and counterexample. */
export function stepOutput(s: AnswerStep): string {
  const out = [`${MARKS[s.verdict]} line ${s.line}: ${s.relation} ${s.latex}`, `    ${MEANING[s.verdict]}`];
  if (s.diagnosis) out.push(`    ${withStatements(s.diagnosis.message)}${s.diagnosis.at ? ` (line ${s.diagnosis.at.line}, column ${s.diagnosis.at.column}: ${s.diagnosis.at.text})` : ''}`);
  if (s.witness) out.push(`    counterexample ${witnessText(s.witness)}`);
  if (s.message && !s.diagnosis) out.push(`    ${s.message}`);
  return out.join('\n');
}

/** A problem's report as text: score, result, deductions, what needs a human look, then its steps. */
export function problemOutput(sc: ProblemScore, o: ProblemOutcome | undefined): string {
  const out = [`${sc.points} of ${sc.max} points`];
  if (sc.result === 'missing') return [...out, 'no answer to this problem was found (no line under its label)'].join('\n');
  out.push(`result: ${{ reached: 'reached', 'not-reached': 'not reached', undecided: 'not decided (to be checked by hand; costs nothing)', 'not-required': 'not required' }[sc.result]}${sc.resultMessage ? ` — ${sc.resultMessage}` : ''}`);
  for (const d of sc.deductions) out.push(`-${d.points}: ${withStatements(d.why)}`);
  if (sc.review.length) {
    out.push('needs a human look (costs nothing):');
    for (const r of sc.review) out.push(`  line ${r.line}: ${r.why}`);
  }
  if (o?.report.steps.length) {
    out.push('steps:');
    for (const s of o.report.steps) out.push(stepOutput(s));
  }
  return out.join('\n');
}

export function gradescopeResults(answers: readonly GradedAnswer[], meta: GradeMeta = {}): GradescopeResults {
  const several = answers.length > 1;
  const tests: GradescopeTest[] = [];
  const summary: string[] = [];
  answers.forEach((a, ai) => {
    const prefix = several ? `${a.name}: ` : '';
    const number = (k: string) => (several ? `${ai + 1}.${k}` : k);
    const row = answerRow(a);
    if (row.status !== 'checked' || !a.scores) {
      const why = `not graded (${statusWords(row.status)}${row.message ? `: ${row.message}` : ''}): grade this answer by hand`;
      tests.push({ name: `${prefix}answer not graded`, number: number('0'), score: 0, max_score: 0, status: 'failed', output: why, output_format: 'text', visibility: 'visible' });
      summary.push(`${prefix}${why}`);
      return;
    }
    for (const [pi, sc] of a.scores.entries()) {
      const o = a.result.grading?.problems.find((p) => p.key === sc.key);
      const title = sc.key === sc.derivation ? sc.derivation : `Problem ${sc.key} (${sc.derivation})`;
      tests.push({
        name: `${prefix}${title}`, number: number(sc.key === sc.derivation ? String(pi + 1) : sc.key), score: sc.points, max_score: sc.max,
        status: sc.points >= sc.max ? 'passed' : 'failed', output: problemOutput(sc, o), output_format: 'text', visibility: 'visible',
      });
    }
    const extra: string[] = [];
    for (const l of a.result.grading?.unknownLabels ?? []) extra.push(`line ${l.line}: problem ${l.label} is not in the rubric (not graded)`);
    if (a.result.grading?.unlabelledMath) extra.push('mathematics before the first problem label belongs to no problem (not graded)');
    summary.push(`${prefix}${row.score} of ${row.max} points; ${row.verified} of ${row.steps} steps verified${row.counts.numeric ? ` (${row.counts.proved} proved, ${row.counts.numeric} numeric: checked by sampling only, not proved)` : ''}${row.review ? `; ${row.review} place${row.review > 1 ? 's' : ''} to be checked by hand` : ''}${extra.length ? `\n  ${extra.join('\n  ')}` : ''}`);
  });
  return {
    score: Math.round(tests.reduce((n, t) => n + t.score, 0) * 1e6) / 1e6,
    output: summary.join('\n'),
    output_format: 'text',
    tests,
    extra_data: { ...(meta.derivation ? { derivation: meta.derivation } : {}), answers: answers.length },
  };
}
