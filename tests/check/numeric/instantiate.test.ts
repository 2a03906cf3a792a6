/** The random instantiation: PRNG streams, quadrature rules, scalar domains, function and density models. */
import { apply, integral, mul, num, sym } from '../../../src/expr/build';
import { makeContext, type Domain } from '../../../src/semantics/context';
import {
  DensityModel, FD8, FunctionModel, Program, Rng, gaussHermite, gaussLegendre, hashParts, numericEqual, numericEqualUpToFreeOf, rngFor, sampleScalar,
} from '../../../src/check/numeric';
import { ctx, pd, pt, x } from './fixtures';

describe('rng', () => {
  test('streams are keyed by (seed, sample, name)', () => {
    expect(rngFor(1, 2, 'a').next()).toBe(rngFor(1, 2, 'a').next());
    const draws = new Set([rngFor(1, 2, 'a'), rngFor(1, 3, 'a'), rngFor(2, 2, 'a'), rngFor(1, 2, 'b')].map((r) => r.next()));
    expect(draws.size).toBe(4);
    expect(hashParts([1, 'ab'])).not.toBe(hashParts([1, 'a', 'b']));
  });
  test('uniform draws fill [0, 1) evenly', () => {
    const r = new Rng(9);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      bins[Math.floor(v * 10)]++;
    }
    for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(150);
  });
});

describe('quadrature', () => {
  test.each([2, 5, 10, 48, 96, 150])('Gauss–Hermite(%i) reproduces normal moments', (n) => {
    const { nodes, weights } = gaussHermite(n);
    const m = (k: number) => nodes.reduce((s, t, i) => s + weights[i] * t ** k, 0);
    expect(m(0)).toBeCloseTo(1, 14);
    expect(m(1)).toBeCloseTo(0, 14);
    expect(m(2)).toBeCloseTo(1, 13);
    if (n >= 3) expect(m(4)).toBeCloseTo(3, 12);
  });
  test('Gauss–Hermite refuses sizes where its recurrence overflows', () => {
    expect(() => gaussHermite(200)).toThrow(RangeError);
  });
  test.each([3, 12, 16, 20])('Gauss–Legendre(%i) integrates polynomials of degree 2n−1 exactly', (n) => {
    const { nodes, weights } = gaussLegendre(n);
    const d = 2 * n - 2; // even degree ≤ 2n − 1
    expect(nodes.reduce((s, t, i) => s + weights[i] * t ** d, 0)).toBeCloseTo(2 / (d + 1), 14);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(2, 14);
  });
  test('the 8th-order difference is exact on a degree-8 polynomial', () => {
    const f = (v: number) => v ** 8 - 3 * v ** 5 + v;
    const h = 1 / 64, at = 0.7;
    const d = FD8.reduce((s, c, k) => s + c * (f(at + (k + 1) * h) - f(at - (k + 1) * h)), 0) / h;
    expect(d).toBeCloseTo(8 * at ** 7 - 15 * at ** 4 + 1, 11);
  });
});

describe('scalar domains', () => {
  test.each<[Domain | undefined, number, number]>([
    [undefined, -1.5, 1.5], ['real', -1.5, 1.5], ['positive', 0.5, 2], ['unit', 0.1, 0.9], ['nonnegative', 0.05, 2],
  ])('%s values lie in [%d, %d)', (domain, lo, hi) => {
    const r = new Rng(4);
    for (let i = 0; i < 500; i++) {
      const v = sampleScalar(domain, r);
      expect(v >= lo && v < hi).toBe(true);
    }
  });
  test('nonzero values are ±[0.3, 1.5) with both signs', () => {
    const r = new Rng(4);
    const vs = Array.from({ length: 200 }, () => sampleScalar('nonzero', r));
    for (const v of vs) expect(Math.abs(v) >= 0.3 && Math.abs(v) < 1.5).toBe(true);
    expect(vs.some((v) => v < 0) && vs.some((v) => v > 0)).toBe(true);
  });
});

