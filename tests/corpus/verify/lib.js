/**
 * Independent numeric verification of the corpus's labels, in plain
 * JavaScript: nothing of Rederive is used. Each answer's script gives the
 * value of every labelled line at a concrete random instance — densities
 * N(a, sa^2) and N(theta, sb^2), a discriminator sigma(h(x)) with a concrete
 * logit h, a generator G_theta(z), class-conditional Gaussians — and the
 * steps between lines with their relation. A step holds when:
 *
 * - `=`: both lines agree at every instance (relative tolerance 1e-6);
 * - `doteq`: their difference does not change when only theta changes;
 * - `iff` / `implies`: the lines are equations f(u) = 0 in one unknown u on
 *   an interval; the root of the first (bisection) is a root of the second
 *   (and for iff the other way round);
 * - `lim0`: the line's value tends to the target along a sequence of instances
 *   (the script gives the sequence).
 *
 * Expectations and integrals are Simpson's rule on a wide interval.
 */
'use strict';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sig = (u) => 1 / (1 + Math.exp(-u));
const normal = (x, m, s) => Math.exp(-((x - m) ** 2) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s);

/** Simpson's rule on [lo, hi] with n (even) panels. */
function simpson(f, lo, hi, n = 2000) {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** E_{x ~ N(m, s^2)}[f(x)]. */
const EN = (m, s, f) => simpson((x) => normal(x, m, s) * f(x), m - 12 * s, m + 12 * s);

/**
 * A random instance: every symbol of the seven derivations given a concrete value or function.
 * `over` replaces some values (theta for doteq, a sequence for limits).
 */
function instance(r, over = {}) {
  const u = (lo, hi) => lo + (hi - lo) * r();
  const I = {
    theta: u(-1, 1), a: u(-1, 1), sa: u(0.6, 1.4), sb: u(0.6, 1.4),
    c0: u(-1, 1), c1: u(-1, 1), c2: u(-0.5, 0.5), g1: u(0.5, 1.5),
    x: u(-1.5, 1.5), y: u(-1, 1), z: u(-1, 1), t: u(0.1, 0.9),
    theta0: u(-1, 1), eps: u(0.5, 1.5), mu: u(-1, 1), s: u(0.5, 1.5),
    m0: u(-1, 1), m1: u(-1, 1), n0: u(-1, 1), n1: u(-1, 1), q0: u(0.2, 0.8), r0: u(0.2, 0.8),
    ...over,
  };
  Object.assign(I, {
    pd: (x) => normal(x, I.a, I.sa),
    pt: (x) => normal(x, I.theta, I.sb),
    h: (x) => I.c0 + I.c1 * x + I.c2 * Math.sin(x),
    D: (x) => sig(I.h(x)),
    Dstar: (x) => I.pd(x) / (I.pd(x) + I.pt(x)),
    /** 1 - D*(x), computed without cancellation (far in the tails 1 - D* is below double precision) */
    cDstar: (x) => I.pt(x) / (I.pd(x) + I.pt(x)),
    G: (z, th = I.theta) => th + I.g1 * z + 0.3 * th * th * z,
    /** d/dtheta of h(G_theta(z)) */
    /** d/dtheta of a function of theta, at the instance's theta */
    dth: (f) => (f(I.theta + 1e-5) - f(I.theta - 1e-5)) / 2e-5,
    dhG: (z) => { const e = 1e-5; return (I.h(I.G(z, I.theta + e)) - I.h(I.G(z, I.theta - e))) / (2 * e); },
    Ed: (f) => EN(I.a, I.sa, f),
    Et: (f) => EN(I.theta, I.sb, f),
    Ez: (f) => EN(0, 1, f),
    EN,
    int: (f) => simpson(f, -14, 14, 4000),
    sig, normal,
    // conditional Gaussians (d = 1): phi(x), class means, class marginals
    phi: (x) => x + 0.5 * Math.sin(x),
    muY: (y) => I.m0 + I.m1 * y,
    muhatY: (y) => I.n0 + I.n1 * y + 0.2 * I.theta,
    pdy: (y) => I.q0 + 0.1 * y * y,
    pty: (y) => (I.equalMarginals ? I.q0 + 0.1 * y * y : I.r0 + 0.2 * Math.abs(y)),
    pdxy: (x, y) => normal(I.phi(x), I.muY(y), 1),
    ptxy: (x, y) => normal(I.phi(x), I.muhatY(y), 1),
  });
  return I;
}

const close = (p, q) => Math.abs(p - q) <= 1e-6 * Math.max(1, Math.abs(p), Math.abs(q));

/** A root of f on [lo, hi] by bisection (f changes sign), or null. */
function root(f, lo, hi) {
  let a = lo, b = hi, fa = f(a);
  if (Math.sign(fa) === Math.sign(f(b))) return null;
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2, fm = f(m);
    if (Math.sign(fm) === Math.sign(fa)) { a = m; fa = fm; } else b = m;
  }
  return (a + b) / 2;
}

/**
 * Whether one step holds: `from` and `to` are the lines' functions of an
 * instance (for equations: of an instance and the unknown).
 */
function holds(step, lines, spec, seed) {
  const [fromLine, toLine, rel] = step;
  const from = lines[fromLine];
  const to = lines[toLine];
  const over = spec.over ?? {};
  for (let k = 0; k < 6; k++) {
    const r = rng(seed + 7919 * k);
    const I = instance(r, over);
    if (rel === '=') {
      if (!close(from(I), to(I))) return false;
    } else if (rel === 'doteq') {
      const J = instance(rng(seed + 7919 * k), { ...over, theta: I.theta + 0.37 });
      if (!close(from(I) - to(I), from(J) - to(J))) return false;
    } else if (rel === 'iff' || rel === 'implies') {
      const [lo, hi] = spec.unknown;
      const r1 = root((u) => from(I, u), lo, hi);
      if (r1 === null) return false;
      const scale = Math.max(1, Math.abs(from(I, r1 + 1e-3) - from(I, r1)) * 1e3, Math.abs(to(I, r1 + 1e-3) - to(I, r1)) * 1e3);
      if (Math.abs(to(I, r1)) > 1e-6 * scale) return false;
      if (rel === 'iff') {
        const r2 = root((u) => to(I, u), lo, hi);
        if (r2 === null || Math.abs(from(I, r2)) > 1e-6 * scale) return false;
      }
    } else if (rel === 'lim') {
      // along spec.sequence(n) (overrides of the instance), the line before must approach the value of this line
      const target = to(I);
      const vals = [10, 20, 40].map((n) => from(instance(rng(seed + 7919 * k), { ...over, ...spec.sequence(n) })));
      if (!(Math.abs(vals[2] - target) < Math.abs(vals[0] - target) && Math.abs(vals[2] - target) < 1e-3)) return false;
    } else throw new Error(`unknown relation ${rel}`);
  }
  return true;
}

/**
 * The verdict of an answer's script on each labelled step: { line: 'ok' | 'wrong' }.
 *
 * @example verify(require('./mle-01.js'))   // { 5: 'ok', 7: 'wrong' }
 */
function verify(spec) {
  const out = {};
  spec.steps.forEach((s, i) => {
    out[s[1]] = holds(s, spec.lines, spec, 1000 + 31 * i) ? 'ok' : 'wrong';
  });
  return out;
}

module.exports = { verify, instance, rng, sig, normal, EN, simpson };
