/**
 * What a TA expects of an answer's context and of its flags: names a student
 * introduces are inferred and listed as assumptions; the exercise's givens
 * are accepted and named, a hypothesis the author marks must_state is
 * flagged when used unstated; a problem label brings its derivation's givens
 * without --derivation; one mistake gives one flag (back on track, or
 * follows from the wrong line); the loader's must_state errors are positioned.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkAnswerText } from '../../src/answers/check';
import { loadCourseData } from '../../src/answers/context';
import { loadDerivation } from '../../src/semantics/load';

const ROOT = path.join(__dirname, '..', '..');
const opts = { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), courseFile: path.join(ROOT, 'contexts', 'course.yaml') };
const check = (text: string, derivation?: string) => checkAnswerText(text, 'answer.md', { ...opts, derivation });
const verdicts = (text: string, derivation?: string) => check(text, derivation).steps.map((s) => `${s.line} ${s.verdict}${s.diagnosis ? ` ${s.diagnosis.class}` : ''}`);

describe('names the student introduces', () => {
  test('a single capital is a constant, a name applied is a function: assumptions, not errors', () => {
    const r = check('$$Q + g(x) = g(x) + Q$$\n$$= 2 Q + g(x) - Q$$');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'proved']);
    expect(r.assumptions?.map((a) => [a.name, a.meaning.includes('constant') ? 'constant' : 'function'])).toEqual([['Q', 'constant'], ['g', 'function']]);
    expect(r.unread).toEqual([]);
  });

  test('an inferred name is instantiated at random: a step true only for special values is refuted', () => {
    expect(verdicts('$$M_1 = 2 M_1$$\n$$= M_1 + 1$$').map((v) => v.split(' ').slice(0, 2).join(' '))).toEqual(['1 refuted', '2 refuted']);
  });

  test('a left side of the student\'s own names the right side: not a step; the name then means it in its section', () => {
    const r = check('$$A = \\frac{1}{2}(x - 1)^2$$\n$$= \\frac{1}{2}x^2 - x + \\frac{1}{2}$$\n\nso\n\n$$2A = x^2 - 2x + 1$$');
    expect(r.steps.map((s) => [s.line, s.verdict])).toEqual([[2, 'proved'], [6, 'proved']]);
    expect(r.assumptions?.some((a) => a.name === 'A' && a.line === 1 && /own name/.test(a.meaning))).toBe(true);
    expect(check('$$A = \\frac{1}{2}(x - 1)^2$$\n\nso\n\n$$2A = x^2 - 2x + 2$$').steps.map((s) => s.verdict)).toEqual(['refuted']);
  });

  test('with --derivation, the course\'s symbols too: D^* in an optimal-discriminator answer is read and checked', () => {
    const r = check('$$D^*(x) = \\frac{p_{data}(x)}{p_{data}(x) + p_\\theta(x)}$$\n$$= \\frac{1}{1 + \\frac{p_{data}(x)}{p_\\theta(x)}}$$', 'optimal-discriminator');
    expect(r.steps.map((s) => [s.line, s.verdict])).toEqual([[1, 'proved'], [2, 'refuted']]);
    expect(r.assumptions).toEqual([]);
  });

  test('a name that is not well formed stays unread (KL, lower-case letters)', () => {
    const r = check('$$x + v = x + v$$');
    expect(r.unread.length).toBeGreaterThan(0);
    for (const u of r.unread) expect(u.reason).toContain('unknown symbol v');
  });
});

describe("the exercise's givens", () => {
  const marginal = '$$h^*(x, y) = \\log \\frac{p_{data}(x \\mid y)}{p_\\theta(x \\mid y)} + \\log\\frac{p_{data}(y)}{p_\\theta(y)}$$\n$$= \\log \\frac{p_{data}(x \\mid y)}{p_\\theta(x \\mid y)}$$\n$$= \\log \\frac{\\mathcal{N}(\\varphi(x) \\mid \\mu_y, I)}{\\mathcal{N}(\\varphi(x) \\mid \\hat\\mu_y, I)}$$';

  test('--derivation: a given is accepted and named; a must_state hypothesis used unstated is flagged, named', () => {
    const r = check(marginal, 'conditional-gaussian-logit');
    expect(r.steps.map((s) => [s.line, s.verdict, s.diagnosis?.class])).toEqual([[1, 'proved', undefined], [2, 'refuted', 'hypothesis-not-stated'], [3, 'proved', undefined]]);
    expect(r.steps[1].diagnosis?.message).toContain('equal-class-marginals');
    expect(r.givens?.map((g) => g.name)).toEqual(['data-gaussian', 'model-gaussian']);
    expect(r.steps[2].notes?.join(' ')).toContain("uses the exercise's givens data-gaussian");
  });

  test('stated, the must_state hypothesis is in force', () => {
    const r = check(`Assume equal class marginals, $p_\\theta(y) = p_{data}(y)$.\n\n${marginal}`, 'conditional-gaussian-logit');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'proved', 'proved']);
  });

  test('without --derivation, in the course context, nothing is given', () => {
    expect(verdicts('$$L_G(\\theta, \\phi) = E_{x \\sim p_\\theta}\\left[\\log \\frac{1 - D_\\phi(x)}{D_\\phi(x)}\\right]$$\n$$= E_{x \\sim p_\\theta}\\left[\\log \\frac{p_\\theta(x)}{p_{data}(x)}\\right]$$')).toEqual(['1 proved', '2 refuted hypothesis-not-stated']);
  });

  test('a problem label the course maps to a derivation brings its givens', () => {
    const r = check('3(c)\n\n$$L_G(\\theta, \\phi) = E_{x \\sim p_\\theta}\\left[\\log \\frac{1 - D_\\phi(x)}{D_\\phi(x)}\\right]$$\n$$= E_{x \\sim p_\\theta}\\left[\\log \\frac{p_\\theta(x)}{p_{data}(x)}\\right]$$');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved', 'proved']);
    expect(r.givens?.map((g) => g.name)).toEqual(['optimal-discriminator']);
    expect(r.chains[0].context).toContain('problem 3(c) is generator-loss-kl');
  });

  test('must_state names a hypothesis; an unknown one is an error at its line and column', () => {
    const text = 'id: t\ntitle: T\nsymbols:\n  a: constant\nhypotheses:\n  one: a = 1\nmust_state: [onee]\nchains:\n  - steps:\n      - a\n      - = a\n';
    expect(() => loadDerivation(text, 't.yaml')).toThrow(/t\.yaml:7:\d+: unknown hypothesis "onee"; did you mean "one"\?/);
    expect(loadDerivation(text.replace('onee', 'one'), 't.yaml').hypotheses.get('one')?.mustState).toBe(true);
  });

  test('the course file: problems map labels to derivations; a bad label is positioned', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'course-')), 'course.yaml');
    fs.writeFileSync(f, 'problems:\n  3(c): generator-loss-kl\n  three: mle-kl\n');
    expect(() => loadCourseData(f)).toThrow(/course\.yaml:3:3: "three" is not a problem label/);
    fs.writeFileSync(f, 'problems:\n  3(c): generator-loss-kl\n  4: mle-kl\n');
    expect(loadCourseData(f).problems).toEqual({ '3(c)': 'generator-loss-kl', 4: 'mle-kl' });
    fs.writeFileSync(f, 'problems:\n  3(c): generator-loss-kll\n');
    expect(() => checkAnswerText('$$x = x$$', 'a.md', { ...opts, courseFile: f })).toThrow(/course\.yaml:2:9: problem 3\(c\) names no derivation "generator-loss-kll"/);
  });
});

describe('one mistake, one flag', () => {
  test('a line that follows from the last line that checked is back on track, not a second flag', () => {
    const r = check('$$L = (x + 1)^2$$\n$$= x^2 + x + 1$$\n$$= x^2 + 2x + 1$$');
    expect(r.steps.map((s) => [s.line, s.verdict])).toEqual([[2, 'refuted'], [3, 'proved']]);
    expect(r.steps[1].notes?.join(' ')).toContain('back on track');
  });

  test('a line that follows from the wrong line says so, and is not flagged', () => {
    const r = check('$$L = (x + 1)^2$$\n$$= x^2 + x + 1$$\n$$= 1 + x + x^2$$');
    expect(r.steps.map((s) => [s.line, s.verdict])).toEqual([[2, 'refuted'], [3, 'proved']]);
    expect(r.steps[1].notes).toContain('follows from your line 2 (which was wrong)');
  });

  test('a second, different mistake is a second flag', () => {
    expect(verdicts('$$L = (x + 1)^2$$\n$$= x^2 + x + 1$$\n$$= x^2 + 3x$$').map((v) => v.split(' ').slice(0, 2).join(' '))).toEqual(['2 refuted', '3 refuted']);
  });
});

describe('statements in prose', () => {
  const r = checkAnswerText(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'prose-statements.md'), 'utf8'), 'prose.md', opts);

  test('"with $A = B = C$" states each equation; "since $…$" states a hypothesis', () => {
    expect(r.stated?.map((h) => [h.line, h.name])).toEqual([[1, 'optimal-discriminator'], [7, 'equal-class-marginals']]);
    expect(r.steps.filter((s) => s.line === 11).map((s) => s.verdict)).toEqual(['proved']);
  });

  test('"as $X \\to 0$" after a display is the condition of its limit step', () => {
    const s = r.steps.find((x) => x.line === 17)!;
    expect([s.relation, s.verdict]).toEqual(['\\approx', 'proved']);
  });

  test('"Setting $f\'(t)=0$:" makes the next equation a premise, not a step', () => {
    const chain = r.chains.find((c) => c.label === '3(a)')!;
    expect(chain.start?.line).toBe(23);
    expect(r.steps.filter((s) => s.chain === chain.index).map((s) => [s.line, s.verdict])).toEqual([[25, 'proved'], [27, 'proved']]);
  });

  test('every step checks and every line is read', () => {
    expect(r.steps.every((s) => s.verdict === 'proved' || s.verdict === 'numeric')).toBe(true);
    expect(r.unread).toEqual([]);
  });
});

describe('Leibniz notation', () => {
  test('\\frac{d}{dt} is read as the derivative, never as the fraction d/(dt): a true line is proved, a wrong one refuted', () => {
    const r = check('$$\\frac{d}{dt} f_x(t) = -\\frac{p_{data}(x)}{t} + \\frac{p_\\theta(x)}{1 - t}$$');
    expect(r.steps.map((s) => s.verdict)).toEqual(['proved']);
    expect(r.unread).toEqual([]);
    const wrong = check('$$\\frac{d}{dt} f_x(t) = -\\frac{p_{data}(x)}{t} - \\frac{p_\\theta(x)}{1 - t}$$');
    expect(wrong.steps.map((s) => s.verdict)).toEqual(['refuted']);
  });
});

describe('a premise set up in prose', () => {
  test('"Setting … to zero:" before an equation makes it a premise, not a step from the equation before', () => {
    const text = 'Setting one derivative to zero:\n\n$$\\frac{1}{t} - 2 = 0$$\n\nSetting the other derivative to zero:\n\n$$\\frac{1}{1-t} - 3 = 0$$\n$$\\Rightarrow t = \\frac{2}{3}$$';
    const r = check(text);
    expect(r.chains.map((c) => c.start?.line)).toEqual([3, 7]);
    expect(r.steps.map((s) => [s.line, s.verdict])).toEqual([[8, 'proved']]);
    expect(r.chains[0].reason).toContain('a premise');
    // without the prose, the second equation is read as following from the first, and it does not
    expect(check(text.replace('Setting the other derivative to zero:', 'so')).steps.some((s) => s.verdict === 'refuted')).toBe(true);
  });
});
