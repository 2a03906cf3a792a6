/**
 * Reading names and what follows them: the base, the scripts, primes, and an
 * application's argument list.
 *
 * Strategy: a name is read in two steps so that the parser can look at the
 * base before scripts change its meaning (`E_{x}` is an expectation, not the
 * name `E_{x}`): `readBase`, then `readScripts`. A subscript always belongs to
 * the name; a superscript does only when it is `*` or the result is a declared
 * name (`L_{G}^{mm}`), otherwise it is left for the power rule. `finishName`
 * turns the name into an application when `(` follows and the context says it
 * is a function (or primes were written: `f'(t)`), else into a symbol.
 * Every name goes through `ctx.resolveAlias`.
 *
 * @example
 *   // with p_{\theta} declared a density:
 *   parseExpr('P_\\theta(x)', ctx)   // apply('p_{\\theta}', [sym('x')]) when P_{\theta} aliases p_{\theta}
 */
import type { Expr } from '../expr/types';
import { apply, sym } from '../expr/build';
import { argEnd, makeName, matchBrace, scriptText, takesArgument } from '../notation/names';
import { HEADS, roleOf } from '../notation/table';
import type { Token } from './lexer';
import { at, type Grammar, type TokenStream } from './stream';

/**
 * True when a name starts `k` tokens ahead: a letter, a symbol command, an
 * accent, a math alphabet, a font wrapper, or `\ln`/`\log` with a subscript.
 *
 * @example isNameStart(s)  // true with s at '\\hat\\mu', false at '('
 */
export function isNameStart(s: TokenStream, k = 0): boolean {
  const t = s.peek(k);
  if (t.kind === 'letter') return true;
  if (t.kind !== 'cmd') return false;
  const r = roleOf(t.text);
  return r === 'symbol' || r === 'accent' || r === 'style' || r === 'font' || (r === 'operator' && s.is('_', k + 1));
}

/**
 * Consumes the base of a name and returns its canonical text (`\hat{\mu}`,
 * `p`, `KL`, `\mathbb{E}`, `data` for `\text{data}`).
 *
 * @example readBase(s).base  // '\\hat{\\mu}' with s at '\\hat\\mu_y', leaving s at '_y'
 */
export function readBase(s: TokenStream): { base: string; start: Token } {
  const start = s.peek();
  for (const w of HEADS.words) {
    if (wordAhead(s, w)) {
      s.pos += w.length;
      return { base: w, start };
    }
  }
  const e = scriptEnd(s, s.pos);
  if (e === s.pos) throw s.error(`expected an argument after ${start.text}`, s.peek(1));
  if (start.kind === 'cmd' && takesArgument(start.text)) checkNameTokens(s, s.pos + 1, e);
  const base = scriptText(s.tokens, s.pos, e);
  if (!base) throw s.error(`empty name ${s.src.slice(start.start, s.tokens[e - 1].end)}`, start, s.tokens[e - 1].end - start.start);
  s.pos = e;
  return { base, start };
}

/**
 * Consumes the scripts of a name with base `base`: a subscript, then a
 * superscript when it forms a name. Returns the canonical name.
 *
 * @example readScripts(s, 'L')  // with s at '_G^{mm}': 'L_{G}^{mm}' if declared, else 'L_{G}' (s left at '^')
 */
export function readScripts(s: TokenStream, base: string): string {
  let sub: string | null = null;
  let sup: string | null = null;
  if (s.is('_')) {
    const us = s.next();
    s.splitDigit();
    const e = scriptEnd(s, s.pos);
    if (e === s.pos || !isScriptStart(s.peek())) throw s.error(`expected a subscript after '_'`, s.peek());
    sub = scriptText(s.tokens, s.pos, e);
    if (!sub) throw s.error('empty subscript', us, s.tokens[e - 1].end - us.start);
    s.pos = e;
  }
  if (s.is('^')) {
    const e = scriptEnd(s, s.pos + 1);
    const text = e > s.pos + 1 ? scriptText(s.tokens, s.pos + 1, e) : '';
    if (text && (text === '*' || s.ctx.isDeclared(makeName(base, sub, text)))) {
      sup = text;
      s.pos = e;
    }
  }
  return makeName(base, sub, sup);
}

/**
 * After a name: primes, then an argument list when the name is a function,
 * else a symbol. `start` is the name's first token.
 *
 * @example finishName(g, start, '\\sigma')  // on "'(h)": apply('\\sigma', [h], { primes: 1 })
 */
