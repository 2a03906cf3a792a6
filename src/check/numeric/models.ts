/**
 * Random models of declared functions and densities.
 *
 * Strategy: a declared function becomes a random smooth map R^n → R — a few
 * `a·tanh(b·v + c)` ridges, a `d·sin(e·v + f)` wave and an affine part — pushed
 * through the codomain its domain asks for (σ for 'unit', exp for 'positive',
 * softplus for 'nonnegative'). A declared density becomes a positive mixture of
 * 2–3 Gaussians normalised to 1; the first component is broad (sd in [1, 1.5))
 * so that no density underflows anywhere an integral looks (every log-ratio of
 * two models stays above about −250 on the integration ranges), the others
 * have sd in [0.5, 1.5). Dependence on parameters, and later on conditioning
 * values (`p(x | y)`), enters as an input vector `inp`: function models read it
 * as extra arguments; density models shift their means by bounded
 * `a·tanh(b·inp_j + c)` terms and their weights through a softmax, so p_θ moves
 * smoothly with θ but stays inside static bounds that integrals can rely on.
 *
 * A vector-valued function is one such model per component (`vectors.ts`); a
 * joint density p(x, y) is a conditional model (inputs: parameters, then y)
 * times a marginal model (`joint.ts`).
 *
 * @example
 *   const p = new DensityModel(1, new Rng(1));
 *   const inp = new Float64Array([0.3]);          // θ = 0.3
 *   p.pdf(0, inp);                                 // a positive number
 */
import type { Domain } from '../../semantics/context';
import type { Rng } from './rng';
import { HALF_LOG_2PI, sigmoid, softplus } from './stablemath';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/**
 * Smallest component sd of any density model (the integration resolution never needs to be finer).
 *
 * @example
 *   new DensityModel(0, new Rng(1)).minSd >= MIN_MODEL_SD;   // true
 */
export const MIN_MODEL_SD = 0.5;
/**
 * How many standard deviations beyond the outermost means integrals and expectations reach.
 *
 * @example
 *   p.currentRange();   // [min μ − TAIL_SDS·sd, max μ + TAIL_SDS·sd]
 */
export const TAIL_SDS = 9;

/**
 * A real value for a symbol of the given domain: real [-1.5, 1.5), positive
 * [0.5, 2), unit [0.1, 0.9), nonzero ±[0.3, 1.5), nonnegative [0.05, 2).
 *
 * @example
 *   sampleScalar('unit', new Rng(3));   // in [0.1, 0.9)
 */
export function sampleScalar(domain: Domain | undefined, rng: Rng): number {
  switch (domain) {
    case 'positive': return rng.uniform(0.5, 2);
    case 'unit': return rng.uniform(0.1, 0.9);
    case 'nonzero': return rng.signed(0.3, 1.5);
    case 'nonnegative': return rng.uniform(0.05, 2);
    default: return rng.uniform(-1.5, 1.5);
  }
}

/**
 * A value for an *edge* sample: magnitudes on a log scale (half of the draws
 * within 10^±3, half within 10^±12), both signs where the domain allows,
 * sometimes 0 for a real, and for a unit value points near 0 or 1 but
 * strictly inside (0, 1) (10^−12 ≤ t ≤ 1 − 10^−12; open domains are never
 * left). Used for the extra samples after the ordinary ones (`compare.ts`).
 *
 * @example
 *   sampleEdge('unit', new Rng(3));   // e.g. 3.2e-9 or 0.99999971
 */
export function sampleEdge(domain: Domain | undefined, rng: Rng): number {
  const wide = rng.int(2) === 0;
  const mag = 10 ** (wide ? rng.uniform(-12, 12) : rng.uniform(-3, 3));
  switch (domain) {
    case 'positive': return mag;
    case 'nonnegative': return rng.int(6) === 0 ? 0 : mag;
    case 'unit': {
      const t = 10 ** -rng.uniform(1, 12);
      return rng.int(2) === 0 ? t : 1 - t;
    }
    case 'nonzero': return rng.sign() * mag;
    default: return rng.int(8) === 0 ? 0 : rng.sign() * mag;
  }
}

