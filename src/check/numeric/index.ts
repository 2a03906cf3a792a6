/** Re-exports of the numeric tester (see `compare.ts` and `limits.ts` for the tests the checker calls). */
export { numericEqual, numericEqualUpToFreeOf, evaluate, scaledDiff, judgeSample, runSamples, DEFAULT_TOLERANCE, DEFAULT_SAMPLES, DEFAULT_DIMS } from './compare';
export type { NumericOptions, NumericSample, NumericOutcome, Pair, Judgement } from './compare';
export { numericLimit, judgeSequence } from './limits';
export type { LimitCondition, LimitOptions, LimitOutcome, LimitTrail, SequenceJudgement } from './limits';
export { NumericError } from './error';
export { Program } from './instantiate';
export type { ProgramOptions } from './instantiate';
export { Compiler } from './compile';
export type { Closure, CompilerOptions } from './compile';
export { DefinitionTable, unfoldExpr } from './definitions';
export type { NumericDefinition } from './definitions';
export { sweepDims } from './sweep';
export { FunctionModel, DensityModel, sampleScalar } from './models';
export { Rng, rngFor, hashParts } from './rng';
export { gaussHermite, gaussLegendre, levels, FD8 } from './quadrature';
export type { Rule, Level } from './quadrature';
export { sigmoid, softplus, log1mexp, logAddExp, normalPdf, normalLogPdf } from './stablemath';
