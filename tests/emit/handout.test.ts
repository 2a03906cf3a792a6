/**
 * Handouts an instructor hands out: the course file's title page and paper
 * size; the exercise sheet (statements, givens, the result to show, no
 * solution, no verdict); `marks: false`; a handout with a step that did not
 * verify is never titled or described as verified and says which steps; the
 * author's LaTeX kept for display. The A4 handout and sheet of every
 * derivation compile with pdflatex without an overfull box.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { loadRules } from '../../src/semantics/rules';
import { loadDerivation, loadDerivationFile } from '../../src/semantics/load';
import { checkDerivation } from '../../src/check/derivation';
import { latexDocument, honestTitle, Checked } from '../../src/emit/latex-doc';
import { latexSheet } from '../../src/emit/latex-sheet';
import { parseHandoutMeta } from '../../src/emit/handout-meta';
import { SourceError } from '../../src/parse/error';

const ROOT = path.join(__dirname, '..', '..');
const rules = new Set(loadRules(path.join(ROOT, 'rules')).keys());
const files = fs.readdirSync(path.join(ROOT, 'derivations')).filter((f) => f.endsWith('.yaml')).sort();
const checked: Checked[] = files.map((f) => {
  const d = loadDerivationFile(path.join(ROOT, 'derivations', f), rules);
  return { derivation: d, report: checkDerivation(d, { seed: 20261124 }) };
});
const META = parseHandoutMeta('title: Generative models, worked\ncourse: STAT 4410\nauthor: A. N. Instructor\nterm: Autumn 2026\ndate: 30 November 2026\npaper: a4\n', 'course.yaml');

/** A derivation with one wrong step (a factor 2 dropped). */
const WRONG = loadDerivation([
  'id: wrong-square', 'title: Verified square', 'symbols:', '  a: constant', '  b: constant', 'chains:', '  - steps:',
  '      - (a + b)^2', '      - = a^2 + a b + b^2', '',
].join('\n'), 'wrong.yaml', rules);
const wrong: Checked = { derivation: WRONG, report: checkDerivation(WRONG, { seed: 1 }) };

function pdflatex(tex: string): { status: number | null; log: string } {
  if (spawnSync('sh', ['-c', 'command -v pdflatex']).status !== 0) throw new Error('pdflatex is not installed: apt-get install texlive-latex-base');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-handout-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.tex'), tex);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, log: fs.existsSync(path.join(dir, 'doc.log')) ? fs.readFileSync(path.join(dir, 'doc.log'), 'latin1') : r.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the course file', () => {
  test('sets title, course, author, term, date and paper', () => {
    expect(META).toMatchObject({ title: 'Generative models, worked', course: 'STAT 4410', author: 'A. N. Instructor', term: 'Autumn 2026', date: '30 November 2026', paper: 'a4' });
    expect(parseHandoutMeta('paper: Letter\n', 'c.yaml').paper).toBe('letter');
    expect(parseHandoutMeta('', 'c.yaml').paper).toBe('a4');
  });
  test('a wrong paper size or an unknown key is an error at file:line:col', () => {
    expect(() => parseHandoutMeta('title: x\npaper: A5\n', 'course.yaml')).toThrow(/^course\.yaml:2:8: paper is a4 or letter/);
    expect(() => parseHandoutMeta('titel: x\n', 'course.yaml')).toThrow(SourceError);
  });
});

describe('the handout', () => {
  const doc = latexDocument(checked, { meta: META });
  test('carries the title page and the paper size', () => {
    expect(doc).toContain('\\documentclass[11pt,a4paper]{article}');
    expect(doc).toContain('\\title{Generative models, worked}');
    expect(doc).toContain('\\author{A. N. Instructor \\\\ STAT 4410, Autumn 2026}');
    expect(doc).toContain('\\date{30 November 2026}');
    expect(latexDocument(checked, { meta: { ...META, paper: 'letter' } })).toContain('\\documentclass[11pt,letterpaper]{article}');
  });
  test('keeps the author\'s LaTeX for a formula that fits on a line', () => {
    const mle = latexDocument([checked.find((c) => c.derivation.id === 'mle-kl')!]);
    expect(mle).toContain('\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)] \\tag*');
    expect(mle).toContain('L_{MLE}(\\theta) &:= -\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]');
    expect(mle).not.toMatch(/\\log(\\left)?\(p_\{\\theta\}\(x\)/);
  });
  test('with a step that did not verify: never titled or described as verified, and says which step', () => {
    const all = [...checked, wrong];
    expect(wrong.report.steps[0].verdict).toBe('refuted');
    const t = latexDocument(all, { title: 'Verified derivations' });
    expect(t).not.toMatch(/\\title\{[^}]*[Vv]erified derivations\}/);
    expect(t).toContain('\\title{Derivations, not all verified}');
    expect(t).toContain('Not every step verified.} Did not verify: wrong-square step 1 (refuted)');
    expect(t).not.toContain('and verified.');
    expect(honestTitle(undefined, all)).toBe('Derivations');
    expect(honestTitle(undefined, checked)).toBe('Verified derivations');
    expect(latexDocument([wrong])).toContain('\\textbf{Not verified: step 1 (refuted).}');
  });
  test('marks: false drops every verdict mark', () => {
    const plain = latexDocument(checked, { meta: META, marks: false });
    expect(doc).toMatch(/\\quad \\proved\}/);
    expect(plain).not.toMatch(/(\\quad |\\tag\*\{)\\(proved|numericonly|refuted|unknownmark|errormark)\}/);
    expect(plain).not.toContain('Marks:');
  });
});

describe('the exercise sheet', () => {
  const sheet = latexSheet(checked.map((c) => c.derivation), { meta: META });
  test('states each chain\'s result to show, with the givens, and no solution or verdict', () => {
    const mle = latexSheet([checked.find((c) => c.derivation.id === 'mle-kl')!.derivation]);
    expect(mle).toContain('Show that\n\\[ L_{MLE}(\\theta) \\doteq_{\\theta} \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) \\]');
    // the intermediate lines of the solution are not on the sheet
    expect(mle).not.toContain('\\log\\frac{p_\\theta(x)}{p_{data}(x)}');
    expect(sheet).not.toMatch(/\\(proved|numericonly|refuted|unknownmark)\b(?!\})/);
    expect(sheet).toContain('\\textbf{You may use.}');
    expect(sheet).toMatch(/as \$D_\{\\phi\}\(G_\{\\theta\}\(z\)\) \\to 0\$/);
    expect(sheet).toContain('solving for $t$');
    expect(sheet).toContain('\\title{Generative models, worked: exercises}');
  });
  test('the A4 handout and the sheet compile with pdflatex, without an overfull box', () => {
    for (const tex of [latexDocument(checked, { meta: META }), sheet]) {
      const r = pdflatex(tex);
      expect(r.status).toBe(0);
      expect(r.log.split('\n').filter((l) => /^Overfull/.test(l))).toEqual([]);
      expect(r.log).toContain('a4paper');
    }
  });
});
