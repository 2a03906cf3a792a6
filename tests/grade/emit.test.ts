/**
 * The shapes of the grading reports on a small class: CSV (RFC 4180), JSON
 * and Gradescope's results.json (one test per step, top-level score).
 */
import { gradeCsv, csvField, CSV_COLUMNS } from '../../src/emit/grade-csv';
import { gradeJson } from '../../src/emit/grade-json';
import { gradescopeResults } from '../../src/emit/grade-gradescope';
import type { GradedAnswer } from '../../src/emit/grade-summary';
import type { AnswerReport, AnswerStep } from '../../src/answers/types';

function step(index: number, verdict: AnswerStep['verdict'], line: number, extra: Partial<AnswerStep> = {}): AnswerStep {
  return { index, chain: 1, line, column: 1, relation: '=', latex: `x_${index}`, verdict, rules: [], seed: 1, ...extra };
}

function report(file: string, steps: AnswerStep[], unread: AnswerReport['unread'] = []): AnswerReport {
  const summary = { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
  for (const s of steps) summary[s.verdict]++;
  return { file, derivation: 'mle-kl', chains: [{ index: 1, startLine: 1, lines: steps.length + 1, reason: 'the first line' }], steps, unread, summary };
}

const CLASS: GradedAnswer[] = [
  { name: 'alice.md', result: { file: 'd/alice.md', status: 'checked', ms: 5, report: report('d/alice.md', [step(1, 'proved', 3), step(2, 'numeric', 5)]) } },
  {
    name: 'bob, "the second".tex',
    result: {
      file: 'd/bob.tex', status: 'checked', ms: 5,
      report: report('d/bob.tex', [
        step(1, 'proved', 4),
        step(2, 'refuted', 6, { diagnosis: { class: 'sign-flipped', message: 'the sign is flipped, "here"\nsee line 6' }, witness: { point: { '\\theta': 0.5 }, lhs: 1, rhs: -1, seed: 9 } }),
        step(3, 'refuted', 8),
        step(4, 'unknown', 9),
      ], [{ line: 12, column: 1, text: '\\weird', reason: 'unknown command' }]),
    },
  },
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
  const text = gradeCsv(CLASS);
  const rows = parseCsv(text);

  test('a header and one row per answer, in order, every line ended by CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5); // header, 3 rows, '' after the last: the newline in a message is quoted, not a row end
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['alice.md', 'bob, "the second".tex', 'carol.md']);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
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
  const json = JSON.parse(JSON.stringify(gradeJson(CLASS, { derivation: 'mle-kl' })));

  test('totals, then each answer in order with its report', () => {
    expect(json.derivation).toBe('mle-kl');
    expect(json.summary).toMatchObject({ answers: 3, checked: 2, allVerified: 1, withRefuted: 1, timeout: 1, crashed: 0, unreadable: 0 });
    expect(json.summary.steps).toEqual({ proved: 2, numeric: 1, refuted: 2, unknown: 1, error: 0 });
    expect(json.answers.map((a: { file: string }) => a.file)).toEqual(['alice.md', 'bob, "the second".tex', 'carol.md']);
    expect(json.answers[1]).toMatchObject({ status: 'checked', steps: 4, verified: 1, allVerified: false, firstWrong: { index: 2, line: 6, diagnosis: { class: 'sign-flipped' } } });
    expect(json.answers[1].report.steps).toHaveLength(4);
    expect(json.answers[0].firstWrong).toBeNull();
    expect(json.answers[2]).toEqual({ file: 'carol.md', status: 'timeout', message: 'no result within 20 s: stopped' });
  });
});

describe('Gradescope results.json', () => {
  const r = gradescopeResults(CLASS, { derivation: 'mle-kl' });

  test('one test per step, a point for each verified step, and the score is their sum', () => {
    const steps = r.tests.filter((t) => t.max_score === 1);
    expect(steps.map((t) => t.name)).toEqual([
      'alice.md: step 1 (line 3)', 'alice.md: step 2 (line 5)',
      'bob, "the second".tex: step 1 (line 4)', 'bob, "the second".tex: step 2 (line 6)', 'bob, "the second".tex: step 3 (line 8)', 'bob, "the second".tex: step 4 (line 9)',
    ]);
    expect(steps.map((t) => [t.score, t.status])).toEqual([[1, 'passed'], [1, 'passed'], [1, 'passed'], [0, 'failed'], [0, 'failed'], [0, 'failed']]);
    expect(steps.map((t) => t.number)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3', '2.4']);
    expect(r.score).toBe(3);
    for (const t of r.tests) expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'number', 'output', 'output_format', 'score', 'status', 'visibility']);
  });

  test('a refuted step says what is wrong and where; an answer not graded is a failed test worth 0 of 0', () => {
    const wrong = r.tests.find((t) => t.name.endsWith('step 2 (line 6)'))!;
    expect(wrong.output).toContain('refuted');
    expect(wrong.output).toContain('the sign is flipped');
    expect(wrong.output).toContain('counterexample');
    const carol = r.tests.find((t) => t.name.startsWith('carol.md'))!;
    expect(carol).toMatchObject({ score: 0, max_score: 0, status: 'failed' });
    expect(carol.output).toMatch(/timed out.*grade this answer by hand/);
    expect(r.output).toContain('line 12: unknown command');
    expect(r.extra_data).toEqual({ derivation: 'mle-kl', answers: 3 });
  });

  test('a single answer (the autograder case) names its tests by step only', () => {
    const one = gradescopeResults([CLASS[0]], {});
    expect(one.tests.map((t) => [t.name, t.number])).toEqual([['step 1 (line 3)', '1'], ['step 2 (line 5)', '2']]);
    expect(one.score).toBe(2);
    expect(one.output).toBe('2 of 2 steps verified');
  });
});
