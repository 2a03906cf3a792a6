/**
 * Seeded pseudo-random numbers for the numeric tester.
 *
 * Strategy: every random choice is drawn from a stream keyed by
 * `(seed, sample, name)` — a 32-bit FNV-1a hash of the parts, expanded with
 * splitmix32 into the state of a xoshiro128** generator. Keying by name (not by
 * the order in which names are met) makes an instantiation reproducible and
 * independent of which other symbols an expression mentions: `p_{\theta}` gets
 * the same mixture whether or not `p_{data}` occurs, and the two never share a
 * stream, so they are independent.
 *
 * @example
 *   const r = rngFor(42, 0, '\\theta');
 *   r.uniform(-1.5, 1.5);   // the same number on every run with seed 42
 */

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/**
 * A 32-bit hash of a list of strings and numbers (FNV-1a with a murmur3 finaliser).
 *
 * @example
 *   hashParts([42, 0, 'x']) === hashParts([42, 0, 'x'])   // true
 */
export function hashParts(parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const mix = (c: number) => {
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193);
  };
  for (const p of parts) {
    const s = typeof p === 'number' ? `#${p}` : `$${p}`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      mix(c);
      mix(c >>> 8);
    }
    mix(0x1f);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * xoshiro128** seeded through splitmix32: fast, 2^128 − 1 period, good
 * equidistribution for the handful of draws an instantiation needs.
 *
 * @example
 *   const r = new Rng(7);
 *   r.next();          // in [0, 1)
 *   r.sign();          // -1 or 1
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform double in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** -1 or +1 with equal probability. */
  sign(): number {
    return this.next() < 0.5 ? -1 : 1;
  }

  /** A magnitude in [lo, hi) with a random sign. */
  signed(lo: number, hi: number): number {
    return this.sign() * this.uniform(lo, hi);
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * The stream for one name in one sample of one seeded run.
 *
 * @example
 *   rngFor(1, 3, 'p_{data}').next() === rngFor(1, 3, 'p_{data}').next()   // true
 */
export function rngFor(seed: number, sample: number, name: string): Rng {
  return new Rng(hashParts([seed, sample, name]));
}