const RIDGES = 3;
/** Input vectors whose components a density model remembers. */
const CACHE = 16;

/**
 * A random smooth function of `dim` inputs with values in `domain`.
 *
 * @example
 *   const D = new FunctionModel(1, 'unit', new Rng(5));
 *   D.value([0.2]);      // in (0, 1)
 *   D.logValue([0.2]);   // log of it, computed as −softplus(−g)
 */
export class FunctionModel {
  private readonly a = new Float64Array(RIDGES);
  private readonly b: Float64Array;
  private readonly c = new Float64Array(RIDGES);
  private readonly sinAmp: number;
  private readonly sinW: Float64Array;
  private readonly sinPhase: number;
  private readonly lin: Float64Array;
  private readonly bias: number;
  private readonly sign: number;
  /** A shift added to the underlying map g (before the codomain): the limit tester moves it to ±∞. */
  offset = 0;

  constructor(readonly dim: number, readonly domain: Domain, rng: Rng) {
    this.b = new Float64Array(RIDGES * dim);
    for (let k = 0; k < RIDGES; k++) {
      this.a[k] = rng.signed(0.3, 1.2);
      for (let j = 0; j < dim; j++) this.b[k * dim + j] = rng.uniform(-1.2, 1.2);
      this.c[k] = rng.uniform(-1, 1);
    }
    this.sinAmp = rng.uniform(-0.5, 0.5);
    this.sinW = new Float64Array(dim);
    this.lin = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      this.sinW[j] = rng.uniform(-1, 1);
      this.lin[j] = rng.uniform(-0.5, 0.5);
    }
    this.sinPhase = rng.uniform(-Math.PI, Math.PI);
    this.bias = rng.uniform(-0.5, 0.5);
    this.sign = rng.sign();
  }

  /** The underlying real-valued smooth map g (before the codomain transform). */
  raw(v: ArrayLike<number>): number {
    const n = this.dim;
    let s = this.bias + this.offset;
    let ws = this.sinPhase;
    for (let j = 0; j < n; j++) {
      s += this.lin[j] * v[j];
      ws += this.sinW[j] * v[j];
    }
    s += this.sinAmp * Math.sin(ws);
    for (let k = 0; k < RIDGES; k++) {
      let u = this.c[k];
      for (let j = 0; j < n; j++) u += this.b[k * n + j] * v[j];
      s += this.a[k] * (1 - 2 / (1 + Math.exp(2 * u))); // tanh u, ~25% faster than Math.tanh; absolute error ~1e-16
    }
    return s;
  }

  /** The function's value at `v`, in its domain. */
  value(v: ArrayLike<number>): number {
    const g = this.raw(v);
    switch (this.domain) {
      case 'unit': return sigmoid(g);
      case 'positive': return Math.exp(g);
      case 'nonnegative': return softplus(g);
      case 'nonzero': return this.sign * (0.3 + softplus(g));
      default: return g;
    }
  }

  /** log of the value, in log space where the codomain allows (NaN where the value is negative). */
  logValue(v: ArrayLike<number>): number {
    switch (this.domain) {
      case 'unit': return -softplus(-this.raw(v));
      case 'positive': return this.raw(v);
      default: return Math.log(this.value(v));
    }
  }

  /** log(1 − value), accurate as the value approaches 1 for 'unit' functions. */
  log1mValue(v: ArrayLike<number>): number {
    return this.domain === 'unit' ? -softplus(this.raw(v)) : Math.log1p(-this.value(v));
  }
}

