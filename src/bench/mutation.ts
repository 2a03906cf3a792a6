/**
 * The mutation test of issue 11: mutants of every `=` step of every
 * derivation, each one's truth decided without the numeric tester, and the
 * checker's verdict on it. A mutant that is really unequal and comes back
 * `proved` or `numeric` is a false accept.
 *
 * Strategy. Mutants: at every node of a step's right side (pre-order), every
 * mutation of the table MUTATIONS that applies there — sign, factors 2, ½, 3, ⅓,
 * swapped arguments (a quotient, a KL, a function of several arguments, a
 * power's base and exponent), a dropped or duplicated term of a sum, an
 * exponent ±1, constant offsets (±10^{−9}, 10^{−4}, ±1, 10^{6}), θ↔φ and
 * p_θ↔p_data at one occurrence. Truth of `lhs = mutant` (the step `lhs = rhs`
 * being true, it is `rhs ≡ mutant`):
 *   1. the symbolic prover proves rhs = mutant (sound, exact)   → equal
 *   2. the difference is a non-zero polynomial (`exact.ts`)      → unequal
 *   3. both sides elementary: high-precision evaluation at random points
 *      (`precise.ts`, decimal.js, not the compiled evaluator)     → unequal / equal
 *   4. otherwise one evaluation of both at each of 6 random instantiations at
 *      the finer accuracy level, no tolerance policy, no sampling policy:
 *      |rhs − mutant| > 10^{−3}·max(1, |rhs|, |mutant|) somewhere → unequal
 *   5. else undecided (reported, not counted).
 * Truth "equal" only ever comes from a proof or from high precision, so a
 * shared evaluator can make a mutant "unequal" wrongly (a false alarm, which
 * the test would show) but never hide a false accept.
 *
 * @example
 *   const ms = stepMutants(step);   // [{ kind: 'sign', site: 3, rhs }, …]
 *   truthOf(step.input, ms[0].rhs, 1);   // 'unequal'
 */
import { densityInput } from '../check/density-forms';
import { metered, stepBudget, isBudgetExceeded } from '../check/budget';
import type { Expr } from '../expr/types';
import { add, div, mul, neg, num, pow } from '../expr/build';
import { children, withChildren } from '../expr/walk';
import { exprEqual } from '../expr/equal';
import { proveEqual } from '../check/symbolic/prove';
import { Defs } from '../check/symbolic/defs';
import { exactRefutation } from '../check/exact';
import { Program } from '../check/numeric/instantiate';
import { preciseComparator } from '../check/numeric/precise';
import type { StepInput } from '../check/step';

/** A mutant of a step's right side. */
export interface Mutant {
  kind: string;
  site: number;
  rhs: Expr;
}

/** Truth of a mutant step, decided without the numeric tester. */
export type Truth = 'equal' | 'unequal' | 'undecided';

const tenTo = (k: number) => pow(num(10), k < 0 ? neg(num(-k)) : num(k));

