/**
 * The command line as users run it: build writes the handouts, which compile
 * with pdflatex; check reports JSON; bad input exits 2 with file:line:column.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync, execSync } from 'child_process';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rederive.js');

beforeAll(() => {
  execSync('npx tsc -p tsconfig.json', { cwd: ROOT, stdio: 'inherit' });
});

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The 1-based line of the `expr:` that follows the step whose mapping contains `marker` after `relLine`. */
function exprLine(src: string, relLine: string, marker: string): number {
  const lines = src.split('\n');
  const noteAt = lines.findIndex((l) => l.includes(marker));
  for (let i = noteAt; i >= 0; i--) if (lines[i].includes(relLine)) return i + 2;
  throw new Error(`no step with ${marker}`);
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-test-'));
}

describe('rederive build', () => {
  const out = tmp();
  let result: ReturnType<typeof run>;
  beforeAll(() => {
    result = run(['build', '--out', out]);
  });

  test('exits 0 and writes one .tex per derivation and the handout', () => {
    expect(result.err).toContain('gaussian-kl');
    expect(result.code).toBe(0);
    for (const f of ['gaussian-kl.tex', 'generator-loss-kl.tex', 'mle-kl.tex', 'handout.tex']) {
      expect(fs.existsSync(path.join(out, f))).toBe(true);
    }
  });

  test('a second build rewrites nothing', () => {
    const again = run(['build', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.err).toContain('output up to date');
  });

  test.each(['gaussian-kl.tex', 'generator-loss-kl.tex', 'mle-kl.tex', 'handout.tex'])('%s compiles with pdflatex', (f) => {
    const which = spawnSync('sh', ['-c', 'command -v pdflatex']);
    if (which.status !== 0) throw new Error('pdflatex is not installed: apt-get install texlive-latex-base (.ci/run does)');
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', f], { cwd: out, encoding: 'utf8' });
    expect(r.stdout).not.toMatch(/^! /m);
    expect(r.status).toBe(0);
    expect(fs.statSync(path.join(out, f.replace(/\.tex$/, '.pdf'))).size).toBeGreaterThan(1000);
  });
});

describe('rederive check', () => {
  test('--format json reports every step of gaussian-kl proved', () => {
    const r = run(['check', 'derivations/gaussian-kl.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.derivation).toBe('gaussian-kl');
    expect(j.steps.length).toBeGreaterThan(5);
    for (const s of j.steps) {
      expect(s.verdict).toBe('proved');
      expect(typeof s.line).toBe('number');
      expect(Array.isArray(s.rules)).toBe(true);
    }
    expect(j.summary).toEqual({ proved: j.steps.length, numeric: 0, refuted: 0, unknown: 0, error: 0 });
  });

  test('a wrong step exits 1 and is reported with its line, diagnosis and counterexample', () => {
    const dir = tmp();
    const src = fs.readFileSync(path.join(ROOT, 'derivations', 'mle-kl.yaml'), 'utf8').replace('rel: \\doteq_\\theta', "rel: '='");
    const file = path.join(dir, 'wrong.yaml');
    fs.writeFileSync(file, src);
    const r = run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ \S+wrong\.yaml:\d+:\d+ +=\s+refuted/);
    expect(r.out.match(/✗ \S+:(\d+):\d+/)![1]).toBe(String(exprLine(src, "rel: '='", 'drop a term free')));
    expect(r.out).toContain('free of $\\theta$');
    expect(r.out).toMatch(/counterexample at .*left side = .*right side = /);
  });

  test('a LaTeX error exits 2 with file, line, column and a caret', () => {
    const dir = tmp();
    const src = fs.readFileSync(path.join(ROOT, 'derivations', 'mle-kl.yaml'), 'utf8')
      .replace('expr: \\mathbb{E}_{x \\sim p_{data}}\\left[\\log\\frac{p_{data}(x)}{p_\\theta(x)}\\right]', 'expr: \\mathbb{E}_{x \\sim p_{data}}\\left[\\log\\frac{p_{data}(x)}{p_\\theta(x)\\right]');
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, src);
    const r = run(['check', file]);
    expect(r.code).toBe(2);
    const line = src.split('\n').findIndex((l) => l.includes('{p_\\theta(x)\\right]')) + 1;
    expect(r.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: `));
    expect(r.err).toContain('^');
  });

  test('a missing file exits 2', () => {
    const r = run(['check', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no/such/file.yaml');
  });

  test.each(['build', 'list', 'rules'])('%s with an unknown option exits 2 and does nothing', (c) => {
    const out = tmp();
    const r = run([c, '--no-such-option', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown argument/i);
    expect(r.out).toBe('');
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('an unknown command exits 2 and points to --help', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
  });
});

describe('rederive list and --help', () => {
  test('list names every derivation', () => {
    const r = run(['list']);
    expect(r.code).toBe(0);
    for (const id of ['gaussian-kl', 'generator-loss-kl', 'mle-kl']) expect(r.out).toContain(id);
  });
  test.each(['build', 'check', 'list', 'rules'])('%s --help describes its options', (c) => {
    const r = run([c, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`rederive ${c}`);
    expect(r.out).toContain('--rules');
  });
});