/**
 * A random Gaussian-mixture density on the real line whose means and weights
 * depend smoothly on an input vector of length `inDim` (parameters, then
 * conditioning values).
 *
 * @example
 *   const p = new DensityModel(0, new Rng(2));
 *   p.prepare([]);
 *   p.mu.slice(0, p.K);    // the component means
 */
export class DensityModel {
  /** Number of components. */
  readonly K: number;
  /** Current component means, sds and weights (valid after `prepare`). */
  readonly mu: Float64Array;
  readonly sd: Float64Array;
  readonly w: Float64Array;
  /** Static bounds of the support worth integrating, for every input. */
  readonly lo: number;
  readonly hi: number;
  /** Smallest component sd. */
  readonly minSd: number;

  private readonly m: Float64Array;
  private readonly logit: Float64Array;
  private readonly shift: Float64Array; // K*inDim*3: a, b, c of the mean shifts
  private readonly wshift: Float64Array; // K*inDim*3: α, β, γ of the logit shifts
  /** Current log(w_k / (sd_k √(2π))) and 1/(2 sd_k^2) (valid after `prepare`). */
  readonly logc: Float64Array;
  readonly inv2v: Float64Array;
  private readonly last: Float64Array;
  private prepared = false;
  private readonly cacheInp: Float64Array;
  private readonly cacheMu: Float64Array;
  private readonly cacheW: Float64Array;
  private readonly cacheLogc: Float64Array;
  private cacheSize = 0;
  private cacheNext = 0;

  constructor(readonly inDim: number, rng: Rng) {
    const K = (this.K = 2 + rng.int(2));
    this.m = new Float64Array(K);
    this.sd = new Float64Array(K);
    this.logit = new Float64Array(K);
    this.shift = new Float64Array(K * inDim * 3);
    this.wshift = new Float64Array(K * inDim * 3);
    for (let k = 0; k < K; k++) {
      this.m[k] = rng.uniform(-2, 2);
      this.sd[k] = k === 0 ? rng.uniform(1, 1.5) : rng.uniform(MIN_MODEL_SD, 1.5);
      this.logit[k] = k === 0 ? rng.uniform(0, 1) : rng.uniform(-1, 1);
      for (let j = 0; j < inDim; j++) {
        const o = (k * inDim + j) * 3;
        this.shift[o] = rng.signed(0.3, 1);
        this.shift[o + 1] = rng.signed(0.5, 1.5);
        this.shift[o + 2] = rng.uniform(-1, 1);
        this.wshift[o] = rng.uniform(-0.7, 0.7);
        this.wshift[o + 1] = rng.signed(0.5, 1.5);
        this.wshift[o + 2] = rng.uniform(-1, 1);
      }
    }
    let lo = Infinity;
    let hi = -Infinity;
    let minSd = Infinity;
    for (let k = 0; k < K; k++) {
      let reach = 0;
      for (let j = 0; j < inDim; j++) reach += Math.abs(this.shift[(k * inDim + j) * 3]);
      lo = Math.min(lo, this.m[k] - reach - TAIL_SDS * this.sd[k]);
      hi = Math.max(hi, this.m[k] + reach + TAIL_SDS * this.sd[k]);
      minSd = Math.min(minSd, this.sd[k]);
    }
    this.lo = lo;
    this.hi = hi;
    this.minSd = minSd;
    this.mu = new Float64Array(K);
    this.w = new Float64Array(K);
    this.logc = new Float64Array(K);
    this.inv2v = new Float64Array(K);
    for (let k = 0; k < K; k++) this.inv2v[k] = 1 / (2 * this.sd[k] * this.sd[k]);
    this.last = new Float64Array(inDim);
    this.cacheInp = new Float64Array(CACHE * inDim);
    this.cacheMu = new Float64Array(CACHE * K);
    this.cacheW = new Float64Array(CACHE * K);
    this.cacheLogc = new Float64Array(CACHE * K);
  }

