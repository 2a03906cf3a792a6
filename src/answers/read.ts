/**
 * One piece of a student's mathematics read into an expression in a context:
 * parsed, checked against the context's names (every symbol declared,
 * defined, bound or built in; every function with its arity), with the
 * implicit parts of expectations made explicit. A piece that cannot be read
 * gives a problem with its file offset and the reason — never a guess.
 *
 * One reading convention is applied after parsing, and reported: a defined
 * quantity written without its arguments (`\frac{\partial L}{\partial\theta}`
 * for `L(\theta, \phi)`) stands for the quantity at its own parameters.
 *
 * Also here: the questions the chain splitter asks about a piece — its
 * structural key, whether it names a quantity, which unknowns it could be
 * solved for.
 *
 * @example
 *   readExpr(Mapped.of('p_\\theta(n)', 0, 11), ctx)   // { ok: true, expr: apply('p_{\\theta}', [x]), notes: [] }  (n is an alias of x)
 */
import type { Expr } from '../expr/types';
import { apply, sym } from '../expr/build';
import { exprKey } from '../expr/equal';
import { children, withChildren, freeSymbols } from '../expr/walk';
import { parseExpr, SourceError } from '../parse';
import type { Context } from '../semantics/context';
import { validateExpr, ValidationError } from '../semantics/validate';
import { resolve, ResolveError } from '../semantics/resolve';
import type { Mapped } from './source';
import type { Problem } from './lines';

/**
 * A piece read, or why not.
 *
 * @example readExpr(m('x'), ctx)   // { ok: true, expr: sym('x'), notes: [] }
 */
export type Reading = { ok: true; expr: Expr; notes: string[] } | { ok: false; problem: Problem };

/** Bare defined quantities applied to their parameters (`L` for `L(\theta, \phi)`). */
function applyBareDefinitions(e: Expr, ctx: Context, notes: string[]): Expr {
  const visit = (n: Expr, bound: Set<string>, applied: boolean): Expr => {
    if (n.kind === 'sym' && !applied && !bound.has(n.name)) {
      const def = ctx.definitions.get(n.name);
      if (def && !ctx.lookup(n.name) && def.params.length && !def.given?.length && def.params.every((p) => ctx.lookup(p))) {
        notes.push(`$${n.name}$ is read as $${n.name}(${def.params.join(', ')})$`);
        return { ...apply(n.name, def.params.map((p) => sym(p))), span: n.span };
      }
      return n;
    }
    if (n.kind === 'kl') return n; // its arguments are densities, not values
    const inner = (n.kind === 'expect' || n.kind === 'integral') && n.var ? new Set([...bound, n.var]) : bound;
    const cs = children(n);
    if (!cs.length) return n;
    if (n.kind === 'expect' && n.dist) return withChildren(n, [n.dist, visit(n.body, inner, false)]);
    const mapped = cs.map((c) => visit(c, inner, false));
    return mapped.every((c, i) => c === cs[i]) ? n : withChildren(n, mapped);
  };
  return visit(e, new Set(), false);
}

/** True when `e` holds a derivative node. */
function hasDerivative(e: Expr): boolean {
  return e.kind === 'deriv' || children(e).some(hasDerivative);
}