/** Mutations at one node: each returns the replacements for that node. */
const MUTATIONS: [string, (n: Expr) => Expr[]][] = [
  ['sign', (n) => (n.kind === 'neg' ? [n.arg] : [neg(n)])],
  ['factor', (n) => [mul(num(2), n), div(n, num(2)), mul(num(3), n), div(n, num(3))]],
  // not on a bare literal: an exponent 2 + 10^6 makes the prover multiply out a millionth power (a known hang, left to the prover's budget)
  ['offset', (n) => (n.kind === 'num' ? [] : [add(n, tenTo(-9)), add(n, neg(tenTo(-9))), add(n, tenTo(-4)), add(n, num(1)), add(n, neg(num(1))), add(n, tenTo(6))])],
  ['exponent', (n) => (n.kind === 'pow' ? [pow(n.base, add(n.exp, num(1))), pow(n.base, add(n.exp, neg(num(1))))] : [])],
  ['swapped arguments', (n) => {
    switch (n.kind) {
      case 'div': return [div(n.den, n.num)];
      case 'kl': return [{ ...n, p: n.q, q: n.p }];
      case 'pow': return [pow(n.exp, n.base)];
      case 'apply': return n.args.length >= 2 ? [{ ...n, args: [...n.args].reverse() }] : [];
      default: return [];
    }
  }],
  ['dropped term', (n) => (n.kind === 'add' && n.terms.length >= 2 ? n.terms.map((_, i) => (n.terms.length === 2 ? n.terms[1 - i] : add(...n.terms.filter((__, j) => j !== i)))) : [])],
  ['duplicated term', (n) => (n.kind === 'add' ? n.terms.map((t, i) => add(...n.terms.slice(0, i + 1), t, ...n.terms.slice(i + 1))) : [])],
  ['θ↔φ', (n) => (n.kind === 'sym' && (n.name === '\\theta' || n.name === '\\phi') ? [{ ...n, name: n.name === '\\theta' ? '\\phi' : '\\theta' }] : [])],
  ['p_θ↔p_data', (n) => {
    const swap = (s: string) => (s === 'p_{\\theta}' ? 'p_{data}' : s === 'p_{data}' ? 'p_{\\theta}' : null);
    if (n.kind === 'apply' && swap(n.fn)) return [{ ...n, fn: swap(n.fn)! }];
    if (n.kind === 'sym' && swap(n.name)) return [{ ...n, name: swap(n.name)! }];
    return [];
  }],
];

/** Every node of `e` replaced by `f(node)`, one node at a time (pre-order). */
function atEverySite(e: Expr, f: (n: Expr) => Expr[]): { site: number; rhs: Expr }[] {
  const out: { site: number; rhs: Expr }[] = [];
  let counter = 0;
  const walk = (n: Expr, rebuild: (r: Expr) => Expr): void => {
    const site = counter++;
    for (const r of f(n)) out.push({ site, rhs: rebuild(r) });
    const cs = children(n);
    cs.forEach((c, i) => walk(c, (r) => rebuild(withChildren(n, cs.map((x, j) => (j === i ? r : x))))));
  };
  walk(e, (r) => r);
  return out;
}

/**
 * Every mutant of a step's right side (structurally different from it).
 *
 * @example
 *   stepMutants(parse('a + b')).map((m) => m.kind)   // ['sign', 'factor', 'factor', 'offset', …]
 */
export function stepMutants(rhs: Expr): Mutant[] {
  const out: Mutant[] = [];
  for (const [kind, f] of MUTATIONS) for (const m of atEverySite(rhs, f)) if (!exprEqual(m.rhs, rhs)) out.push({ kind, ...m });
  return out;
}

