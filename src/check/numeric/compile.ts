/**
 * Expr → JS closure compiler: each expression is compiled once into a tree of
 * closures `(env) => number`, then evaluated many times (every quadrature
 * node, every sample) without looking at the tree again.
 *
 * Strategy:
 * - Every symbol lives in a numbered slot of one `Float64Array` environment.
 *   Free scalar symbols get *global* slots, filled per sample by the program;
 *   binders (expectation and integral variables, definition parameters) get a
 *   fresh slot each, found through a compile-time scope chain. A derivative
 *   perturbs the slot its variable resolves to, so everything reading that
 *   slot — including random models that depend on θ, which read the slot θ
 *   resolves to at their call site — moves consistently.
 * - Applications are compiled in `calls.ts`; declared functions and densities
 *   become call sites that read a *holder* (`holders.ts`); the program swaps
 *   the random model in each holder per sample, so the closures are built once
 *   for all samples.
 * - Definitions (the context's, overridden by extra ones such as a hypothesis
 *   `D_φ = D*`) are matched by name and number of arguments and conditioning
 *   arguments (`definitions.ts`) and inlined at the call site: parameters get
 *   fresh slots and other free names in the body resolve where the definition
 *   is used (so `f_x(t)` may mention the `x` an enclosing integral binds). A
 *   definition met again while it is being inlined is a cycle and is reported.
 * - Vectors (`vectors.ts`): a compiler works in one dimension `dim`, the value
 *   of every symbolic dimension (`d`); a vector lives in a run of consecutive
 *   slots and compiles to a closure returning a buffer. Scalar nodes that take
 *   vectors (‖v‖, vᵀw inside a product, N(v | m, I)) dispatch there when the
 *   context declares vectors; otherwise nothing changes. `dimensional` records
 *   whether the result depends on the dimension, so callers re-run in others.
 * - `\log` of a positive expression made of densities, exp, σ, sums, products
 *   and quotients is computed in log space (`logdomain.ts`); binders are in
 *   `binders.ts`.
 *
 * @example
 *   const c = new Compiler(makeContext([]));
 *   const f = c.compile(add(sym('x'), num(1)));
 *   const env = new Float64Array(c.slotCount);
 *   env[c.globals.get('x')!] = 2;
 *   f(env);   // 3
 */
import type { Expr, Normal } from '../../expr/types';
import { SIGMA } from '../../expr/build';
import type { Context, SymbolDecl } from '../../semantics/context';
import { DefinitionTable, type NumericDefinition } from './definitions';
import { NumericError } from './error';
import type { Closure, Control, DensityHolder, FunctionHolder, Hint, IntegrationSite, Scope } from './closures';
import { normalPdf, sigmoid } from './stablemath';
import { compileDeriv, compileExpect, compileIntegral, compileKL } from './binders';
import { compileApply } from './calls';
import {
  compileMulWithVectors, compileNormOf, compileVecNormal, compileVector, declLength, shapeOf, type VecFunctionHolder, type VectorGlobal,
} from './vectors';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

export type { Closure, Unary, Scope, Control, FunctionHolder, DensityHolder, Hint, IntegrationSite } from './closures';

const BUILTIN_PI = '\\pi';

/**
 * Options of a compiler.
 *
 * @example
 *   new Compiler(ctx, [], { dim: 3 });   // vectors in R^d are in R^3
 */
export interface CompilerOptions {
  /** The value of every symbolic dimension (default 1). */
  dim?: number;
}

/**
 * Compiles expressions of one context into closures sharing one slot layout.
 *
 * @example
 *   const c = new Compiler(ctx, [{ name: 'D_{\\phi}', params: ['x'], body: apply('D^{*}', [sym('x')]) }]);
 *   const f = c.compile(apply('D_{\\phi}', [sym('y')]));   // D* inlined
 */
export class Compiler {
  readonly ctl: Control = { level: 0 };
  readonly globals = new Map<string, number>();
  readonly functions = new Map<string, FunctionHolder>();
  readonly densities = new Map<string, DensityHolder>();
  /** Free vector symbols (runs of slots) and vector-valued functions. */
  readonly vectorGlobals = new Map<string, VectorGlobal>();
  readonly vectorFunctions = new Map<string, VecFunctionHolder>();
  /** Integration sites being compiled, innermost last. */
  readonly sites: IntegrationSite[] = [];
  /** The definitions in force, matched by name and shape. */
  readonly defs: DefinitionTable;
  /** The value of every symbolic dimension. */
  readonly dim: number;
  /** True when the context declares vectors or vector-valued functions (enables shape analysis). */
  readonly hasVectors: boolean;
  /** Names that stand for the dimension (the symbolic `dim` of declarations; `d` when vectors are declared and `d` is not). */
  readonly dimSymbols = new Set<string>();
  /** True once something compiled depends on the dimension. */
  dimensional = false;
  slotCount = 0;
  private readonly inlineStack: string[] = [];
  private readonly origin = new Map<number, number>();

