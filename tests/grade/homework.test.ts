/**
 * Grading whole homeworks with a rubric: the rubric file (its defaults, its
 * labels, its mistakes at file:line:column), the split of an answer into
 * problems by its labels, the checked "reached the result" test, and
 * `rederive grade` on a folder of three students' homeworks (three problems,
 * Markdown and LaTeX, written for this test) writing a score per problem to
 * CSV and Gradescope: an answer that stops early loses that problem's result
 * points, a wrong step costs the rubric's points, an unread line costs
 * nothing and is listed for a human, and a missing problem scores 0.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli } from '../helpers/private-cli';
import { loadRubric, problemFor, problemKey, checkRubric, courseProblems, withCourseProblems } from '../../src/answers/rubric';
import { splitProblems, problemText, allPieces } from '../../src/answers/problems';
import { gradeAnswerText } from '../../src/answers/homework';
import { resultChain, resultTarget } from '../../src/answers/result';
import { checkAnswerText } from '../../src/answers/check';
import { loadDerivations } from '../../src/answers/context';
import { SourceError } from '../../src/parse/error';
import { CSV_COLUMNS } from '../../src/emit/grade-csv';

const FIXTURES = path.join(__dirname, '..', '..', 'examples', 'homework');
afterAll(removeTemporaryDirs);

describe('the rubric file', () => {
  test('defaults fill what a problem does not say; labels are read as students write them', () => {
    const r = loadRubric('defaults:\n  points: 6\n  wrong-step: 1\nproblems:\n  "Problem 1": { derivation: mle-kl }\n  3(b): { derivation: generator-loss-kl, result: false }\n  "3": { derivation: optimal-discriminator, points: 12, result: 5 }\n', 'r.yaml');
    expect(r.problems.map((p) => [p.key, p.derivation, p.points, p.result, p.wrongStep])).toEqual([
      ['1', 'mle-kl', 6, 4, 1], ['3(b)', 'generator-loss-kl', 6, 0, 1], ['3', 'optimal-discriminator', 12, 5, 1],
    ]);
    expect(problemKey('Q 3 (b)')).toBe('3(b)');
    expect(problemKey('3 b)')).toBe('3(b)');
    expect(problemFor(r, 'Problem 3(b)')?.derivation).toBe('generator-loss-kl'); // the most specific key
    expect(problemFor(r, '3(a)')?.derivation).toBe('optimal-discriminator'); // else the problem
    expect(problemFor(r, '4')).toBeUndefined();
  });

  test('a mistake is reported at its line and column', () => {
    const cases: [string, RegExp][] = [
      ['problems:\n  "1": { derivation: mle-kl, point: 3 }\n', /^r\.yaml:2:30: unknown key "point" in problem 1; did you mean "points"\?/],
      ['problems:\n  "1": { derivation: mle-kl, points: -1 }\n', /^r\.yaml:2:38: points must be a number of points, 0 or more/],
      ['problems:\n  "1": { derivation: mle-kl, points: 3, result: 4 }\n', /^r\.yaml:2:49: problem 1: result \(4\) is more than its points \(3\)/],
      ['problems:\n  "one": { derivation: mle-kl }\n', /^r\.yaml:2:3: "one" is not a problem label/],
      ['problems:\n  "1": { derivation: mle-kl }\n  "Problem 1": { derivation: mle-kl }\n', /^r\.yaml:3:3: problem 1 is in the rubric twice/],
      ['defaults: { point: 3 }\n', /^r\.yaml:1:13: unknown key "point" in defaults; did you mean "points"\?/],
      ['problems: [1, 2]\n', /^r\.yaml:1:11: problems is a mapping/],
    ];
    for (const [text, message] of cases) {
      let err: unknown;
      try {
        loadRubric(text, 'r.yaml');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SourceError);
      expect({ text, message: (err as Error).message }).toEqual({ text, message: expect.stringMatching(message) });
    }
  });

  test('derivation ids and result chains are checked against the derivations, with the rubric line', () => {
    const ds = loadDerivations('derivations', 'rules');
    expect(() => checkRubric(loadRubric('problems:\n  "2": { derivation: mle-k }\n', 'r.yaml'), ds)).toThrow(/^r\.yaml:2:3: problem 2: no derivation "mle-k" \(did you mean "mle-kl"\?\)/);
    expect(() => checkRubric(loadRubric('problems:\n  "2": { derivation: optimal-discriminator, result-chain: stationary }\n', 'r.yaml'), ds)).toThrow(/has no chain "stationary" \(its chains: the loss as an integral, .*the stationary point/);
    const problem = (d: (typeof ds)[number], chain?: string) => {
      try {
        resultTarget(d, chain);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(() => checkRubric(loadRubric(fs.readFileSync(path.join('contexts', 'rubric.yaml'), 'utf8'), 'contexts/rubric.yaml'), ds, problem)).not.toThrow();
  });

  test('problem labels the course file maps need not be repeated; the two files must not disagree', () => {
    const course = courseProblems('aliases: {}\nproblems:\n  3(a): optimal-discriminator\n  3(d): mle-kl\n', 'course.yaml');
    const r = withCourseProblems(loadRubric('defaults: { points: 5 }\nproblems:\n  3(a): { result-chain: the stationary point }\n', 'r.yaml'), course);
    expect(r.problems.map((p) => [p.key, p.derivation, p.points, p.resultChain])).toEqual([['3(a)', 'optimal-discriminator', 5, 'the stationary point']]);
    // a rubric without problems (rederive init's) grades the course's labels with its defaults
    const all = withCourseProblems(loadRubric('defaults: { points: 5 }\n', 'r.yaml'), course);
    expect(all.problems.map((p) => [p.key, p.derivation, p.points])).toEqual([['3(a)', 'optimal-discriminator', 5], ['3(d)', 'mle-kl', 5]]);
    expect(() => withCourseProblems(loadRubric('problems:\n  3(d): { derivation: gaussian-kl }\n', 'r.yaml'), course))
      .toThrow(/^r\.yaml:2:3: problem 3\(d\) is graded against gaussian-kl, but course\.yaml:4:3 says problem 3\(d\) asks for mle-kl/);
    expect(() => withCourseProblems(loadRubric('problems:\n  "7": { points: 6 }\n', 'r.yaml'), course)).toThrow(/^r\.yaml:2:3: problem 7 needs a derivation/);
    expect(courseProblems('aliases: {}\n', 'course.yaml')).toEqual([]);
  });

  test("the result is the last line of the chain named main, else of the last chain that ends with a line to reach", () => {
    const ds = loadDerivations('derivations', 'rules');
    const byId = (id: string) => ds.find((d) => d.id === id)!;
    expect(resultChain(byId('mle-kl'))?.name).toBe('main'); // not its last chain, "KL is not symmetric"
    expect(resultChain(byId('optimal-discriminator'))?.name).toBe('the stationary point'); // its last chain ends with > 0
    // a chain that ends with an inequality states a fact: naming it as the result is a mistake in the rubric
    expect(() => resultTarget(byId('optimal-discriminator'), 'it is a minimum')).toThrow(/ends with a > step/);
    const problem = (d: (typeof ds)[number], chain?: string) => {
      try {
        resultTarget(d, chain);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(() => checkRubric(loadRubric('problems:\n  "2": { derivation: optimal-discriminator, result-chain: it is a minimum }\n', 'r.yaml'), ds, problem))
      .toThrow(/^r\.yaml:2:3: problem 2: the result of optimal-discriminator is the last line of its chain "it is a minimum", but it ends with a > step/);
    expect(() => checkRubric(loadRubric('problems:\n  "2": { derivation: optimal-discriminator, result-chain: it is a minimum, result: 0 }\n', 'r.yaml'), ds, problem)).not.toThrow();
  });
});

describe('an answer split into problems', () => {
  const text = [
    'Name: Dee', //                       1  before any label
    '## Problem 1', //                    2
    '$$a = b$$', //                       3
    '2(a)', //                            4
    '\\begin{align*}', //                 5
    'x &= y \\\\', //                     6
    '\\text{(b)} \\quad u &= v', //       7  a row label inside a display: continues 2
    '\\end{align*}', //                   8
    'Problem 1 again: $c = d$', //        9  not a label (the words come first)
  ].join('\n');

  test('labels start problems; (b) continues the number before it; a display may hold a label', () => {
    const s = splitProblems(text, 'dee.md');
    expect(s.sections.map((x) => [x.key, x.line])).toEqual([['1', 2], ['2(a)', 4], ['2(b)', 7]]);
    expect(s.unlabelledMath).toBe(false);
  });

  test("a problem's text keeps every line where it was and the displays' delimiters; the rest is blank", () => {
    const s = splitProblems(text, 'dee.md');
    const two = problemText(text, s.sections[2], allPieces(s)).split('\n');
    expect(two).toHaveLength(9);
    expect(two[4]).toBe('\\begin{align*}');
    expect(two[5].trim()).toBe('\\\\'); // the row of 2(a) blanked, its separator kept
    expect(two[6]).toBe('\\text{(b)} \\quad u &= v');
    expect(two[7]).toBe('\\end{align*}');
    expect([two[0], two[8]].map((l) => l.trim())).toEqual(['', '']);
    expect(two[2]).toBe('$$     $$'); // problem 1's display: emptied, delimiters kept
  });
});

describe('reaching the result is checked by the engine, not string-matched', () => {
  const rubric = loadRubric([
    'problems:',
    '  "1": { derivation: optimal-discriminator, result-chain: the stationary point }',
    '  "2": { derivation: generator-loss-kl }',
  ].join('\n'), 'r.yaml');
  const grade = (text: string) => gradeAnswerText(text, 'x.md', {}, { rubric }, checkAnswerText).problems.map((p) => [p.key, p.result.status, p.result.line]);

  test('the result in another, equal form is reached; a result that differs is not', () => {
    const head = 'Problem 1\n\n$$-\\frac{p_{data}(x)}{t} + \\frac{p_\\theta(x)}{1 - t} = 0$$\n\n';
    expect(grade(`${head}$$\\iff t = \\frac{1}{1 + \\frac{p_\\theta(x)}{p_{data}(x)}}$$\n`)).toEqual([['1', 'reached', 5]]);
    expect(grade(`${head}$$\\iff t = \\frac{p_\\theta(x)}{p_{data}(x) + p_\\theta(x)}$$\n`)).toEqual([['1', 'not-reached', 5]]);
  });

  test('a line equal to the result only once the givens and definitions are unfolded has not reached it', () => {
    // under D_phi = D^*, L_G equals KL(p_theta || p_data): the first line of a correct chain is not the result
    const stops = 'Problem 2\n\nWith $D_\\phi = D^*$:\n\n$$L_G(\\theta, \\phi) = \\mathbb{E}_{x \\sim p_\\theta}\\left[\\log\\frac{1 - D_\\phi(x)}{D_\\phi(x)}\\right]$$\n';
    expect(grade(stops)).toEqual([['2', 'not-reached', 5]]);
    const ends = `${stops}\n$$= \\mathbb{E}_{x \\sim p_\\theta}\\left[\\log p_\\theta(x) - \\log p_{data}(x)\\right]$$\n`;
    expect(grade(ends)).toEqual([['2', 'reached', 7]]);
  });
});

describe('a section the course file maps is graded as rederive check reads the whole file', () => {
  test('the same steps, lines and verdicts as the whole-file check, in one pass', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'class', 'ben.md'), 'utf8');
    const rubric = loadRubric('problems:\n  "1": { derivation: mle-kl }\n  "3": { derivation: generator-loss-kl }\n', 'r.yaml');
    let calls = 0;
    const counted = (t: string, f: string, o: object) => {
      calls++;
      return checkAnswerText(t, f, o);
    };
    const course = [{ key: '1', derivation: 'mle-kl' }, { key: '3', derivation: 'generator-loss-kl' }];
    const g = gradeAnswerText(text, 'ben.md', {}, { rubric, course }, counted);
    expect(calls).toBe(1);
    const whole = checkAnswerText(text, 'ben.md', {});
    const inSection = (label: string) => whole.steps.filter((s) => whole.chains.find((c) => c.index === s.chain)?.label?.endsWith(label)).map((s) => [s.line, s.verdict]);
    expect(g.problems.map((p) => [p.key, p.report.steps.map((s) => [s.line, s.verdict])])).toEqual([['1', inSection('1')], ['3', inSection('3')]]);
    expect(g.problems.map((p) => p.result.status)).toEqual(['not-reached', 'reached']);
    // without the course's mapping each problem is checked alone against its derivation
    calls = 0;
    const alone = gradeAnswerText(text, 'ben.md', {}, { rubric }, counted);
    expect(calls).toBe(2);
    expect(alone.problems.map((p) => p.result.status)).toEqual(['not-reached', 'reached']);
  });
});

describe('rederive grade on a folder of whole homeworks', () => {
  let cli: PrivateCli;
  beforeAll(() => {
    cli = privateCli();
  });

  const col = (row: string[], c: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(c)];

  test('CSV: a row per student, a column per problem, scores from the rubric', () => {
    const work = tmpDir('rederive-hw-');
    const out = path.join(work, 'grades.csv');
    const r = cli.run(['grade', path.join(FIXTURES, 'class'), '--rubric', path.join(FIXTURES, 'rubric.yaml'), '--out', out, '--reports', path.join(work, 'reports')]);
    expect(r.err).toMatch(/graded 3 answers .*mean score 21\.3 of 28/);
    expect(r.code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\r\n').map((l) => l.split(','));
    const n = CSV_COLUMNS.length;
    expect(rows[0].slice(n)).toEqual(['1', '2', '3']);
    const scores = rows.slice(1).map((row) => [col(row, 'file'), col(row, 'score'), col(row, 'max_score'), ...row.slice(n)]);
    expect(scores).toEqual([
      // every step right and every result reached
      ['ada.md', '28', '28', '10', '10', '8'],
      // problem 1 stops before the result: -4; problem 2 has a line the checker cannot read: nothing off
      ['ben.md', '24', '28', '6', '10', '8'],
      // problem 2 missing: 0; problem 3: a sign flipped on the last line (-3 for the step, -3 for the result)
      ['cara.tex', '12', '28', '10', '0', '2'],
    ]);
    const ben = rows[2];
    expect([col(ben, 'refuted'), col(ben, 'unread'), col(ben, 'needs_review')]).toEqual(['0', '1', '1']);
    const cara = rows[3];
    expect([col(cara, 'refuted'), col(cara, 'first_wrong_line'), col(cara, 'first_wrong_class')]).toEqual(['1', '18', 'sign-flipped']);

    // README's worked example shows these rows (a few of the columns): it must stay true
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /`grades\.csv`, a few of its columns:\n\n```\n([^`]*)```/.exec(readme)![1].trim().split('\n').map((l) => l.split(','));
    const header = rows[0];
    expect(shown.map((l, i) => l.map((_c, k) => rows[i][header.indexOf(shown[0][k])]))).toEqual(shown);

    // each student's page, in its own folder: the points per problem, then each problem opening with what cost points
    expect(fs.readdirSync(path.join(work, 'reports')).sort()).toEqual(['ada.html', 'ben.html', 'cara.html', 'katex']);
    const page = fs.readFileSync(path.join(work, 'reports', 'cara.html'), 'utf8');
    expect(page).toContain('<p class="lede">12 of 28 points</p>');
    expect(page).toMatch(/<a href="#p2-problem">Problem 2<\/a><\/td><td>0 \/ 10<\/td>/);
    expect(page).toMatch(/<li><a href="#p3-step-\d+">line 18<\/a>: sign flipped/);
    // the page opens with the homework's flagged steps, before the table of points
    expect(page.indexOf('<section class="flagged">')).toBeLessThan(page.indexOf('<table class="scores">'));
    expect(page).toMatch(/<li>Problem 3, <a href="#p3-step-\d+">line 18<\/a>: sign flipped/);
    expect(page).toContain('No answer to this problem was found');
    expect(page).toContain('href="katex/katex.min.css"');
  });

  test('Gradescope: one test per problem with the rubric\'s max_score, the step report in its output', () => {
    const out = path.join(tmpDir('rederive-hw-'), 'results.json');
    const r = cli.run(['grade', path.join(FIXTURES, 'class'), '--rubric', path.join(FIXTURES, 'rubric.yaml'), '--format', 'gradescope', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const g = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(g.tests.map((t: { name: string; number: string; score: number; max_score: number }) => [t.name, t.number, t.score, t.max_score])).toEqual([
      ['ada.md: Problem 1 (mle-kl)', '1.1', 10, 10], ['ada.md: Problem 2 (optimal-discriminator)', '1.2', 10, 10], ['ada.md: Problem 3 (generator-loss-kl)', '1.3', 8, 8],
      ['ben.md: Problem 1 (mle-kl)', '2.1', 6, 10], ['ben.md: Problem 2 (optimal-discriminator)', '2.2', 10, 10], ['ben.md: Problem 3 (generator-loss-kl)', '2.3', 8, 8],
      ['cara.tex: Problem 1 (mle-kl)', '3.1', 10, 10], ['cara.tex: Problem 2 (optimal-discriminator)', '3.2', 0, 10], ['cara.tex: Problem 3 (generator-loss-kl)', '3.3', 2, 8],
    ]);
    expect(g.score).toBe(64);
    const out3 = (name: string) => g.tests.find((t: { name: string }) => t.name === name).output as string;
    expect(out3('ben.md: Problem 1 (mle-kl)')).toMatch(/result: not reached.*\n-4: the answer does not reach the result/);
    expect(out3('ben.md: Problem 2 (optimal-discriminator)')).toMatch(/needs a human look \(costs nothing\):\n {2}line 25: line not read/);
    expect(out3('cara.tex: Problem 3 (generator-loss-kl)')).toContain('-3: line 18: sign flipped');
    expect(out3('cara.tex: Problem 3 (generator-loss-kl)')).toContain('✗ line 18:');
    expect(out3('cara.tex: Problem 2 (optimal-discriminator)')).toContain('no answer to this problem');
  });
});
