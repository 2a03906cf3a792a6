/**
 * Checking one step: the symbolic prover and the numeric tester both run, and
 * their answers combine into one honest verdict.
 *
 *   proved    symbolic proof, and the numeric test agrees
 *   numeric   the numeric test agrees at every sample, no symbolic proof found
 *   refuted   the numeric test found a counterexample (the witness is reported)
 *   unknown   neither could decide (e.g. the sides could not be evaluated)
 *   error     the step could not be read or evaluated; or the engine contradicted
 *             itself (a symbolic proof the numeric test refutes is an engine
 *             fault, never a "proved")
 *
 * @example
 *   checkStep({ lhs, rhs, relation: { kind: 'eq', latex: '=' }, ctx, defs, seed: 1 })
 *   // { verdict: 'proved', rules: ['log-quotient'], … }
 */
import { LimitError, isStackOverflow } from '../expr/limits';
import type { Expr } from '../expr/types';
import { add, neg } from '../expr/build';
import type { Context, Definition } from '../semantics/context';
import type { Relation } from '../semantics/derivation';
import { proveEqual, proveFreeOf, SymbolicResult, ENGINE_RULES } from './symbolic/prove';
import { proveEquivalent, proveInequality } from './symbolic/equations';
import { proveLimit } from './symbolic/limits';
import { Defs } from './symbolic/defs';
import { vectorNotation } from './vector-notation';
import { densityInput, DensityFormError } from './density-forms';
import { numericEqual, numericEqualUpToFreeOf, numericEquivalent, numericLimit, numericCompare, NumericOutcome, NumericSample } from './numeric';
import { diagnose, DiagnosisInput, StepDiagnosis } from './diagnose';
import type { RuleBase } from './symbolic/pattern';
import { BudgetExceeded, PHASE_SHARES, clock, metered, phase, remaining, stepBudget, type Budget } from './budget';
import { exactRefutation, elementaryNormalForms, type ExactRefutation } from './exact';
import { printLatex } from '../emit/latex-expr';

export type Verdict = 'proved' | 'numeric' | 'refuted' | 'unknown' | 'error';

/** A counterexample: the values chosen and both sides' values there. */
export interface Witness extends NumericSample {
  seed: number;
}

/** What a step check found. */
export interface StepCheck {
  verdict: Verdict;
  /** Rules the symbolic proof needs (a minimal set). */
  rules: string[];
  /** Problems with the cited rules, and other remarks. */
  notes: string[];
  diagnosis?: StepDiagnosis;
  witness?: Witness;
  numeric: NumericOutcome | { status: 'error'; reason: string };
  symbolic: SymbolicResult;
  message?: string;
  seed: number;
  /** Operations the step's meter counted (see budget.ts): what the budget is measured in. */
  ops?: number;
}

/** Everything a step check needs. */
export interface StepInput {
  lhs: Expr;
  rhs: Expr;
  relation: Relation;
  ctx: Context;
  /** Definitions in force: the derivation's and those of the hypotheses in force. */
  defs: Definition[];
  /** Hypotheses declared but not in force, tried when the step is refuted. */
  otherHypotheses?: { name: string; latex: string; defs: Definition[] }[];
  cited?: string[];
  seed: number;
  samples?: number;
  /** For equation chains: the unknown solved for. */
  unknown?: string;
  /** Pairs known to differ (from `a \neq b` hypotheses in force). */
  apart?: Expr[][];
  /** Rules from `rules/` the prover's rewrite search applies; default: the shipped ones. */
  rules?: RuleBase;
  /** The step's budget (default `stepBudget()`, see budget.ts); past it the step is `unknown`. */
  budget?: Budget;
  /** Diagnose a refuted step (default true; the mutation test turns it off). */
  diagnose?: boolean;
}

const ENGINE = new Set<string>(ENGINE_RULES);

function asEq(e: Expr, what: string): Extract<Expr, { kind: 'eq' }> {
  if (e.kind !== 'eq') throw new Error(`${what} is not an equation`);
  return e;
}