  constructor(readonly ctx: Context, extraDefinitions: readonly NumericDefinition[] = [], options: CompilerOptions = {}) {
    this.defs = new DefinitionTable(ctx, extraDefinitions ?? []);
    this.dim = options.dim ?? 1;
    let vectors = false;
    for (const d of ctx.symbols.values()) {
      if (declLength(d, 2) === 0) continue;
      vectors = true;
      if (typeof d.dim === 'string') this.dimSymbols.add(this.canon(d.dim));
    }
    if (vectors && !ctx.lookup('d')) this.dimSymbols.add('d');
    this.hasVectors = vectors;
  }

  /** The canonical name for `n` (aliases resolved). */
  canon(n: string): string {
    return this.ctx.resolveAlias(n);
  }

  /** True when `name` (a built-in such as σ, e, I) is not redefined, declared or bound in `scope`. */
  isBuiltin(name: string, scope: Scope | null): boolean {
    return this.localSlot(name, scope) < 0 && !this.defs.has(name) && !this.ctx.lookup(name);
  }

  /** The length of the vectors `decl` stands for at this compiler's dimension (0 for a scalar). */
  lengthOf(decl: SymbolDecl): number {
    const n = declLength(decl, this.dim);
    if (n > 0 && typeof decl.dim !== 'number') this.dimensional = true;
    return n;
  }

  /** A fresh slot; `from` records the slot its value is copied from (a definition parameter bound to a plain symbol). */
  newSlot(from?: number): number {
    const s = this.slotCount++;
    if (from !== undefined) this.origin.set(s, this.origin.get(from) ?? from);
    return s;
  }

  /** `n` fresh consecutive slots; returns the first. */
  newSlots(n: number): number {
    const s = this.slotCount;
    this.slotCount += n;
    return s;
  }

  /** The slot a parameter slot ultimately copies, or the slot itself. */
  originOf(slot: number): number {
    return this.origin.get(slot) ?? slot;
  }

  /** The global slot of a free scalar symbol, allocated on first use. */
  globalSlot(name: string): number {
    let s = this.globals.get(name);
    if (s === undefined) {
      s = this.newSlot();
      this.globals.set(name, s);
    }
    return s;
  }

  /** The scope entry binding `name`, if any. */
  binding(name: string, scope: Scope | null): Scope | null {
    for (let s = scope; s; s = s.next) if (s.name === name) return s;
    return null;
  }

  /** The slot `name` resolves to in `scope`, or -1 when it is not bound there. */
  localSlot(name: string, scope: Scope | null): number {
    return this.binding(name, scope)?.slot ?? -1;
  }

  /** The slot a variable resolves to: a binder in scope, else its global slot. */
  slotOf(name: string, scope: Scope | null): number {
    const local = this.localSlot(name, scope);
    return local >= 0 ? local : this.globalSlot(this.canon(name));
  }

  /** Runs `f` with `name` marked as being expanded (throws on a cycle). */
  expand<T>(name: string, f: () => T): T {
    if (this.inlineStack.includes(name)) {
      throw new NumericError(`definitions are cyclic: ${[...this.inlineStack, name].join(' -> ')}`);
    }
    this.inlineStack.push(name);
    try {
      return f();
    } finally {
      this.inlineStack.pop();
    }
  }

