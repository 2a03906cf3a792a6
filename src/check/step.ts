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
import type { Expr } from '../expr/types';
import type { Context, Definition } from '../semantics/context';
import type { Relation } from '../semantics/derivation';
import { proveEqual, proveFreeOf, SymbolicResult, ENGINE_RULES } from './symbolic/prove';
import { numericEqual, numericEqualUpToFreeOf, NumericOutcome, NumericSample } from './numeric';
import { diagnose, DiagnosisInput } from './diagnose';

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
  diagnosis?: string;
  witness?: Witness;
  numeric: NumericOutcome | { status: 'error'; reason: string };
  symbolic: SymbolicResult;
  message?: string;
  seed: number;
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
}

const ENGINE = new Set<string>(ENGINE_RULES);

function runNumeric(input: StepInput, defs: Definition[]): NumericOutcome | { status: 'error'; reason: string } {
  const opts = { seed: input.seed, samples: input.samples, extraDefinitions: defs };
  try {
    return input.relation.kind === 'doteq'
      ? numericEqualUpToFreeOf(input.relation.param, input.lhs, input.rhs, input.ctx, opts)
      : numericEqual(input.lhs, input.rhs, input.ctx, opts);
  } catch (e) {
    return { status: 'error', reason: (e as Error).message };
  }
}

function runSymbolic(input: StepInput): SymbolicResult {
  const env = { ctx: input.ctx, defs: new Map(input.defs.map((d) => [d.name, d] as const)) };
  try {
    return input.relation.kind === 'doteq'
      ? proveFreeOf(input.relation.param, input.lhs, input.rhs, env)
      : proveEqual(input.lhs, input.rhs, env);
  } catch (e) {
    return { status: 'error', rules: [], message: (e as Error).message };
  }
}

/** Checks one step both ways and returns the combined verdict. */
export function checkStep(input: StepInput): StepCheck {
  const symbolic = runSymbolic(input);
  const numeric = runNumeric(input, input.defs);
  const base = { rules: symbolic.status === 'proved' ? symbolic.rules : [], notes: [] as string[], numeric, symbolic, seed: input.seed };
  if (numeric.status === 'disagree') {
    const witness = { ...numeric.witness, seed: numeric.seed };
    if (symbolic.status === 'proved') {
      return { ...base, verdict: 'error', witness, message: `engine fault: the symbolic proof (${symbolic.rules.join(', ') || 'algebra'}) is contradicted by a numeric counterexample` };
    }
    const d: DiagnosisInput = { ...input, witness };
    return { ...base, verdict: 'refuted', witness, diagnosis: diagnose(d) };
  }
  if (symbolic.status === 'error' || numeric.status === 'error') {
    const msg = symbolic.status === 'error' ? symbolic.message : (numeric as { reason: string }).reason;
    return { ...base, verdict: 'error', message: msg };
  }
  if (numeric.status === 'undefined') {
    return { ...base, verdict: 'unknown', message: `the numeric test could not evaluate the step: ${numeric.reason}` };
  }
  const verdict: Verdict = symbolic.status === 'proved' ? 'proved' : 'numeric';
  const notes = citedRuleNotes(input.cited ?? [], symbolic);
  return { ...base, verdict, notes };
}

/** Compares cited rules with the rules the proof needs. */
function citedRuleNotes(cited: string[], symbolic: SymbolicResult): string[] {
  if (!cited.length || symbolic.status !== 'proved') return [];
  const needed = new Set(symbolic.rules);
  const notes: string[] = [];
  for (const c of cited) {
    if (ENGINE.has(c) && !needed.has(c)) notes.push(`cited rule "${c}" does not produce this step`);
  }
  const missing = symbolic.rules.filter((r) => !cited.includes(r));
  if (missing.length) notes.push(`the step also uses: ${missing.join(', ')}`);
  return notes;
}
