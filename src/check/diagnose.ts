/**
 * Diagnosis of a refuted step: which familiar mistake explains it. Each class
 * is a candidate correction of the written right-hand side, tested with the
 * same numeric tester; the first correction that makes the step hold names the
 * mistake. When none does, the diagnosis says only "not equal" (never a guess).
 *
 * @example
 *   diagnose({ lhs: parseExpr('2a'), rhs: parseExpr('a'), … })   // 'off by a factor of 2 …'
 */
import type { Expr } from '../expr/types';
import { neg, mul, num, div } from '../expr/build';
import type { Context, Definition } from '../semantics/context';
import type { Relation } from '../semantics/derivation';
import { numericEqual, numericEqualUpToFreeOf, NumericSample } from './numeric';

export interface DiagnosisInput {
  lhs: Expr;
  rhs: Expr;
  relation: Relation;
  ctx: Context;
  defs: Definition[];
  otherHypotheses?: { name: string; latex: string; defs: Definition[] }[];
  witness: NumericSample & { seed: number };
  seed: number;
}

/** One mistake class: a corrected right-hand side, and what to say when it fits. */
interface Candidate {
  fix: (rhs: Expr) => Expr;
  say: string;
}

const FACTORS: Candidate[] = [
  { fix: (r) => neg(r), say: 'sign flipped: the right side is the negative of what it should be' },
  { fix: (r) => mul(num(2), r), say: 'off by a factor of 2: the right side is half of what it should be' },
  { fix: (r) => div(r, num(2)), say: 'off by a factor of 1/2: the right side is twice what it should be' },
  { fix: (r) => mul(num(-2), r), say: 'sign flipped and off by a factor of 2' },
  { fix: (r) => div(neg(r), num(2)), say: 'sign flipped and off by a factor of 1/2' },
];

function holds(lhs: Expr, rhs: Expr, ctx: Context, defs: Definition[], seed: number): boolean {
  try {
    return numericEqual(lhs, rhs, ctx, { seed, samples: 4, extraDefinitions: defs }).status === 'agree';
  } catch {
    return false;
  }
}

/** Names the mistake that explains a refuted step, or says plainly that the sides differ. */
export function diagnose(d: DiagnosisInput): string {
  const { lhs, rhs, ctx, defs, seed } = d;
  const others = (d.otherHypotheses ?? []).filter((h) => h.defs.length);
  const holdsWith = (extra: Definition[]) => (d.relation.kind === 'doteq'
    ? safe(() => numericEqualUpToFreeOf(d.relation.kind === 'doteq' ? d.relation.param : '', lhs, rhs, ctx, { seed, samples: 4, extraDefinitions: [...defs, ...extra] }).status === 'agree')
    : holds(lhs, rhs, ctx, [...defs, ...extra], seed));
  for (const h of others) {
    if (holdsWith(h.defs)) return `valid only given hypothesis "${h.name}" (${h.latex}), which the chain has not stated`;
  }
  if (others.length > 1 && holdsWith(others.flatMap((h) => h.defs))) {
    return `valid only given hypotheses ${others.map((h) => `"${h.name}" (${h.latex})`).join(' and ')}, which the chain has not stated`;
  }
  if (d.relation.kind === 'eq') {
    for (const p of [...ctx.symbols.values()].filter((s) => s.kind === 'parameter')) {
      const ok = safe(() => numericEqualUpToFreeOf(p.name, lhs, rhs, ctx, { seed, samples: 4, extraDefinitions: defs }).status === 'agree');
      if (ok) return `the sides differ by a term free of ${p.name}: a term was dropped, so the relation is \\doteq_{${p.name}} (equal up to a constant in ${p.name}), not =`;
    }
  }
  for (const c of FACTORS) if (holds(lhs, c.fix(rhs), ctx, defs, seed)) return c.say;
  return 'not equal';
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}