  /**
   * Computes the components for inputs `inp`. Cached: the last inputs are
   * checked first, then a ring of the 16 most recent input vectors — a finite
   * difference in θ inside an integral revisits the same 8 values of θ at
   * every node, so after the first node every `prepare` is a lookup.
   */
  prepare(inp: ArrayLike<number>): void {
    const n = this.inDim;
    if (this.prepared) {
      let same = true;
      for (let j = 0; j < n; j++) if (this.last[j] !== inp[j]) { same = false; break; }
      if (same) return;
    }
    this.prepared = true;
    for (let j = 0; j < n; j++) this.last[j] = inp[j];
    const K = this.K;
    for (let e = 0; e < this.cacheSize; e++) {
      let hit = true;
      for (let j = 0; j < n; j++) if (this.cacheInp[e * n + j] !== inp[j]) { hit = false; break; }
      if (!hit) continue;
      for (let k = 0; k < K; k++) {
        this.mu[k] = this.cacheMu[e * K + k];
        this.w[k] = this.cacheW[e * K + k];
        this.logc[k] = this.cacheLogc[e * K + k];
      }
      return;
    }
    this.compute(inp);
    const e = this.cacheNext;
    this.cacheNext = (e + 1) % CACHE;
    this.cacheSize = Math.max(this.cacheSize, e + 1);
    for (let j = 0; j < n; j++) this.cacheInp[e * n + j] = inp[j];
    for (let k = 0; k < K; k++) {
      this.cacheMu[e * K + k] = this.mu[k];
      this.cacheW[e * K + k] = this.w[k];
      this.cacheLogc[e * K + k] = this.logc[k];
    }
  }

  private compute(inp: ArrayLike<number>): void {
    const n = this.inDim;
    const K = this.K;
    let maxL = -Infinity;
    for (let k = 0; k < K; k++) {
      let mu = this.m[k];
      let l = this.logit[k];
      for (let j = 0; j < n; j++) {
        const o = (k * n + j) * 3;
        mu += this.shift[o] * Math.tanh(this.shift[o + 1] * inp[j] + this.shift[o + 2]);
        l += this.wshift[o] * Math.tanh(this.wshift[o + 1] * inp[j] + this.wshift[o + 2]);
      }
      this.mu[k] = mu;
      this.w[k] = l;
      if (l > maxL) maxL = l;
    }
    let z = 0;
    for (let k = 0; k < K; k++) z += (this.w[k] = Math.exp(this.w[k] - maxL));
    for (let k = 0; k < K; k++) {
      this.w[k] /= z;
      this.logc[k] = Math.log(this.w[k]) - Math.log(this.sd[k]) - HALF_LOG_2PI;
    }
  }

  /** The density at x for inputs `inp`. */
  pdf(x: number, inp: ArrayLike<number>): number {
    this.prepare(inp);
    let s = 0;
    for (let k = 0; k < this.K; k++) {
      const d = x - this.mu[k];
      s += Math.exp(this.logc[k] - d * d * this.inv2v[k]);
    }
    return s;
  }

  /** The log density at x for inputs `inp`, by log-sum-exp (finite far into the tails). */
  logpdf(x: number, inp: ArrayLike<number>): number {
    this.prepare(inp);
    const K = this.K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      const d = x - this.mu[k];
      const t = this.logc[k] - d * d * this.inv2v[k];
      if (t > m) m = t;
    }
    let s = 0;
    for (let k = 0; k < K; k++) {
      const d = x - this.mu[k];
      s += Math.exp(this.logc[k] - d * d * this.inv2v[k] - m);
    }
    return m + Math.log(s);
  }

  /** The current support worth integrating, [min μ − 9 sd, max μ + 9 sd] (after `prepare`). */
  currentRange(): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < this.K; k++) {
      lo = Math.min(lo, this.mu[k] - TAIL_SDS * this.sd[k]);
      hi = Math.max(hi, this.mu[k] + TAIL_SDS * this.sd[k]);
    }
    return [lo, hi];
  }
}