function runNumeric(input: StepInput, defs: Definition[]): NumericOutcome | { status: 'error'; reason: string } {
  const opts = { seed: input.seed, samples: input.samples, extraDefinitions: defs, apart: input.apart };
  const r = input.relation;
  try {
    switch (r.kind) {
      case 'doteq': return numericEqualUpToFreeOf(r.param, input.lhs, input.rhs, input.ctx, opts);
      case 'iff': case 'implies': {
        const u = input.unknown!;
        return numericEquivalent(asEq(input.lhs, 'the previous line'), asEq(input.rhs, 'this line'), u, input.ctx.lookup(u)?.domain, input.ctx, opts, r.kind);
      }
      case 'limit': {
        const f = limitForm(input.lhs, input.rhs);
        return numericLimit(f.expr, { expr: r.cond!.expr, target: r.cond!.target }, f.claim, input.ctx, opts);
      }
      case 'ineq': return numericCompare(input.lhs, input.rhs, r.op, input.ctx, opts);
      default: return numericEqual(input.lhs, input.rhs, input.ctx, opts);
    }
  } catch (e) {
    if (e instanceof BudgetExceeded) throw e;
    return { status: 'error', reason: (e as Error).message };
  }
}

/** The claimed limit as a number, ±Infinity for \\infty, or null for an expression. */
function claimValue(e: Expr): number | null {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'sym' && e.name === '\\infty') return Infinity;
  if (e.kind === 'neg') {
    const v = claimValue(e.arg);
    return v === null ? null : -v;
  }
  return null;
}

/** `lhs \\to rhs`: a numeric claim as it is; an expression claim as `lhs - rhs \\to 0`. */
function limitForm(lhs: Expr, rhs: Expr): { expr: Expr; claim: number } {
  const v = claimValue(rhs);
  return v === null ? { expr: add(lhs, neg(rhs)), claim: 0 } : { expr: lhs, claim: v };
}

function runSymbolic(input: StepInput): SymbolicResult {
  const env = { ctx: input.ctx, defs: new Defs(input.defs), rules: input.rules };
  const r = input.relation;
  try {
    switch (r.kind) {
      case 'doteq': return proveFreeOf(r.param, input.lhs, input.rhs, env);
      case 'iff': case 'implies': return proveEquivalent(asEq(input.lhs, 'the previous line'), asEq(input.rhs, 'this line'), env);
      case 'limit': {
        const f = limitForm(input.lhs, input.rhs);
        return proveLimit(f.expr, f.claim, r.cond!, env, input.apart ?? []);
      }
      case 'ineq': return proveInequality(input.lhs, input.rhs, r.op, env);
      case 'neq': {
        // a symbolic proof of equality refutes a \\neq claim; otherwise the witness decides
        const eq = proveEqual(input.lhs, input.rhs, env);
        return eq.status === 'proved' ? { status: 'not-proved', rules: eq.rules, message: `the two sides are equal (${eq.rules.join(', ') || 'algebra'})` } : { status: 'not-proved', rules: [] };
      }
      default: return proveEqual(input.lhs, input.rhs, env);
    }
  } catch (e) {
    if (e instanceof BudgetExceeded) throw e;
    // a step too large for the prover is left to the numeric test, not an error
    if (e instanceof LimitError || isStackOverflow(e)) return { status: 'not-proved', rules: [], message: `too large to decide symbolically: ${(e as Error).message}` };
    return { status: 'error', rules: [], message: (e as Error).message };
  }
}

/** Checks one step both ways and returns the combined verdict. */
export function checkStep(raw: StepInput): StepCheck {
  const budget = raw.budget ?? stepBudget();
  const r = metered('step', budget, () => checkWithin(raw, budget));
  return { ...r.value, ops: r.ops };
}

/**
 * Runs `f` as one phase of the step: until `share` of the step's budget has
 * passed (time and operations, counted from the step's start). Past it, the
 * overrun is returned instead of the result.
 */
function within<T>(name: string, budget: Budget, start: { t: number; ops: number }, share: number, f: () => T): T | BudgetExceeded {
  const left = remaining();
  const limits = { ms: start.t + share * budget.ms - clock(), ops: left.ops - (1 - share) * budget.ops };
  try {
    return phase(name, limits, f);
  } catch (e) {
    if (e instanceof BudgetExceeded) return e;
    throw e;
  }
}

