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
 *   slot — including random models that depend on θ, which read θ's global
 *   slot — moves consistently.
 * - Declared functions and densities compile to call sites that read a
 *   *holder*; the program swaps the random model in each holder per sample, so
 *   the closures are built once for all samples.
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
import type { Apply, Expr, Normal } from '../../expr/types';
import { EXP, LOG, SIGMA, SQRT } from '../../expr/build';
import type { Context, Definition, Domain, SymbolDecl } from '../../semantics/context';
import { NumericError } from './error';
import type { DensityModel, FunctionModel } from './models';
import { FD8, levels } from './quadrature';
import { normalPdf, sigmoid } from './stablemath';
import { compileDeriv, compileExpect, compileIntegral, compileKL } from './binders';
import { compileLogOf, gaussianBody } from './logdomain';

/** A compiled expression. */
export type Closure = (env: Float64Array) => number;
/** A compiled function of one real argument (for primes: f'(u), f''(u)). */
export type Unary = (u: number, env: Float64Array) => number;

/** A compile-time scope: a linked list from bound name to slot. */
export interface Scope {
  readonly name: string;
  readonly slot: number;
  readonly next: Scope | null;
}

/** Evaluation control shared by all closures of a compiler (the accuracy level). */
export interface Control {
  level: 0 | 1;
}

/** The model behind a declared (or undeclared but applied) function, swapped per sample. */
export interface FunctionHolder {
  readonly name: string;
  readonly arity: number;
  readonly domain: Domain;
  /** Global slots of the parameters the function depends on (extra inputs). */
  readonly depSlots: Int32Array;
  model: FunctionModel | null;
}

/** The model behind a declared density, swapped per sample. */
export interface DensityHolder {
  readonly name: string;
  readonly givenArity: number;
  readonly depSlots: Int32Array;
  model: DensityModel | null;
}

/** A normal density met in an integrand, evaluated to set the integration range and resolution. */
export interface Hint {
  readonly mean: Closure;
  readonly cov: Closure;
}

