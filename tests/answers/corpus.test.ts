/**
 * The answer corpus: every answer in tests/fixtures/answers is checked and
 * every step's verdict (and a refuted step's diagnosis class) compared with
 * labels.yaml; every line that cannot be read is listed there too. The
 * corpus covers the seven derivations and every diagnosis class; the last
 * test states the corpus's figures (wrong steps caught, correct steps
 * flagged, lines not read) so a change in any of them is seen.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { checkAnswerFile } from '../../src/answers/check';
import type { AnswerReport } from '../../src/answers/types';

const DIR = path.join(__dirname, '..', 'fixtures', 'answers');
const ROOT = path.join(__dirname, '..', '..');
type Labels = Record<string, { derivation?: string; steps: Record<string, string>; unread: number[] }>;
const labels = parse(fs.readFileSync(path.join(DIR, 'labels.yaml'), 'utf8')) as Labels;
const files = fs.readdirSync(DIR).filter((f) => /\.(md|tex)$/.test(f)).sort();
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };

const reports = new Map<string, AnswerReport>();
function report(f: string): AnswerReport {
  if (!reports.has(f)) reports.set(f, checkAnswerFile(path.join(DIR, f), { ...opts, derivation: labels[f].derivation }));
  return reports.get(f)!;
}

/** A step's label: `ok` for proved or numeric, `refuted <class>`, or the verdict. */
function verdictOf(s: AnswerReport['steps'][number]): string {
  if (s.verdict === 'proved' || s.verdict === 'numeric') return 'ok';
  return s.verdict === 'refuted' ? `refuted ${s.diagnosis?.class ?? '(no diagnosis)'}` : s.verdict;
}

/** Steps by label key: the line, or line:column where a line holds more than one step. */
function keyed(r: AnswerReport): Record<string, string> {
  const perLine = new Map<number, number>();
  for (const s of r.steps) perLine.set(s.line, (perLine.get(s.line) ?? 0) + 1);
  return Object.fromEntries(r.steps.map((s) => [perLine.get(s.line)! > 1 ? `${s.line}:${s.column}` : String(s.line), verdictOf(s)]));
}

describe('the answer corpus', () => {
  test('every answer has labels, every label an answer', () => {
    expect(Object.keys(labels).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  test.each(files)('%s: every step as labelled', (f) => {
    const want = Object.fromEntries(Object.entries(labels[f].steps).map(([k, v]) => [String(k), v]));
    expect(keyed(report(f))).toEqual(want);
  });

  test.each(files)('%s: the lines not read', (f) => {
    expect([...new Set(report(f).unread.map((u) => u.line))]).toEqual(labels[f].unread);
  });

  test('covers the seven derivations and every diagnosis class', () => {
    const used = new Set(files.flatMap((f) => report(f).chains.map((c) => (c.context ?? '').match(/(?:derivation |with )([a-z-]+)/)?.[1]).filter(Boolean)));
    expect([...used].sort()).toEqual(expect.arrayContaining(['conditional-gaussian-logit', 'gaussian-kl', 'generator-loss-kl', 'gradient-saturation', 'mle-kl', 'optimal-discriminator', 'optimal-logit']));
    const classes = new Set(files.flatMap((f) => Object.values(labels[f].steps)).filter((v) => v.startsWith('refuted ')).map((v) => v.slice(8)));
    expect([...classes].sort()).toEqual(['densities-swapped', 'expectation-of-function', 'factor', 'hypothesis-not-stated', 'inner-derivative-forgotten', 'kl-swapped',
      'ratio-inverted', 'sign-flipped', 'term-added', 'term-dropped', 'theta-free-term-dropped', 'wrong-limit']);
  });

  test('the figures: every wrong step caught, no correct step flagged', () => {
    let wrong = 0, caught = 0, correct = 0, flagged = 0, unread = 0;
    for (const f of files) {
      const got = keyed(report(f));
      for (const [k, v] of Object.entries(labels[f].steps)) {
        if (v.startsWith('refuted')) {
          wrong++;
          if (got[String(k)]?.startsWith('refuted')) caught++;
        } else if (v === 'ok') {
          correct++;
          if (got[String(k)] !== 'ok') flagged++;
        }
      }
      unread += new Set(report(f).unread.map((u) => u.line)).size;
    }
    expect({ wrong, caught, correct, flagged, unread }).toEqual({ wrong: 16, caught: 16, correct: 59, flagged: 0, unread: 5 });
  });
});