function checkWithin(raw: StepInput, budget: Budget): StepCheck {
  const start = { t: clock(), ops: 0 };
  let input: StepInput;
  try {
    input = densityInput({ ...raw, lhs: vectorNotation(raw.lhs, raw.ctx), rhs: vectorNotation(raw.rhs, raw.ctx) });
  } catch (e) {
    if (!(e instanceof DensityFormError)) throw e;
    return { verdict: 'error', rules: [], notes: [], numeric: { status: 'error', reason: e.message }, symbolic: { status: 'error', rules: [], message: e.message }, message: e.message, seed: raw.seed };
  }
  // the numeric test first: when it finds a counterexample (or cannot evaluate the step) the symbolic
  // prover can no longer make the step proved, and only cross-checks in a shorter share of the budget
  const num = within('numeric test', budget, start, PHASE_SHARES.numeric, () => runNumeric(input, input.defs));
  const decided = !(num instanceof BudgetExceeded) && (num.status === 'disagree' || num.status === 'undefined');
  const sym = within('symbolic prover', budget, start, decided ? PHASE_SHARES.crossCheck : PHASE_SHARES.symbolic, () => runSymbolic(input));
  const symbolic: SymbolicResult = sym instanceof BudgetExceeded ? { status: 'not-proved', rules: [], message: sym.message } : sym;
  const numeric: StepCheck['numeric'] = num instanceof BudgetExceeded ? { status: 'undefined', reason: num.message, seed: input.seed } : num;
  // a non-zero exact residual refutes without sampling (exact.ts); it runs when no proof was found
  const ex = symbolic.status === 'proved' ? null : within('exact refutation', budget, start, PHASE_SHARES.symbolic, () => runExact(input));
  const exact = ex instanceof BudgetExceeded ? null : ex;
  const base = { rules: symbolic.status === 'proved' ? symbolic.rules : [], notes: [] as string[], numeric, symbolic, seed: input.seed };
  if (exact) {
    const witness = { point: exact.point, lhs: exact.lhs, rhs: exact.rhs, seed: input.seed };
    if (input.relation.kind === 'neq') return { ...base, verdict: 'proved', witness, message: exactMessage(exact) };
    if (input.diagnose === false) return { ...base, verdict: 'refuted', witness, message: exactMessage(exact) };
    const dg = within('diagnosis', budget, start, PHASE_SHARES.diagnosis, () => diagnose({ ...input, witness }));
    const diagnosis: StepDiagnosis = dg instanceof BudgetExceeded ? { class: 'not-equal', message: 'not equal (see the exact difference)' } : dg;
    return { ...base, verdict: 'refuted', witness, message: exactMessage(exact), diagnosis };
  }
  if (num instanceof BudgetExceeded) {
    // no numeric evidence either way: even a symbolic proof is not reported without its cross-check
    const proof = symbolic.status === 'proved' ? ` (the symbolic prover found a proof: ${symbolic.rules.join(', ') || 'algebra'})` : '';
    return { ...base, verdict: 'unknown', message: num.message + proof };
  }
  if (input.relation.kind === 'neq') return neqVerdict(base, symbolic, numeric);
  if (numeric.status === 'disagree') {
    const witness = { ...numeric.witness, seed: numeric.seed };
    if (symbolic.status === 'proved') {
      return { ...base, verdict: 'error', witness, message: `engine fault: the symbolic proof (${symbolic.rules.join(', ') || 'algebra'}) is contradicted by a numeric counterexample` };
    }
    const d: DiagnosisInput = { ...input, witness };
    if (input.diagnose === false) return { ...base, verdict: 'refuted', witness };
    const dg = within('diagnosis', budget, start, PHASE_SHARES.diagnosis, () => diagnose(d));
    const diagnosis: StepDiagnosis = dg instanceof BudgetExceeded ? { class: 'not-equal', message: `not equal (see the counterexample); ${dg.message.replace('too large to decide', 'too large to diagnose')}` } : dg;
    return { ...base, verdict: 'refuted', witness, diagnosis };
  }
  if (symbolic.status === 'error' || numeric.status === 'error') {
    const msg = symbolic.status === 'error' ? symbolic.message : (numeric as { reason: string }).reason;
    return { ...base, verdict: 'error', message: msg };
  }
  if (numeric.status === 'undefined') {
    return { ...base, verdict: 'unknown', message: `the numeric test could not evaluate the step: ${numeric.reason}` };
  }
  if (symbolic.status !== 'proved' && input.relation.kind === 'ineq') {
    return { ...base, verdict: 'unknown', message: `no counterexample found; not proved (the inequality holds at ${numeric.samples} samples, which shows nothing about the rest of the domain)` };
  }
  if (symbolic.status !== 'proved' && input.relation.kind === 'eq') {
    // the prover's normal forms may be elementary where the sides are not: decide them in high precision
    const nf = elementaryNormalForms(input.lhs, input.rhs, { ctx: input.ctx, defs: new Defs(input.defs) }, input.defs);
    const again = nf && numericEqual(nf[0], nf[1], input.ctx, { seed: input.seed, samples: input.samples, extraDefinitions: input.defs, apart: input.apart });
    if (again && again.status === 'disagree') {
      const witness = { ...again.witness, seed: again.seed };
      return { ...base, verdict: 'refuted', witness, message: 'the two sides differ: their normal forms, evaluated in high precision, disagree', ...(input.diagnose === false ? {} : { diagnosis: diagnose({ ...input, witness }) }) };
    }
  }
  const verdict: Verdict = symbolic.status === 'proved' ? 'proved' : 'numeric';
  const notes = citedRuleNotes(input.cited ?? [], symbolic, input.rules);
  return { ...base, verdict, notes };
}

