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
 *   `D_φ = D*`) are inlined at the call site: parameters get fresh slots and
 *   other free names in the body resolve where the definition is used (so
 *   `f_x(t)` may mention the `x` an enclosing integral binds). A definition met
 *   again while it is being inlined is a cycle and is reported as such.
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
import type { Context, Definition, Domain } from '../../semantics/context';
import { NumericError } from './error';
import type { DensityModel, FunctionModel } from './models';
import { normalPdf, sigmoid } from './stablemath';
import { compileDeriv, compileExpect, compileIntegral, compileKL } from './binders';
import { compileApply } from './calls';

/**
 * A compiled expression.
 *
 * @example
 *   const f: Closure = (env) => env[0] + 1;
 */
export type Closure = (env: Float64Array) => number;
/**
 * A compiled function of one real argument (for primes: f'(u), f''(u)).
 *
 * @example
 *   const sq: Unary = (u) => u * u;
 */
export type Unary = (u: number, env: Float64Array) => number;

/**
 * A compile-time scope: a linked list from bound name to slot.
 *
 * @example
 *   const inner: Scope = { name: 'x', slot: c.newSlot(), next: outer };
 */
export interface Scope {
  readonly name: string;
  readonly slot: number;
  readonly next: Scope | null;
}

/**
 * Evaluation control shared by all closures of a compiler (the accuracy level).
 *
 * @example
 *   c.ctl.level = 1;   // every closure of c now uses the finer quadrature
 */
export interface Control {
  level: 0 | 1;
}

/**
 * The model behind a declared (or undeclared but applied) function, swapped per sample.
 *
 * @example
 *   functionHolder(c, 'G_{\\theta}', 1).model!.value([0.3, 0.1]);   // G_θ(0.3) at θ = 0.1
 */
export interface FunctionHolder {
  readonly name: string;
  readonly arity: number;
  readonly domain: Domain;
  /** Parameters the function depends on (extra inputs), resolved per call site. */
  readonly deps: readonly string[];
  model: FunctionModel | null;
}

/**
 * The model behind a declared density, swapped per sample.
 *
 * @example
 *   densityHolder(c, 'p_{\\theta}', decl).model!.pdf(0.3, [0.1]);   // p_θ(0.3) at θ = 0.1
 */
export interface DensityHolder {
  readonly name: string;
  readonly givenArity: number;
  /** Parameters the density depends on, resolved per call site. */
  readonly deps: readonly string[];
  model: DensityModel | null;
}

/**
 * A normal density met in an integrand, evaluated to set the integration range and resolution.
 *
 * @example
 *   c.noteHint(slot, c.meanCov(normal(sym('x'), sym('\\theta'), num(0.01)), scope));
 */
export interface Hint {
  readonly mean: Closure;
  readonly cov: Closure;
}

/**
 * What the body of one integral or expectation mentions that decides where and how finely to integrate.
 *
 * @example
 *   { slot: 7, densities: new Set([pTheta]), hints: [] }
 */
export interface IntegrationSite {
  readonly slot: number;
  readonly densities: Set<DensityHolder>;
  readonly hints: Hint[];
}

