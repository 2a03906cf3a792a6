/**
 * Random instantiation: a compiled program plus one random model of every
 * declared symbol per sample.
 *
 * Strategy: expressions are compiled once (`compile.ts`) into closures over a
 * shared environment; `bind(seed, sample)` then fills every global slot with a
 * value drawn for that symbol's domain and puts a fresh random model in every
 * function and density holder. Each symbol's draws come from its own stream
 * keyed by (seed, sample, name) — see `rng.ts` — so a sample is reproducible
 * from the seed alone and does not depend on which other symbols occur.
 * Undeclared free symbols are real variables in [-1.5, 1.5); a declared
 * symbol with a distribution (`z ~ N(0,1)`) is sampled like any real when free.
 *
 * A vector symbol is a run of consecutive slots filled here component by
 * component from its own stream; a vector-valued function gets one scalar
 * model per component; a joint density is two density models keyed
 * `name#marginal` and `name#conditional` (`joint.ts`). A program works in one
 * dimension (`ProgramOptions.dim`, the value of every symbolic dimension); the
 * witness point of a dimensional program names the dimension (`d: 3`) and the
 * components of every vector (`\mu_{y}[2]`, 1-based).
 *
 * @example
 *   const prog = new Program(ctx);
 *   const f = prog.compile(add(sym('\\theta'), num(1)));
 *   const env = prog.bind(42, 0);
 *   f(env);                   // θ + 1 for the θ of sample 0 of seed 42
 *   prog.point();             // { '\\theta': … }
 */
import type { Expr } from '../../expr/types';
import type { Context, Domain } from '../../semantics/context';
import { type Closure, Compiler } from './compile';
import type { NumericDefinition } from './definitions';
import { DensityModel, FunctionModel, sampleEdge, sampleScalar } from './models';
import { rngFor } from './rng';

/**
 * Options of a program.
 *
 * @example
 *   new Program(ctx, [], { dim: 3, domains: { t: 'unit' } });
 */
export interface ProgramOptions {
  /** The value of every symbolic dimension (default 1). */
  dim?: number;
  /** Domains to draw symbols from, overriding their declarations (`{ t: 'unit' }`). */
  domains?: Readonly<Record<string, Domain>>;
}

/**
 * How a sample draws its scalars: 'regular' from the domain's box, 'edge' on a
 * log scale and near domain edges, 'coincide' from the box with some symbols
 * set equal to others.
 *
 * @example
 *   prog.bind(seed, 12, 'edge');
 */
export type SampleMode = 'regular' | 'edge' | 'coincide';

/**
 * Compiled expressions of one context and their per-sample instantiation.
 *
 * @example
 *   const prog = new Program(ctx, [{ name: 'D_{\\phi}', params: ['x'], body: apply('D^{*}', [sym('x')]) }]);
 */
export class Program {
  readonly compiler: Compiler;
  private envBuf = new Float64Array(0);
  private readonly domains: Readonly<Record<string, Domain>>;

  constructor(readonly ctx: Context, extraDefinitions: readonly NumericDefinition[] = [], options: ProgramOptions = {}) {
    this.compiler = new Compiler(ctx, extraDefinitions, { dim: options.dim });
    this.domains = options.domains ?? {};
  }

  /** The value of every symbolic dimension in this program. */
  get dim(): number {
    return this.compiler.dim;
  }

  /** Compiles `e`; the closure is valid for every later `bind`. */
  compile(e: Expr): Closure {
    return this.compiler.compile(e);
  }

  /** The environment of the current sample. */
  get env(): Float64Array {
    return this.envBuf;
  }

  /** Sets the accuracy level (0: every sample; 1: confirmation) of every compiled closure. */
  set level(l: 0 | 1) {
    this.compiler.ctl.level = l;
  }

  /** The kind of the current sample (see `bind`). */
  mode: SampleMode = 'regular';

  /** True while the current sample is an edge or coincidence sample. */
  get edge(): boolean {
    return this.mode !== 'regular';
  }

