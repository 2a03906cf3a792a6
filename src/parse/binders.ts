/**
 * The binders and special forms: expectation, integral, partial derivative
 * (both `\partial_\theta f` and `\frac{\partial}{\partial\theta} f`),
 * fractions, KL divergence and the Gaussian.
 *
 * Strategy: each form is one function called by the parser once it has seen
 * the form's head. Where a density is expected (after `\sim` in an
 * expectation's subscript, inside `KL(…)`), `parseDensity` reads a name and,
 * when it is applied to plain variables (`p_\theta(x)`), takes the density
 * itself: `E_{x \sim p_\theta(x)}` and `E_{x \sim p_\theta}` give the same tree.
 * A conditional density `p(x \mid y)` stays an application.
 *
 * @example
 *   parseExpr('E_{x\\sim p_\\theta(x)}[x]')  // expect('x', sym('p_{\\theta}'), sym('x'))
 */
import type { Expr, Span } from '../expr/types';
import { apply, deriv, div, expect, integral, kl, normal, sym } from '../expr/build';
import { hasScripts, matchBrace, scriptText } from '../notation/names';
import { HEADS, roleOf } from '../notation/table';
import type { Token } from './lexer';
import { isNameStart, isScriptStart, parseArgs, readBase, readScripts, scriptEnd, singleSym } from './named';
import { at, type Grammar, type TokenStream } from './stream';

const DENSITY_EXPECTED = 'expected a density (a name such as p_\\theta, or \\mathcal{N}(mean, variance))';

/**
 * True when the base just read starts a Gaussian: `\mathcal{N}(` or `N(`
 * (plain `N` only when the context does not declare it).
 *
 * @example isNormalHead(s, 'N')  // true before '(' in an empty context
 */
export function isNormalHead(s: TokenStream, base: string): boolean {
  if (!(HEADS.normal as readonly string[]).includes(base) || !s.is('(')) return false;
  return !(base === 'N' && s.ctx.isDeclared('N'));
}

/**
 * `E_{x \sim p}[…]`, `E_{p}[…]`, `E_z[…]`, `E[…]` after the head `E` / `\mathbb{E}`.
 *
 * @example parseExpectation(g, start)  // on '_z[f(z)]': expect('z', null, …)
 */
export function parseExpectation(g: Grammar, start: Token): Expr {
  const s = g.s;
  let v: string | null = null;
  let dist: Expr | null = null;
  if (s.is('_')) {
    s.next();
    if (s.is('{')) {
      const open = s.next();
      [v, dist] = s.within(() => {
        const r = expectationSubscript(g);
        s.expectClose(open, '}');
        return r;
      });
    } else {
      const t = s.peek();
      if (!(t.kind === 'letter' || (t.kind === 'cmd' && roleOf(t.text) === 'symbol'))) throw s.error(`expected a subscript after '_'`, t);
      s.next();
      const name = s.ctx.resolveAlias(t.text);
      if (isVariableName(s, name)) v = name;
      else dist = at(sym(name), s.spanFrom(t));
    }
  }
  if (!s.is('[')) throw s.error(`expected '[' after ${s.src.slice(start.start, s.lastEnd)}`, s.peek());
  const open = s.next();
  const body = s.within(() => g.parseSum());
  s.expectClose(open, ']');
  return at(expect(v, dist, body), s.spanFrom(start));
}

/** The inside of `E_{…}`: `x \sim p`, `\sim p`, `p_\theta` (a density) or `z` (a variable). */
function expectationSubscript(g: Grammar): [string | null, Expr | null] {
  const s = g.s;
  if (s.role() === 'sim') {
    s.next();
    return [null, parseDensity(g)];
  }
  const at0 = s.pos;
  const first = parseDensity(g);
  // E_{q(z)}: the density written at its variable averages over that variable
  const written = s.tokens.slice(at0, s.pos);
  if (s.role() !== 'sim' && first.kind === 'sym' && written.length && written[written.length - 1].text === ')') {
    const v = writtenVariable(written);
    if (v) return [s.ctx.resolveAlias(v), first];
  }
  if (s.role() !== 'sim' && first.kind === 'apply' && first.args.length === 1 && first.args[0].kind === 'sym' && first.args[0].name !== PLACEHOLDER) {
    return [first.args[0].name, first];
  }
  if (s.role() === 'sim') {
    if (first.kind !== 'sym') throw s.error(`expected a variable before '\\sim'`, first.span?.start ?? s.peek().start);
    s.next();
    return [first.name, parseDensity(g)];
  }
  if (first.kind === 'sym' && isVariableName(s, first.name)) return [first.name, null];
  return [null, first];
}

