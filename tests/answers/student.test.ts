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

  test('3(d): the = that should be \\doteq_\\theta, and the line after it, are flagged', () => {
    const d = r.steps.filter((s) => s.label === '3(d)' && s.verdict === 'refuted');
    expect(d.slice(0, 2).map((s) => [s.line, s.diagnosis?.class])).toEqual([[124, 'theta-free-term-dropped'], [128, d[1].diagnosis?.class]]);
    expect(d[1].diagnosis?.class).not.toBe('not-equal');
  });

  test('4(a): the dropped term is valid only given equal class marginals, which is named', () => {
    const s = r.steps.find((x) => x.label === '4(a)' && x.verdict === 'refuted')!;
    expect([s.line, s.diagnosis?.class]).toEqual([149, 'hypothesis-not-stated']);
    expect(s.diagnosis?.message).toContain('equal-class-marginals');
    expect(s.diagnosis?.message).toContain('p_\\theta(y) = p_{data}(y)');
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
    expect(r.unread.map((u) => u.line)).toEqual([24, 75, 122, 130, 199]);
    for (const u of r.unread) expect(u.reason.length).toBeGreaterThan(10);
    expect(r.unread.find((u) => u.line === 122)).toMatchObject({ column: 16, reason: expect.stringContaining('\\mathcal{L}') });
  });
});
