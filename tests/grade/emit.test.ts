/**
 * The shapes of the grading reports on a small class: CSV (RFC 4180, a row
 * per student, a column per problem), JSON and Gradescope's results.json (one
 * test per problem with the rubric's fixed max_score, top-level score).
 */
import { gradeCsv, csvField, CSV_COLUMNS } from '../../src/emit/grade-csv';
import { gradeJson } from '../../src/emit/grade-json';
import { gradescopeResults } from '../../src/emit/grade-gradescope';
import type { GradedAnswer } from '../../src/emit/grade-summary';
import type { AnswerReport, AnswerStep } from '../../src/answers/types';
import type { GradeResult } from '../../src/answers/pool';
import type { RubricProblem } from '../../src/answers/rubric';
import type { ResultOutcome } from '../../src/answers/result';
import { scoreAnswer } from '../../src/answers/score';

function step(index: number, verdict: AnswerStep['verdict'], line: number, extra: Partial<AnswerStep> = {}): AnswerStep {
  return { index, chain: 1, line, column: 1, relation: '=', latex: `x_${index}`, verdict, rules: [], seed: 1, ...extra };
}

function report(file: string, steps: AnswerStep[], unread: AnswerReport['unread'] = []): AnswerReport {
  const summary = { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
  for (const s of steps) summary[s.verdict]++;
  return { file, derivation: 'mle-kl', chains: [{ index: 1, startLine: 1, lines: steps.length + 1, reason: 'the first line' }], steps, unread, summary };
}

const PROBLEMS: RubricProblem[] = [{ key: 'mle-kl', derivation: 'mle-kl', points: 10, result: 4, wrongStep: 2 }];
const REACHED: ResultOutcome = { status: 'reached', target: 'K', relation: '=', line: 5, latex: 'K', message: 'line 5 reaches the result' };
const NOT_REACHED: ResultOutcome = { status: 'not-reached', target: 'K', relation: '=', line: 9, latex: 'x', message: 'the answer does not reach the result' };

/** A checked answer graded as the one problem mle-kl, scored as the CLI scores it. */
function graded(name: string, r: AnswerReport, result: ResultOutcome): GradedAnswer {
  const res: GradeResult = { file: `d/${name}`, status: 'checked', ms: 5, report: r, grading: { problems: [{ key: 'mle-kl', derivation: 'mle-kl', labels: [], report: r, result }], unknownLabels: [], unlabelledMath: false } };
  return { name, result: res, scores: scoreAnswer(res.grading!.problems, PROBLEMS) };
}

const CLASS: GradedAnswer[] = [
  graded('alice.md', report('d/alice.md', [step(1, 'proved', 3), step(2, 'numeric', 5)]), REACHED),
  graded('bob, "the second".tex', report('d/bob.tex', [
    step(1, 'proved', 4),
    step(2, 'refuted', 6, { diagnosis: { class: 'sign-flipped', message: 'the sign is flipped, "here"\nsee line 6' }, witness: { point: { '\\theta': 0.5 }, lhs: 1, rhs: -1, seed: 9 } }),
    step(3, 'refuted', 8),
    step(4, 'unknown', 9),
  ], [{ line: 12, column: 1, text: '\\weird', reason: 'unknown command' }]), NOT_REACHED),
  { name: 'carol.md', result: { file: 'd/carol.md', status: 'timeout', ms: 20000, message: 'no result within 20 s: stopped' } },
];

/** A small RFC 4180 reader, to read the CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += c; i++;
  }
  expect(field).toBe('');
  return rows;
}

describe('CSV', () => {
  const text = gradeCsv(CLASS, { problems: PROBLEMS });
  const rows = parseCsv(text);

  test('a header and one row per answer, in order, every line ended by CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5); // header, 3 rows, '' after the last: the newline in a message is quoted, not a row end
    expect(rows[0]).toEqual([...CSV_COLUMNS, 'mle-kl']); // a column per problem after the fixed ones
    expect(rows.slice(1).map((r) => r[0])).toEqual(['alice.md', 'bob, "the second".tex', 'carol.md']);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length + 1);
  });

  test('scores: every point for a right answer; the result and each wrong step cost points, an undecided step and an unread line nothing', () => {
    const col = (r: string[], c: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(c)];
    const [, alice, bob, carol] = rows;
    expect([col(alice, 'score'), col(alice, 'max_score'), alice[CSV_COLUMNS.length], col(alice, 'needs_review')]).toEqual(['10', '10', '10', '0']);
    // 10 - 4 (result not reached) - 2 × 2 (two refuted steps); the unknown step and the unread line are for a human
    expect([col(bob, 'score'), col(bob, 'max_score'), bob[CSV_COLUMNS.length], col(bob, 'needs_review')]).toEqual(['2', '10', '2', '2']);
    expect([col(carol, 'score'), col(carol, 'max_score'), carol[CSV_COLUMNS.length]]).toEqual(['', '', '']);
  });

  test('counts, the first wrong step and its diagnosis; quoting survives commas, quotes and newlines', () => {
    const col = (r: string[], c: (typeof CSV_COLUMNS)[number]) => r[CSV_COLUMNS.indexOf(c)];
    const [, alice, bob, carol] = rows;
    expect([col(alice, 'status'), col(alice, 'steps'), col(alice, 'verified'), col(alice, 'refuted'), col(alice, 'first_wrong_step')]).toEqual(['checked', '2', '2', '0', '']);
    expect([col(bob, 'steps'), col(bob, 'proved'), col(bob, 'refuted'), col(bob, 'unknown'), col(bob, 'unread')]).toEqual(['4', '1', '2', '1', '1']);
    expect([col(bob, 'first_wrong_step'), col(bob, 'first_wrong_line'), col(bob, 'first_wrong_class')]).toEqual(['2', '6', 'sign-flipped']);
    expect(col(bob, 'first_wrong_message')).toBe('the sign is flipped, "here"\nsee line 6');
    expect([col(carol, 'status'), col(carol, 'steps'), col(carol, 'message')]).toEqual(['timeout', '', 'no result within 20 s: stopped']);
  });

  test('fields are quoted only when they must be', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
  });
});

describe('JSON', () => {
  const json = JSON.parse(JSON.stringify(gradeJson(CLASS, { derivation: 'mle-kl', problems: PROBLEMS })));

  test('totals, then each answer in order with its report', () => {
    expect(json.derivation).toBe('mle-kl');
    expect(json.summary).toMatchObject({ answers: 3, checked: 2, allVerified: 1, withRefuted: 1, timeout: 1, crashed: 0, unreadable: 0 });
    expect(json.summary.steps).toEqual({ proved: 2, numeric: 1, refuted: 2, unknown: 1, error: 0 });
    expect(json.answers.map((a: { file: string }) => a.file)).toEqual(['alice.md', 'bob, "the second".tex', 'carol.md']);
    expect(json.answers[1]).toMatchObject({ status: 'checked', score: 2, max_score: 10, steps: 4, verified: 1, allVerified: false, firstWrong: { index: 2, line: 6, diagnosis: { class: 'sign-flipped' } } });
    expect(json.answers[1].problems[0]).toMatchObject({ key: 'mle-kl', points: 2, max: 10, result: 'not-reached' });
    expect(json.answers[1].problems[0].review.map((r: { line: number }) => r.line)).toEqual([9, 12]);
    expect(json.answers[1].problems[0].report.steps).toHaveLength(4);
    expect(json.problems).toEqual([{ key: 'mle-kl', derivation: 'mle-kl', points: 10, result: 4, wrongStep: 2 }]);
    expect(json.answers[0].firstWrong).toBeNull();
    expect(json.answers[2]).toEqual({ file: 'carol.md', status: 'timeout', message: 'no result within 20 s: stopped' });
  });
});

describe('Gradescope results.json', () => {
  const r = gradescopeResults(CLASS, { derivation: 'mle-kl', problems: PROBLEMS });

  test('one test per problem worth its rubric points, whatever the number of lines; the score is their sum', () => {
    const graded = r.tests.filter((t) => t.max_score > 0);
    expect(graded.map((t) => [t.name, t.number, t.score, t.max_score, t.status])).toEqual([
      ['alice.md: mle-kl', '1.1', 10, 10, 'passed'],
      ['bob, "the second".tex: mle-kl', '2.1', 2, 10, 'failed'],
    ]);
    expect(r.score).toBe(12);
    for (const t of r.tests) expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'number', 'output', 'output_format', 'score', 'status', 'visibility']);
  });

  test('the step report is the output: the result, each deduction with its line, what needs a human look, the steps', () => {
    const bob = r.tests[1].output;
    expect(bob).toMatch(/^2 of 10 points\nresult: not reached/);
    expect(bob).toContain('-4: the answer does not reach the result');
    expect(bob).toContain('-2: line 6: the sign is flipped');
    expect(bob).toContain('-2: line 8:');
    expect(bob).toMatch(/needs a human look \(costs nothing\):\n  line 9: step not decided\n  line 12: line not read: unknown command/);
    expect(bob).toContain('counterexample');
    const carol = r.tests.find((t) => t.name.startsWith('carol.md'))!;
    expect(carol).toMatchObject({ score: 0, max_score: 0, status: 'failed' });
    expect(carol.output).toMatch(/timed out.*grade this answer by hand/);
    expect(r.extra_data).toEqual({ derivation: 'mle-kl', answers: 3 });
  });

  test('a single answer (the autograder case) names its tests by problem only', () => {
    const one = gradescopeResults([CLASS[0]], { problems: PROBLEMS });
    expect(one.tests.map((t) => [t.name, t.number])).toEqual([['mle-kl', '1']]);
    expect(one.score).toBe(10);
    expect(one.output).toBe('10 of 10 points; 2 of 2 steps verified (1 proved, 1 numeric: checked by sampling only, not proved)');
  });
});
