/**
 * The error the numeric tester throws when an expression cannot be evaluated
 * at all (as opposed to evaluating to NaN at some points): an unresolved
 * expectation, a cyclic definition, a function used as a value, a construct
 * not supported yet. `numericEqual` turns it into an 'undefined' outcome whose
 * reason is the message; `evaluate` lets it propagate.
 *
 * @example
 *   throw new NumericError('definitions are cyclic: f -> g -> f');
 */
export class NumericError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumericError';
  }
}
