/**
 * The LaTeX printer for expressions: the inverse of the parser, driven by the
 * notation table's templates (`NODE_PRINT`) and precedences.
 *
 * Strategy: one switch on node kind (as KaTeX's `buildHTML.ts`), and one
 * rule per parent kind for when a child needs parentheses. Parentheses are
 * added exactly where the parser would otherwise build a different tree, so
 * `parseExpr(printLatex(e))` is structurally equal to `e` (with a context that
 * declares the same functions) — the round-trip tests check it. Notably:
 * - a sum or product nested in a product, or a negation as a factor, is parenthesised
 *   (the parser flattens nothing, so `mul(mul(a, b), c)` prints `\left(a b\right) c`);
 * - `\frac{\partial}{\partial\theta} f` takes the whole product after it, so a
 *   derivative that is not the last factor is parenthesised;
 * - `\cdot` is printed only where juxtaposition would be misread: before a
 *   factor that starts with a digit (`2 \cdot 3`), and between a symbol and a
 *   parenthesis (`x \cdot \left(1 - x\right)`, which would read as an application
 *   if `x` were a function);
 * - `e^{u}` reads as `\exp(u)`, so a power of the symbol `e` prints `\left(e\right)^{u}`.
 *
 * @example
 *   printLatex(div(num(1), add(num(1), exp(neg(sym('h'))))))  // '\\frac{1}{1 + \\exp(-h)}'
 */
import type { Expr } from '../expr/types';
import { children } from '../expr/walk';
import { SQRT, ABS } from '../expr/build';
import { HEADS, NODE_PRINT, PRINT } from '../notation/table';
import { hasScripts, nameToLatex } from '../notation/names';

/**
 * LaTeX for an expression, parseable back to the same tree.
 *
 * @example
 *   printLatex(parseExpr('E_{x\\sim p_\\theta}[\\log D(x)]', ctx))
 *   // '\\mathbb{E}_{x \\sim p_{\\theta}}\\left[\\log(D(x))\\right]'
 */
export function printLatex(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return fill('num', { value: formatNumber(e.value) });
    case 'sym':
      return fill('sym', { name: nameToLatex(e.name) });
    case 'apply':
      return printApply(e);
    case 'add':
      return fill('add', {
        terms: e.terms
          .map((t, i) => {
            if (i > 0 && t.kind === 'neg') return PRINT.minus + wrapIf(t.arg, ['add', 'neg', 'eq']);
            return (i > 0 ? PRINT.plus : '') + wrapIf(t, ['add', 'eq']);
          })
          .join(''),
      });
    case 'neg':
      return fill('neg', { arg: wrapIf(e.arg, ['add', 'neg', 'eq']) });
    case 'mul':
      return fill('mul', { factors: printFactors(e.factors) });
    case 'div':
      return fill('div', { num: printLatex(e.num), den: printLatex(e.den) });
    case 'pow':
      return fill('pow', { base: printBase(e.base), exp: printExponent(e.exp) });
    case 'expect':
      return fill('expect', { sub: expectationSubscript(e.var, e.dist), body: wrapIf(e.body, ['eq']) });
    case 'integral':
      return fill('integral', { body: wrapIf(e.body, ['eq']), var: nameToLatex(e.var) });
    case 'deriv': {
      // the body is the implicit product after the operator: an explicit \cdot would end it
      const grouped = ['add', 'neg', 'eq'].includes(e.body.kind) || (e.body.kind === 'mul' && printFactors(e.body.factors).includes(PRINT.times));
      return fill('deriv', { var: nameToLatex(e.var), body: grouped ? paren(printLatex(e.body)) : printLatex(e.body) });
    }
    case 'kl':
      return fill('kl', { p: printLatex(e.p), q: printLatex(e.q) });
    case 'normal': {
      const tail = `${printLatex(e.mean)}, ${printLatex(e.cov)}`;
      return fill('normal', { args: e.arg ? printLatex(e.arg) + PRINT.given + tail : tail });
    }
    case 'norm':
      return fill('norm', { arg: contains(e.arg, 'norm') ? paren(printLatex(e.arg)) : printLatex(e.arg) });
    case 'transpose':
      return fill('transpose', { arg: printBase(e.arg) });
    case 'eq':
      return fill('eq', { lhs: wrapIf(e.lhs, ['eq']), rhs: wrapIf(e.rhs, ['eq']) });
  }
}

