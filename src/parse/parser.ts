/**
 * The LaTeX expression parser: one expression or equation to an `Expr`.
 *
 * Strategy: hand-written recursive descent over the lexer's tokens, with the
 * notation table deciding what each token is (its role), so that no rule
 * names a particular command. It parses exactly what was written: no
 * simplification, a parenthesised group is just its content, `a - b` is
 * `add(a, neg(b))`, `\tfrac12` is `div(1, 2)`.
 *
 * Grammar, loosest first:
 *
 *     top     := sum ('=' sum)?                       one '=' at most, only here
 *     sum     := term (('+' | '-') term)*             '-' t gives neg(t)
 *     term    := '-' term | product                   so '-a b' is neg(mul(a, b))
 *     product := power (('\cdot' | '\times' | '/') operand | power)*
 *                                                     left-assoc: 'a/b c' is mul(div(a,b), c),
 *                                                     'a b/c' is div(mul(a,b), c)
 *     operand := '-' power | power                    'a \cdot -b'
 *     power   := atom ('^' exponent | '^\top' | '^T')?   'e^{u}' is \exp(u)
 *     atom    := number | group | norm | name-form | \frac | \int | \partial | \sqrt | \log-form
 *
 * Decisions worth knowing:
 * - `\log`, `\ln` (read as `\log`) and `\exp` take a parenthesised group as
 *   their argument when `(` follows (`\log(a) b` is `mul(\log a, b)`);
 *   otherwise the following implicit-product chain of powers (`\log 2\pi s^2`
 *   is `\log(2 \pi s^2)`), which stops at `+ - = / \cdot \times`, relations,
 *   closing brackets, `|`, `,` and, inside an integral, the differential.
 *   `\partial_\theta f` and `\frac{\partial}{\partial\theta} f` take the same chain.
 * - A name followed by `(` is an application when `ctx.isFunction` says so
 *   after alias resolution, or when primes were written (`f'(t)`); otherwise
 *   it is implicit multiplication (`x(1-x)`). All names, also of symbols and
 *   bound variables, go through `ctx.resolveAlias`.
 * - `E` / `\mathbb{E}` is an expectation only before `_` or `[`; `N` /
 *   `\mathcal{N}` a Gaussian only before `(`; `KL` (adjacent letters,
 *   `\mathrm{KL}`, `D_{KL}`) a divergence only before `(`, else the symbol `KL`.
 * - `d<var>` (no space between) ends an integral's body; elsewhere `d` is a letter.
 * - Relations other than `=` (`\iff`, `\approx`, `\to`, …) are errors: the
 *   caller splits a line at relations before parsing. A trailing `.` or `,`
 *   is ignored.
 *
 * @example
 *   parseExpr('a - b c')       // add(a, neg(mul(b, c)))
 *   parseExpr('\\log p(x)', ctx)  // log(apply('p', [x])) when ctx declares p a density
 */
import type { Expr } from '../expr/types';
import { add, apply, eq, mul, neg, pow, transpose, div, EXP, SQRT, ABS } from '../expr/build';

/** Bars that open an absolute value (`\\mid` never does). */
const ABS_BARS = new Set(['|', '\\vert', '\\lvert']);
import { EMPTY_CONTEXT, type ParseContext } from '../semantics/context';
import { canonicalTex, HEADS, lookupNotation } from '../notation/table';
import type { Origin } from './error';
import { tokenize, type Token } from './lexer';
import { at, TokenStream, type Grammar } from './stream';
import { finishName, isNameStart, parseArgs, readBase, readScripts, singleSym } from './named';
import { checkBinderDepth, checkExponent, checkLineLengths, checkTokenNesting } from './guards';
import { isNormalHead, parseExpectation, parseFrac, parseIntegral, parseKL, parseNormal, parsePartial } from './binders';

class Parser implements Grammar {
  constructor(readonly s: TokenStream) {}

  parseTop(): Expr {
    const s = this.s;
    let e = this.parseSum();
    if (s.is('=')) {
      s.next();
      const rhs = this.parseSum();
      e = at(eq(e, rhs), { start: e.span?.start ?? 0, end: s.lastEnd });
      if (s.is('=')) throw s.error(`only one '=' is allowed in an expression (split an equation chain at '=' first)`, s.peek());
    }
    const t = s.peek();
    if (t.kind !== 'eof') {
      s.rejectMisplaced(t);
      throw s.error(`unexpected ${s.describe(t)}`, t);
    }
    return e;
  }

