/**
 * Validation of names in a derivation's expressions, against its context:
 * every symbol is declared, defined, bound by an enclosing expectation or
 * integral, or a constant of the notation (`\pi`, `e`, `I`); every function
 * is applied to as many arguments as it was declared (or defined) with; every
 * variable bound by `E_{x \sim p}` or `\int … dx` is declared.
 *
 * Strategy: one recursive pass over an expression as the author wrote it
 * (before implicit expectation parts are resolved, so every span still points
 * into the text that was parsed), carrying the set of bound names. A problem
 * is a `ValidationError` with a span in that text; `ValidatingSource` — the
 * YAML source the derivation loader reads through — runs the pass on every
 * expression it resolves and maps the span to file, line and column, so the
 * loader needs no other change. Unknown-symbol strictness (free and bound) is
 * an option: on for derivation files, off where undeclared free variables are
 * acceptable (students' answers). Arity is always checked.
 *
 * @example
 *   validateExpr(parseExpr('p_{dat}(x)', ctx), ctx)
 *   // throws ValidationError: unknown symbol p_{dat}; did you mean `p_{data}`? …
 */
import { isMap, isSeq, type Node as YNode, type Scalar } from 'yaml';
import type { Expr, Span } from '../expr/types';
import { children } from '../expr/walk';
import { SourceError } from '../parse/error';
import { BUILTIN_FUNCTIONS, type Context } from './context';
import { YamlSource } from './yaml-source';
import type { Derivation } from './derivation';

/** Options of the validation pass (and of the derivation loader). */
export interface ValidateOptions {
  /**
   * Refuse symbols that are neither declared, defined, bound nor built in, and
   * expectation or integral variables that are not declared. Default true
   * (derivation files); false accepts undeclared free variables (student answers).
   */
  strictSymbols?: boolean;
}

/** Names of the notation that need no declaration (unless the author declares them). */
export const BUILTIN_CONSTANTS: ReadonlySet<string> = new Set(['\\pi', 'e', '\\infty']);

/** A problem found by validation, at `span` of the text the expression was parsed from. */
export class ValidationError extends Error {
  constructor(message: string, readonly span: Span | undefined) {
    super(message);
    this.name = 'ValidationError';
  }
}

/**
 * Checks `e` against `ctx`; throws a ValidationError at the first problem.
 * `source` (the text `e` was parsed from) sharpens positions and hints.
 *
 * @example
 *   validateExpr(parseExpr('\\log(a, b)', ctx), ctx)   // throws: \log takes 1 argument, not 2
 */
export function validateExpr(e: Expr, ctx: Context, options: ValidateOptions = {}, source?: string): void {
  new Validator(ctx, options.strictSymbols !== false, source).visit(e, new Set());
}

/**
 * Unknown names that mean something the engine reads another way: the advice
 * to declare them would be wrong. A table, so that a course can add names.
 */
const SPECIAL_HINTS: { names: string[]; hint: (name: string) => string }[] = [
  {
    names: ['d'],
    hint: () => 'for a derivative write \\frac{\\partial}{\\partial x} f (or \\frac{d}{dx} f, \\partial_x f); for an integral close it with \\, dx',
  },
  {
    names: ['Bern', 'Bernoulli', 'Cat', 'Categorical', 'Beta', 'Gamma', 'Poisson', 'Unif', 'Uniform', 'Laplace', 'Dir', 'Mult', 'Multinomial', 'Exp', 'Binomial', 'Bin'],
    hint: (name) =>
      `${name} is not a built-in distribution (only \\mathcal{N}(\\mu, \\sigma^2) is); declare the density it stands for under symbols:, e.g. "q: density(x)", and state what it is as a hypothesis or definition, e.g. "q(x) := …", then write x \\sim q`,
  },
];

class Validator {
  constructor(readonly ctx: Context, readonly strict: boolean, readonly source?: string) {}

  visit(e: Expr, bound: ReadonlySet<string>): void {
    switch (e.kind) {
      case 'sym':
        this.symbol(e.name, e.span, bound);
        return;
      case 'apply':
        this.application(e.fn, e.args.length, e.given?.length ?? 0, e.span, bound);
        break;
      case 'deriv':
        this.symbol(e.var, e.span, bound, 'the variable of this derivative', 'parameter');
        break;
      case 'expect':
      case 'integral': {
        if (e.kind === 'expect' && e.dist) this.visit(e.dist, bound);
        if (!e.var) return this.visit(e.body, bound);
        this.boundVariable(e.var, e.kind, e.span);
        return this.visit(e.body, new Set([...bound, e.var]));
      }
      case 'normal':
        // `I` is the identity covariance unless the author declared a name I
        if (e.cov.kind === 'sym' && e.cov.name === 'I' && !this.known('I', bound)) {
          if (e.arg) this.visit(e.arg, bound);
          return this.visit(e.mean, bound);
        }
        break;
    }
    for (const c of children(e)) this.visit(c, bound);
  }