  /**
   * Instantiates sample `sample` of run `seed`: scalar values and random models. Returns the environment.
   * In mode 'edge', scalars are drawn by `sampleEdge` (log-scaled magnitudes, near domain edges);
   * in modes 'edge' and 'coincide', a scalar is sometimes set equal to an earlier one of the same
   * domain (θ = θ₀ coincidences: one time in three, in 'coincide' one in two).
   */
  bind(seed: number, sample: number, mode: SampleMode = 'regular'): Float64Array {
    const c = this.compiler;
    if (this.envBuf.length !== c.slotCount) this.envBuf = new Float64Array(c.slotCount);
    const env = this.envBuf;
    env.fill(0);
    this.mode = mode;
    if (mode === 'regular') for (const [name, slot] of c.globals) env[slot] = this.scalar(name, seed, sample);
    else {
      const done: [string, number][] = [];
      for (const [name, slot] of c.globals) {
        const rng = rngFor(seed, sample, `${name} ${mode}`);
        const dom = this.domainOf(name) ?? 'real';
        const same = done.filter(([n]) => (this.domainOf(n) ?? 'real') === dom);
        const coincide = same.length > 0 && rng.int(mode === 'edge' ? 3 : 2) === 0;
        env[slot] = coincide ? env[same[rng.int(same.length)][1]] : mode === 'edge' ? sampleEdge(dom, rng) : sampleScalar(dom, rng);
        done.push([name, slot]);
      }
    }
    for (const g of c.vectorGlobals.values()) {
      const rng = rngFor(seed, sample, g.name);
      for (let i = 0; i < g.len; i++) env[g.slot + i] = sampleScalar(this.domains[g.name] ?? g.domain, rng);
    }
    for (const h of c.functions.values()) {
      h.model = new FunctionModel(h.arity + h.deps.length, h.domain, rngFor(seed, sample, `function ${h.name}`));
    }
    for (const h of c.vectorFunctions.values()) {
      const rng = rngFor(seed, sample, `function ${h.name}`);
      h.models = Array.from({ length: h.len }, () => new FunctionModel(h.arity + h.deps.length, h.domain, rng));
    }
    for (const h of c.densities.values()) {
      h.model = new DensityModel(h.deps.length + h.givenArity, rngFor(seed, sample, `density ${h.name}`));
    }
    this.level = 0;
    return env;
  }

  /** The domain `name` is drawn from: the options' override, else its declaration's. */
  domainOf(name: string): Domain | undefined {
    return this.domains[name] ?? this.domains[this.ctx.resolveAlias(name)] ?? this.ctx.lookup(name)?.domain;
  }

  /** The value of scalar `name` in a sample (by its domain). */
  scalar(name: string, seed: number, sample: number): number {
    return sampleScalar(this.domainOf(name), rngFor(seed, sample, name));
  }

  /**
   * `count` further values for `name` in a sample, each at least 0.1 away from
   * `avoid` (for tests that vary one symbol with everything else fixed).
   */
  alternatives(name: string, seed: number, sample: number, avoid: number, count: number): number[] {
    const rng = rngFor(seed, sample, `${name} alternatives`);
    const domain = this.domainOf(name);
    const out: number[] = [];
    for (let tries = 0; out.length < count && tries < 100; tries++) {
      const v = sampleScalar(domain, rng);
      if (Math.abs(v - avoid) >= 0.1 && out.every((o) => Math.abs(o - v) >= 0.1)) out.push(v);
    }
    return out;
  }

  /** The global slot of a free symbol, if the compiled expressions mention it. */
  globalSlot(name: string): number | undefined {
    return this.compiler.globals.get(this.ctx.resolveAlias(name)) ?? this.compiler.globals.get(name);
  }

  /**
   * Every free symbol's value in the current sample, by name (sorted): scalars,
   * vector components `v[i]` (1-based), and the dimension of a dimensional program.
   */
  point(): Record<string, number> {
    const c = this.compiler, env = this.envBuf;
    const out: Record<string, number> = {};
    const entries: [string, number][] = [...c.globals].map(([n, s]) => [n, env[s]]);
    for (const g of c.vectorGlobals.values()) for (let i = 0; i < g.len; i++) entries.push([`${g.name}[${i + 1}]`, env[g.slot + i]]);
    if (c.dimensional) for (const d of c.dimSymbols) entries.push([d, c.dim]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [n, v] of entries) out[n] = v;
    return out;
  }
}