/** The name placed in an argument list for "any value" (`p(\\cdot \\mid x)`). */
export const PLACEHOLDER = '\\cdot';

/** The single variable a density was written at (`q(z)` gives z), from its tokens. */
function writtenVariable(tokens: readonly Token[]): string | null {
  const open = tokens.findIndex((t) => t.text === '(');
  const inner = tokens.slice(open + 1, -1);
  return inner.length === 1 && (inner[0].kind === 'letter' || inner[0].kind === 'cmd') && inner[0].text !== PLACEHOLDER ? inner[0].text : null;
}

/**
 * Whether a lone name in `E_{…}` is the variable (`E_z`) rather than the
 * density (`E_{p_\theta}`): functions and densities are densities, other
 * declared names are variables, and undeclared names are variables when they
 * carry no script.
 */
function isVariableName(s: TokenStream, name: string): boolean {
  if (s.ctx.isFunction(name)) return false;
  if (s.ctx.isDeclared(name)) return true;
  return !hasScripts(name);
}

/**
 * A density: a name (applied to variables or not) or a Gaussian.
 *
 * @example parseDensity(g)  // on 'p_{data}(x)': sym('p_{data}')
 */
export function parseDensity(g: Grammar): Expr {
  const s = g.s;
  const start = s.peek();
  if (!isNameStart(s)) {
    s.rejectMisplaced(start);
    throw s.error(DENSITY_EXPECTED, start);
  }
  const { base } = readBase(s);
  if (isNormalHead(s, base)) return parseNormal(g, start);
  const name = s.ctx.resolveAlias(readScripts(s, base));
  if (!s.is('(')) return at(sym(name), s.spanFrom(start));
  const { args, given } = parseArgs(g);
  if (!given && args.every((a) => a.kind === 'sym')) return at(sym(name), s.spanFrom(start));
  return at(apply(name, args, given ? { given } : {}), s.spanFrom(start));
}

/**
 * `KL(p \| q)` after the head (`KL`, `\mathrm{KL}`, `D_{KL}`); the separator
 * may be `\|`, `\parallel`, `||` or `,`.
 *
 * @example parseKL(g, start)  // on '(p \\| q)': kl(sym('p'), sym('q'))
 */
export function parseKL(g: Grammar, start: Token): Expr {
  const s = g.s;
  const open = s.next();
  return s.within(() => {
    const p = parseDensity(g);
    if (s.role() === 'norm' || s.role() === 'parallel' || s.is(',') || s.is(';')) s.next();
    else if (s.role() === 'bar' && s.role(1) === 'bar') s.pos += 2;
    else throw s.error(`expected '\\|' between the two arguments of KL`, s.peek());
    const q = parseDensity(g);
    s.expectClose(open, ')');
    return at(kl(p, q), s.spanFrom(start));
  });
}

/**
 * `\mathcal{N}(v \mid \mu, \Sigma)` (a density value) or `\mathcal{N}(\mu, \Sigma)`
 * (the distribution, arg null), after the head.
 *
 * @example parseNormal(g, start)  // on '(0,1)': normal(null, num(0), num(1))
 */
export function parseNormal(g: Grammar, start: Token): Expr {
  const s = g.s;
  const open = s.next();
  return s.within(() => {
    const first = g.parseSum();
    let arg: Expr | null = null;
    let mean = first;
    if (s.role() === 'bar') {
      s.next();
      arg = first;
      mean = g.parseSum();
    }
    if (!s.is(',')) {
      s.rejectMisplaced(s.peek());
      throw s.error(`expected ',' between the mean and the covariance of ${s.src.slice(start.start, open.start).trim()}`, s.peek());
    }
    s.next();
    const cov = g.parseSum();
    s.expectClose(open, ')');
    return at(normal(arg, mean, cov), s.spanFrom(start));
  }, { norm: false, integral: false, bar: true });
}

