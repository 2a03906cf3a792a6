/**
 * The answer emitters on hand-made reports: the terminal's marks and colours,
 * relations as symbols, and the page's fallbacks (a student's line KaTeX
 * refuses is shown as code, a highlight that is not a group is dropped).
 */
import { answerTextReport, answerJsonReport, relationText } from '../../src/emit/answer-text';
import { answerPage } from '../../src/emit/answer-html';
import type { AnswerReport, AnswerStep } from '../../src/answers/types';

const step = (over: Partial<AnswerStep>): AnswerStep => ({ index: 1, chain: 1, line: 3, column: 5, relation: '=', latex: 'a', verdict: 'proved', rules: [], seed: 1, ...over });
const report = (steps: AnswerStep[]): AnswerReport => ({
  file: 'a.md', chains: [{ index: 1, startLine: 2, lines: 2, reason: 'first mathematics of the file', context: 'course context', start: { line: 2, column: 3, latex: 'L' } }],
  steps, unread: [{ line: 9, column: 1, text: '\\uparrow', reason: 'a mark' }],
  summary: { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0, ...Object.fromEntries(steps.map((s) => [s.verdict, steps.filter((x) => x.verdict === s.verdict).length])) },
});

describe('the terminal report', () => {
  const r = report([
    step({}),
    step({ index: 2, line: 4, verdict: 'refuted', relation: '\\Rightarrow', diagnosis: { class: 'sign-flipped', message: 'sign flipped', at: { line: 4, column: 7, text: 'b' } }, witness: { point: { x: 1 }, lhs: 1, rhs: -1, seed: 3 } }),
    step({ index: 3, line: 5, verdict: 'error', relation: '\\doteq_{\\theta}', message: 'cannot read line 5' }),
  ]);

  test('a line per step; the counterexample under a refuted one; what was not read; totals', () => {
    expect(answerTextReport(r)).toBe([
      'a.md  (course context: no hypothesis assumed)',
      '  chain 1, line 2: first mathematics of the file; course context',
      '    ✓ a.md:3:5  =  proved',
      '    ✗ a.md:4:5  ⇒  refuted  sign flipped (at column 7: b)',
      '        counterexample at x = 1: left side = 1, right side = -1 (seed 3)',
      '    ! a.md:5:5  ≐θ error    cannot read line 5',
      '  not read (1):',
      '    ! a.md:9:1: a mark  [\\uparrow]',
      '  1 proved, 0 numeric, 1 refuted, 0 unknown, 1 error; 1 not read',
      '',
    ].join('\n'));
  });

  test('colour only when asked', () => {
    expect(answerTextReport(r, { color: true })).toContain('\x1b[31m✗\x1b[0m');
    expect(answerTextReport(r)).not.toContain('\x1b[');
  });

  test.each([['=', '='], ['\\approx', '≈'], ['\\to', '→'], ['\\iff', '⟺'], ['\\neq', '≠'], ['\\doteq_{\\phi}', '≐φ'], ['\\geq', '≥']])('relation %s shows as %s', (a, b) => expect(relationText(a)).toBe(b));

  test('JSON keeps every step field and adds cited, notes and evidence', () => {
    const j = answerJsonReport(r) as { steps: Record<string, unknown>[] };
    expect(j.steps[1]).toMatchObject({ cited: [], notes: [], diagnosis: { class: 'sign-flipped' }, witness: { seed: 3 } });
  });
});

describe('the page', () => {
  test('a line KaTeX refuses is code; the page still renders', () => {
    const html = answerPage(report([step({ latex: '\\frac{a}{' })]));
    expect(html).toContain('<code class="tex">\\frac{a}{</code>');
  });

  test('the part a diagnosis points at is coloured when it is a group, and the line is shown plainly when not', () => {
    const good = answerPage(report([step({ latex: 'a + \\frac{b}{c}', verdict: 'refuted', diagnosis: { class: 'ratio-inverted', message: 'this ratio is upside down', at: { line: 3, column: 9, text: '\\frac{b}{c}' } } })]));
    expect(good).toContain('color:#b3261e');
    const bad = answerPage(report([step({ latex: '\\frac{b}{c}', verdict: 'refuted', diagnosis: { class: 'x', message: 'y', at: { line: 3, column: 5, text: '\\frac{b' } } })]));
    expect(bad).not.toContain('color:#b3261e');
    expect(bad).toContain('class="katex-display"');
  });

  test('math in messages is rendered, text stays text; a hypothesis is shown as its statement, not its internal name', () => {
    const html = answerPage(report([step({ verdict: 'refuted', diagnosis: { class: 'hypothesis-not-stated', message: 'valid only given hypothesis "h" (D_\\phi = D^*), which has not been stated' } })]));
    expect(html).toMatch(/valid only given the hypothesis <span class="katex">/);
    expect(html).not.toContain('&quot;h&quot;');
    expect(html).toContain('which has not been stated');
  });
});
