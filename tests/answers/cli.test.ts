/**
 * `rederive check` on students' answers, as a TA runs it: the command picks
 * answer or derivation by extension; a text report with a line per step, JSON
 * with the derivation report's step schema, an HTML page; exit 0 / 1 / 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, ROOT, type PrivateCli } from '../helpers/private-cli';

let cli: PrivateCli;
const FIX = path.join(ROOT, 'tests', 'fixtures', 'answers');
const STUDENT = path.join(ROOT, '..', 'shared', 'examples', 'student-solution.md');

beforeAll(() => {
  cli = privateCli();
  fs.cpSync(path.join(ROOT, 'contexts'), path.join(cli.root, 'contexts'), { recursive: true });
});
afterAll(removeTemporaryDirs);

describe('rederive check <answer>', () => {
  test('a text report: a line per step with mark, line, relation, verdict and diagnosis; exit 1 when a step is wrong', () => {
    const r = cli.run(['check', path.join(FIX, 'mle-theta-free.md'), '--derivation', 'mle-kl']);
    expect(r.err).toMatch(/^derivations: \d+ files in \S+ \(this project\); rules: \d+ in \d+ files in \S+ \(this project\)\n$/);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/mle-theta-free\.md  \(derivation mle-kl\)$/);
    expect(lines.find((l) => l.includes('mle-theta-free.md:3:'))).toMatch(/^ {4}✓ \S+mle-theta-free\.md:3:\d+ {2}= {2}proved$/);
    expect(lines.find((l) => l.includes('mle-theta-free.md:5:'))).toMatch(/^ {4}✗ \S+:5:\d+ {2}= {2}refuted {2}the sides differ by a term free of \$\\theta\$/);
    expect(lines.find((l) => l.includes('mle-theta-free.md:9:'))).toMatch(/✗ \S+:9:\d+ {2}= {2}refuted {2}the arguments of KL are swapped: KL is not symmetric \(at column 75: KL\(p_\\theta \\\| p_\{data\}\)\)/);
    expect(r.out).toMatch(/1 proved, 0 numeric, 2 refuted, 0 unknown, 0 error; 0 not read\n$/);
  });

  test('exit 0 when every step verified and every line was read', () => {
    const r = cli.run(['check', path.join(FIX, 'mle-correct.tex')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^derivations: \d+ files in \S+ \(this project\); rules: [^\n]*\n$/);
    expect(r.out).toContain('course context');
  });

  test('JSON: the derivation report\'s step schema, with diagnosis and witness objects', () => {
    const r = cli.run(['check', path.join(FIX, 'discriminator-mistakes.tex'), '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['file', 'context', 'chains', 'steps', 'unread', 'stated', 'assumptions', 'givens', 'engine', 'summary']);
    expect(Object.keys(j.steps[0])).toEqual(['index', 'chain', 'label', 'line', 'column', 'relation', 'latex', 'verdict', 'rules', 'cited', 'diagnosis', 'witness', 'notes', 'seed', 'evidence']);
    expect(j.steps.map((s: { diagnosis: { class: string } }) => s.diagnosis.class)).toEqual(['sign-flipped', 'densities-swapped', 'ratio-inverted']);
    expect(j.steps[0].witness).toEqual({ point: expect.any(Object), lhs: expect.any(Number), rhs: expect.any(Number), seed: expect.any(Number) });
    expect(j.chains[0]).toMatchObject({ index: 1, label: '3(a)', startLine: 5, reason: 'first mathematics under 3(a)' });
    expect(j.summary).toEqual({ proved: 0, numeric: 0, refuted: 3, unknown: 0, error: 0 });
  });

  test('HTML: the steps rendered by KaTeX, wrong steps highlighted with their diagnosis; KaTeX\'s stylesheet beside the page', () => {
    const out = path.join(tmpDir('rederive-answer-html-'), 'page.html');
    const r = cli.run(['check', path.join(FIX, 'mle-theta-free.md'), '--format', 'html', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`wrote ${out}`);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(fs.existsSync(path.join(path.dirname(out), 'katex', 'katex.min.css'))).toBe(true);
    expect((html.match(/class="step v-refuted"/g) ?? []).length).toBe(2);
    expect(html).toContain('the arguments of KL are swapped');
    expect(html).toMatch(/color:#b3261e/); // the swapped KL, coloured inside the formula
    expect(html).toContain('class="katex-display"');
  });

  test('bad input exits 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['check', path.join(FIX, 'homework.md'), '--derivation', 'no-such-thing'], /no derivation "no-such-thing" \(have: .*mle-kl/],
      [['check', path.join(FIX, 'nope.md')], /cannot read .*nope\.md: no such file/],
      [['check', path.join(FIX, 'labels.yaml').replace('.yaml', '.txt')], /a derivation file ends in \.yaml or \.yml, a student's answer in \.tex or \.md/],
      [['check', path.join(ROOT, 'derivations', 'mle-kl.yaml'), '--format', 'html'], /--format html is for answers/],
      [['check', path.join(ROOT, 'derivations', 'mle-kl.yaml'), '--derivation', 'mle-kl'], /--derivation is for answers/],
      [['check', path.join(FIX, 'mle-correct.tex'), '--format', 'xml'], /Invalid values/],
      [['check', path.join(FIX, 'mle-correct.tex'), '--bogus'], /Unknown argument: bogus/],
    ];
    for (const [argv, message] of cases) {
      const r = cli.run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });

  test('a derivation file is still checked as before', () => {
    const r = cli.run(['check', path.join(ROOT, 'derivations', 'mle-kl.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^mle-kl: /);
  });

  (fs.existsSync(STUDENT) ? test : test.skip)('the student\'s solution, from the repository root: ../shared/examples/student-solution.md', () => {
    const r = cli.run(['check', '../shared/examples/student-solution.md'], ROOT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ \S+:124:\d+ {2}= {2}refuted {2}the sides differ by a term free of \$\\theta\$/);
    expect(r.out).toMatch(/✗ \S+:128:\d+ {2}= {2}refuted/);
    // the hypothesis by its statement; the three lines not read are arrows drawn beside the mathematics
    expect(r.out).toMatch(/✗ \S+:149:\d+ {2}= {2}refuted {2}valid only given the hypothesis \$p_\\theta\(y\) = p_\{data\}\(y\)\$, which has not been stated/);
    expect(r.out).toMatch(/not read \(3\):/);
  });
});