  parseSum(): Expr {
    const s = this.s;
    const start = s.peek();
    const terms = [this.parseTerm()];
    while (s.is('+') || s.is('-')) {
      const op = s.next();
      const t = this.parseTerm();
      terms.push(canonicalTex(op.text) === '-' ? at(neg(t), s.spanFrom(op)) : t);
    }
    return terms.length === 1 ? terms[0] : at(add(...terms), s.spanFrom(start));
  }

  private parseTerm(): Expr {
    const s = this.s;
    if (!s.is('-')) return this.parseProduct();
    const op = s.next();
    const arg = s.deeper(() => this.parseTerm());
    return at(neg(arg), s.spanFrom(op));
  }

  private parseProduct(): Expr {
    const s = this.s;
    const start = s.peek();
    let factors = [this.parsePower()];
    for (;;) {
      if (s.is('\\cdot') || s.is('\\times')) {
        s.next();
        factors.push(this.parseOperand());
      } else if (s.is('/')) {
        const numerator = this.product(factors, start);
        s.next();
        const den = this.parseOperand();
        factors = [at(div(numerator, den), s.spanFrom(start))];
      } else if (this.canStartFactor()) {
        factors.push(this.parsePower());
      } else {
        return this.product(factors, start);
      }
    }
  }

  private parseOperand(): Expr {
    const s = this.s;
    if (!s.is('-')) return this.parsePower();
    const op = s.next();
    const arg = this.parsePower();
    return at(neg(arg), s.spanFrom(op));
  }

  private product(factors: Expr[], start: Token): Expr {
    return factors.length === 1 ? factors[0] : at(mul(...factors), { start: start.start, end: factors[factors.length - 1].span?.end ?? this.s.lastEnd });
  }

  canStartFactor(): boolean {
    const s = this.s;
    const t = s.peek();
    if (s.differentialAhead()) return false;
    if (t.kind === 'num' || t.kind === 'letter') return true;
    switch (s.role()) {
      case 'symbol': case 'accent': case 'style': case 'font': case 'operator':
      case 'radical': case 'frac': case 'integral': case 'partial': case 'open':
        return true;
      case 'norm':
        return !s.level.norm && this.closingNormAhead();
      case 'bar':
        return !s.level.bar && ABS_BARS.has(t.text);
      default:
        return false;
    }
  }

  /**
   * True when a `\\|` ahead closes before the enclosing bracket does, so the
   * one at the cursor opens a norm (in `\\mathrm{KL}(p \\| q)` it separates).
   */
  private closingNormAhead(): boolean {
    const s = this.s;
    let depth = 0;
    for (let k = 1; ; k++) {
      const t = s.peek(k);
      if (t.kind === 'eof') return false;
      const r = s.role(k);
      if (r === 'open') depth++;
      else if (r === 'close') {
        if (depth-- === 0) return false;
      } else if (r === 'norm' && depth === 0) return true;
    }
  }

  parseChain(after: string): Expr {
    const s = this.s;
    const start = s.peek();
    const factors: Expr[] = [];
    while (this.canStartFactor()) factors.push(this.parsePower());
    if (factors.length) return this.product(factors, start);
    if (start.kind === 'eof') throw s.error(`unexpected end of input: expected an expression after '${after}'`, start);
    s.rejectMisplaced(start);
    throw s.error(`expected an expression after '${after}', found ${s.describe(start)}`, start);
  }

  parsePower(): Expr {
    const s = this.s;
    const start = s.peek();
    const base = s.deeper(() => this.parseAtom());
    if (!s.is('^')) return base;
    const caret = s.next();
    let result: Expr;
    const n = this.transposeAhead();
    if (n) {
      s.pos += n;
      result = at(transpose(base), s.spanFrom(start));
    } else {
      const x = s.deeper(() => this.parseExponent(caret));
      checkExponent(x, (reason, offset, length) => s.error(reason, offset, length));
      const euler = base.kind === 'sym' && start.kind === 'letter' && start.text === HEADS.euler && base.span?.end === start.end && !s.ctx.isDeclared(HEADS.euler);
      result = at(euler ? apply(EXP, [x]) : pow(base, x), s.spanFrom(start));
    }
    if (s.is('^')) throw s.error(`double superscript: use braces, as in {x^{2}}^{3}`, s.peek());
    return result;
  }

