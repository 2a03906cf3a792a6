/**
 * Input limits: every size Rederive accepts, with its default, in one table.
 *
 * Strategy: the table `LIMITS` is data — a name, a default, what it counts and
 * the environment variable that raises it (`REDERIVE_MAX_NESTING=200`). The
 * layers that read input (the parser, the answer reader, the derivation
 * loader, the normal form) ask `limit(name)` and, past it, throw a
 * `LimitError` that names the limit and how to raise it; the caller that has
 * a position turns it into a `file:line:col` error. Nothing here imports
 * from above `expr/`, so every layer can use it.
 *
 * The defaults are far above anything a derivation or an answer needs (the
 * longest shipped derivation nests 6 deep and its longest line is under 200
 * characters) and far below what would overflow the stack or exhaust memory.
 *
 * @example
 *   checkLimit('nestingDepth', depth + 1)           // throws LimitError past 100
 *   limit('lineChars')                               // 4000, or $REDERIVE_MAX_LINE_CHARS
 */

/** The names of the limits. */
export type LimitName =
  | 'fileBytes' | 'derivationBytes' | 'lineChars' | 'answerLines' | 'nestingDepth' | 'exponent'
  | 'normalFormTerms' | 'binders' | 'steps';

/** One limit: its default, what it counts, and the environment variable that overrides it. */
export interface LimitSpec {
  readonly default: number;
  /** What is counted, for messages: "characters in a line". */
  readonly counts: string;
  readonly env: string;
}

/** Every limit with its default. */
export const LIMITS: Readonly<Record<LimitName, LimitSpec>> = {
  fileBytes: { default: 1_000_000, counts: 'bytes in an answer file', env: 'REDERIVE_MAX_FILE_BYTES' },
  derivationBytes: { default: 1_000_000, counts: 'bytes in a derivation or rule file', env: 'REDERIVE_MAX_DERIVATION_BYTES' },
  lineChars: { default: 4_000, counts: 'characters in a line', env: 'REDERIVE_MAX_LINE_CHARS' },
  answerLines: { default: 5_000, counts: 'lines in an answer', env: 'REDERIVE_MAX_LINES' },
  nestingDepth: { default: 100, counts: 'levels of nesting (brackets, fractions, exponents, binders, signs) in one expression', env: 'REDERIVE_MAX_NESTING' },
  exponent: { default: 1_000, counts: 'as a whole-number exponent', env: 'REDERIVE_MAX_EXPONENT' },
  normalFormTerms: { default: 20_000, counts: 'terms in an expanded normal form', env: 'REDERIVE_MAX_TERMS' },
  binders: { default: 8, counts: 'nested binders (expectations, integrals, derivatives) in one expression', env: 'REDERIVE_MAX_BINDERS' },
  steps: { default: 2_000, counts: 'steps in one derivation file', env: 'REDERIVE_MAX_STEPS' },
};

/** The value of a limit: its environment variable when set to a positive number, else the default. */
export function limit(name: LimitName): number {
  const spec = LIMITS[name];
  const raw = typeof process !== 'undefined' ? process.env?.[spec.env] : undefined;
  const v = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(v) && v > 0 ? v : spec.default;
}

/** A limit exceeded: names the limit and how to raise it; `offset` is where in the parsed text, when known. */
export class LimitError extends Error {
  constructor(readonly limitName: LimitName, readonly value: number, readonly offset?: number) {
    super(limitMessage(limitName, value));
    this.name = 'LimitError';
  }
}

/** The message for a limit exceeded: `too large: 20001 characters in a line, over the limit of 10000 (limit "lineChars"; raise it with REDERIVE_MAX_LINE_CHARS=100000 …)`. */
export function limitMessage(name: LimitName, value?: number): string {
  const spec = LIMITS[name];
  const max = limit(name);
  const how = `limit "${name}"; raise it with ${spec.env}=${Math.max(max * 10, 10)} in the environment`;
  if (value === undefined || !Number.isFinite(value)) return `too large: more than ${max} ${spec.counts} (${how})`;
  const got = value > 1e15 ? value.toExponential(2) : String(value);
  return `too large: ${got} ${spec.counts}, over the limit of ${max} (${how})`;
}

/** Throws a LimitError when `value` exceeds the limit `name`. */
export function checkLimit(name: LimitName, value: number, offset?: number): void {
  if (value > limit(name)) throw new LimitError(name, value, offset);
}

/**
 * True for the engine's own stack overflow (a RangeError from too deep a
 * recursion), so callers can report it as a limit rather than a crash.
 */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