  private known(name: string, bound: ReadonlySet<string>): boolean {
    return bound.has(name) || !!this.ctx.lookup(name) || this.ctx.definitions.has(this.ctx.resolveAlias(name));
  }

  private symbol(name: string, span: Span | undefined, bound: ReadonlySet<string>, what = 'symbol', kind = 'constant'): void {
    if (!this.strict || this.known(name, bound) || BUILTIN_CONSTANTS.has(name) || BUILTIN_FUNCTIONS.has(name)) return;
    if (name === '\\cdot') return; // the placeholder argument of p(\\cdot \\mid x)
    const special = SPECIAL_HINTS.find((h) => h.names.includes(name));
    if (special && what === 'symbol') throw new ValidationError(`unknown symbol ${name}; ${special.hint(name)}`, this.nameSpan(span, name));
    const near = closest(name, this.candidates(bound));
    const applied = this.followedBy(span, '(');
    const hint = near
      ? `did you mean \`${near}\`?${near.toLowerCase() === name.toLowerCase() ? ` (or declare the alias "${name}: ${near}" under aliases:)` : ''}`
      : applied
        ? `declare it under symbols:, e.g. "${name}: function(${letters(1, name)})" (it is applied to arguments here, so it must be a function)`
        : `declare it under symbols:, e.g. "${name}: ${kind}"`;
    throw new ValidationError(what === 'symbol' ? `unknown symbol ${name}; ${hint}` : `${what}, ${name}, is not declared; ${hint}`, this.nameSpan(span, name));
  }

