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
 * Extension points: a vector-valued symbol becomes a run of consecutive slots
 * (filled here component by component), and a joint density a product of the
 * conditional and marginal models already keyed by name.
 *
 * @example
 *   const prog = new Program(ctx);
 *   const f = prog.compile(add(sym('\\theta'), num(1)));
 *   const env = prog.bind(42, 0);
 *   f(env);                   // θ + 1 for the θ of sample 0 of seed 42
 *   prog.point();             // { '\\theta': … }
 */
import type { Expr } from '../../expr/types';
import type { Context, Definition } from '../../semantics/context';
import { type Closure, Compiler } from './compile';
import { DensityModel, FunctionModel, sampleScalar } from './models';
import { rngFor } from './rng';

/**
 * Compiled expressions of one context and their per-sample instantiation.
 *
 * @example
 *   const prog = new Program(ctx, [{ name: 'D_{\\phi}', params: ['x'], body: apply('D^{*}', [sym('x')]) }]);
 */
export class Program {
  readonly compiler: Compiler;
  private envBuf = new Float64Array(0);

  constructor(readonly ctx: Context, extraDefinitions: readonly Definition[] = []) {
    this.compiler = new Compiler(ctx, extraDefinitions);
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

  /** Instantiates sample `sample` of run `seed`: scalar values and random models. Returns the environment. */
  bind(seed: number, sample: number): Float64Array {
    const c = this.compiler;
    if (this.envBuf.length !== c.slotCount) this.envBuf = new Float64Array(c.slotCount);
    const env = this.envBuf;
    env.fill(0);
    for (const [name, slot] of c.globals) env[slot] = this.scalar(name, seed, sample);
    for (const h of c.functions.values()) {
      h.model = new FunctionModel(h.arity + h.deps.length, h.domain, rngFor(seed, sample, `function ${h.name}`));
    }
    for (const h of c.densities.values()) {
      h.model = new DensityModel(h.deps.length + h.givenArity, rngFor(seed, sample, `density ${h.name}`));
    }
    this.level = 0;
    return env;
  }

  /** The value of scalar `name` in a sample (by its declared domain). */
  scalar(name: string, seed: number, sample: number): number {
    return sampleScalar(this.ctx.lookup(name)?.domain, rngFor(seed, sample, name));
  }

  /**
   * `count` further values for `name` in a sample, each at least 0.1 away from
   * `avoid` (for tests that vary one symbol with everything else fixed).
   */
  alternatives(name: string, seed: number, sample: number, avoid: number, count: number): number[] {
    const rng = rngFor(seed, sample, `${name} alternatives`);
    const domain = this.ctx.lookup(name)?.domain;
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

  /** Every free scalar symbol's value in the current sample, by name (sorted). */
  point(): Record<string, number> {
    const out: Record<string, number> = {};
    const names = [...this.compiler.globals.keys()].sort();
    for (const n of names) out[n] = this.envBuf[this.compiler.globals.get(n)!];
    return out;
  }
}
