/** Re-exports of the numeric tester (see `compare.ts` for the tests the checker calls). */
export { numericEqual, numericEqualUpToFreeOf, evaluate, scaledDiff, judgeSample, DEFAULT_TOLERANCE, DEFAULT_SAMPLES } from './compare';
export type { NumericOptions, NumericSample, NumericOutcome, Pair, Judgement } from './compare';
export { NumericError } from './error';
export { Program } from './instantiate';
export { Compiler } from './compile';
export type { Closure } from './compile';
export { FunctionModel, DensityModel, sampleScalar } from './models';
export { Rng, rngFor, hashParts } from './rng';
export { gaussHermite, gaussLegendre, levels, FD8 } from './quadrature';
export type { Rule, Level } from './quadrature';
export { sigmoid, softplus, log1mexp, logAddExp, normalPdf, normalLogPdf } from './stablemath';