describe('function models', () => {
  test.each<[Domain, (v: number) => boolean]>([
    ['unit', (v) => v > 0 && v < 1], ['positive', (v) => v > 0], ['nonnegative', (v) => v >= 0], ['nonzero', (v) => Math.abs(v) >= 0.3],
  ])('codomain %s', (domain, ok) => {
    for (let s = 0; s < 20; s++) {
      const f = new FunctionModel(2, domain, new Rng(s));
      for (let i = -10; i <= 10; i++) expect(ok(f.value([i / 2, 0.3]))).toBe(true);
    }
  });
  test('log forms agree with the value', () => {
    const f = new FunctionModel(1, 'unit', new Rng(1));
    expect(f.logValue([0.4])).toBeCloseTo(Math.log(f.value([0.4])), 14);
    expect(f.log1mValue([0.4])).toBeCloseTo(Math.log(1 - f.value([0.4])), 14);
  });
  test('a function depending on θ changes with θ', () => {
    const out = numericEqualUpToFreeOf('\\theta', apply('G_{\\theta}', [sym('z')]), num(0), ctx, { seed: 1 });
    expect(out.status).toBe('disagree');
  });
});

describe('density models', () => {
  test('positive everywhere, normalised for every input', () => {
    for (let s = 0; s < 20; s++) {
      const p = new DensityModel(1, new Rng(s));
      for (const th of [-1.5, 0, 1.5]) {
        const inp = [th];
        let total = 0;
        for (let v = -30; v < 30; v += 0.01) total += 0.01 * p.pdf(v + 0.005, inp);
        expect(total).toBeCloseTo(1, 6);
        expect(p.pdf(25, inp)).toBeGreaterThan(0);
        expect(p.logpdf(0.3, inp)).toBeCloseTo(Math.log(p.pdf(0.3, inp)), 13);
      }
      expect(p.K === 2 || p.K === 3).toBe(true);
      expect(p.minSd).toBeGreaterThanOrEqual(0.5);
    }
  });
  test('p_θ depends on θ, p_data does not', () => {
    expect(numericEqualUpToFreeOf('\\theta', pt(), num(0), ctx, { seed: 2 }).status).toBe('disagree');
    expect(numericEqualUpToFreeOf('\\theta', pd(), num(0), ctx, { seed: 2 }).status).toBe('agree');
  });
  test('∫ p(x) dx = 1 for every density and sample (to 1e-12)', () => {
    const out = numericEqual(integral('x', mul(pt(), num(1))), num(1), ctx, { seed: 6, samples: 30, tolerance: 1e-12 });
    expect(out).toMatchObject({ status: 'agree', samples: 30 });
  });
  test('each sample instantiates afresh; names do not share streams', () => {
    const prog = new Program(ctx);
    const f = prog.compile(pt(num(0.5)));
    const g = prog.compile(pd(num(0.5)));
    const v0 = f(prog.bind(1, 0)), w0 = g(prog.env);
    const v1 = f(prog.bind(1, 1));
    expect(v1).not.toBe(v0);
    expect(w0).not.toBe(v0);
    expect(f(prog.bind(1, 0))).toBe(v0);
  });
  test('the instantiation of a name does not depend on which other names occur', () => {
    const alone = new Program(ctx), both = new Program(ctx);
    const fa = alone.compile(pt(x));
    both.compile(pd(sym('w')));
    const fb = both.compile(pt(x));
    expect(fa(alone.bind(4, 2))).toBe(fb(both.bind(4, 2)));
  });
  test('undeclared free symbols are real variables and reported', () => {
    const c = makeContext([]);
    const out = numericEqual(sym('w'), num(0), c, { seed: 1 });
    expect(out.status).toBe('disagree');
    if (out.status === 'disagree') {
      expect(Object.keys(out.witness.point)).toEqual(['w']);
      expect(Math.abs(out.witness.point.w)).toBeLessThanOrEqual(1.5);
    }
  });
});