  /** Compiles `e` in `scope`. */
  compile(e: Expr, scope: Scope | null = null): Closure {
    switch (e.kind) {
      case 'num': { const v = e.value; return () => v; }
      case 'sym': return this.compileSym(e.name, scope);
      case 'apply': return compileApply(this, e, scope);
      case 'add': return this.compileAdd(e.terms, scope);
      case 'neg': { const a = this.compile(e.arg, scope); return (env) => -a(env); }
      case 'mul': return this.hasVectors ? compileMulWithVectors(this, e.factors, scope) : this.compileMul(e.factors, scope);
      case 'div': { const n = this.compile(e.num, scope), d = this.compile(e.den, scope); return (env) => n(env) / d(env); }
      case 'pow': return this.compilePow(e.base, e.exp, scope);
      case 'expect': return compileExpect(this, e, scope);
      case 'integral': return compileIntegral(this, e, scope);
      case 'deriv': return compileDeriv(this, e, scope);
      case 'kl': return compileKL(this, e, scope);
      case 'normal': return this.compileNormal(e, scope);
      case 'eq': { const l = this.compile(e.lhs, scope), r = this.compile(e.rhs, scope); return (env) => l(env) - r(env); }
      case 'norm': return compileNormOf(this, e.arg, scope);
      case 'transpose': {
        if (this.hasVectors && shapeOf(this, e.arg, scope) > 0) throw new NumericError('a transposed vector vᵀ must multiply a vector (vᵀw)');
        return this.compile(e.arg, scope);
      }
    }
  }

  private compileSym(raw: string, scope: Scope | null): Closure {
    const name = this.canon(raw);
    const bound = this.binding(raw, scope) ?? this.binding(name, scope);
    if (bound) {
      if (bound.len) throw new NumericError(`${raw} is a vector, not a number: use ‖${raw}‖ or ${raw}ᵀw`);
      const slot = bound.slot;
      return (env) => env[slot];
    }
    const def = this.defs.value(name);
    if (def) {
      if (this.hasVectors && shapeOf(this, def.body, scope) > 0) throw new NumericError(`${name} is a vector, not a number: use its norm or an inner product`);
      return this.expand(def.name, () => this.compile(def.body, scope));
    }
    const other = this.defs.all(name)[0];
    if (other && !this.ctx.lookup(name)) {
      throw new NumericError(`${name} takes ${other.params.length} argument(s) and cannot be used as a value`);
    }
    const decl = this.ctx.lookup(name);
    if (decl) {
      if (decl.kind === 'function' || decl.kind === 'density') {
        throw new NumericError(`${name} is a ${decl.kind} and cannot be used as a value`);
      }
      if (this.lengthOf(decl) > 0) throw new NumericError(`${name} is a vector, not a number: use ‖${name}‖ or ${name}ᵀw`);
    } else if (name === BUILTIN_PI) {
      return () => Math.PI;
    } else if (name === 'e') {
      return () => Math.E;
    }
    if (this.dimSymbols.has(name)) {
      this.dimensional = true;
      const d = this.dim;
      return () => d;
    }
    const g = this.globalSlot(name);
    return (env) => env[g];
  }

  /**
   * Binds the parameters (then conditioning parameters) of `def` to `args` in
   * fresh slots (a run of slots for a vector argument): the scope inside the
   * body, and a closure that evaluates the arguments and fills the slots.
   */
  bindParams(def: NumericDefinition, args: readonly Expr[], scope: Scope | null): { inner: Scope | null; fill: ((env: Float64Array) => void) | null } {
    const params = [...def.params, ...(def.given ?? [])];
    if (params.length !== args.length) {
      throw new NumericError(`${def.name} takes ${params.length} argument(s), got ${args.length}`);
    }
    let inner = scope;
    const fills: ((env: Float64Array) => void)[] = [];
    const scalars: { slot: number; f: Closure }[] = [];
    params.forEach((p, i) => {
      const a = args[i];
      const len = this.hasVectors ? shapeOf(this, a, scope) : 0;
      if (len > 0) {
        const v = compileVector(this, a, scope);
        const s0 = this.newSlots(len);
        fills.push((env) => env.set(v(env), s0));
        inner = { name: p, slot: s0, next: inner, len };
        return;
      }
      const from = a.kind === 'sym' && !this.defs.has(a.name) ? this.slotOf(a.name, scope) : undefined;
      const s = this.newSlot(from);
      scalars.push({ slot: s, f: this.compile(a, scope) });
      inner = { name: p, slot: s, next: inner };
    });
    if (scalars.length === 1 && !fills.length) {
      const { slot, f } = scalars[0];
      return { inner, fill: (env) => { env[slot] = f(env); } };
    }
    if (scalars.length) {
      const n = scalars.length, vals = new Float64Array(n);
      fills.unshift((env) => {
        for (let i = 0; i < n; i++) vals[i] = scalars[i].f(env);
        for (let i = 0; i < n; i++) env[scalars[i].slot] = vals[i];
      });
    }
    if (!fills.length) return { inner, fill: null };
    return { inner, fill: fills.length === 1 ? fills[0] : (env) => { for (const f of fills) f(env); } };
  }