/** A validation message for a student's line: the hints for derivation authors become hints for the course's notation table. */
function forStudents(message: string): string {
  return message
    .replace(/; declare it under symbols:.*$/, ': not a name of this context')
    .replace(/ \(or declare "[^"]*" under symbols:\)/, '')
    .replace(/; declare "[^"]*"$/, '')
    .replace(/ \(or declare the alias "([^"]*)" under aliases:\)/, ' (or add the alias "$1" to contexts/course.yaml)')
    .replace(/, or declare "[^"]*"$/, '')
    .replace(/ \(declared on line \d+\)/, '');
}

/**
 * Reads `m` in `ctx`: parse, the reading convention above (unless
 * `bareDefinitions: false`, for statements such as `D_\\phi = D^*`, which
 * equate functions), validation, resolution.
 *
 * @example readExpr(Mapped.of('\\mathcal{L}', 0, 11), ctx)   // { ok: false, problem: { reason: 'unknown symbol \\mathcal{L}; …' } }
 */
export function readExpr(m: Mapped, ctx: Context, opts: { bareDefinitions?: boolean; origin?: { line: number; column: number } } = {}): Reading {
  if (!m.text.trim()) return { ok: false, problem: { at: m.offset(0), text: m.text, reason: 'an empty expression' } };
  let e: Expr;
  try {
    e = parseExpr(m.text, ctx, opts.origin ?? {});
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, problem: { at: m.offset(err.offset), text: m.text, reason: err.reason } };
    throw err;
  }
  // Leibniz notation the parser does not read as a derivative must not be read as a fraction d/(d x)
  const leibniz = /\\[dt]?frac\s*\{\s*(?:d|\\mathrm\{d\})\s*(?:\^\s*\{?\s*\d\s*\}?)?\s*[A-Za-z\\{]*\}\s*\{\s*(?:d|\\mathrm\{d\})/.exec(m.text);
  if (leibniz && !hasDerivative(e)) {
    return { ok: false, problem: { at: m.offset(leibniz.index), text: m.text, reason: `${leibniz[0].replace(/\s+/g, '')}…} is a derivative in Leibniz notation, which is not read yet (write \\partial_\\theta or \\frac{\\partial}{\\partial\\theta})` } };
  }
  const notes: string[] = [];
  if (opts.bareDefinitions !== false) e = applyBareDefinitions(e, ctx, notes);
  try {
    validateExpr(e, ctx, { strictSymbols: true }, m.text);
    e = resolve(e, ctx);
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, problem: { at: m.offset(err.span?.start ?? 0), text: m.text, reason: forStudents(err.message) } };
    if (err instanceof ResolveError) return { ok: false, problem: { at: m.offset(err.node.span?.start ?? 0), text: m.text, reason: err.message } };
    return { ok: false, problem: { at: m.offset(0), text: m.text, reason: (err as Error).message } };
  }
  return { ok: true, expr: e, notes };
}

/**
 * The free names of an expression (symbols and functions), for choosing a chain's context.
 *
 * @example namesOf(parseExpr('E_{x \\sim p}[f(x)]'))   // Set { 'p', 'f' }
 */
export function namesOf(e: Expr): Set<string> {
  const out = freeSymbols(e);
  const walk = (n: Expr) => {
    if (n.kind === 'expect' && n.var) out.add(n.var);
    if (n.kind === 'integral') out.add(n.var);
    children(n).forEach(walk);
  };
  walk(e);
  return out;
}

/**
 * True when `e` names a quantity: a declared or defined function applied, a
 * defined or declared non-variable symbol, KL, or a derivative of one of those.
 *
 * @example isNamed(parseExpr('D_\\phi(x)', ctx), ctx)   // true;  '\\frac{1}{1+e^{-h}}' gives false
 */
export function isNamed(e: Expr, ctx: Context): boolean {
  switch (e.kind) {
    case 'apply': return !['\\log', '\\exp', '\\sqrt'].includes(e.fn);
    case 'sym': {
      const d = ctx.lookup(e.name);
      return ctx.definitions.has(ctx.resolveAlias(e.name)) || (!!d && d.kind !== 'variable');
    }
    case 'kl': return true;
    case 'deriv': return isNamed(e.body, ctx);
    default: return false;
  }
}

/**
 * An unknown an equation can be solved for: a declared variable, or a function value such as h_\phi(x).
 *
 * @example { key: 't', expr: sym('t'), rank: 2 }
 */
export interface UnknownCandidate {
  key: string;
  expr: Expr;
  /** 2 variable with a bounded domain, 1 other variable, 0 a function value */
  rank: number;
}

/**
 * The unknowns an equation could be solved for: declared variables that are
 * not the argument of a density (x in p_\theta(x) is a point, not an
 * unknown), and values of declared non-density functions.
 *
 * @example unknownCandidates(parseExpr('\\frac{p(x)}{1-t} = \\frac{q(x)}{t}', ctx), ctx).map((c) => c.key)   // ['t']
 */
export function unknownCandidates(e: Expr, ctx: Context): UnknownCandidate[] {
  const densityArgs = new Set<string>();
  const out = new Map<string, UnknownCandidate>();
  const walk = (n: Expr, bound: Set<string>) => {
    if (n.kind === 'apply') {
      const d = ctx.lookup(n.fn);
      if (d?.kind === 'density') for (const a of [...n.args, ...(n.given ?? [])]) for (const s of freeSymbols(a)) densityArgs.add(s);
      if (d?.kind === 'function' && !n.args.some((a) => [...freeSymbols(a)].some((s) => bound.has(s)))) {
        const key = exprKey(n);
        out.set(key, { key, expr: n, rank: 0 });
      }
    }
    if (n.kind === 'sym' && !bound.has(n.name) && ctx.lookup(n.name)?.kind === 'variable') {
      const dom = ctx.lookup(n.name)?.domain;
      out.set(n.name, { key: n.name, expr: n, rank: dom && dom !== 'real' ? 2 : 1 });
    }
    const inner = (n.kind === 'expect' || n.kind === 'integral') && n.var ? new Set([...bound, n.var]) : bound;
    children(n).forEach((c) => walk(c, inner));
  };
  walk(e, new Set());
  return [...out.values()].filter((c) => !(c.expr.kind === 'sym' && densityArgs.has(c.key)));
}