  /** Tokens of a transpose superscript ahead (`\top`, `T`, `{\top}`, `{T}`), or 0. */
  private transposeAhead(): number {
    const s = this.s;
    const isTop = (k: number) => s.role(k) === 'transpose' || (s.peek(k).kind === 'letter' && (HEADS.transpose as readonly string[]).includes(s.peek(k).text));
    if (isTop(0)) return 1;
    if (s.is('{') && isTop(1) && s.is('}', 2)) return 3;
    return 0;
  }

  private parseExponent(caret: Token): Expr {
    const s = this.s;
    if (s.is('{')) {
      const open = s.next();
      const e = s.within(() => this.parseSum());
      s.expectClose(open, '}');
      return e;
    }
    s.splitDigit();
    const t = s.peek();
    if (t.kind === 'num') {
      s.next();
      return at(numLiteral(t.text), s.spanFrom(t));
    }
    if (t.kind === 'letter' || s.role() === 'symbol') return singleSym(s, t);
    if (s.role() === 'frac') return this.parseAtom();
    throw s.error(`expected an exponent after '${caret.text}'`, t);
  }

  private parseAtom(): Expr {
    const s = this.s;
    const t = s.peek();
    if (t.kind === 'eof') {
      const p = s.previous();
      throw s.error(p ? `unexpected end of input: expected an expression after '${p.text}'` : 'unexpected end of input: expected an expression', t);
    }
    if (s.differentialAhead()) throw s.error(`expected the integrand before the differential`, t);
    if (t.kind === 'num') {
      s.next();
      return at(numLiteral(t.text), s.spanFrom(t));
    }
    if (s.role() === 'operator' && !s.is('_', 1)) return this.parseOperator();
    if (isNameStart(s)) return this.parseNamed();
    switch (s.role()) {
      case 'open': return this.parseGroup();
      case 'frac': return parseFrac(this);
      case 'integral': return parseIntegral(this);
      case 'partial': return parsePartial(this);
      case 'radical': return this.parseSqrt();
      case 'norm': if (!s.level.norm) return this.parseNorm(); break;
      case 'bar': if (ABS_BARS.has(t.text)) return this.parseAbs(); break;
    }
    s.rejectMisplaced(t);
    throw s.error(`unexpected ${s.describe(t)}`, t);
  }

  /** A name and what its base or name makes of it: expectation, Gaussian, KL, application, symbol. */
  private parseNamed(): Expr {
    const s = this.s;
    const start = s.peek();
    const { base } = readBase(s);
    if ((HEADS.expectation as readonly string[]).includes(base) && (s.is('_') || s.is('['))) return parseExpectation(this, start);
    if (isNormalHead(s, base)) return parseNormal(this, start);
    const name = readScripts(s, base);
    // an author's own D_{KL} (declared or defined) is theirs, not the built-in KL
    if ((HEADS.kl as readonly string[]).includes(name) && s.is('(') && !s.ctx.isDeclared(name)) return parseKL(this, start);
    return finishName(this, start, name);
  }

  /** `\log`, `\ln`, `\exp`: a parenthesised argument, or the implicit-product chain that follows. */
  private parseOperator(): Expr {
    const s = this.s;
    const t = s.next();
    const fn = canonicalTex(t.text);
    if (s.is('^')) throw s.error(`powers of ${t.text} are not supported: write (${t.text} x)^2`, s.peek());
    if (s.is('(')) {
      const { args, given } = parseArgs(this);
      if (args.length !== 1 || given) throw s.error(`${t.text} takes one argument`, t, s.lastEnd - t.start);
      return at(apply(fn, args), s.spanFrom(t));
    }
    const arg = this.parseChain(t.text);
    return at(apply(fn, [arg]), s.spanFrom(t));
  }

  private parseGroup(): Expr {
    const s = this.s;
    const open = s.next();
    const close = lookupNotation(open.text)?.close ?? ')';
    const body = s.within(() => this.parseSum());
    s.expectClose(open, close);
    return body;
  }

  private parseNorm(): Expr {
    const s = this.s;
    const open = s.next();
    const body = s.within(() => this.parseSum(), { norm: true, integral: false });
    s.expectClose(open, '\\|');
    return at({ kind: 'norm', arg: body }, s.spanFrom(open));
  }