/** Fills a `NODE_PRINT` template: `{field}` is replaced by `values[field]`. */
function fill(kind: Expr['kind'], values: Record<string, string>): string {
  return NODE_PRINT[kind].template.replace(/\{([a-z]+)\}/g, (m, k: string) => (k in values ? values[k] : m));
}

function paren(s: string): string {
  return PRINT.open + s + PRINT.close;
}

function wrapIf(e: Expr, kinds: Expr['kind'][]): string {
  const s = printLatex(e);
  return kinds.includes(e.kind) ? paren(s) : s;
}

/** A number in plain decimal notation (never `1e-7`, which would not parse back). */
function formatNumber(v: number): string {
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(20).replace(/\.?0+$/, '');
}

function printApply(e: Extract<Expr, { kind: 'apply' }>): string {
  const args = e.args.map(printLatex).join(', ') + (e.given?.length ? PRINT.given + e.given.map(printLatex).join(', ') : '');
  if (e.fn === SQRT && e.args.length === 1 && !e.primes && !e.given) return `${SQRT}{${args}}`;
  if (e.fn === ABS && e.args.length === 1 && !e.primes && !e.given) return `\\left|${args}\\right|`;
  const tall = [...e.args, ...(e.given ?? [])].some(isTall);
  return fill('apply', {
    fn: nameToLatex(e.fn),
    primes: "'".repeat(e.primes ?? 0),
    open: tall ? PRINT.open : '(',
    args,
    close: tall ? PRINT.close : ')',
  });
}

/** True when `e` contains a fraction or a binder, so its parentheses should grow. */
function isTall(e: Expr): boolean {
  return e.kind === 'div' || e.kind === 'expect' || e.kind === 'integral' || e.kind === 'deriv' || children(e).some(isTall);
}

function contains(e: Expr, kind: Expr['kind']): boolean {
  return e.kind === kind || children(e).some((c) => contains(c, kind));
}

/** The factors of a product, parenthesised and separated so that they parse back as the same factors. */
function printFactors(factors: Expr[]): string {
  let out = '';
  factors.forEach((f, i) => {
    const grouped = f.kind === 'add' || f.kind === 'mul' || f.kind === 'neg' || f.kind === 'eq' || (f.kind === 'deriv' && i < factors.length - 1);
    const s = grouped ? paren(printLatex(f)) : printLatex(f);
    if (i > 0) {
      const prev = factors[i - 1];
      const ambiguous = /^[\d.]/.test(s) || (prev.kind === 'sym' && (s.startsWith('(') || s.startsWith(PRINT.open)));
      out += ambiguous ? PRINT.times : ' ';
    }
    out += s;
  });
  return out;
}

/** A power's base or a transpose's argument: atoms as they are, anything else parenthesised. */
function printBase(e: Expr): string {
  const s = printLatex(e);
  if (e.kind === 'sym') {
    if (e.name === HEADS.euler) return paren(s);
    return e.name.includes('^') ? `{${s}}` : s;
  }
  const atomic = e.kind === 'num' || e.kind === 'apply' || e.kind === 'norm' || e.kind === 'expect' || e.kind === 'kl' || e.kind === 'normal';
  return atomic ? s : paren(s);
}

/** An exponent; a lone `T` is parenthesised so that it does not read as a transpose. */
function printExponent(e: Expr): string {
  const s = printLatex(e);
  return e.kind === 'sym' && (HEADS.transpose as readonly string[]).includes(e.name) ? paren(s) : s;
}

/** `_{x \sim p}`, `_{x}`, `_{p_{\theta}}`, `_{\sim p}` (a plain name as the density), or nothing. */
function expectationSubscript(v: string | null, dist: Expr | null): string {
  if (v && dist) return `_{${nameToLatex(v)}${PRINT.sim}${printLatex(dist)}}`;
  if (v) return `_{${nameToLatex(v)}}`;
  if (!dist) return '';
  if (dist.kind === 'sym' && !hasScripts(dist.name)) return `_{${PRINT.sim.trimStart()}${printLatex(dist)}}`;
  return `_{${printLatex(dist)}}`;
}