  private application(fn: string, args: number, given: number, span: Span | undefined, bound: ReadonlySet<string>): void {
    const name = this.ctx.resolveAlias(fn);
    const at = span; // arity problems: the whole application
    const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
    if (BUILTIN_FUNCTIONS.has(name)) {
      if (args !== 1 || given) throw new ValidationError(`${name} takes 1 argument, not ${args + given}`, at);
      return;
    }
    const decl = this.ctx.lookup(name);
    if (decl) {
      if (decl.kind !== 'function' && decl.kind !== 'density') {
        throw new ValidationError(`${name} is declared a ${decl.kind}, not a function, but is applied to arguments; to make it a function, declare "${name}: function(${letters(args, name)})"`, this.nameSpan(span, fn));
      }
      const want = decl.arity ?? 1;
      const wantGiven = decl.givenArity ?? 0;
      const where = decl.source ? ` (declared on line ${decl.source.line})` : '';
      // a joint density p(x, y) is also read as its conditional p(x | y) and its marginal p(y)
      if (decl.kind === 'density' && want >= 2 && !wantGiven && args >= 1 && args + given <= want) return;
      if (args !== want) {
        throw new ValidationError(`${name} takes ${plural(want)}, not ${args}${where}; ${args > want ? 'remove the extra arguments' : 'add the missing arguments'}, or declare "${name}: ${decl.kind}(${letters(args, name)})"`, at);
      }
      if (given !== wantGiven) {
        const decl2 = `${decl.kind}(${letters(args, name)}${given ? ` \\mid ${letters(given, name, args)}` : ''})`;
        throw new ValidationError(`${name} takes ${wantGiven ? plural(wantGiven) : 'no arguments'} after \\mid, not ${given}${where}; declare "${name}: ${decl2}"`, at);
      }
      return;
    }
    const def = this.ctx.definitions.get(name);
    if (def) {
      const where = def.source ? ` (defined on line ${def.source.line})` : '';
      const defGiven = (def as { given?: readonly string[] }).given?.length ?? 0; // p(x \mid y) := …
      if (args !== def.params.length) throw new ValidationError(`${name} takes ${plural(def.params.length)}, not ${args}${where}`, at);
      if (given !== defGiven) throw new ValidationError(`${name} takes ${defGiven ? plural(defGiven) : 'no arguments'} after \\mid, not ${given}${where}`, at);
      return;
    }
    if (bound.has(name) || !this.strict) return;
    const special = SPECIAL_HINTS.find((h) => h.names.includes(name));
    if (special) throw new ValidationError(`unknown function ${name}; ${special.hint(name)}`, this.nameSpan(span, fn));
    // only primes make an undeclared name an application (f'(t)); without them it would be a product
    const near = closest(name, [...this.ctx.symbols.values()].filter((d) => d.kind === 'function' || d.kind === 'density').map((d) => d.name));
    throw new ValidationError(`unknown function ${name}; ${near ? `did you mean \`${near}\`?` : `declare it under symbols:, e.g. "${name}: function(${letters(args, name)})"`}`, this.nameSpan(span, fn));
  }

  private boundVariable(v: string, kind: 'expect' | 'integral', span: Span | undefined): void {
    if (!this.strict || this.ctx.lookup(v)) return;
    const vars = [...this.ctx.symbols.values()].filter((d) => d.kind === 'variable').map((d) => d.name);
    const near = closest(v, vars) ?? (vars.length === 1 ? vars[0] : null);
    const what = kind === 'expect' ? 'expectation' : 'integral';
    throw new ValidationError(
      `undeclared bound variable ${v} in this ${what}; ${near ? `did you mean \`${near}\`? (or declare "${v}: variable" under symbols:)` : `declare "${v}: variable" under symbols:`}`,
      this.boundSpan(span, v, kind),
    );
  }

  /** Declared, defined and bound names, for suggestions. */
  private candidates(bound: ReadonlySet<string>): string[] {
    return [...this.ctx.symbols.keys(), ...this.ctx.definitions.keys(), ...bound];
  }

  /** The part of `span` where `name` is written, when it can be found literally (else the whole span). */
  private nameSpan(span: Span | undefined, name: string): Span | undefined {
    if (!span || !this.source) return span;
    const text = this.source.slice(span.start, span.end);
    // as canonical (p_{\theta}), or as usually written (p_\theta, D^*)
    for (const w of [name, name.replace(/([_^])\{(\\[A-Za-z]+|[^{}\\])\}/g, '$1$2')]) {
      const i = text.indexOf(w);
      if (i >= 0) return { start: span.start + i, end: span.start + i + w.length };
    }
    return span;
  }

  /** Where the variable of `E_{v \sim …}` or `\int … dv` is written. */
  private boundSpan(span: Span | undefined, v: string, kind: 'expect' | 'integral'): Span | undefined {
    if (!span || !this.source) return span;
    const text = this.source.slice(span.start, span.end);
    const i = kind === 'integral' ? text.lastIndexOf(`d${v}`) + 1 : text.search(new RegExp(`[_{\\s]${escape(v)}(?![A-Za-z])`)) + 1;
    return i > 0 ? { start: span.start + i, end: span.start + i + v.length } : span;
  }

  private followedBy(span: Span | undefined, c: string): boolean {
    return !!span && !!this.source && this.source.slice(span.end).trimStart().startsWith(c);
  }
}

/** `n` argument names for hints (`x, y, …`, skipping `avoid`), from the `skip`-th on. */
function letters(n: number, avoid: string, skip = 0): string {
  const pool = ['x', 'y', 'z', 'u', 'v', 'w'].filter((l) => l !== avoid);
  return Array.from({ length: n }, (_, i) => pool[skip + i] ?? `t_{${skip + i + 1}}`).join(', ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The candidate closest to `word`, when close enough to be a likely typo:
 * at most a third of the word's length apart (case ignored), and never a
 * different one-letter name.
 *
 * @example closest('p_{dta}', ['p_{data}', 'x'])   // 'p_{data}'
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  const core = word.replace(/[{}\\_^]/g, '').length;
  return best !== null && bestD <= Math.max(1, Math.floor(word.length / 3)) && bestD < core ? best : null;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The YAML source the derivation loader reads through: every expression it
 * resolves is validated first, and a problem becomes a SourceError at the
 * file, line and column of the offending text.
 *
 * @example
 *   const L = new ValidatingSource(text, 'derivations/x.yaml', { strictSymbols: true });
 */
export class ValidatingSource extends YamlSource {
  constructor(text: string, file: string, readonly options: ValidateOptions = {}) {
    super(text, file);
  }

  /** Errors at a node; a step read as a mapping because of an unquoted ": " gets a hint. */
  override errorNode(reason: string, node: YNode | null | undefined): SourceError {
    const key = /^unknown key "(.*)" in a step/.exec(reason)?.[1];
    const hint = key && /[\\=^_{}\s]/.test(key) ? `; if this line is LaTeX, it was read as a YAML mapping because it contains ": ": quote it ('…') or write it as a >- block` : '';
    return super.errorNode(reason + hint, node);
  }

  /** The document's root; a YAML syntax error gets a hint at its usual cause. */
  override parse(): YNode | null {
    try {
      return super.parse();
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      const hint = yamlHint(e.reason, this.text, e.offset);
      throw hint ? this.errorAt(`${e.reason}; ${hint}`, e.offset, e.length) : e;
    }
  }

  /** A string value; a mapping or list where a string belongs gets a hint (unquoted `: ` or a leading `[`). */
  override str(node: YNode | null | undefined, what: string): Scalar & { value: string } {
    if (node && (isMap(node) || isSeq(node))) {
      const hint = isMap(node)
        ? `it was read as a YAML mapping because it contains ": ": quote it ('…') or write it as a >- block`
        : `it was read as a YAML list because it starts with "[": quote it ('…')`;
      throw this.errorNode(`${what} must be a string; ${hint}`, node);
    }
    return super.str(node, what);
  }

  /** Validates `e` (parsed from `node`'s value, from offset `base`) and resolves it. */
  override resolved(e: Expr, ctx: Context, node: Scalar, base = 0): Expr {
    this.validated(e, ctx, node, base);
    return super.resolved(e, ctx, node, base);
  }

  /** Validates `e` and returns it; problems are SourceErrors in the file. */
  validated(e: Expr, ctx: Context, node: Scalar, base = 0): Expr {
    try {
      validateExpr(e, ctx, this.options, String(node.value).slice(base));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const map = this.mapper(node);
      const span = err.span ?? { start: 0, end: 1 };
      const start = map(base + span.start);
      const end = map(base + Math.max(span.start, span.end - 1)) + 1;
      throw this.errorAt(err.message, start, Math.max(1, end - start));
    }
    return e;
  }
}

/** The usual cause of a YAML syntax error, as advice (or null). */
function yamlHint(reason: string, text: string, offset: number): string | null {
  if (/Tabs are not allowed/i.test(reason)) return 'indent with spaces, not tabs';
  if (/Map keys must be unique/i.test(reason)) {
    const key = /^[^:\n]*/.exec(text.slice(offset))![0].trim();
    return `"${key}" appears twice in this mapping: give each symbol, hypothesis, alias or key one entry`;
  }
  if (/Nested mappings|Implicit map keys|Implicit keys|compact mapping/i.test(reason)) {
    return `quote a value that contains ": " ('…', or a >- block), and indent the keys of one mapping alike`;
  }
  if (/flow (sequence|collection|mapping)|Missing , or :/i.test(reason)) {
    return `a value that starts with "[" or "{" is read as a YAML list or mapping: quote it ('…'), or close the bracket`;
  }
  if (/Not a YAML token/i.test(reason)) {
    return `a value that starts with ">" or "|" is read as a YAML block: quote it ('> 0'), or write the step as a mapping with rel: '>'`;
  }
  if (/indent/i.test(reason)) return 'indent the entries of one list or mapping alike, with spaces';
  return null;
}

/**
 * The error for derivation `d` having the id of the one in `prevFile`: at
 * `d`'s `id:` line (`text` is `d`'s file), naming the other file.
 *
 * @example
 *   throw duplicateIdError(d, 'derivations/a.yaml', fs.readFileSync(d.file, 'utf8'));
 *   // derivations/b.yaml:1:5: duplicate id "mle-kl" (also the id of derivations/a.yaml); …
 */
export function duplicateIdError(d: Pick<Derivation, 'id' | 'file'>, prevFile: string, text: string): SourceError {
  const m = /^id:[ \t]*['"]?/m.exec(text);
  const offset = m ? m.index + m[0].length : 0;
  return SourceError.at(
    `duplicate id "${d.id}" (also the id of ${prevFile}); ids name the output files, so give this derivation another id, e.g. "${d.id}-2"`,
    text, offset, { file: d.file }, m ? d.id.length : 1,
  );
}

/**
 * Refuses two derivations with the same id: the error points at the second
 * file's `id:` line and names the first.
 *
 * @example
 *   checkUniqueIds([a, b], (f) => fs.readFileSync(f, 'utf8'))
 *   // derivations/b.yaml:1:5: duplicate id "mle-kl" (also the id of derivations/a.yaml); …
 */
export function checkUniqueIds(ds: readonly Derivation[], read: (file: string) => string): void {
  const seen = new Map<string, Derivation>();
  for (const d of ds) {
    const prev = seen.get(d.id);
    if (prev) throw duplicateIdError(d, prev.file, read(d.file));
    seen.set(d.id, d);
  }
}
