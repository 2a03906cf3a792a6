/**
 * `rederive build` as a whole: what it writes, that a second build writes
 * nothing, that a derivation that cannot be built keeps its previous files
 * and is reported with file:line while the others are built, and --pdf.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build, BuildOptions } from '../../src/cli/build';
import * as htmlDerivation from '../../src/emit/html-derivation';
import { MathRenderError } from '../../src/emit/html-math';
import { findOnPath } from '../../src/cli/pdf';

const ROOT = path.join(__dirname, '..', '..');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-site-'));
}

/** A derivations directory with mle-kl only (fast), and optionally more files. */
function derivations(extra: Record<string, string> = {}): string {
  const dir = tmp();
  fs.copyFileSync(path.join(ROOT, 'derivations', 'mle-kl.yaml'), path.join(dir, 'mle-kl.yaml'));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs a build in-process, capturing what it prints. */
function run(opts: Partial<BuildOptions> & { out: string; derivations: string }): { code: number; err: string } {
  let err = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    const code = build({ ids: [], rules: path.join(ROOT, 'rules'), seed: 20261124, ...opts });
    return { code, err };
  } finally {
    spy.mockRestore();
  }
}

const TWIN = fs.readFileSync(path.join(ROOT, 'derivations', 'mle-kl.yaml'), 'utf8').replace('id: mle-kl', 'id: twin');

describe('a full build', () => {
  const out = tmp();
  const dir = derivations();
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    first = run({ out, derivations: dir });
  });

  test('writes the LaTeX and HTML handouts, the index, the rules, the styles and KaTeX', () => {
    expect(first.code).toBe(0);
    for (const f of ['mle-kl.tex', 'mle-kl.html', 'handout.tex', 'index.html', 'rules.html', 'style.css', 'katex/katex.min.css', 'katex/fonts/KaTeX_Main-Regular.woff2']) {
      expect(fs.existsSync(path.join(out, f))).toBe(true);
    }
    expect(fs.readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  test('a second build writes nothing', () => {
    const stat = fs.statSync(path.join(out, 'mle-kl.html')).mtimeMs;
    const again = run({ out, derivations: dir });
    expect(again.code).toBe(0);
    expect(again.err).toContain('output up to date');
    expect(fs.statSync(path.join(out, 'mle-kl.html')).mtimeMs).toBe(stat);
  });
});

describe('failures', () => {
  test('a derivation file with a mistake is reported with file:line:column; the others are built; exit 2', () => {
    const out = tmp();
    const dir = derivations({ 'broken.yaml': TWIN.replace('id: twin', 'id: broken').replace('\\log p_\\theta(x)]', '\\log p_\\theta(x)') });
    const r = run({ out, derivations: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${path.join(dir, 'broken.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(r.err).toMatch(/failed: 1 of 2 derivations/);
    expect(fs.existsSync(path.join(out, 'mle-kl.html'))).toBe(true);
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('broken.yaml');
    expect(index).toContain('class="failed"');
  });

  test('a page that cannot be rendered writes nothing of its derivation and keeps the previous files', () => {
    const out = tmp();
    const dir = derivations({ 'twin.yaml': TWIN });
    expect(run({ out, derivations: dir }).code).toBe(0);
    const before = { tex: fs.readFileSync(path.join(out, 'twin.tex'), 'utf8'), html: fs.readFileSync(path.join(out, 'twin.html'), 'utf8') };
    fs.writeFileSync(path.join(dir, 'twin.yaml'), TWIN.replace('title: Maximum', 'title: Changed maximum'));
    const real = htmlDerivation.derivationPage;
    const spy = jest.spyOn(htmlDerivation, 'derivationPage').mockImplementation((c) => {
      if (c.derivation.id === 'twin') throw new MathRenderError(`${c.derivation.file}:17:9`, '\\frac{', 'Unexpected end of input');
      return real(c);
    });
    try {
      const r = run({ out, derivations: dir });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/twin: not built: .*twin\.yaml:17:9: KaTeX cannot render/);
      expect(r.err).toMatch(/failed: 1 of 2 derivations/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(path.join(out, 'twin.tex'), 'utf8')).toBe(before.tex);
    expect(fs.readFileSync(path.join(out, 'twin.html'), 'utf8')).toBe(before.html);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/twin\.yaml:17:9: KaTeX cannot render/);
  });

  test('a step that does not verify is reported with file:line and exits 1', () => {
    const out = tmp();
    const dir = derivations({ 'twin.yaml': TWIN.replace('rel: \\doteq_\\theta', "rel: '='") });
    const r = run({ out, derivations: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/twin: 1 step did not verify, first .*twin\.yaml:\d+:\d+: step \d refuted/);
    expect(fs.readFileSync(path.join(out, 'twin.html'), 'utf8')).toContain('class="badge v-refuted"');
  });
});

describe('--pdf', () => {
  test('without pdflatex or latexmk: a clear message with the install command, exit 2, the rest built', () => {
    const out = tmp();
    const saved = process.env.PATH;
    process.env.PATH = tmp(); // an empty directory: no LaTeX on it
    let r: ReturnType<typeof run>;
    try {
      r = run({ out, derivations: derivations(), pdf: true });
    } finally {
      process.env.PATH = saved;
    }
    expect(r.code).toBe(2);
    expect(r.err).toContain('--pdf needs pdflatex (or latexmk), which is not installed');
    expect(r.err).toContain('apt-get install texlive-latex-base');
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
  });

  test('with pdflatex: writes handout.pdf, and not again while handout.tex is unchanged', () => {
    if (!findOnPath(['pdflatex'])) throw new Error('pdflatex is not installed: apt-get install texlive-latex-base (.ci/run does)');
    const out = tmp();
    const dir = derivations();
    const r = run({ out, derivations: dir, pdf: true });
    expect(r.code).toBe(0);
    const pdf = path.join(out, 'handout.pdf');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(out).filter((n) => /\.(aux|log)$/.test(n))).toEqual([]);
    const again = run({ out, derivations: dir, pdf: true });
    expect(again.err).toContain('output up to date');
  });
});