  /** Inlines definition `def` applied to `args` (then conditioning arguments), compiled in the caller's scope. */
  inline(def: NumericDefinition, args: readonly Expr[], scope: Scope | null): Closure {
    const { inner, fill } = this.bindParams(def, args, scope);
    const body = this.expand(def.name, () => this.compile(def.body, inner));
    if (!fill) return body;
    return (env) => {
      fill(env);
      return body(env);
    };
  }

  private compileAdd(terms: readonly Expr[], scope: Scope | null): Closure {
    // 1 − σ(u) is σ(−u): keeps full relative precision when σ(u) is close to 1.
    if (terms.length === 2) {
      const [a, b] = terms;
      const sig = (t: Expr) => (t.kind === 'neg' && t.arg.kind === 'apply' && this.canon(t.arg.fn) === SIGMA && !t.arg.primes && !this.defs.match(SIGMA, 1) && t.arg.args.length === 1 ? t.arg.args[0] : null);
      const one = (t: Expr) => t.kind === 'num' && t.value === 1;
      const u = one(a) ? sig(b) : one(b) ? sig(a) : null;
      if (u) {
        const g = this.compile(u, scope);
        return (env) => sigmoid(-g(env));
      }
    }
    const fs = terms.map((t) => this.compile(t, scope));
    switch (fs.length) {
      case 0: return () => 0;
      case 1: return fs[0];
      case 2: { const [a, b] = fs; return (env) => a(env) + b(env); }
      case 3: { const [a, b, c] = fs; return (env) => a(env) + b(env) + c(env); }
      default: return (env) => {
        let s = 0;
        for (let i = 0; i < fs.length; i++) s += fs[i](env);
        return s;
      };
    }
  }

  /** A product of scalar factors. */
  compileMul(factors: readonly Expr[], scope: Scope | null): Closure {
    const fs = factors.map((t) => this.compile(t, scope));
    switch (fs.length) {
      case 0: return () => 1;
      case 1: return fs[0];
      case 2: { const [a, b] = fs; return (env) => a(env) * b(env); }
      case 3: { const [a, b, c] = fs; return (env) => a(env) * b(env) * c(env); }
      default: return (env) => {
        let s = 1;
        for (let i = 0; i < fs.length; i++) s *= fs[i](env);
        return s;
      };
    }
  }

  private compilePow(base: Expr, exp: Expr, scope: Scope | null): Closure {
    const x = this.compile(exp, scope);
    if (base.kind === 'sym' && base.name === 'e' && this.isBuiltin('e', scope)) {
      return (env) => Math.exp(x(env));
    }
    const b = this.compile(base, scope);
    if (exp.kind === 'num') {
      const k = exp.value;
      if (k === 2) return (env) => { const v = b(env); return v * v; };
      if (k === 1) return b;
      if (k === 0.5) return (env) => Math.sqrt(b(env));
      return (env) => Math.pow(b(env), k);
    }
    return (env) => Math.pow(b(env), x(env));
  }

  /** Mean and variance closures of a normal (`I` as the variance is 1 in one dimension). */
  meanCov(n: Normal, scope: Scope | null): Hint {
    const mean = this.compile(n.mean, scope);
    const c = n.cov;
    const isI = c.kind === 'sym' && c.name === 'I' && this.isBuiltin('I', scope);
    return { mean, cov: isI ? () => 1 : this.compile(c, scope) };
  }

  /** Notes a normal density of the variable bound to `argSlot` as a hint for the enclosing integration site. */
  noteHint(argSlot: number, hint: Hint): void {
    const o = this.originOf(argSlot);
    for (const s of this.sites) if (s.slot === o) s.hints.push(hint);
  }

  /** A normal density value N(arg; mean, variance). */
  compileNormal(e: Normal, scope: Scope | null): Closure {
    if (!e.arg) throw new NumericError('a normal distribution without an argument is not a number (write N(x | mean, cov))');
    if (this.hasVectors && shapeOf(this, e.arg, scope) > 0) return compileVecNormal(this, e, scope, false);
    const hint = this.meanCov(e, scope);
    if (e.arg.kind === 'sym') {
      const s = this.localSlot(e.arg.name, scope);
      if (s >= 0) this.noteHint(s, hint);
    }
    const x = this.compile(e.arg, scope);
    const { mean, cov } = hint;
    return (env) => normalPdf(x(env), mean(env), cov(env));
  }
}
