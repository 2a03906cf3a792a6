/**
 * The parser's state: the token list, a cursor, the context, the nesting
 * levels that change what a token means, and error construction.
 *
 * Strategy: the grammar (`parser.ts`, `names.ts` here, `binders.ts`) is a set
 * of recursive-descent functions over one `TokenStream`. Two tokens depend on
 * where they occur, and a stack of levels records it: `\|` closes a norm only
 * inside that norm (elsewhere it opens one), and `d<var>` is a differential
 * only directly inside an integral's body. Every bracket pushes a fresh level.
 *
 * @example
 *   const s = new TokenStream('a+b', tokenize('a+b'), EMPTY_CONTEXT, {});
 *   s.next().text  // 'a'
 */
import type { Expr, Span } from '../expr/types';
import type { ParseContext } from '../semantics/context';
import { SourceError, type Origin } from './error';
import type { Token } from './lexer';
import { limit, limitMessage } from '../expr/limits';
import { canonicalTex, roleOf, HEADS, type Role } from '../notation/table';

/** What the enclosing construct makes of context-dependent tokens (`{ norm: true, integral: false }` inside `\\|…\\|`). */
export interface Level {
  /** Inside `\|…\|`: `\|` closes. */
  norm: boolean;
  /** Directly inside an integral body: `d<var>` ends it. */
  integral: boolean;
  /** Inside an argument list, a Gaussian or `|…|`: `|` separates or closes, it does not open `|x|`. */
  bar?: boolean;
}

/**
 * The grammar entry points binders need (implemented by `Parser` in `parser.ts`).
 *
 * @example
 *   const body = g.s.within(() => g.parseSum());  // a bracket's content
 */
export interface Grammar {
  s: TokenStream;
  /** A sum (no `=`) at the current level. */
  parseSum(): Expr;
  /** A factor with its power or transpose. */
  parsePower(): Expr;
  /** The implicit product after `\log`, `\partial_\theta`, … ; `after` names the operator in errors. */
  parseChain(after: string): Expr;
  /** True when the next token can start a factor of an implicit product. */
  canStartFactor(): boolean;
}

const FRESH: Level = { norm: false, integral: false };

/**
 * Cursor over tokens, with context and error helpers.
 *
 * @example
 *   const s = new TokenStream('(a', tokenize('(a'), EMPTY_CONTEXT, {});
 *   const open = s.next(); s.next();
 *   s.expectClose(open, ')')  // throws "expected ')' to close '(' opened at column 1"
 */
export class TokenStream {
  pos = 0;
  private readonly levels: Level[] = [FRESH];
  /** Recursion depth of the grammar (guarded by `deeper`, so no input overflows the stack). */
  private depth = 0;

  constructor(
    readonly src: string,
    readonly tokens: Token[],
    readonly ctx: ParseContext,
    readonly origin: Origin,
  ) {}

  /** The token `k` ahead (the final `eof` when past the end). */
  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** End offset of the last consumed token (for spans). */
  get lastEnd(): number {
    return this.pos > 0 ? this.tokens[this.pos - 1].end : 0;
  }

  /** The last consumed token, if any. */
  previous(): Token | undefined {
    return this.pos > 0 ? this.tokens[this.pos - 1] : undefined;
  }