export function finishName(g: Grammar, start: Token, name: string): Expr {
  const s = g.s;
  let primes = 0;
  while (s.role() === 'prime') {
    s.next();
    primes++;
  }
  const fn = s.ctx.resolveAlias(name);
  if (s.is('(') && (primes > 0 || s.ctx.isFunction(fn))) {
    const { args, given } = parseArgs(g);
    const extra = { ...(primes ? { primes } : {}), ...(given ? { given } : {}) };
    return at(apply(fn, args, extra), s.spanFrom(start));
  }
  if (primes > 0) throw s.error(`expected '(' after ${s.src.slice(start.start, s.lastEnd)}`, s.peek());
  return at(sym(fn), s.spanFrom(start));
}

/**
 * A symbol from the single token `t` at the cursor (a letter or a symbol
 * command), as in `\frac1x` or `x^\theta`.
 *
 * @example singleSym(s, s.peek())  // with s at '\\theta': sym('\\theta')
 */
export function singleSym(s: TokenStream, t: Token): Expr {
  s.next();
  return at(sym(s.ctx.resolveAlias(t.text)), s.spanFrom(t));
}

/**
 * An argument list `(a, b | c)` at the cursor: arguments separated by `,` or
 * `;`, conditioning arguments after `|` or `\mid`.
 *
 * @example parseArgs(g)  // on '(x \\mid y)': { args: [x], given: [y] }
 */
export function parseArgs(g: Grammar): { args: Expr[]; given?: Expr[] } {
  const s = g.s;
  const open = s.next();
  return s.within(() => {
    // `\\cdot` alone as an argument stands for any value: p(\\cdot \\mid x) is the distribution given x
    const arg = (): Expr => {
      const t = s.peek();
      if (t.text === '\\cdot' && [',', ')', '|', '\\mid'].includes(s.peek(1).text)) return singleSym(s, t);
      return g.parseSum();
    };
    const list = (): Expr[] => {
      const out = [arg()];
      while (s.is(',') || s.is(';') || s.role() === 'norm' || s.role() === 'parallel') {
        s.next();
        out.push(arg());
      }
      return out;
    };
    const args = list();
    let given: Expr[] | undefined;
    if (s.role() === 'bar') {
      s.next();
      given = list();
    }
    s.expectClose(open, ')');
    return given ? { args, given } : { args };
  }, { norm: false, integral: false, bar: true });
}

/**
 * The end of the TeX argument at `i` (see `argEnd`), throwing on an unclosed brace.
 *
 * @example scriptEnd(s, 0)  // 3 for '{a}b'; throws for '{a'
 */
export function scriptEnd(s: TokenStream, i: number): number {
  const e = argEnd(s.tokens, i);
  if (e >= 0) return e;
  let open = i;
  while (open < s.tokens.length && !(s.tokens[open].text === '{' && s.tokens[open].kind === 'char' && matchBrace(s.tokens, open) < 0)) open++;
  const o = s.tokens[Math.min(open, s.tokens.length - 1)];
  throw s.error(`expected '}' to close '{' opened at ${s.where(o.start)}`, s.tokens[s.tokens.length - 1]);
}

/**
 * True when `t` can start a sub- or superscript: a brace, a letter, a digit,
 * a symbol, a wrapper, or `*`.
 *
 * @example isScriptStart(s.peek())  // false at ')', as in the malformed 'p_)'
 */
export function isScriptStart(t: Token): boolean {
  if (t.kind === 'letter' || t.kind === 'num') return true;
  if (t.kind === 'char' && t.text === '{') return true;
  const r = roleOf(t.text);
  return (t.kind === 'cmd' || t.kind === 'char') && (r === 'symbol' || r === 'star' || r === 'transpose' || takesArgument(t.text));
}

/** Inside a wrapper (`\hat{…}`, `\text{…}`) only letters, digits, symbols, wrappers, braces and scripts may appear. */
function checkNameTokens(s: TokenStream, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const t = s.tokens[i];
    if (t.kind === 'letter' || t.kind === 'num' || (t.kind === 'cmd' && (roleOf(t.text) === 'symbol' || takesArgument(t.text)))) continue;
    if (t.kind === 'char' && ['{', '}', '_', '^'].includes(t.text)) continue;
    throw s.error(`unexpected ${s.describe(t)} in a name`, t);
  }
}

/** True when the letters of `word` follow, adjacent, and no further letter is glued on. */
function wordAhead(s: TokenStream, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const t = s.peek(k);
    if (t.kind !== 'letter' || t.text !== word[k] || (k > 0 && t.space)) return false;
  }
  const after = s.peek(word.length);
  return !(after.kind === 'letter' && !after.space);
}
