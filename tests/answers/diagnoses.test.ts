/**
 * Diagnoses that are true: each class matches what happened, and a suggested
 * correction ("this line plus X would be right") is printed only after the
 * corrected line has been checked. Bound variables print apart from free ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkAnswerText } from '../../src/answers/check';

const ROOT = path.join(__dirname, '..', '..');
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };
const r = checkAnswerText(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'diagnoses.md'), 'utf8'), 'diagnoses.md', opts);
const at = (line: number) => r.steps.find((s) => s.line === line)!;

describe('diagnoses that are true', () => {
  test('a wrong constant is an arithmetic slip, not a dropped θ-free term', () => {
    expect(at(3).diagnosis).toMatchObject({ class: 'arithmetic', message: expect.stringContaining('this line plus $-\\log(2)$ would be right') });
  });

  test('a dropped factor ½ on one term is a factor', () => {
    expect(at(7).diagnosis?.class).toBe('factor');
  });

  test('a wrong Gaussian moment is named', () => {
    expect(at(11).diagnosis).toMatchObject({ class: 'gaussian-moment', message: expect.stringContaining('plus $s^{2}$') });
  });

  test('log E[X] for E[log X] is named Jensen', () => {
    expect(at(15).diagnosis).toMatchObject({ class: 'expectation-of-function', message: expect.stringContaining('Jensen') });
  });

  test('a missing term is printed with its bound variable apart from the free one', () => {
    const m = at(23).diagnosis!;
    expect(m.class).toBe('term-dropped');
    expect(m.message).toContain('z \\sim');
    expect(m.message).not.toContain('x \\sim');
  });

  test('every printed correction checks: the corrected line is equal to the line before', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'diagnoses.md'), 'utf8').split('\n');
    const fixed = r.steps.filter((x) => x.line > 1 && /would be right/.test(x.diagnosis?.message ?? ''));
    expect(fixed.map((x) => x.line)).toEqual([3, 11, 23]);
    for (const s of fixed) {
      const fix = /this line plus \$(.*)\$ would be right/.exec(s.diagnosis!.message)![1];
      const before = text[s.line - 3].replace(/^\$\$[^=]*=/, '').replace(/\$\$$/, '');
      const line = text[s.line - 1].replace(/^\$\$=/, '').replace(/\$\$$/, '');
      const again = checkAnswerText(`$$${before}$$\n$$= ${line} + (${fix})$$`, 'fix.md', opts);
      expect(again.steps[again.steps.length - 1].verdict).toMatch(/proved|numeric/);
    }
  });
});
