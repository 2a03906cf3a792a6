/**
 * `rederive new <id>`: writes a commented derivation file that loads, checks
 * (every step proved) and builds to a handout that compiles; refuses to
 * overwrite a file, to reuse an id, and an invalid id.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli } from './helpers/private-cli';
import { loadDerivationFile } from '../src/semantics/load';

let cli: PrivateCli;
beforeAll(() => {
  cli = privateCli();
});
afterAll(removeTemporaryDirs);

describe('a new derivation', () => {
  let dir: string;
  let file: string;
  let made: ReturnType<PrivateCli['run']>;
  const title = 'The "variance" identity: Var[x] = E[x^2] - E[x]^2';
  beforeAll(() => {
    dir = path.join(tmpDir(), 'derivations');
    file = path.join(dir, 'variance.yaml');
    made = cli.run(['new', 'variance', '--title', title, '--derivations', dir]);
  });

  test('is written, and the command says where and what next', () => {
    expect(made.code).toBe(0);
    expect(made.err).toBe(`wrote ${file}\nnext: edit it (guide: docs/authoring.md), then run  rederive check ${file}\n`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(`# ${title}\n`)).toBe(true);
    expect(text).toContain('id: variance\n');
    expect(text).toContain(`npx rederive check ${file}`);
    expect(text).not.toMatch(/\{\{\w+\}\}/);
  });

  test('loads, with the title exactly as given and comments explaining each field', () => {
    const d = loadDerivationFile(file);
    expect(d.id).toBe('variance');
    expect(d.title).toBe(title);
    const text = fs.readFileSync(file, 'utf8');
    for (const field of ['symbols:', 'definitions:', 'hypotheses:', 'chains:', 'by:', 'given:', 'note:', 'rel:']) expect(text).toContain(field);
    expect(text.split('\n').filter((l) => /#/.test(l)).length).toBeGreaterThan(10);
  });

  test('checks: every step proved', () => {
    const r = cli.run(['check', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.steps.length).toBeGreaterThanOrEqual(4);
    for (const s of j.steps) expect([s.line, s.verdict, s.notes]).toEqual([s.line, 'proved', []]);
  });

  test('builds, and its handout compiles with pdflatex', () => {
    const out = tmpDir();
    const r = cli.run(['build', 'variance', '--derivations', dir, '--out', out]);
    expect(r.err).toMatch(/✓ variance: \d+ proved, 0 numeric, 0 refuted, 0 unknown, 0 error/);
    expect(r.code).toBe(0);
    const which = spawnSync('sh', ['-c', 'command -v pdflatex']);
    if (which.status !== 0) throw new Error('pdflatex is not installed: apt-get install texlive-latex-base');
    const tex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'variance.tex'], { cwd: out, encoding: 'utf8' });
    expect(tex.stdout).not.toMatch(/^! /m);
    expect(tex.status).toBe(0);
  });

  test('is never overwritten', () => {
    const before = fs.readFileSync(file, 'utf8');
    const r = cli.run(['new', 'variance', '--title', 'Another', '--derivations', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rederive: ${file} already exists; refusing to overwrite it (choose another id, or edit the file)\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('an id that another file already has is refused', () => {
    const other = path.join(dir, 'notes-on-variance.yaml');
    fs.renameSync(file, other);
    const r = cli.run(['new', 'variance', '--derivations', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rederive: ${other} already has the id "variance"; choose another id\n`);
    expect(fs.existsSync(file)).toBe(false);
    fs.renameSync(other, file);
  });
});

test.each<[string, string]>([
  ['Variance_Identity', 'rederive: invalid id "Variance_Identity": an id is lower-case letters, digits and dashes (it names the output file); e.g. "variance-identity"\n'],
  ['x.y', 'rederive: invalid id "x.y": an id is lower-case letters, digits and dashes (it names the output file); e.g. "x-y"\n'],
])('an invalid id (%s) is refused with a suggestion', (id, message) => {
  const dir = tmpDir();
  const r = cli.run(['new', id, '--derivations', dir]);
  expect(r.code).toBe(2);
  expect(r.err).toBe(message);
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('the title defaults to one made from the id', () => {
  const dir = tmpDir();
  expect(cli.run(['new', 'gaussian-entropy', '--derivations', dir]).code).toBe(0);
  expect(loadDerivationFile(path.join(dir, 'gaussian-entropy.yaml')).title).toBe('Gaussian entropy');
});

test('new --help describes its options', () => {
  const r = cli.run(['new', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('rederive new <id>');
  expect(r.out).toContain('--title');
  expect(r.out).toContain('--derivations');
});
