/**
 * docs/authoring.md is true: its worked example is run as the guide says
 * (`rederive new`, the file, `check`, the two mistakes, `build`) and its
 * printed output compared; its example derivation, symbols and rule load;
 * and it documents every kind, domain, key and relation the loader accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli, ROOT } from './helpers/private-cli';
import { loadDerivation } from '../src/semantics/load';
import { loadRuleFile } from '../src/semantics/rules';
import { parseDeclaration } from '../src/semantics/declarations';
import { RELATIONS } from '../src/semantics/relations';
import { selfCheckRule } from '../src/check/rules';
import { checkDerivation, allVerified } from '../src/check/derivation';

const GUIDE = fs.readFileSync(path.join(ROOT, 'docs', 'authoring.md'), 'utf8');

/** The fenced block that follows `<!-- marker -->` in the guide. */
function block(marker: string): string {
  const at = GUIDE.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`no block marked ${marker}`);
  const m = /```[a-z]*\n([^]*?)```/.exec(GUIDE.slice(at));
  return m![1];
}

/** The markers of the form `<!-- prefix… -->`, in order. */
function markers(prefix: string): string[] {
  return [...GUIDE.matchAll(/<!-- (.*?) -->/g)].map((m) => m[1]).filter((m) => m.startsWith(prefix));
}

/** A regular expression matching `text`, where `…` stands for anything on the line. */
function pattern(text: string): RegExp {
  return new RegExp(text.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\n]*?'));
}

/** The message a loader error would give for `text` (or null). */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

test('the README links the guide', () => {
  expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('(docs/authoring.md)');
});

describe('the worked example, run as the guide says', () => {
  let cli: PrivateCli;
  let work: string;
  const file = path.join('derivations', 'cross-entropy.yaml');
  const source = block('worked-example: derivations/cross-entropy.yaml');
  beforeAll(() => {
    cli = privateCli();
    work = tmpDir();
    fs.cpSync(path.join(cli.root, 'rules'), path.join(work, 'rules'), { recursive: true });
  });
  afterAll(removeTemporaryDirs);

  test('1. rederive new writes the file, whose id and title lines the example keeps', () => {
    const cmd = /npx rederive new cross-entropy --title "([^"]+)"/.exec(GUIDE)!;
    const r = cli.run(['new', 'cross-entropy', '--title', cmd[1]], work);
    expect(r.code).toBe(0);
    const written = fs.readFileSync(path.join(work, file), 'utf8');
    for (const key of ['id', 'title']) {
      const line = (t: string) => t.split('\n').find((l) => l.startsWith(`${key}: `));
      expect(line(written)).toBe(line(source));
    }
    expect(cli.run(['check', file], work).code).toBe(0);
  });

  test('4-5. the whole file checks, every step proved, printing what the guide shows', () => {
    fs.writeFileSync(path.join(work, file), source);
    const r = cli.run(['check', file], work);
    expect(r.err).toBe('');
    expect(r.out).toBe(block('worked-example: check'));
    expect(r.code).toBe(0);
  });

  test.each(markers('worked-example: mistake '))('6. %s', (marker) => {
    const [from, to] = marker.replace('worked-example: mistake ', '').split(' => ');
    expect(source).toContain(from);
    fs.writeFileSync(path.join(work, file), source.replace(from, to));
    const r = cli.run(['check', file], work);
    fs.writeFileSync(path.join(work, file), source);
    const shown = block(marker);
    if (shown.startsWith('rederive: ')) {
      expect(r.code).toBe(2);
      expect(r.err).toBe(shown);
    } else {
      expect(r.code).toBe(1);
      expect(r.out).toMatch(pattern(shown));
    }
  });

  test('7. build writes the handout, which compiles', () => {
    fs.writeFileSync(path.join(work, file), source);
    const r = cli.run(['build', 'cross-entropy'], work);
    expect(r.err).toMatch(/✓ cross-entropy: 4 proved, 0 numeric, 0 refuted, 0 unknown, 0 error/);
    expect(r.code).toBe(0);
    const out = path.join(work, 'output');
    expect(fs.existsSync(path.join(out, 'cross-entropy.html'))).toBe(true);
    const which = spawnSync('sh', ['-c', 'command -v pdflatex']);
    if (which.status !== 0) throw new Error('pdflatex is not installed: apt-get install texlive-latex-base');
    const tex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'cross-entropy.tex'], { cwd: out, encoding: 'utf8' });
    expect(tex.stdout).not.toMatch(/^! /m);
    expect(tex.status).toBe(0);
  });
});