const BUILTIN_PI = '\\pi';

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
  /** Integration sites being compiled, innermost last. */
  readonly sites: IntegrationSite[] = [];
  slotCount = 0;
  private readonly defs: Map<string, Definition>;
  private readonly inlineStack: string[] = [];
  private readonly origin = new Map<number, number>();

  constructor(readonly ctx: Context, extraDefinitions: readonly Definition[] = []) {
    this.defs = new Map(ctx.definitions);
    for (const d of extraDefinitions ?? []) this.defs.set(ctx.resolveAlias(d.name), d);
  }

  /** The canonical name for `n` (aliases resolved). */
  canon(n: string): string {
    return this.ctx.resolveAlias(n);
  }

  /** The definition in force for `name`, if any (extra definitions override the context's). */
  definition(name: string): Definition | undefined {
    return this.defs.get(this.canon(name)) ?? this.defs.get(name);
  }

  /** A fresh slot; `from` records the slot its value is copied from (a definition parameter bound to a plain symbol). */
  newSlot(from?: number): number {
    const s = this.slotCount++;
    if (from !== undefined) this.origin.set(s, this.origin.get(from) ?? from);
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

  /** The slot `name` resolves to in `scope`, or -1 when it is not bound there. */
  localSlot(name: string, scope: Scope | null): number {
    for (let s = scope; s; s = s.next) if (s.name === name) return s.slot;
    return -1;
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
      case 'mul': return this.compileMul(e.factors, scope);
      case 'div': { const n = this.compile(e.num, scope), d = this.compile(e.den, scope); return (env) => n(env) / d(env); }
      case 'pow': return this.compilePow(e.base, e.exp, scope);
      case 'expect': return compileExpect(this, e, scope);
      case 'integral': return compileIntegral(this, e, scope);
      case 'deriv': return compileDeriv(this, e, scope);
      case 'kl': return compileKL(this, e, scope);
      case 'normal': return this.compileNormal(e, scope);
      case 'eq': { const l = this.compile(e.lhs, scope), r = this.compile(e.rhs, scope); return (env) => l(env) - r(env); }
      case 'norm': { const a = this.compile(e.arg, scope); return (env) => Math.abs(a(env)); }
      case 'transpose': return this.compile(e.arg, scope);
    }
  }

  private compileSym(raw: string, scope: Scope | null): Closure {
    const local = this.localSlot(raw, scope);
    const name = this.canon(raw);
    const slot = local >= 0 ? local : this.localSlot(name, scope);
    if (slot >= 0) return (env) => env[slot];
    const def = this.definition(name);
    if (def) {
      if (def.params.length) {
        throw new NumericError(`${name} takes ${def.params.length} argument(s) and cannot be used as a value`);
      }
      return this.inline(def, [], scope);
    }
    const decl = this.ctx.lookup(name);
    if (decl) {
      if (decl.kind === 'function' || decl.kind === 'density') {
        throw new NumericError(`${name} is a ${decl.kind} and cannot be used as a value`);
      }
      if (decl.kind === 'vector' && decl.dim !== 1) {
        throw new NumericError(`vector ${name} is not supported by the numeric tester yet (only dimension 1)`);
      }
    } else if (name === BUILTIN_PI) {
      return () => Math.PI;
    } else if (name === 'e') {
      return () => Math.E;
    }
    const g = this.globalSlot(name);
    return (env) => env[g];
  }

  /** Inlines definition `def` applied to `args` (compiled in the caller's scope). */
  inline(def: Definition, args: readonly Expr[], scope: Scope | null): Closure {
    if (def.params.length !== args.length) {
      throw new NumericError(`${def.name} takes ${def.params.length} argument(s), got ${args.length}`);
    }
    const argFs = args.map((a) => this.compile(a, scope));
    const slots: number[] = [];
    let inner = scope;
    def.params.forEach((p, i) => {
      const a = args[i];
      const from = a.kind === 'sym' && !this.definition(a.name) ? this.slotOf(a.name, scope) : undefined;
      const s = this.newSlot(from);
      slots.push(s);
      inner = { name: p, slot: s, next: inner };
    });
    const body = this.expand(def.name, () => this.compile(def.body, inner));
    if (slots.length === 0) return body;
    if (slots.length === 1) {
      const s0 = slots[0], a0 = argFs[0];
      return (env) => {
        env[s0] = a0(env);
        return body(env);
      };
    }
    const n = slots.length;
    const vals = new Float64Array(n);
    return (env) => {
      for (let i = 0; i < n; i++) vals[i] = argFs[i](env);
      for (let i = 0; i < n; i++) env[slots[i]] = vals[i];
      return body(env);
    };
  }

  private compileAdd(terms: readonly Expr[], scope: Scope | null): Closure {
    // 1 − σ(u) is σ(−u): keeps full relative precision when σ(u) is close to 1.
    if (terms.length === 2) {
      const [a, b] = terms;
      const sig = (t: Expr) => (t.kind === 'neg' && t.arg.kind === 'apply' && this.canon(t.arg.fn) === SIGMA && !t.arg.primes && !this.definition(SIGMA) && t.arg.args.length === 1 ? t.arg.args[0] : null);
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

  private compileMul(factors: readonly Expr[], scope: Scope | null): Closure {
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
    if (base.kind === 'sym' && base.name === 'e' && this.localSlot('e', scope) < 0 && !this.definition('e') && !this.ctx.lookup('e')) {
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
    const isI = c.kind === 'sym' && c.name === 'I' && this.localSlot('I', scope) < 0 && !this.definition('I') && !this.ctx.lookup('I');
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
