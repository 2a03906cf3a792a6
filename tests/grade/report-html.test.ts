/**
 * The answer page a student reads: it opens with the flagged steps (line,
 * the diagnosis in one sentence, a link to the step), is titled by the file's
 * path relative to where the command ran, and shows hypotheses as their
 * statements, never by the derivation's internal names.
 */
import { answerPage, displayName } from '../../src/emit/answer-html';
import { answerTextReport } from '../../src/emit/answer-text';
import type { AnswerReport, AnswerStep } from '../../src/answers/types';

const step = (over: Partial<AnswerStep>): AnswerStep => ({ index: 1, chain: 1, line: 3, column: 5, relation: '=', latex: 'a', verdict: 'proved', rules: [], seed: 1, ...over });

function report(file: string, steps: AnswerStep[]): AnswerReport {
  return {
    file, chains: [{ index: 1, startLine: 2, lines: 4, reason: 'first mathematics of the file', start: { line: 2, column: 1, latex: 'L' } }],
    steps, unread: [], stated: [{ name: 'optimal-discriminator', line: 1, column: 6, latex: 'D_\\phi = D^*' }],
    summary: { proved: 1, numeric: 0, refuted: 2, unknown: 0, error: 0 },
  };
}

const R = report('/home/ta/hw4/answers/alice.md', [
  step({ notes: ['given optimal-discriminator (stated)'] }),
  step({ index: 2, line: 4, verdict: 'refuted', diagnosis: { class: 'sign-flipped', message: 'sign flipped: this line is the negative of what it should be' } }),
  step({ index: 3, line: 6, verdict: 'refuted', diagnosis: { class: 'hypothesis-not-stated', message: 'valid only given hypothesis "equal-class-marginals" ($p_\\theta(y) = p_{data}(y)$), which has not been stated' } }),
]);

test('the flagged steps come first, each with its line, its diagnosis and a link to the step', () => {
  const html = answerPage(R, { cwd: '/home/ta/hw4' });
  const flagged = html.indexOf('<section class="flagged">');
  expect(flagged).toBeGreaterThan(0);
  expect(flagged).toBeLessThan(html.indexOf('<section class="chain"'));
  const list = html.slice(flagged, html.indexOf('</section>', flagged));
  expect(list).toContain('Flagged steps (2)');
  expect(list).toMatch(/<li><a href="#step-2">line 4<\/a>: sign flipped: this line is the negative of what it should be<\/li>/);
  expect(list).toMatch(/<li><a href="#step-3">line 6<\/a>: valid only given the hypothesis <span class="katex">/);
  expect(html).toContain('id="step-2"');
  expect(html).toContain('id="step-3"');
  // a page with nothing wrong says so instead of an empty list
  expect(answerPage(report('a.md', [step({})]))).toContain('No step is flagged as wrong.');
});

test('the title is the path relative to where the command ran', () => {
  const html = answerPage(R, { cwd: '/home/ta/hw4' });
  expect(html).toContain('<title>answers/alice.md — rederive check</title>');
  expect(html).toContain('<h1>answers/alice.md</h1>');
  expect(displayName('answers/bob.tex', '/x')).toBe('answers/bob.tex');
});

test('hypotheses appear as their statements, not their internal names', () => {
  const html = answerPage(R, { cwd: '/home/ta/hw4' });
  expect(html).not.toContain('equal-class-marginals');
  expect(html).not.toContain('optimal-discriminator');
  expect(html).toMatch(/Stated: <span class="katex">.*\(line 1\)/);
  const text = answerTextReport(R);
  expect(text).not.toContain('equal-class-marginals');
  expect(text).toContain('stated on line 1: D_\\phi = D^*');
});
