/**
 * The shapes shared by reading, checking, reporting and grading students'
 * answers. An answer file (LaTeX or Markdown with LaTeX math) becomes chains
 * of lines; each line after a chain's first is a step checked against the
 * line before it, with the same verdicts and step schema as derivation files.
 *
 * @example
 *   const report: AnswerReport = checkAnswerFile('answers/alice.md', { derivation: 'mle-kl' });
 *   report.summary.refuted   // number of wrong steps
 */
import type { Verdict } from '../check/step';
import type { StepCore } from '../check/derivation';

/** Where a piece of an answer stands in its file (1-based). */
export interface AnswerLoc {
  line: number;
  column: number;
}

/** What is wrong with a refuted step, in the student's terms. */
export interface Diagnosis {
  /** A stable class name: sign-flipped, factor, term-dropped, term-added, kl-swapped, ratio-inverted,
   * densities-swapped, theta-free-term-dropped, hypothesis-not-stated, inner-derivative-forgotten,
   * expectation-of-function, wrong-limit, not-equal. */
  class: string;
  /** One sentence a student understands. */
  message: string;
  /** The part of the student's line that changed, when it can be pointed at. */
  at?: AnswerLoc & { text: string };
}

/** A counterexample: the values chosen and both sides' values. */
export interface WitnessReport {
  point: Record<string, number>;
  lhs: number;
  rhs: number;
  seed: number;
}

/** One checked step of an answer. */
export interface AnswerStep extends StepCore {
  chain: number;
  label?: string;
  diagnosis?: Diagnosis;
  witness?: WitnessReport;
  /** How the step was read and checked: an implied relation, a restated left side, hypotheses in force, … */
  notes?: string[];
  /** What the prover and the numeric tester found (as in derivation reports). */
  evidence?: { symbolic: string; numeric: string };
}

/** How the answer was split into chains, said in the report. */
export interface ChainInfo {
  index: number;
  label?: string;
  startLine: number;
  lines: number;
  /** Why a new chain started here (a label, a line that does not continue the previous one, …). */
  reason: string;
  /** The context the chain was checked in (the course's, with a derivation's names, or --derivation's). */
  context?: string;
  /** For an equation chain: the unknown its equations are solved for, or why none could be chosen. */
  unknown?: string;
  /** The chain's first line (its left side, or an equation chain's premise), as written. */
  start?: AnswerLoc & { latex: string };
}

/** The whole report on one answer file. */
export interface AnswerReport {
  file: string;
  derivation?: string;
  chains: ChainInfo[];
  steps: AnswerStep[];
  /** Lines that could not be read: reported, never silently skipped. */
  unread: { line: number; column: number; text: string; reason: string }[];
  summary: Record<Verdict, number>;
  /** Hypotheses the student stated ("if $D_\\phi = D^*$"), in force from there to the end of the section. */
  stated?: { name: string; line: number; column: number; latex: string }[];
  /** Names the student introduced, inferred from their use, and left sides read as the student's own names: for the TA. */
  assumptions?: { name: string; line: number; column: number; meaning: string }[];
  /** The exercise's givens (the derivation's hypotheses) that steps used, with the lines that used them. */
  givens?: { name: string; latex: string; lines: number[] }[];
  /** Engine faults (the prover and the tester disagree): the engine's problem, for the TA, never a flag on a step. */
  engine?: { line: number; column: number; step: number; message: string }[];
}

/** Options for checking an answer. */
export interface AnswerOptions {
  /** Use this derivation's symbols, definitions and hypotheses; otherwise the course context, no hypotheses. */
  derivation?: string;
  derivationsDir?: string;
  rulesDir?: string;
  /** The notation table (default contexts/course.yaml). */
  courseFile?: string;
  seed?: number;
}
