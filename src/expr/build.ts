/**
 * Constructors for expression nodes: the only way code outside the parser
 * should build trees, so that a change of representation stays local.
 *
 * @example
 *   const e = add(sym('x'), neg(num(1)));   // x - 1
 */
import type { Expr, Sym, Num, Apply, Add, Neg, Mul, Div, Pow, Expect, Integral, Deriv, KL, Normal, Norm, Transpose, Eq } from './types';

/** A numeric literal; negative values become `neg(num(-v))`. */
export function num(value: number): Num | Neg {
  return value < 0 ? { kind: 'neg', arg: { kind: 'num', value: -value } } : { kind: 'num', value };
}
/** A symbol by canonical name, e.g. `sym('\\theta')`. */
export const sym = (name: string): Sym => ({ kind: 'sym', name });
/** An application `fn(args)`. */
export const apply = (fn: string, args: Expr[], extra: Partial<Pick<Apply, 'primes' | 'given'>> = {}): Apply => ({ kind: 'apply', fn, args, ...extra });
/** An n-ary sum. */
export const add = (...terms: Expr[]): Add => ({ kind: 'add', terms });
/** Unary minus. */
export const neg = (arg: Expr): Neg => ({ kind: 'neg', arg });
/** `a - b` as the tree the parser builds for it. */
export const sub = (a: Expr, b: Expr): Add => add(a, neg(b));
/** An n-ary product. */
export const mul = (...factors: Expr[]): Mul => ({ kind: 'mul', factors });
/** A quotient. */
export const div = (n: Expr, d: Expr): Div => ({ kind: 'div', num: n, den: d });
/** A power. */
export const pow = (base: Expr, exp: Expr): Pow => ({ kind: 'pow', base, exp });
/** An expectation; see `Expect` for what null parts mean. */
export const expectation = (v: string | null, dist: Expr | null, body: Expr): Expect => ({ kind: 'expect', var: v, dist, body });
/** Alias of `expectation` (clashes with jest's `expect` in tests: prefer `expectation`). */
export const expect = expectation;
/** An integral over the real line in `v`. */
export const integral = (v: string, body: Expr): Integral => ({ kind: 'integral', var: v, body });
/** A partial derivative in `v`. */
export const deriv = (v: string, body: Expr): Deriv => ({ kind: 'deriv', var: v, body });
/** `KL(p \| q)`. */
export const kl = (p: Expr, q: Expr): KL => ({ kind: 'kl', p, q });
/** A Gaussian density value (arg given) or distribution (arg null). */
export const normal = (arg: Expr | null, mean: Expr, cov: Expr): Normal => ({ kind: 'normal', arg, mean, cov });
/** `\|v\|`. */
export const norm = (arg: Expr): Norm => ({ kind: 'norm', arg });
/** `v^\top`. */
export const transpose = (arg: Expr): Transpose => ({ kind: 'transpose', arg });
/** An equation. */
export const eq = (lhs: Expr, rhs: Expr): Eq => ({ kind: 'eq', lhs, rhs });
/** Built-in function names. */
export const LOG = '\\log';
export const EXP = '\\exp';
export const SIGMA = '\\sigma';
export const SQRT = '\\sqrt';
/** The absolute value `|x|` (printed `\\left| x \\right|`). */
export const ABS = '\\abs';
/** The sign function `\\operatorname{sign}(x)`. */
export const SIGN = 'sign';
/** `\log(a)`. */
export const log = (a: Expr): Apply => apply(LOG, [a]);
/** `\exp(a)`. */
export const exp = (a: Expr): Apply => apply(EXP, [a]);
