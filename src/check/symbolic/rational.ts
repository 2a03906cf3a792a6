/**
 * Exact rational numbers over bigint, always in lowest terms with a positive
 * denominator. Coefficients of the prover's normal form are rationals, so no
 * rounding ever enters a symbolic proof.
 *
 * @example
 *   Q.add(Q.of(1, 2), Q.of(1, 3))   // { n: 5n, d: 6n }
 */

/** A rational number n/d in lowest terms, d > 0. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Rat {
  if (d === 0n) throw new Error('rational with zero denominator');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** Largest number of decimals accepted when reading a literal exactly. */
const MAX_DECIMALS = 12;

export const Q = {
  ZERO: { n: 0n, d: 1n } as Rat,
  ONE: { n: 1n, d: 1n } as Rat,
  /** n/d from integers. */
  of(n: number | bigint, d: number | bigint = 1): Rat {
    return make(BigInt(n), BigInt(d));
  },
  /** The exact value of a finite decimal literal (0.5 -> 1/2). */
  fromNumber(x: number): Rat {
    if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return make(BigInt(x), 1n);
    const s = x.toFixed(MAX_DECIMALS).replace(/0+$/, '');
    const [int, frac = ''] = s.split('.');
    const d = 10n ** BigInt(frac.length);
    const sign = int.startsWith('-') ? -1n : 1n;
    return make(BigInt(int) * d + sign * BigInt(frac || '0'), d);
  },
  add: (a: Rat, b: Rat): Rat => make(a.n * b.d + b.n * a.d, a.d * b.d),
  sub: (a: Rat, b: Rat): Rat => make(a.n * b.d - b.n * a.d, a.d * b.d),
  mul: (a: Rat, b: Rat): Rat => make(a.n * b.n, a.d * b.d),
  div: (a: Rat, b: Rat): Rat => make(a.n * b.d, a.d * b.n),
  neg: (a: Rat): Rat => ({ n: -a.n, d: a.d }),
  inv: (a: Rat): Rat => make(a.d, a.n),
  isZero: (a: Rat): boolean => a.n === 0n,
  isOne: (a: Rat): boolean => a.n === 1n && a.d === 1n,
  isInt: (a: Rat): boolean => a.d === 1n,
  sign: (a: Rat): number => (a.n > 0n ? 1 : a.n < 0n ? -1 : 0),
  eq: (a: Rat, b: Rat): boolean => a.n === b.n && a.d === b.d,
  cmp: (a: Rat, b: Rat): number => {
    const x = a.n * b.d - b.n * a.d;
    return x > 0n ? 1 : x < 0n ? -1 : 0;
  },
  /** a^k for an integer k. */
  powInt(a: Rat, k: bigint): Rat {
    if (k < 0n) return Q.inv(Q.powInt(a, -k));
    return make(a.n ** k, a.d ** k);
  },
  toNumber: (a: Rat): number => Number(a.n) / Number(a.d),
  toString: (a: Rat): string => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`),
  /** Floor of a rational. */
  floor(a: Rat): bigint {
    const q = a.n / a.d;
    return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
  },
  gcd,
};

/** Prime factorisation of a small positive integer (trial division), or null when too large. */
export function factorInt(n: bigint): Map<bigint, bigint> | null {
  if (n <= 0n) return null;
  if (n > 10n ** 9n) return null;
  const out = new Map<bigint, bigint>();
  let m = n;
  for (let p = 2n; p * p <= m; p += p === 2n ? 1n : 2n) {
    while (m % p === 0n) {
      out.set(p, (out.get(p) ?? 0n) + 1n);
      m /= p;
    }
  }
  if (m > 1n) out.set(m, (out.get(m) ?? 0n) + 1n);
  return out;
}
