/**
 * The labelled corpus (issue 9): answers written in several student styles
 * across the seven GAN derivations, every step labelled by line, by hand, in
 * tests/corpus/verify/<answer>.js. Each label is first verified independently
 * of Rederive by that script (plain JavaScript evaluating both lines of the
 * step at random concrete instances, lib.js); then Rederive checks the answer
 * and the figures are stated: wrong steps caught, correct steps refuted,
 * correct steps undecided, lines unread. `CORPUS_REPORT=1 npx jest
 * tests/corpus` prints every step that Rederive does not get right.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkAnswerFile } from '../../src/answers/check';
import type { AnswerReport } from '../../src/answers/types';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { verify } = require('./verify/lib.js') as { verify(spec: Spec): Record<string, string> };

interface Spec { answer: string; derivation?: string; style: string; labels: Record<string, 'ok' | 'wrong'> }

const ROOT = path.join(__dirname, '..', '..');
const DIR = path.join(__dirname, 'verify');
const specs: Spec[] = fs.readdirSync(DIR).filter((f) => f !== 'lib.js' && f.endsWith('.js')).sort().map((f) => require(path.join(DIR, f)) as Spec);
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };
const reports = new Map<string, AnswerReport>();
const report = (s: Spec) => {
  if (!reports.has(s.answer)) reports.set(s.answer, checkAnswerFile(path.join(__dirname, 'answers', s.answer), { ...opts, derivation: s.derivation }));
  return reports.get(s.answer)!;
};

describe('the corpus', () => {
  test('at least 40 answers across the seven derivations, half of them Markdown with prose, in at least eight styles, mistakes in about half', () => {
    expect(specs.length).toBeGreaterThanOrEqual(40);
    const md = specs.filter((s) => s.answer.endsWith('.md') && /[A-Za-z]{4,} [a-z]{3,}/.test(fs.readFileSync(path.join(__dirname, 'answers', s.answer), 'utf8').replace(/\$[^$]*\$/g, '')));
    expect(md.length * 2).toBeGreaterThanOrEqual(specs.length);
    expect(new Set(specs.map((s) => s.style)).size).toBeGreaterThanOrEqual(8);
    const withMistakes = specs.filter((s) => Object.values(s.labels).includes('wrong'));
    expect(withMistakes.length).toBeGreaterThanOrEqual(specs.length * 0.4);
    expect(withMistakes.every((s) => Object.values(s.labels).filter((v) => v === 'wrong').length <= 2)).toBe(true);
    expect(new Set(specs.map((s) => s.answer.replace(/-\d+\..*$/, ''))).size).toBe(7);
  });

  test.each(specs.map((s) => [s.answer, s] as const))('%s: every label verified independently of Rederive', (_, s) => {
    expect(verify(s as never)).toEqual(s.labels);
  });

  test('the figures: what Rederive makes of the labelled steps', () => {
    const f = { answers: specs.length, wrong: 0, caught: 0, correct: 0, refuted: 0, undecided: 0, unreadLines: 0 };
    const misses: string[] = [];
    for (const s of specs) {
      const r = report(s);
      for (const [line, label] of Object.entries(s.labels)) {
        const st = r.steps.filter((x) => String(x.line) === line).pop();
        const v = st?.verdict ?? 'not a step';
        if (label === 'wrong') {
          f.wrong++;
          if (v === 'refuted') f.caught++;
          else misses.push(`${s.answer}:${line} wrong, but ${v}`);
        } else {
          f.correct++;
          if (v === 'refuted') { f.refuted++; misses.push(`${s.answer}:${line} correct, but refuted: ${st?.diagnosis?.message ?? ''}`); }
          else if (v !== 'proved' && v !== 'numeric') { f.undecided++; misses.push(`${s.answer}:${line} correct, but ${v}: ${st?.message ?? ''}`); }
        }
      }
      const unread = new Set(r.unread.map((u) => u.line));
      f.unreadLines += unread.size;
      for (const u of r.unread) misses.push(`${s.answer}:${u.line} unread: ${u.reason}`);
    }
    if (process.env.CORPUS_REPORT) console.log(`${JSON.stringify(f)}\n${misses.join('\n')}`);
    expect(f).toEqual(FIGURES);
  });
});

/** The figures as measured (update with the numbers CORPUS_REPORT=1 prints, and say why in the commit). */
const FIGURES = { answers: 49, wrong: 20, caught: 20, correct: 110, refuted: 0, undecided: 1, unreadLines: 0 };
