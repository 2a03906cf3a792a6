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

/** How two consecutive lines of a chain relate. */
export type Relation =
  | { kind: 'eq'; latex: string }
  | { kind: 'doteq'; param: string; latex: string };

/** A named hypothesis, as the definitions it puts in force. */
export interface Hypothesis {
  name: string;
  latex: string;
  statement: Expr;
  defs: Definition[];
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