  /** True when the token `k` ahead is the command or character `tex` (after canonicalisation). */
  is(tex: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'cmd' || t.kind === 'char') && canonicalTex(t.text) === tex;
  }

  /** The table role of the token `k` ahead (undefined for numbers, letters, eof). */
  role(k = 0): Role | undefined {
    const t = this.peek(k);
    return t.kind === 'cmd' || t.kind === 'char' ? roleOf(t.text) : undefined;
  }

  /** The current nesting level. */
  get level(): Level {
    return this.levels[this.levels.length - 1];
  }

  /** Runs `f` inside a new level (fresh unless given). */
  within<T>(f: () => T, level: Level = FRESH): T {
    this.levels.push(level);
    try {
      return f();
    } finally {
      this.levels.pop();
    }
  }

  /** Runs `f` one grammar level deeper; past the nesting limit, a SourceError at the next token. */
  deeper<T>(f: () => T): T {
    if (this.depth >= limit('nestingDepth')) throw this.error(limitMessage('nestingDepth'), this.peek());
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** Splits a multi-digit number token ahead into its first digit and the rest (TeX reads `x^23` as `x^2 3`). */
  splitDigit(k = 0): void {
    const t = this.peek(k);
    if (t.kind !== 'num' || t.text.length < 2 || t.text[1] === '.') return;
    const first: Token = { ...t, text: t.text[0], end: t.start + 1 };
    const rest: Token = { ...t, text: t.text.slice(1), start: t.start + 1, space: false };
    this.tokens.splice(this.pos + k, 1, first, rest);
  }

  /**
   * If a differential `d<var>` (or `\mathrm{d}<var>`) starts here inside an
   * integral body, the number of tokens before its variable; else 0.
   */
  differentialAhead(): number {
    if (!this.level.integral) return 0;
    const t = this.peek();
    const isVarStart = (k: number) => {
      const v = this.peek(k);
      const r = v.kind === 'cmd' ? roleOf(v.text) : undefined;
      return v.kind === 'letter' || r === 'symbol' || r === 'accent' || r === 'style';
    };
    if (t.kind === 'letter' && t.text === HEADS.differential && isVarStart(1) && !this.peek(1).space) return 1;
    if (t.kind === 'cmd' && roleOf(t.text) === 'font' && this.is('{', 1) && this.peek(2).text === HEADS.differential && this.is('}', 3) && isVarStart(4)) return 4;
    return 0;
  }

  /** A `SourceError` at a token or offset. */
  error(reason: string, at: Token | number, length?: number): SourceError {
    const offset = typeof at === 'number' ? at : at.start;
    const len = length ?? (typeof at === 'number' ? 1 : Math.max(1, at.end - at.start));
    return SourceError.at(reason, this.src, offset, this.origin, len);
  }

  /** `column 7`, or `line 2, column 7` when the offset is not on the first line. */
  where(offset: number): string {
    const e = SourceError.at('', this.src, offset, this.origin);
    const firstLine = this.origin.line ?? 1;
    return e.line === firstLine ? `column ${e.column}` : `line ${e.line}, column ${e.column}`;
  }

  /** How a token is named in messages. */
  describe(t: Token): string {
    return t.kind === 'eof' ? 'end of input' : `'${t.text}'`;
  }

  /** Consumes the closing `close` of the bracket `open`, or throws. */
  expectClose(open: Token, close: string): Token {
    if (this.is(close)) return this.next();
    const t = this.peek();
    this.rejectMisplaced(t);
    throw this.error(`expected '${close}' to close '${open.text}' opened at ${this.where(open.start)}`, t);
  }

  /** Throws the specific error for a token that cannot appear where it is, if there is one. */
  rejectMisplaced(t: Token): void {
    const role = t.kind === 'cmd' || t.kind === 'char' ? roleOf(t.text) : undefined;
    if (role === 'relation') throw this.error(`relation ${t.text} cannot be part of an expression (split the line at relations first)`, t);
    if (role === 'infix' && t.text === '=') throw this.error(`'=' can only appear at the top level of an expression`, t);
    if (role === 'sim') throw this.error(`'\\sim' is only allowed in an expectation subscript, as in E_{x \\sim p}`, t);
  }

  /** Span from `start` (token or offset) to the end of the last consumed token. */
  spanFrom(start: Token | number): Span {
    return { start: typeof start === 'number' ? start : start.start, end: this.lastEnd };
  }
}

/**
 * Attaches a span to a freshly built node.
 *
 * @example at(sym('x'), { start: 0, end: 1 })  // { kind: 'sym', name: 'x', span: { start: 0, end: 1 } }
 */
export function at<T extends Expr>(e: T, span: Span): T {
  return { ...e, span };
}
