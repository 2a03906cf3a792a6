/**
 * A real student's answer (transcribed from handwriting, kept outside the
 * repository: /work/shared/examples/student-solution.md, or
 * ../shared/examples/student-solution.md from the repository root in CI).
 * Nothing of it is copied here: the test reads it where it exists and checks
 * what the checker says about it — the two wrong lines of 3(d), the unstated
 * hypothesis of 4(a), no correct step of 2(a), 3(a), 3(b), 3(c) or 5(a)
 * flagged, and every line it could not read listed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkAnswerFile } from '../../src/answers/check';
import type { AnswerReport } from '../../src/answers/types';

const ROOT = path.join(__dirname, '..', '..');
const FILE = [path.join(ROOT, '..', 'shared', 'examples', 'student-solution.md'), '/work/shared/examples/student-solution.md'].find((f) => fs.existsSync(f));
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };

(FILE ? describe : describe.skip)(`the student's solution (${FILE ?? 'not present'})`, () => {
  let r: AnswerReport;
  beforeAll(() => {
    r = checkAnswerFile(FILE!, opts);
  });
  const flagged = (s: AnswerReport['steps'][number]) => s.verdict !== 'proved' && s.verdict !== 'numeric';

  test('3(d): the = that should be \\doteq_\\theta, and the wrong line after it, are flagged once each', () => {
    const d = r.steps.filter((s) => s.label === '3(d)' && flagged(s));
    expect(d.map((s) => [s.line, s.verdict])).toEqual([[124, 'refuted'], [128, 'refuted']]);
    expect(d[0].diagnosis?.class).toBe('theta-free-term-dropped');
    expect(d[1].diagnosis?.class).not.toBe('not-equal');
    // the line after the second mistake restates the last line that checked: back on track, not a second flag
    expect(r.steps.find((s) => s.line === 133)?.notes?.join(' ')).toContain('back on track');
  });

  test('4(a): the dropped term is valid only given equal class marginals, which is named; the exercise\'s Gaussians are givens', () => {
    const f = r.steps.filter((x) => x.label === '4(a)' && flagged(x));
    expect(f.map((s) => [s.line, s.diagnosis?.class])).toEqual([[149, 'hypothesis-not-stated']]);
    expect(f[0].diagnosis?.message).toContain('equal-class-marginals');
    expect(f[0].diagnosis?.message).toContain('p_\\theta(y) = p_{data}(y)');
    expect(r.givens?.map((g) => [g.name, g.lines])).toEqual([['data-gaussian', [151]], ['model-gaussian', [151]]]);
  });

  test('no other flag anywhere in the file', () => {
    expect(r.steps.filter(flagged).map((s) => s.line)).toEqual([124, 128, 149]);
    expect(r.engine).toEqual([]);
  });

  test('no correct step of 2(a), 3(a), 3(b), 3(c) and 5(a) is flagged', () => {
    // 5(a) is transcribed with the label "S(a)": the section checked with gaussian-kl's definitions
    const five = r.chains.filter((c) => /gaussian-kl/.test(c.context ?? '') && /\(a\)$/.test(c.label ?? '')).map((c) => c.index);
    expect(five.length).toBeGreaterThan(0);
    const sections = r.steps.filter((s) => ['2(a)', '3(a)', '3(b)', '3(c)'].includes(s.label ?? '') || five.includes(s.chain));
    expect(sections.length).toBeGreaterThan(40);
    expect(sections.filter(flagged).map((s) => `${s.line}: ${s.verdict} ${s.message ?? s.diagnosis?.message ?? ''}`)).toEqual([]);
  });

  test('the hypotheses the student states in prose are in force', () => {
    expect(r.stated?.map((h) => [h.line, h.name])).toEqual([[85, 'optimal-discriminator'], [112, 'optimal-discriminator'], [204, 'means-apart']]);
  });

  test('every line it could not read is listed, with its column and reason', () => {
    // only the arrows drawn beside the mathematics: every line of mathematics is read
    expect(r.unread.map((u) => u.line)).toEqual([24, 75, 130]);
    for (const u of r.unread) expect(u.reason).toContain('a mark drawn beside the mathematics');
  });

  test('names of the student\'s own are assumptions the TA sees, not errors', () => {
    expect(r.assumptions?.map((a) => a.line)).toEqual(expect.arrayContaining([122, 199]));
    expect(r.steps.some((s) => s.verdict === 'error')).toBe(false);
  });
});
