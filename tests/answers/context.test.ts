/**
 * The contexts answers are checked in: the course's (every derivation's
 * names, the most general reading where they disagree, a derivation's own
 * names for a chain that uses them) and --derivation's; aliases as data.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { courseContexts, derivationContexts, loadCourseData, loadDerivations } from '../../src/answers/context';
import { SourceError } from '../../src/parse';

const ROOT = path.join(__dirname, '..', '..');
const ds = loadDerivations(path.join(ROOT, 'derivations'), path.join(ROOT, 'rules'));
const course = loadCourseData(path.join(ROOT, 'contexts', 'course.yaml'));
const c = courseContexts(ds, course);

describe('the course context', () => {
  const base = c.forChain(new Set(['x', 'p_{\\theta}']));

  test('where derivations disagree, the most general reading wins', () => {
    expect(base.focus).toBeUndefined();
    expect(base.ctx.lookup('p_{\\theta}')).toMatchObject({ kind: 'density', arity: 1 });      // not density(x, y)
    expect(base.ctx.definitions.has('p_{\\theta}')).toBe(false);                              // not gaussian-kl's Gaussian
    expect(base.ctx.lookup('D_{\\phi}')).toMatchObject({ kind: 'function', domain: 'unit' });  // not σ∘h
    expect(base.ctx.definitions.has('D_{\\phi}')).toBe(false);
    expect(base.ctx.definitions.get('h^{*}')?.params).toEqual(['x']);                       // the base's p_θ(x) reads it
    expect(base.ctx.lookup('x')?.distribution).toBeUndefined();                               // drawn from N(θ, ε²) only in gaussian-kl
  });

  test('a chain that uses names only one derivation has is checked with that derivation\'s definitions', () => {
    const g = c.forChain(new Set(['\\epsilon', '\\theta_{0}', 'p_{\\theta}']));
    expect(g.focus).toBe('gaussian-kl');
    expect(g.describe).toMatch(/only gaussian-kl has/);
    expect(g.ctx.definitions.get('p_{\\theta}')?.body.kind).toBe('normal');
    const cond = c.forChain(new Set(['\\varphi', 'y']));
    expect(cond.ctx.lookup('p_{\\theta}')).toMatchObject({ arity: 2 });
    expect(cond.ctx.resolveAlias('h_{\\phi}')).toBe('h^{*}');                                // a scoped alias
  });

  test('no hypothesis is in force; those whose names mean the same are known', () => {
    expect(base.hypotheses.map((h) => h.name)).toEqual(expect.arrayContaining(['optimal-discriminator', 'means-apart']));
    expect(base.hypotheses.map((h) => h.name)).not.toContain('equal-class-marginals'); // about a joint density
    expect(c.forChain(new Set(['y'])).hypotheses.map((h) => h.name)).toContain('equal-class-marginals');
  });

  test('aliases are data, never override a declared name, and apply only where their target exists', () => {
    expect(base.ctx.resolveAlias('P_{0}')).toBe('p_{\\theta}');
    expect(base.ctx.resolveAlias('n')).toBe('x');
    expect(base.ctx.resolveAlias('\\ln_{\\Phi}')).toBe('h_{\\phi}');
    const mle = derivationContexts(ds.find((d) => d.id === 'mle-kl')!, course).forChain(new Set());
    expect(mle.ctx.resolveAlias('P_{data}')).toBe('p_{data}');
    expect(mle.ctx.resolveAlias('D')).toBe('D');                  // mle-kl has no D_\phi
    expect(mle.hypotheses).toEqual([]);
  });
});

describe('contexts/course.yaml', () => {
  const write = (text: string) => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-course-')), 'course.yaml');
    fs.writeFileSync(f, text);
    return f;
  };
  test('names are read as the parser reads them', () => {
    expect(loadCourseData(write('aliases:\n  P_{\\text{data}}: p_{\\mathrm{data}}\n')).aliases).toEqual({ 'P_{data}': 'p_{data}' });
  });
  test.each([
    ['aliases: [a, b]\n', /1:10: aliases is a mapping/],
    ['aliases:\n  "p_(": p\n', /2:3: "p_\(" is not a name/],
    ['alias:\n  a: b\n', /1:1: .*alias/],
  ])('a mistake is reported with its line and column: %s', (text, message) => {
    expect(() => loadCourseData(write(text))).toThrow(SourceError);
    expect(() => loadCourseData(write(text))).toThrow(message);
  });
});