/**
 * `\int body \, dx`, optionally with the limits `_{-\infty}^{\infty}`.
 *
 * @example parseIntegral(g)  // on '\\int p(x) \\, dx': integral('x', …)
 */
export function parseIntegral(g: Grammar): Expr {
  const s = g.s;
  const t = s.next();
  if (s.is('_') || s.is('^')) wholeLineLimits(s);
  return s.within(
    () => {
      const body = g.parseSum();
      const n = s.differentialAhead();
      if (!n) throw s.error(`expected a differential such as 'dx' to close the integral opened at ${s.where(t.start)}`, s.peek());
      s.pos += n;
      const { base } = readBase(s);
      const v = s.ctx.resolveAlias(readScripts(s, base));
      return at(integral(v, body), s.spanFrom(t));
    },
    { norm: false, integral: true },
  );
}

/** Consumes `_{-\infty}^{\infty}` (either order); anything else is an error. */
function wholeLineLimits(s: TokenStream): void {
  const from = s.peek();
  const limits: Record<string, string> = {};
  while ((s.is('_') || s.is('^')) && !(s.peek().text in limits)) {
    const which = s.next().text;
    const e = scriptEnd(s, s.pos);
    limits[which] = scriptText(s.tokens, s.pos, e);
    s.pos = e;
  }
  if (limits['_'] !== '-\\infty' || !['\\infty', '+\\infty'].includes(limits['^'])) {
    throw s.error('only integrals over the whole line are supported', from, s.lastEnd - from.start);
  }
}

/**
 * `\partial_\theta f` / `\partial_{\theta} f`, with an order `\partial^2_\theta f`
 * (or `\partial_\theta^2 f`); f is the implicit product that follows. Also the
 * quotient form `\partial f / \partial\theta` (`\partial^2 f / \partial\theta^2`),
 * where f may be any name (`\partial KL / \partial\theta`).
 *
 * @example parsePartial(g)  // on '\\partial_\\theta x\\theta': deriv('\\theta', mul(x, \\theta))
 */
export function parsePartial(g: Grammar): Expr {
  const s = g.s;
  const t = s.next();
  let order = derivativeOrder(s);
  if (!s.is('_')) {
    if (g.canStartFactor()) return partialQuotient(g, t, order);
    throw s.error(`expected '_' after \\partial (write \\partial_\\theta f or \\frac{\\partial}{\\partial \\theta} f)`, s.peek());
  }
  s.next();
  s.splitDigit();
  const e = scriptEnd(s, s.pos);
  if (e === s.pos || !isScriptStart(s.peek())) throw s.error(`expected a variable after '\\partial_'`, s.peek());
  const v = s.ctx.resolveAlias(scriptText(s.tokens, s.pos, e));
  s.pos = e;
  if (order === 1) order = derivativeOrder(s);
  const body = g.parseChain(s.src.slice(t.start, s.lastEnd));
  return nthDerivative(v, body, order, s.spanFrom(t));
}

/** `\partial f / \partial v` after `\partial` (and its order). */
function partialQuotient(g: Grammar, t: Token, order: number): Expr {
  const s = g.s;
  const body = g.parseChain(s.src.slice(t.start, s.lastEnd));
  if (!s.is('/')) throw s.error(`expected '/ \\partial <variable>' after ${s.src.slice(t.start, s.lastEnd)} (or write \\partial_\\theta f)`, s.peek());
  s.next();
  if (s.role() !== 'partial') throw s.error(`expected '\\partial' after '/' in the derivative`, s.peek());
  s.next();
  const v = derivativeVariable(s, order);
  return nthDerivative(v, body, order, s.spanFrom(t));
}

/** An optional order `^2` / `^{2}` after `\partial` or `d`; 1 when none. */
function derivativeOrder(s: TokenStream): number {
  if (!s.is('^')) return 1;
  const caret = s.next();
  const braced = s.is('{');
  if (braced) s.next();
  s.splitDigit();
  const n = s.peek();
  if (n.kind !== 'num' || !/^[1-9]$/.test(n.text)) throw s.error(`expected the order of the derivative (a digit) after '^'`, n.kind === 'eof' ? caret : n);
  s.next();
  if (braced) s.expectClose(caret, '}');
  return Number(n.text);
}