/** True when `a` and `b` are finite and differ by more than 10^{-3} of their size. */
function clearlyDiffer(a: number, b: number): boolean {
  return a - a === 0 && b - b === 0 && Math.abs(a - b) > 1e-3 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Whether `rhs ≡ mutant` for a true step `lhs = rhs` (see the strategy above).
 *
 * @example
 *   truthOf(step.input, mutant.rhs, 7);   // 'unequal'
 */
export function truthOf(raw: StepInput, rawMutant: Expr, seed: number): Truth {
  // the truth is decided under a step's budget too: a mutant the evaluators cannot settle within it is undecided
  try {
    return metered('mutant truth', stepBudget(), () => truthWithin(raw, rawMutant, seed)).value;
  } catch (e) {
    if (isBudgetExceeded(e)) return 'undecided';
    throw e;
  }
}

function truthWithin(raw: StepInput, rawMutant: Expr, seed: number): Truth {
  // both read as the notation means them: a joint density's arguments are named by its variables, so
  // p(y, x) is p(x, y) (density-forms.ts); the truth below is decided on that meaning
  let input: StepInput, mutant: Expr;
  try {
    const read = densityInput({ ...raw, lhs: raw.rhs, rhs: rawMutant });
    input = { ...read, rhs: read.lhs };
    mutant = read.rhs;
  } catch {
    return 'undecided';
  }
  const env = { ctx: input.ctx, defs: new Defs(input.defs) };
  try {
    if (proveEqual(input.rhs, mutant, env).status === 'proved') return 'equal';
    if (exactRefutation(input.rhs, mutant, env, input.defs, seed)) return 'unequal';
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    /* the prover could not read it: go on */
  }
  try {
    const prog = new Program(input.ctx, input.defs, { dim: 2 });
    const fo = prog.compile(input.rhs), fm = prog.compile(mutant);
    const precise = preciseComparator(input.rhs, mutant, prog);
    if (precise) {
      let seen = 0;
      for (let s = 0; s < 8; s++) {
        prog.bind(seed, s);
        const c = precise(prog.point());
        if (c.kind === 'value') {
          if (c.differ) return 'unequal';
          seen++;
        } else if (c.kind === 'undefined' && c.lhsDefined !== c.rhsDefined) return 'unequal';
      }
      return seen >= 4 ? 'equal' : 'undecided';
    }
    for (let s = 0; s < 6; s++) {
      const e = prog.bind(seed, s);
      prog.level = 1;
      const a = fo(e), b = fm(e);
      prog.level = 0;
      if (clearlyDiffer(a, b)) return 'unequal';
    }
  } catch (e) {
    if (isBudgetExceeded(e)) throw e;
    /* not evaluable */
  }
  return 'undecided';
}

/** Counts of a mutation run: verdicts of the unequal mutants, of the equal ones, and the false accepts. */
export interface MutationReport {
  generated: number;
  tried: number;
  unequal: Record<string, number>;
  equal: Record<string, number>;
  undecided: number;
  falseAccepts: { derivation: string; step: number; kind: string; site: number; verdict: string; rhs: Expr }[];
  ms: number;
}

/**
 * Checks up to `limit` mutants (a seeded shuffle of all of them) of the `=`
 * steps of the given derivation steps with the full step checker.
 *
 * @example
 *   runMutants(steps, { limit: 200, seed: 1 }).falseAccepts   // []
 */
export function runMutants(
  steps: { derivation: string; index: number; input: StepInput }[],
  opts: { limit: number; seed: number; check: (input: StepInput) => { verdict: string }; onEach?: (rep: MutationReport, what: string, ms: number) => void },
): MutationReport {
  const t0 = Date.now();
  const all: { s: (typeof steps)[number]; m: Mutant }[] = [];
  for (const s of steps) if (s.input.relation.kind === 'eq') for (const m of stepMutants(s.input.rhs)) all.push({ s, m });
  // seeded Fisher–Yates (mulberry32)
  let a = opts.seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const rep: MutationReport = { generated: all.length, tried: 0, unequal: {}, equal: {}, undecided: 0, falseAccepts: [], ms: 0 };
  for (const { s, m } of all.slice(0, opts.limit)) {
    rep.tried++;
    const t1 = Date.now();
    const truth = truthOf(s.input, m.rhs, opts.seed + rep.tried);
    if (truth === 'undecided') { rep.undecided++; continue; }
    let verdict: string;
    try {
      verdict = opts.check({ ...s.input, rhs: m.rhs }).verdict;
    } catch (e) {
      verdict = 'error';
    }
    const bucket = truth === 'equal' ? rep.equal : rep.unequal;
    bucket[verdict] = (bucket[verdict] ?? 0) + 1;
    if (truth === 'unequal' && (verdict === 'proved' || verdict === 'numeric')) {
      rep.falseAccepts.push({ derivation: s.derivation, step: s.index, kind: m.kind, site: m.site, verdict, rhs: m.rhs });
    }
    opts.onEach?.(rep, `${s.derivation} step ${s.index} ${m.kind}@${m.site} ${truth} ${verdict}`, Date.now() - t1);
  }
  rep.ms = Date.now() - t0;
  return rep;
}
