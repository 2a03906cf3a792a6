/**
 * A derivation as the engine sees it once loaded: its context, definitions,
 * hypotheses, and chains of steps, each step with its relation, its parsed
 * expression, the LaTeX it was written as, its justification and where it
 * stands in the file.
 *
 * @example
 *   const d = loadDerivationFile('derivations/mle-kl.yaml');
 *   d.chains[0].steps[2].relation   // { kind: 'doteq', param: '\\theta', latex: '\\doteq_{\\theta}' }
 */
import type { Expr } from '../expr/types';
import type { Context, Definition } from './context';

/** A position in a source file (1-based). */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

/** A limit condition: `expr \to target` (target may be ±Infinity). */
export interface LimitCondition {
  expr: Expr;
  target: number;
  latex: string;
}

/** How two consecutive lines of a chain relate. */
export type Relation =
  | { kind: 'eq'; latex: string }
  | { kind: 'doteq'; param: string; latex: string }
  /** equivalent equations in the chain's unknown (same solutions in its domain) */
  | { kind: 'iff'; latex: string }
  /** every solution of the previous equation solves the next */
  | { kind: 'implies'; latex: string }
  /** not equal: shown by a concrete witness */
  | { kind: 'neq'; latex: string }
  /** the previous line tends to the next (a number or ±∞) under a condition */
  | { kind: 'limit'; latex: string; cond?: LimitCondition }
  /** an inequality between the previous line and the next */
  | { kind: 'ineq'; op: '>' | '>=' | '<' | '<='; latex: string };

/** A named hypothesis: the definitions it puts in force, or a fact `a \neq b`. */
export interface Hypothesis {
  name: string;
  latex: string;
  statement: Expr;
  defs: Definition[];
  /** For `a \neq b`: the two sides, known to differ. */
  apart?: [Expr, Expr];
  /** Listed under must_state: a student answering the exercise must state it before a step may use it (the others are givens). */
  mustState?: boolean;
  loc: Loc;
}

/** One line of a chain after the first: `relation expr`. */
export interface Step {
  /** 1-based position in the chain (the start line is 0). */
  index: number;
  relation: Relation;
  expr: Expr;
  latex: string;
  /** Rules cited by name. */
  by: string[];
  /** Hypotheses this step introduces (they stay in force for the rest of the chain). */
  given: string[];
  /** Free-text justification, printed in the handout. */
  note?: string;
  loc: Loc;
}

/** A chain: a start expression and the steps that follow it. */
export interface Chain {
  name: string;
  start: { expr: Expr; latex: string; loc: Loc };
  steps: Step[];
  /** Hypotheses in force for the whole chain. */
  given: string[];
  /** For equation chains: the unknown the equations are solved for. */
  unknown?: string;
  loc: Loc;
}

/** A loaded, validated derivation. */
export interface Derivation {
  id: string;
  title: string;
  summary?: string;
  file: string;
  ctx: Context;
  hypotheses: Map<string, Hypothesis>;
  chains: Chain[];
}
