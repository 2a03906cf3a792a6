/**
 * Size guards of the parser: the input limits (`expr/limits.ts`) that are
 * checked while or right after one expression is parsed — the length of its
 * lines, the size of a whole-number exponent, and how deeply binders nest.
 * (The recursion depth itself is guarded by `TokenStream.deeper`.)
 *
 * Strategy: each guard is a cheap linear check that throws a positioned
 * `SourceError` naming the limit and how to raise it; the binder walk is
 * iterative, so it is safe on any tree.
 *
 * @example
 *   checkLineLengths('x'.repeat(30000), {})   // throws "1:4001: too large: 30000 characters in a line, over the limit of 4000 …"
 */
import type { Expr } from '../expr/types';
import { children } from '../expr/walk';
import { limit, limitMessage } from '../expr/limits';
import { SourceError, type Origin } from './error';
import type { Token } from './lexer';
import { takesArgument } from '../notation/names';

/** Throws at the first character past the line-length limit, if any line of `latex` is longer. */
export function checkLineLengths(latex: string, origin: Origin): void {
  const max = limit('lineChars');
  if (latex.length <= max) return;
  let start = 0;
  while (start <= latex.length) {
    let end = latex.indexOf('\n', start);
    if (end < 0) end = latex.length;
    if (end - start > max) {
      // report the position without copying a huge line into the message
      const short = latex.slice(0, start + max + 1);
      const e = SourceError.at(limitMessage('lineChars', end - start), short, start + max, origin);
      throw new SourceError(e.reason, e.file, e.line, e.column, '', 1, e.offset);
    }
    start = end + 1;
  }
}

/** The numeric value of a literal exponent (`5`, `-5`, `{100000}`), or null. */
function literal(e: Expr): number | null {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'neg' && e.arg.kind === 'num') return -e.arg.value;
  return null;
}

/** Throws when the literal exponent `x` is larger in size than the exponent limit. */
export function checkExponent(x: Expr, error: (reason: string, offset: number, length: number) => SourceError): void {
  const v = literal(x);
  if (v === null || Math.abs(v) <= limit('exponent')) return;
  const span = x.span ?? { start: 0, end: 1 };
  throw error(limitMessage('exponent', Math.abs(v)), span.start, Math.max(1, span.end - span.start));
}

const BINDERS = new Set<Expr['kind']>(['expect', 'integral', 'deriv', 'kl']);

/** Throws when binders (expectations, integrals, derivatives, KL) nest deeper than the binder limit in `e`. */
export function checkBinderDepth(e: Expr, error: (reason: string, offset: number, length: number) => SourceError): void {
  const max = limit('binders');
  const stack: [Expr, number][] = [[e, 0]];
  while (stack.length) {
    const [n, d0] = stack.pop()!;
    const d = BINDERS.has(n.kind) ? d0 + 1 : d0;
    if (d > max) {
      const span = n.span ?? { start: 0, end: 1 };
      throw error(limitMessage('binders', d), span.start, 1);
    }
    for (const c of children(n)) stack.push([c, d]);
  }
}

/**
 * Throws at the first `{` nested deeper than the nesting limit, or the first
 * command of a run of argument-taking commands (`\hat\hat…`) longer than it:
 * names are read by recursive helpers that run before the grammar's own guard.
 */
export function checkTokenNesting(tokens: readonly Token[], error: (reason: string, at: Token) => SourceError): void {
  const max = limit('nestingDepth');
  let depth = 0;
  let run = 0;
  for (const t of tokens) {
    if (t.kind === 'char' && t.text === '{') {
      if (++depth > max) throw error(limitMessage('nestingDepth'), t);
    } else if (t.kind === 'char' && t.text === '}') depth = Math.max(0, depth - 1);
    if (t.kind === 'cmd' && takesArgument(t.text)) {
      if (++run > max) throw error(limitMessage('nestingDepth'), t);
    } else run = 0;
  }
}