/** The variable after `\partial` or `d` in a denominator, with its order (which must be `order`). */
function derivativeVariable(s: TokenStream, order: number): string {
  if (!isNameStart(s)) throw s.error(`expected a variable after '\\partial'`, s.peek());
  const start = s.peek();
  const { base } = readBase(s);
  const v = s.ctx.resolveAlias(readScripts(s, base));
  const k = derivativeOrder(s);
  if (k !== order) throw s.error(`the derivative's orders differ: ${order} above, ${k} below`, start, s.lastEnd - start.start);
  return v;
}

/** `body` differentiated `order` times in `v`, every node spanning the whole form. */
function nthDerivative(v: string, body: Expr, order: number, span: Span): Expr {
  let out = body;
  for (let i = 0; i < order; i++) out = at(deriv(v, out), span);
  return out;
}

/**
 * `\frac{a}{b}` (also `\tfrac`, `\dfrac`, `\frac12`), or a derivative
 * `\frac{\partial}{\partial\theta} f` / `\frac{\partial f}{\partial\theta}`,
 * of any order (`\frac{\partial^2}{\partial t^2} f`), also with an upright
 * `d`: `\frac{d}{dx} f`, `\frac{d^2 f}{dt^2}` (read as the same derivative).
 *
 * @example parseFrac(g)  // on '\\tfrac12': div(num(1), num(2))
 */
export function parseFrac(g: Grammar): Expr {
  const s = g.s;
  const t = s.next();
  // \\frac{\\partial_\\theta f}{g} is a quotient whose numerator is a derivative
  if (s.is('{') && ((s.role(1) === 'partial' && !s.is('_', 2)) || dFracAhead(s))) return fracDerivative(g, t);
  const n = fracArgument(g, t);
  const d = fracArgument(g, t);
  return at(div(n, d), s.spanFrom(t));
}

/** True when the letter `d` is the differential mark at `k` tokens ahead. */
function isD(s: TokenStream, k = 0): boolean {
  const t = s.peek(k);
  return t.kind === 'letter' && t.text === HEADS.differential;
}

/** True at `{d…}{d<name>…}`: a derivative written with an upright d. */
function dFracAhead(s: TokenStream): boolean {
  if (!isD(s, 1)) return false;
  const close = matchBrace(s.tokens, s.pos);
  if (close < 0) return false;
  const k = close + 1 - s.pos;
  return s.is('{', k) && isD(s, k + 1) && isNameStart(s, k + 2);
}

/** One argument of `\frac`: a braced group or a single token (digit, letter, symbol). */
function fracArgument(g: Grammar, t: Token): Expr {
  const s = g.s;
  if (s.is('{')) {
    const open = s.next();
    const e = s.within(() => g.parseSum());
    s.expectClose(open, '}');
    return e;
  }
  s.splitDigit();
  const a = s.peek();
  if (a.kind === 'num') {
    s.next();
    return at({ kind: 'num', value: Number(a.text) }, s.spanFrom(a));
  }
  if (a.kind === 'letter' || (a.kind === 'cmd' && roleOf(a.text) === 'symbol')) return singleSym(s, a);
  throw s.error(`expected '{' after ${t.text}`, a);
}

/** `\frac{\partial^k [f]}{\partial v^k} [f]` (or with `d`) after `\frac`. */
function fracDerivative(g: Grammar, t: Token): Expr {
  const s = g.s;
  const open = s.next();
  const mark = s.next(); // \partial or d
  const order = derivativeOrder(s);
  let body: Expr | null = null;
  if (!s.is('}')) body = s.within(() => g.parseSum());
  s.expectClose(open, '}');
  const word = mark.kind === 'letter' ? 'd' : '\\partial';
  if (!s.is('{')) throw s.error(`expected '{${word} …}' as the denominator of the derivative`, s.peek());
  const dopen = s.next();
  if (!(s.role() === 'partial' || isD(s))) throw s.error(`expected '${word}' in the denominator of the derivative`, s.peek());
  s.next();
  const v = derivativeVariable(s, order);
  s.expectClose(dopen, '}');
  body ??= g.parseChain(s.src.slice(t.start, s.lastEnd));
  return nthDerivative(v, body, order, s.spanFrom(t));
}