/** What the body of one integral or expectation mentions that decides where and how finely to integrate. */
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
  private readonly expanding: string[] = [];
  private readonly origin = new Map<number, number>();

  constructor(readonly ctx: Context, extraDefinitions: readonly Definition[] = []) {
    this.defs = new Map(ctx.definitions);
    for (const d of extraDefinitions) this.defs.set(ctx.resolveAlias(d.name), d);
  }

  /** The canonical name for `n` (aliases resolved). */
  canon(n: string): string {
    return this.ctx.resolveAlias(n);
  }

  /** The definition in force for `name`, if any (extra definitions override the context's). */
  definition(name: string): Definition | undefined {
    return this.defs.get(this.canon(name)) ?? this.defs.get(name);
  }

  /** The declaration of `name`, unless a definition overrides it. */
  declaration(name: string): SymbolDecl | undefined {
    return this.definition(name) ? undefined : this.ctx.lookup(name);
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
  expanding_<T>(name: string, f: () => T): T {
    if (this.expanding.includes(name)) {
      throw new NumericError(`definitions are cyclic: ${[...this.expanding, name].join(' -> ')}`);
    }
    this.expanding.push(name);
    try {
      return f();
    } finally {
      this.expanding.pop();
    }
  }

  /** Compiles `e` in `scope`. */
  compile(e: Expr, scope: Scope | null = null): Closure {
    switch (e.kind) {
      case 'num': { const v = e.value; return () => v; }
      case 'sym': return this.compileSym(e.name, scope);
      case 'apply': return this.compileApply(e, scope);
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
    const body = this.expanding_(def.name, () => this.compile(def.body, inner));
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

  private compileApply(e: Apply, scope: Scope | null): Closure {
    const fn = this.canon(e.fn);
    const primes = e.primes ?? 0;
    const def = this.definition(fn);
    if (!primes && !def && (fn === LOG || fn === '\\ln')) {
      this.expectArgs(e, 1);
      return compileLogOf(this, e.args[0], scope) ?? this.mapUnary(Math.log, e.args[0], scope);
    }
    if (!primes && !def && fn === SIGMA) return this.mapUnary(sigmoid, this.oneArg(e), scope);
    if (primes === 1 && !def && fn === SIGMA) return this.mapUnary((u) => sigmoid(u) * sigmoid(-u), this.oneArg(e), scope);
    if (!def && fn === EXP) return this.mapUnary(Math.exp, this.oneArg(e), scope); // exp is its own derivative
    if (!primes && !def && fn === SQRT) return this.mapUnary(Math.sqrt, this.oneArg(e), scope);
    if (!primes && def) {
      const gauss = def.params.length === 0 ? gaussianBody(def.body) : null;
      if (gauss && e.args.length === 1) return this.compileNormal({ ...gauss, arg: e.args[0] }, scope);
      if (e.given?.length) throw new NumericError(`conditioning is not supported for defined ${fn}`);
      return this.inline(def, e.args, scope);
    }
    if (!primes) {
      const decl = this.ctx.lookup(fn);
      if (decl?.kind === 'density') return this.compileDensityValue(fn, decl, e, scope);
      if (e.given?.length) throw new NumericError(`${fn} is not a density; it cannot be conditioned`);
      return this.compileFunctionValue(fn, e.args, scope);
    }
    // f^{(n)}(u): n-fold finite difference of the function of one argument.
    const arg = this.compile(this.oneArg(e), scope);
    let g = this.unaryOf(fn, def, e, scope);
    for (let i = 0; i < primes; i++) g = this.differentiate(g);
    const gg = g;
    return (env) => gg(arg(env), env);
  }

  private expectArgs(e: Apply, n: number): void {
    if (e.args.length !== n) throw new NumericError(`${e.fn} takes ${n} argument(s), got ${e.args.length}`);
  }

  private oneArg(e: Apply): Expr {
    this.expectArgs(e, 1);
    return e.args[0];
  }

  private mapUnary(f: (u: number) => number, a: Expr, scope: Scope | null): Closure {
    const c = this.compile(a, scope);
    return (env) => f(c(env));
  }

  /** `fn` as a function of its single argument, for derivatives by primes. */
  private unaryOf(fn: string, def: Definition | undefined, e: Apply, scope: Scope | null): Unary {
    if (def) {
      if (def.params.length !== 1) throw new NumericError(`${fn}' needs a definition of one argument`);
      const s = this.newSlot();
      const body = this.expanding_(def.name, () => this.compile(def.body, { name: def.params[0], slot: s, next: scope }));
      return (u, env) => {
        env[s] = u;
        return body(env);
      };
    }
    switch (fn) {
      case LOG: case '\\ln': return (u) => Math.log(u);
      case SIGMA: return (u) => sigmoid(u);
      case SQRT: return (u) => Math.sqrt(u);
    }
    const s = this.newSlot();
    const inner: Scope = { name: '\u0000u', slot: s, next: scope };
    const call = this.compile({ ...e, primes: 0, args: [{ kind: 'sym', name: '\u0000u' }] }, inner);
    return (u, env) => {
      env[s] = u;
      return call(env);
    };
  }

  /** The derivative of a unary closure by the 8th-order central difference. */
  differentiate(g: Unary): Unary {
    const ctl = this.ctl;
    const lv = levels();
    return (u, env) => {
      const h = lv[ctl.level].step;
      let acc = 0;
      for (let k = 0; k < 4; k++) acc += FD8[k] * (g(u + (k + 1) * h, env) - g(u - (k + 1) * h, env));
      return acc / h;
    };
  }

  /** Registers a density with every integration site being compiled. */
  private noteDensity(h: DensityHolder): void {
    for (const s of this.sites) s.densities.add(h);
  }

  /** The holder of density `name`, created on first use. */
  densityHolder(name: string, decl: SymbolDecl): DensityHolder {
    let h = this.densities.get(name);
    if (!h) {
      if ((decl.arity ?? 1) !== 1) throw new NumericError(`joint density ${name} of ${decl.arity} variables is not supported yet`);
      const deps = (decl.dependsOn ?? []).map((d) => this.globalSlot(this.canon(d)));
      h = { name, givenArity: decl.givenArity ?? 0, depSlots: Int32Array.from(deps), model: null };
      this.densities.set(name, h);
    }
    this.noteDensity(h);
    return h;
  }

  /** A closure that fills and returns the input vector (parameters, then conditioning values) of a density call. */
  densityInputs(h: DensityHolder, given: readonly Expr[], scope: Scope | null): (env: Float64Array) => Float64Array {
    if (given.length !== h.givenArity) {
      throw new NumericError(`${h.name} is conditioned on ${h.givenArity} value(s), got ${given.length}`);
    }
    const ds = h.depSlots, nd = ds.length;
    const gs = given.map((g) => this.compile(g, scope));
    const inp = new Float64Array(nd + gs.length);
    return (env) => {
      for (let j = 0; j < nd; j++) inp[j] = env[ds[j]];
      for (let j = 0; j < gs.length; j++) inp[nd + j] = gs[j](env);
      return inp;
    };
  }

  private compileDensityValue(fn: string, decl: SymbolDecl, e: Apply, scope: Scope | null): Closure {
    const h = this.densityHolder(fn, decl);
    if (e.args.length !== 1) throw new NumericError(`density ${fn} takes 1 argument, got ${e.args.length}`);
    const x = this.compile(e.args[0], scope);
    const inputs = this.densityInputs(h, e.given ?? [], scope);
    return (env) => {
      const xv = x(env);
      return h.model!.pdf(xv, inputs(env));
    };
  }

  /** The holder of function `name` (undeclared names are random real functions), created on first use. */
  functionHolder(name: string, arity: number): FunctionHolder {
    let h = this.functions.get(name);
    if (!h) {
      const decl = this.ctx.lookup(name);
      if (decl && decl.kind !== 'function') throw new NumericError(`${name} is a ${decl.kind}; it cannot be applied`);
      if (decl?.arity !== undefined && decl.arity !== arity) {
        throw new NumericError(`${name} takes ${decl.arity} argument(s), got ${arity}`);
      }
      const deps = (decl?.dependsOn ?? []).map((d) => this.globalSlot(this.canon(d)));
      h = { name, arity, domain: decl?.domain ?? 'real', depSlots: Int32Array.from(deps), model: null };
      this.functions.set(name, h);
    } else if (h.arity !== arity) {
      throw new NumericError(`${name} is applied to ${h.arity} and to ${arity} arguments`);
    }
    return h;
  }

  /** A closure filling the input vector (arguments, then parameter values) of a function call. */
  functionInputs(h: FunctionHolder, args: readonly Expr[], scope: Scope | null): (env: Float64Array) => Float64Array {
    const argFs = args.map((a) => this.compile(a, scope));
    const n = argFs.length, ds = h.depSlots, nd = ds.length;
    const inp = new Float64Array(n + nd);
    return (env) => {
      for (let i = 0; i < n; i++) inp[i] = argFs[i](env);
      for (let j = 0; j < nd; j++) inp[n + j] = env[ds[j]];
      return inp;
    };
  }

  private compileFunctionValue(fn: string, args: readonly Expr[], scope: Scope | null): Closure {
    const h = this.functionHolder(fn, args.length);
    const inputs = this.functionInputs(h, args, scope);
    return (env) => h.model!.value(inputs(env));
  }

  private compileAdd(terms: readonly Expr[], scope: Scope | null): Closure {
    // 1 − σ(u) is σ(−u): keeps full relative precision when σ(u) is close to 1.
    if (terms.length === 2) {
      const [a, b] = terms;
      const sig = (t: Expr) => (t.kind === 'neg' && t.arg.kind === 'apply' && this.canon(t.arg.fn) === SIGMA && !t.arg.primes && !this.definition(SIGMA) && t.arg.args.length === 1 ? t.arg.args[0] : null);
      const one = (t: Expr) => t.kind === 'num' && t.value === 1;
      const u = one(a) ? sig(b) : one(b) ? sig(a) : null;
      if (u) return this.mapUnary((v) => sigmoid(-v), u, scope);
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

  private compileNormal(e: Normal, scope: Scope | null): Closure {
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