  /** `|x|`, `\left| x \right|`, `\lvert x \rvert`: the absolute value (the built-in `\abs`). */
  private parseAbs(): Expr {
    const s = this.s;
    const open = s.next();
    const body = s.within(() => this.parseSum(), { norm: false, integral: false, bar: true });
    s.expectClose(open, '|');
    return at(apply(ABS, [body]), s.spanFrom(open));
  }

  private parseSqrt(): Expr {
    const s = this.s;
    const t = s.next();
    if (s.is('[')) throw s.error('only square roots are supported', s.peek());
    let arg: Expr;
    if (s.is('{')) {
      const open = s.next();
      arg = s.within(() => this.parseSum());
      s.expectClose(open, '}');
    } else {
      s.splitDigit();
      const a = s.peek();
      if (a.kind === 'num') {
        s.next();
        arg = at(numLiteral(a.text), s.spanFrom(a));
      } else if (a.kind === 'letter' || s.role() === 'symbol') arg = singleSym(s, a);
      else throw s.error(`expected '{' after ${t.text}`, a);
    }
    return at(apply(SQRT, [arg]), s.spanFrom(t));
  }
}

/** Tokens for `latex`, without a trailing `.` or `,`. */
function tokensOf(latex: string, origin: Origin): Token[] {
  const tokens = tokenize(latex, origin);
  const last = tokens[tokens.length - 2];
  if (last && last.kind === 'char' && (last.text === '.' || last.text === ',')) tokens.splice(tokens.length - 2, 1);
  return tokens;
}

/**
 * Parses one expression or equation (`a = b` gives an `eq` node). Throws
 * `SourceError` with line, column and a caret on malformed input.
 *
 * @example
 *   parseExpr('\\tfrac12 x^2')                 // mul(div(num(1), num(2)), pow(sym('x'), num(2)))
 *   parseExpr('D_\\phi(x) = 1', ctx)           // eq(apply('D_{\\phi}', [x]), num(1)) when ctx declares D_{\phi}
 *   parseExpr('a +', undefined, { file: 'f.md', line: 3, column: 5 })  // throws "f.md:3:8: unexpected end of input: …"
 */
export function parseExpr(latex: string, ctx: ParseContext = EMPTY_CONTEXT, origin: Origin = {}): Expr {
  checkLineLengths(latex, origin);
  const s = new TokenStream(latex, tokensOf(latex, origin), ctx, origin);
  checkTokenNesting(s.tokens, (reason, t) => s.error(reason, t));
  const e = new Parser(s).parseTop();
  checkBinderDepth(e, (reason, offset, length) => s.error(reason, offset, length));
  return e;
}

/**
 * Alias of `parseExpr`.
 *
 * @example parseMath('x = 1')  // eq(sym('x'), num(1))
 */
export const parseMath = parseExpr;

/**
 * The canonical name of a single name written in LaTeX, as in a declaration:
 * every superscript forms part of the name, and aliases are not resolved.
 *
 * @example
 *   parseName('L_G^{\\text{mm}}')  // 'L_{G}^{mm}'
 *   parseName('\\hat\\mu_y')       // '\\hat{\\mu}_{y}'
 */
export function parseName(latex: string, origin: Origin = {}): string {
  const declaring: ParseContext = { isFunction: () => false, resolveAlias: (n) => n, isDeclared: () => true };
  checkLineLengths(latex, origin);
  const s = new TokenStream(latex, tokensOf(latex, origin), declaring, origin);
  checkTokenNesting(s.tokens, (reason, t) => s.error(reason, t));
  if (!isNameStart(s)) throw s.error('expected a name', s.peek());
  const { base } = readBase(s);
  const name = readScripts(s, base);
  if (s.peek().kind !== 'eof') throw s.error(`unexpected ${s.describe(s.peek())} after the name ${name}`, s.peek());
  return name;
}

/** A numeric literal; an integer past 2^53 keeps its digits (`exact`) so the prover reads it exactly. */
function numLiteral(text: string): Expr {
  const value = Number(text);
  return /^\d+$/.test(text) && !Number.isSafeInteger(value) ? { kind: 'num', value, exact: text } : { kind: 'num', value };
}
