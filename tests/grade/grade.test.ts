/**
 * Grading a folder: the worker pool keeps the input order, and a looping,
 * crashing, throwing or unreadable answer is reported while the rest of the
 * batch completes; `rederive grade` writes CSV, JSON or results.json and
 * exits 0 whatever the students' results, 2 for a folder that is missing or
 * holds no answer. The checker here is the stand-in in stand-in-check.js
 * (same signature as checkAnswerFile), so these tests do not depend on what
 * the real checker makes of an answer.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli } from '../helpers/private-cli';
import { gradeFiles } from '../../src/answers/pool';
import { grade, answerFiles, GradeArgs } from '../../src/cli/grade';
import { generateAnswers } from '../../src/bench/answers';
import { CSV_COLUMNS } from '../../src/emit/grade-csv';

const STAND_IN = path.join(__dirname, 'stand-in-check.js');
let cli: PrivateCli;
let workerScript: string;

afterAll(removeTemporaryDirs);

beforeAll(() => {
  cli = privateCli();
  workerScript = path.join(cli.root, 'dist', 'answers', 'worker.js');
  // workers started in this process grade with a rubric, which loads the engine: let the private dist/ find its dependencies
  fs.symlinkSync(path.join(__dirname, '..', '..', 'node_modules'), path.join(cli.root, 'node_modules'), 'dir');
});

/** A folder with these files (name → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = tmpDir('rederive-grade-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const GOOD = '$$L(\\theta)$$\n\n$$= a$$\n\n$$= b$$\n';
const WRONG = '$$L(\\theta)$$\n\n$$= a$$\n\n$$= b$$ % wrong\n';

describe('the pool', () => {
  test('results keep the input order whatever order the workers finish in', async () => {
    const dir = folder({
      'a.md': `${GOOD}% stand-in: sleep 600\n`,
      'b.md': `${GOOD}% stand-in: sleep 300\n`,
      'c.md': WRONG,
      'd.md': GOOD,
      'e.md': `${GOOD}% stand-in: sleep 100\n`,
    });
    const finished: number[] = [];
    const files = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md'].map((f) => path.join(dir, f));
    const results = await gradeFiles(files, { derivation: 'mle-kl' }, { workers: 2, checker: STAND_IN, workerScript, onResult: (_r, i) => finished.push(i) });
    expect(results.map((r) => r.file)).toEqual(files);
    expect(results.map((r) => r.status)).toEqual(['checked', 'checked', 'checked', 'checked', 'checked']);
    expect(results[2].report!.summary.refuted).toBe(1);
    expect(finished).not.toEqual([0, 1, 2, 3, 4]); // the slow first answer finished after others
  });

  test('a looping answer times out, its worker is replaced, and the rest of the batch completes', async () => {
    const dir = folder({ '1.md': GOOD, '2.md': '% stand-in: loop\n', '3.md': WRONG, '4.md': '% stand-in: loop\n', '5.md': GOOD, '6.md': GOOD });
    const files = ['1.md', '2.md', '3.md', '4.md', '5.md', '6.md'].map((f) => path.join(dir, f));
    const t0 = Date.now();
    const results = await gradeFiles(files, {}, { workers: 2, timeoutMs: 400, checker: STAND_IN, workerScript });
    expect(results.map((r) => r.status)).toEqual(['checked', 'timeout', 'checked', 'timeout', 'checked', 'checked']);
    expect(results[1].message).toBe('no result within 400 ms: stopped');
    expect(results[2].report!.summary.refuted).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15000);
  });

  test('a checker that throws, a worker that exits or runs out of memory, and unreadable files are reported; the batch goes on', async () => {
    const dir = folder({
      'a.md': '% stand-in: throw\n',
      'b.md': '% stand-in: exit\n',
      'c.md': GOOD,
      'd.md': Buffer.from([0x24, 0x24, 0x00, 0xff, 0x24, 0x24]),
      'e.md': 'x'.repeat(3000),
      'f.md': '% stand-in: oom\n',
      'h.md': GOOD,
    });
    fs.mkdirSync(path.join(dir, 'g.md'));
    const files = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md', 'g.md', 'missing.md', 'h.md'].map((f) => path.join(dir, f));
    const results = await gradeFiles(files, {}, { workers: 2, maxBytes: 2048, memoryMb: 48, checker: STAND_IN, workerScript });
    const got = results.map((r) => [path.basename(r.file), r.status, r.message]);
    expect(got).toEqual([
      ['a.md', 'error', 'stand-in: the checker threw'],
      ['b.md', 'crashed', 'the worker stopped (exit code 3)'],
      ['c.md', 'checked', undefined],
      ['d.md', 'unreadable', 'a binary file, not text'],
      ['e.md', 'unreadable', '3 KiB, larger than the 2 KiB an answer may have'],
      ['f.md', 'crashed', 'ran out of memory (the limit is 48 MiB)'],
      ['g.md', 'unreadable', 'not a regular file'],
      ['missing.md', 'unreadable', 'no such file'],
      ['h.md', 'checked', undefined],
    ]);
  });

  test('a checker that cannot be loaded fails the batch at once', async () => {
    const dir = folder({ 'a.md': GOOD });
    await expect(gradeFiles([path.join(dir, 'a.md')], {}, { checker: path.join(dir, 'no-such-checker.js'), workerScript }))
      .rejects.toThrow(/cannot start a grading worker/);
  });
});

describe('rederive grade', () => {
  const args = (dir: string, extra: Partial<GradeArgs> = {}): GradeArgs => ({
    dir, derivation: 'mle-kl', format: 'csv', recursive: false, timeout: 2, quiet: true,
    derivations: 'derivations', rules: 'rules', seed: 1, checker: STAND_IN, workerScript, ...extra,
  });

  test('the answers are the *.tex and *.md files, sorted by name with numbers in order; sub-folders with --recursive', () => {
    const dir = folder({ 'student-10.md': GOOD, 'student-2.tex': GOOD, 'student-1.md': GOOD, 'notes.txt': '', '.hidden.md': GOOD, 'late/student-3.md': GOOD });
    expect(answerFiles(dir, false)).toEqual(['student-1.md', 'student-2.tex', 'student-10.md']);
    expect(answerFiles(dir, true)).toEqual([path.join('late', 'student-3.md'), 'student-1.md', 'student-2.tex', 'student-10.md']);
  });

  test('CSV, JSON and results.json, exit 0 with wrong steps and a timed-out answer', async () => {
    const dir = folder({ 'alice.md': GOOD, 'bob.md': WRONG, 'carl.md': '% stand-in: loop\n', 'dana.tex': GOOD });
    const out = tmpDir('rederive-grade-out-');
    const csv = path.join(out, 'grades.csv');
    expect(await grade(args(dir, { out: csv, timeout: 6 }))).toBe(0);
    const lines = fs.readFileSync(csv, 'utf8').split('\r\n');
    // contexts/rubric.yaml grades mle-kl as problem 3(d): 10 points, 4 for the result, 2 off per wrong step; the stand-in's
    // last line (b) is read as a constant the student introduced (an assumption the TA sees), and the engine checks that it
    // is not mle-kl's result: 4 off for every checked answer
    expect(lines[0].split(',').slice(0, 5)).toEqual(['file', 'status', 'score', 'max_score', 'steps']);
    expect(lines[0].split(',').pop()).toBe('3(d)');
    expect(lines.slice(1, 5).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['alice.md,checked,6,10,2', 'bob.md,checked,4,10,2', 'carl.md,timeout,,,', 'dana.tex,checked,6,10,2']);

    const json = path.join(out, 'grades.json');
    expect(await grade(args(dir, { format: 'json', out: json, timeout: 6 }))).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(j.summary).toMatchObject({ answers: 4, checked: 3, allVerified: 2, withRefuted: 1, timeout: 1 });

    const results = path.join(out, 'autograder', 'results.json');
    expect(await grade(args(dir, { format: 'gradescope', out: results, timeout: 6 }))).toBe(0);
    const g = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect(g.tests.map((t: { name: string; score: number; max_score: number }) => [t.name, t.score, t.max_score])).toEqual([
      ['alice.md: Problem 3(d) (mle-kl)', 6, 10], ['bob.md: Problem 3(d) (mle-kl)', 4, 10], ['carl.md: answer not graded', 0, 0], ['dana.tex: Problem 3(d) (mle-kl)', 6, 10],
    ]);
    expect(g.score).toBe(16);
    expect(fs.readdirSync(path.dirname(results))).toEqual(['results.json']); // no temporary file left behind
  });

  test('a folder that does not exist, holds no answer, or an unknown derivation: exit 2 with a clear message', () => {
    const empty = tmpDir('rederive-grade-empty-');
    const onlyText = folder({ 'readme.txt': 'x' });
    const some = folder({ 'a.md': GOOD });
    const badRubric = path.join(folder({ 'rubric.yaml': 'problems:\n  "1":\n    point: 3\n    derivation: mle-kl\n' }), 'rubric.yaml');
    const unknownDerivation = path.join(folder({ 'rubric.yaml': 'problems:\n  "2": { derivation: mle-k }\n' }), 'rubric.yaml');
    const cases: [string[], RegExp][] = [
      [['grade', path.join(empty, 'nope'), '--derivation', 'mle-kl'], /no such folder: .*nope/],
      [['grade', empty, '--derivation', 'mle-kl'], /no answers \(\*\.tex, \*\.md\) in .*--recursive/],
      [['grade', onlyText, '--derivation', 'mle-kl'], /no answers/],
      [['grade', some, '--derivation', 'no-such-thing'], /no derivation "no-such-thing" \(have: .*mle-kl/],
      [['grade', some, '--derivation', 'mle-kl', '--timeout', '0'], /--timeout must be a positive number/],
      [['grade', some, '--derivation', 'mle-kl', '--format', 'xml'], /Invalid values/],
      [['grade', some, '--rubric', path.join(empty, 'none.yaml')], /no such rubric file: .*none\.yaml/],
      [['grade', some, '--rubric', badRubric], /rubric\.yaml:3:5: unknown key "point" in problem 1; did you mean "points"\?/],
      [['grade', some, '--rubric', unknownDerivation], /rubric\.yaml:2:3: problem 2: no derivation "mle-k" \(did you mean "mle-kl"\?\)/],
    ];
    for (const [argv, message] of cases) {
      const r = cli.run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });

  test('the command is listed in --help', () => {
    const r = cli.run(['grade', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--timeout');
    expect(r.out).toContain('gradescope');
  });
});

describe('rederive grade with the real checker', () => {
  test('generated answers: a CSV that puts every planted mistake at its line, and a results.json with a test per answer', () => {
    const dir = tmpDir('rederive-grade-class-');
    const answers = generateAnswers({ derivation: 'mle-kl', count: 12, dir, seed: 11 });
    const csv = path.join(tmpDir('rederive-grade-out-'), 'grades.csv');
    const r = cli.run(['grade', dir, '--derivation', 'mle-kl', '--out', csv]);
    expect(r.err).toMatch(/graded 12 answers in [\d.]+ s \([\d.]+ answers\/s, \d+ workers?\)/);
    expect(r.code).toBe(0);
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
    const col = (row: string[], c: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(c)];
    expect(rows.map((row) => col(row, 'file'))).toEqual(answers.map((a) => path.basename(a.file)));
    answers.forEach((a, i) => {
      expect([path.basename(a.file), col(rows[i], 'status')]).toEqual([path.basename(a.file), 'checked']);
      if (a.mistake) expect([path.basename(a.file), col(rows[i], 'first_wrong_line')]).toEqual([path.basename(a.file), String(a.mistake.line)]);
      else expect([path.basename(a.file), col(rows[i], 'refuted'), col(rows[i], 'verified')]).toEqual([path.basename(a.file), '0', col(rows[i], 'steps')]);
    });

    const results = path.join(path.dirname(csv), 'results.json');
    expect(cli.run(['grade', dir, '--derivation', 'mle-kl', '--format', 'gradescope', '--out', results, '--quiet']).code).toBe(0);
    const g = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect(g.tests).toHaveLength(answers.length); // one problem each: mle-kl
    for (const t of g.tests) expect(t.max_score).toBe(10);
    expect(g.score).toBe(rows.reduce((n, row) => n + Number(col(row, 'score')), 0));
    // an answer without a mistake loses nothing; one with a planted mistake loses at least the wrong step's 2 points
    answers.forEach((a, i) => expect([path.basename(a.file), a.mistake ? Number(col(rows[i], 'score')) <= 8 : col(rows[i], 'score')]).toEqual([path.basename(a.file), a.mistake ? true : '10']));
  });
});
