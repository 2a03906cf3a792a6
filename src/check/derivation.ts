/**
 * Checking a whole derivation: every chain, every step, with the hypotheses
 * in force at that step (the chain's, plus those introduced by earlier steps
 * of the chain), producing the report that the emitters print.
 *
 * Seeds are derived from a base seed, the derivation id and the step's place,
 * so a report is reproducible and one step's seed does not depend on others.
 *
 * @example
 *   const report = checkDerivation(loadDerivationFile('derivations/mle-kl.yaml'));
 *   report.summary   // { proved: 5, numeric: 0, refuted: 0, unknown: 0, error: 0 }
 */
import type { Derivation, Chain, Step } from '../semantics/derivation';
import type { Expr } from '../expr/types';
import type { Definition } from '../semantics/context';
import { checkStep, StepCheck, StepInput, Verdict } from './step';
import { hashParts } from './numeric/rng';
import type { Rule } from '../semantics/rules';
import { ruleBase } from './symbolic/rulebase';

/** The fields every checked step reports, in derivation files and in students' answers alike. */
export interface StepCore {
  index: number;
  line: number;
  column: number;
  relation: string;
  latex: string;
  verdict: Verdict;
  rules: string[];
  diagnosis?: { class: string; message: string; at?: { line: number; column: number; text: string } };
  witness?: StepCheck['witness'];
  message?: string;
  seed: number;
}

/** One step in a report (the JSON schema documented in README). */
export interface StepReport extends StepCore {
  chain: string;
  cited: string[];
  given: string[];
  note?: string;
  notes: string[];
  evidence: { symbolic: string; numeric: string };
  ms: number;
}

export type Summary = Record<Verdict, number>;

export interface DerivationReport {
  file: string;
  derivation: string;
  title: string;
  steps: StepReport[];
  summary: Summary;
}

export interface CheckOptions {
  seed?: number;
  samples?: number;
  /** The loaded rules (the `--rules` directory), applied by the prover's rewrite search; default: the shipped `rules/`. */
  rules?: Map<string, Rule>;
}

/** True when every step verified (proved or numeric). */
export function allVerified(r: DerivationReport): boolean {
  return r.summary.refuted + r.summary.unknown + r.summary.error === 0;
}

export function emptySummary(): Summary {
  return { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
}

/** A step of a derivation with everything needed to check it. */
export interface PlacedStep {
  chain: Chain;
  step: Step;
  index: number;
  input: StepInput;
}

/** Every step of `d` with its previous line, the definitions and hypotheses in force, and its seed. */
export function placedSteps(d: Derivation, opts: CheckOptions = {}): PlacedStep[] {
  const baseSeed = opts.seed ?? 20261124;
  const rules = opts.rules && ruleBase(opts.rules);
  const out: PlacedStep[] = [];
  let index = 0;
  for (const chain of d.chains) {
    const inForce = new Set(chain.given);
    let prev = chain.start.expr;
    for (const step of chain.steps) {
      index++;
      step.given.forEach((g) => inForce.add(g));
      const defs: Definition[] = [...d.ctx.definitions.values()];
      for (const h of inForce) defs.push(...d.hypotheses.get(h)!.defs);
      const others = [...d.hypotheses.values()].filter((h) => !inForce.has(h.name) && !h.apart);
      const apart = [...inForce].map((h) => d.hypotheses.get(h)!.apart).filter((x): x is [Expr, Expr] => !!x);
      out.push({
        chain, step, index,
        input: {
          lhs: prev, rhs: step.expr, relation: step.relation, ctx: d.ctx, defs, otherHypotheses: others, cited: step.by,
          seed: hashParts([baseSeed, d.id, chain.name, step.index]), samples: opts.samples, inForce: [...inForce],
          unknown: chain.unknown, apart, rules,
        } as StepInput & { inForce: string[] },
      });
      prev = step.expr;
    }
  }
  return out;
}

/** Checks every step of every chain of `d`. */
export function checkDerivation(d: Derivation, opts: CheckOptions = {}): DerivationReport {
  const steps: StepReport[] = [];
  const summary = emptySummary();
  for (const { chain, step, index, input } of placedSteps(d, opts)) {
    const t0 = performance.now();
    const r = checkStep(input);
    const ms = performance.now() - t0;
    summary[r.verdict]++;
    steps.push({
      index, chain: chain.name, line: step.loc.line, column: step.loc.column, relation: step.relation.latex, latex: step.latex,
      verdict: r.verdict, rules: r.rules, cited: step.by, given: (input as StepInput & { inForce: string[] }).inForce, note: step.note, notes: r.notes,
      diagnosis: r.diagnosis && { class: r.diagnosis.class, message: r.diagnosis.message, ...(r.diagnosis.span ? { at: pointAt(step, r.diagnosis.span) } : {}) }, witness: r.witness, message: r.message, seed: r.seed,
      evidence: { symbolic: describeSymbolic(r), numeric: describeNumeric(r) }, ms,
    });
  }
  return { file: d.file, derivation: d.id, title: d.title, steps, summary };
}

/** Where a span of a step's expression stands in its file (exact for single-line expressions). */
function pointAt(step: Step, span: { start: number; end: number }): { line: number; column: number; text: string } {
  const before = step.latex.slice(0, span.start);
  const nl = before.lastIndexOf('\n');
  const line = step.loc.line + (before.match(/\n/g)?.length ?? 0);
  const column = nl < 0 ? step.loc.column + span.start : span.start - nl;
  return { line, column, text: step.latex.slice(span.start, span.end) };
}

/** The symbolic evidence of a step, in words. */
export function describeSymbolic(r: StepCheck): string {
  const s = r.symbolic;
  if (s.status === 'proved') return s.rules.length ? `proved by ${s.rules.join(', ')} and algebra` : 'proved by algebra';
  if (s.status === 'error') return `could not be normalised: ${s.message}`;
  return 'no symbolic proof found';
}

/** The numeric evidence of a step, in words. */
export function describeNumeric(r: StepCheck): string {
  const n = r.numeric;
  switch (n.status) {
    case 'agree': return `agrees at ${n.samples} random instantiations (seed ${n.seed}, largest scaled difference ${n.maxDiff.toExponential(1)})`;
    case 'disagree': return `counterexample found (seed ${n.seed})`;
    case 'undefined': return `could not evaluate: ${n.reason}`;
    default: return `error: ${n.reason}`;
  }
}