describe('the other examples', () => {
  test('the complete derivation of "field by field" loads and verifies', () => {
    const d = loadDerivation(block('doc-test: a complete derivation'), 'guide.yaml');
    expect(allVerified(checkDerivation(d, { seed: 1 }))).toBe(true);
  });

  test('every declaration of the symbols example is accepted', () => {
    const text = `id: symbols\ntitle: t\n${block('doc-test: symbols')}chains:\n  - steps:\n      - x\n      - = x\n`;
    const d = loadDerivation(text, 'guide.yaml');
    expect(d.ctx.lookup('p_{\\theta}')).toMatchObject({ kind: 'density', arity: 1, dependsOn: ['\\theta'] });
    expect(d.ctx.lookup('D_{\\phi}')).toMatchObject({ kind: 'function', domain: 'unit' });
    expect(d.ctx.lookup('z')!.distribution).toMatchObject({ kind: 'normal' });
  });

  test('the definitions, hypotheses and chains examples load together and verify', () => {
    const symbols = ['x: variable', 'y: variable', 'a: constant', '\\theta: parameter', '\\theta_0: constant', '\\phi: parameter',
      '\\epsilon: constant, positive', 'p: density(x)', 'p_\\theta: density(x), depends on \\theta', 'p_{data}: density(x)',
      'D_\\phi: function(x), unit, depends on \\phi'];
    const text = `id: parts\ntitle: t\nsymbols:\n${symbols.map((l) => `  ${l}\n`).join('')}`
      + block('doc-test: definitions') + block('doc-test: hypotheses') + block('doc-test: must_state') + block('doc-test: chains');
    const d = loadDerivation(text, 'guide.yaml', new Set(['expectation-linearity']));
    expect([...d.hypotheses.keys()]).toEqual(['optimal-discriminator', 'equal-marginals', 'unit-scale', 'distinct-means']);
    expect([...d.hypotheses.values()].filter((h) => h.mustState).map((h) => h.name)).toEqual(['equal-marginals']);
    const report = checkDerivation(d, { seed: 1 });
    expect(report.steps.map((st) => [st.line, st.verdict])).toEqual(report.steps.map((st) => [st.line, 'proved']));
  });

  test('the joint densities and functionals example verifies: Bayes in either order, an author-defined cross-entropy', () => {
    const d = loadDerivation(block('doc-test: joint densities and functionals'), 'guide.yaml');
    const report = checkDerivation(d, { seed: 1, samples: 3 });
    expect(report.steps.map((st) => [st.line, st.verdict])).toEqual(report.steps.map((st) => [st.line, 'proved']));
  });

  test('the rule file example loads and passes its self-check', () => {
    const [rule] = loadRuleFile(block('doc-test: a rule file'), 'guide.yaml');
    expect(selfCheckRule(rule).status).toBe('ok');
  });
});

describe('the guide documents everything the loader accepts', () => {
  const listAfter = (message: string, label: string) => new RegExp(`${label}:? \\(?([^)]*)\\)`).exec(message)![1].split(', ');
  const kinds = listAfter(errorOf(() => parseDeclaration('x', 'nokind', (w) => w)), 'kinds');
  const domains = listAfter(errorOf(() => parseDeclaration('x', 'constant, nodomain', (w) => w)), 'expected a domain');
  const allowed = (text: string) => listAfter(errorOf(() => loadDerivation(text, 't.yaml')), 'allowed');
  const base = 'id: t\ntitle: t\nsymbols:\n  x: variable\nchains:\n  - steps:\n      - x\n      - = x\n';
  const keys = {
    top: allowed(`${base}bogus: 1\n`),
    chain: allowed(base.replace('  - steps:', '  - bogus: 1\n    steps:')),
    step: allowed(base.replace('      - = x', '      - { expr: x, bogus: 1 }')),
  };

  test.each([...kinds.map((k) => ['kind', k]), ...domains.map((d) => ['domain', d])])('the %s %s', (_what, word) => {
    const symbols = GUIDE.slice(GUIDE.indexOf('## Symbols'), GUIDE.indexOf('## Names'));
    expect(symbols).toMatch(new RegExp(`\\| \`${word}(\\(x\\)|\\(d\\))?\`|, \`${word}\`|\\| \`${word}\` \\(default\\)`));
  });

  test.each(Object.entries(keys).flatMap(([where, ks]) => ks.map((k) => [where, k])))('the %s key %s', (_where, key) => {
    expect(GUIDE).toContain(`| \`${key}\` |`);
  });

  test.each(RELATIONS.map((r) => [r.describe.split(/\s{2}/)[0]]))('the relation %s', (rel) => {
    const table = GUIDE.slice(GUIDE.indexOf('## Relations'), GUIDE.indexOf('## The notation'));
    expect(table).toContain(`\`${rel}\``);
  });
});