/** An exact refutation of `=`, `\\doteq_\\theta` or (as a proof) `\\neq`, when the difference is a non-zero polynomial. */
function runExact(input: StepInput): ExactRefutation | null {
  const r = input.relation;
  if (r.kind !== 'eq' && r.kind !== 'doteq' && r.kind !== 'neq') return null;
  if (input.lhs.kind === 'eq' || input.rhs.kind === 'eq') return null;
  return exactRefutation(input.lhs, input.rhs, { ctx: input.ctx, defs: new Defs(input.defs) }, input.defs, input.seed, r.kind === 'doteq' ? r.param : undefined);
}

function exactMessage(x: ExactRefutation): string {
  const vars = x.symbols.length ? `a non-zero polynomial in ${x.symbols.map((v) => `$${v}$`).join(', ')}` : 'a non-zero constant';
  return `the two sides differ by exactly $${printLatex(x.residual)}$ (over a common denominator), ${vars}`;
}

/**
 * `\\neq` is shown by a witness: a concrete instantiation where the sides
 * differ (re-checked at finer precision) is the proof; sides proved equal
 * refute the claim; no witness leaves it unknown.
 */
function neqVerdict(base: Omit<StepCheck, 'verdict'>, symbolic: SymbolicResult, numeric: StepCheck['numeric']): StepCheck {
  if (symbolic.message && symbolic.rules) {
    if (numeric.status === 'disagree') return { ...base, verdict: 'error', message: `engine fault: ${symbolic.message}, but a numeric witness says they differ` };
    return { ...base, verdict: 'refuted', diagnosis: { class: 'equal', message: symbolic.message } };
  }
  if (numeric.status === 'disagree') return { ...base, verdict: 'proved', witness: { ...numeric.witness, seed: numeric.seed }, rules: [] };
  if (numeric.status === 'agree') return { ...base, verdict: 'unknown', message: 'no witness found: the two sides agree at every sample' };
  return { ...base, verdict: numeric.status === 'error' ? 'error' : 'unknown', message: (numeric as { reason: string }).reason };
}

/** Compares cited rules with the rules the proof needs. */
function citedRuleNotes(cited: string[], symbolic: SymbolicResult, rules?: RuleBase): string[] {
  if (!cited.length || symbolic.status !== 'proved') return [];
  const needed = new Set(symbolic.rules);
  const notes: string[] = [];
  for (const c of cited) {
    if ((ENGINE.has(c) || rules?.rewrites.some((w) => w.name === c)) && !needed.has(c)) notes.push(`cited rule "${c}" does not produce this step`);
  }
  const missing = symbolic.rules.filter((r) => !cited.includes(r));
  if (missing.length) notes.push(`the step also uses: ${missing.join(', ')}`);
  return notes;
}
