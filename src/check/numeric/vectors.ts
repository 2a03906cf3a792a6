/**
 * Vectors: symbols of kind 'vector', vector-valued functions (a function
 * declared with `dim`, e.g. φ: x ↦ R^d), sums, differences and scalar
 * multiples of vectors, inner products vᵀw, Euclidean norms ‖v‖, and the
 * d-dimensional Gaussian N(v | m, I) = (2π)^{−d/2} exp(−½‖v − m‖²).
 *
 * Strategy: a compiler works in one dimension (`Compiler.dim`), the value of
 * every symbolic dimension; callers re-run a check in several dimensions
 * (`sweep.ts`). A *shape analysis* (`shapeOf`: 0 for a number, n for a vector
 * of length n) decides, per node, which compiler applies; it runs only when
 * the context declares vectors, so scalar contexts compile exactly as before.
 * A vector compiles to a `VecClosure` that returns a buffer it owns (reused
 * on every call: callers read it before evaluating the same node again). A
 * free vector symbol lives in a run of consecutive environment slots filled
 * per sample component by component from the symbol's own random stream; a
 * vector-valued function is n independent random scalar function models
 * (`models.ts`), one per component, on the same inputs (arguments, then the
 * parameters it depends on). A vector symbol that depends on parameters is a
 * vector-valued function of them, so ∂_θ of a scalar built from it moves it.
 *
 * Products follow what is written: in a `mul`, a transpose vᵀ pairs with the
 * next vector factor into an inner product; at most one other vector may
 * remain (a scalar multiple); anything else (two vectors side by side, vᵀ at
 * the end, powers of vectors, a vector added to a number) is a NumericError
 * naming the problem. A vector declared with the number 1 as its dimension is
 * a scalar (as before vectors were supported); a symbolic dimension is a
 * vector even in dimension 1.
 *
 * Not supported: matrices, vector arguments of declared functions,
 * expectations and integrals over R^d, derivatives of vectors.
 *
 * @example
 *   // ‖a − b‖² with a, b: vector of dim d, in R^3
 *   const c = new Compiler(ctx, [], { dim: 3 });
 *   c.compile(pow(norm(sub(sym('a'), sym('b'))), num(2)));
 */
import type { Expr, Normal } from '../../expr/types';
import type { Domain, SymbolDecl } from '../../semantics/context';
import type { Closure, Compiler, Scope } from './compile';
import { gaussianBody } from './definitions';
import { NumericError } from './error';
import type { FunctionModel } from './models';

/** A module binding, not a global lookup (global lookups are slow where tests run, in jest's vm contexts). */
const Math = globalThis.Math;

/**
 * A compiled vector expression: returns a buffer it owns, of the vector's length.
 *
 * @example
 *   const v: VecClosure = (env) => env.subarray(0, 3);
 */
export type VecClosure = (env: Float64Array) => Float64Array;

/**
 * A free vector symbol: a run of `len` slots from `slot`, drawn per sample from `domain`.
 *
 * @example
 *   c.vectorGlobals.get('\\mu_{y}');   // { name: '\\mu_{y}', slot: 4, len: 3, domain: 'real' }
 */
export interface VectorGlobal {
  readonly name: string;
  readonly slot: number;
  readonly len: number;
  readonly domain: Domain;
}

/**
 * The models behind a vector-valued function (one scalar model per component), swapped per sample.
 *
 * @example
 *   c.vectorFunctions.get('\\varphi')!.models![2].value([0.3]);   // φ(0.3)_3
 */
export interface VecFunctionHolder {
  readonly name: string;
  readonly arity: number;
  readonly len: number;
  readonly domain: Domain;
  readonly deps: readonly string[];
  models: FunctionModel[] | null;
}

/**
 * The length of the vectors a declaration stands for in dimension `dim`; 0 for scalars.
 *
 * @example
 *   declLength({ name: 'v', kind: 'vector', dim: 'd' }, 3);   // 3
 *   declLength({ name: 'v', kind: 'vector', dim: 1 }, 3);     // 0 (a scalar)
 */
export function declLength(decl: SymbolDecl, dim: number): number {
  const vectorish = decl.kind === 'vector' || (decl.kind === 'function' && decl.dim !== undefined);
  if (!vectorish) return 0;
  if (typeof decl.dim === 'number') return decl.dim === 1 ? 0 : decl.dim;
  return dim;
}

/** How a product is evaluated: scalar factors, inner products, and at most one vector factor. */
interface MulPlan {
  len: number;
  scalars: Expr[];
  dots: [Expr, Expr][];
  vector: Expr | null;
}

function mulPlan(c: Compiler, factors: readonly Expr[], scope: Scope | null, depth: number): MulPlan {
  const plan: MulPlan = { len: 0, scalars: [], dots: [], vector: null };
  let pending: Expr | null = null, pendingLen = 0;
  for (const f of factors) {
    if (f.kind === 'transpose') {
      const n = shapeOf(c, f.arg, scope, depth + 1);
      if (n > 0) {
        if (pending) throw new NumericError('two transposed vectors side by side (vᵀwᵀ) are not defined');
        pending = f.arg;
        pendingLen = n;
        continue;
      }
    }
    const n = shapeOf(c, f, scope, depth + 1);
    if (n === 0) plan.scalars.push(f);
    else if (pending) {
      if (n !== pendingLen) throw new NumericError(`vᵀw needs vectors of one length, got ${pendingLen} and ${n}`);
      plan.dots.push([pending, f]);
      pending = null;
    } else if (plan.vector) {
      throw new NumericError('a product of two vectors is not defined: write vᵀw for the inner product');
    } else {
      plan.vector = f;
      plan.len = n;
    }
  }
  if (pending) throw new NumericError('vᵀ must be followed by a vector (vᵀw)');
  return plan;
}

/**
 * The shape of `e`: 0 for a number, n for a vector of length n. Throws a
 * NumericError for sums of a vector and a number, powers of vectors, and
 * products that are not defined.
 *
 * @example
 *   shapeOf(c, mul(transpose(sym('a')), sym('b')), null);   // 0: an inner product
 *   shapeOf(c, mul(num(2), sym('a')), null);                // the length of a
 */
export function shapeOf(c: Compiler, e: Expr, scope: Scope | null, depth = 0): number {
  if (!c.hasVectors || depth > 64) return 0;
  const rec = (x: Expr, s: Scope | null = scope) => shapeOf(c, x, s, depth + 1);
  switch (e.kind) {
    case 'sym': {
      const b = c.binding(e.name, scope) ?? c.binding(c.canon(e.name), scope);
      if (b) return b.len ?? 0;
      const name = c.canon(e.name);
      const def = c.defs.value(name);
      if (def) return gaussianBody(def.body) ? 0 : rec(def.body);
      const decl = c.ctx.lookup(name);
      return decl?.kind === 'vector' ? c.lengthOf(decl) : 0;
    }
    case 'apply': {
      const given = e.given ?? [];
      const def = e.primes ? undefined : c.defs.match(e.fn, e.args.length, given.length);
      if (def) {
        const args = [...e.args, ...given];
        let inner = scope;
        [...def.params, ...(def.given ?? [])].forEach((p, i) => { inner = { name: p, slot: -1, next: inner, len: rec(args[i]) }; });
        return rec(def.body, inner);
      }
      const decl = c.ctx.lookup(c.canon(e.fn));
      return decl?.kind === 'function' ? c.lengthOf(decl) : 0;
    }
    case 'add': {
      const ns = e.terms.map((t) => rec(t));
      const n = ns[0] ?? 0;
      if (ns.some((m) => m !== n)) {
        throw new NumericError(ns.some((m) => m === 0) ? 'a vector and a number cannot be added' : `vectors of lengths ${ns.join(', ')} cannot be added`);
      }
      return n;
    }
    case 'neg': return rec(e.arg);
    case 'mul': return mulPlan(c, e.factors, scope, depth).len;
    case 'div': {
      if (rec(e.den) > 0) throw new NumericError('division by a vector is not defined');
      return rec(e.num);
    }
    case 'pow': {
      if (rec(e.base) > 0) throw new NumericError('a vector cannot be raised to a power: write ‖v‖^2 or vᵀv');
      return 0;
    }
    case 'transpose': {
      if (rec(e.arg) > 0) throw new NumericError('a transposed vector vᵀ must multiply a vector (vᵀw)');
      return 0;
    }
    default: return 0;
  }
}

/** A closure copying `n` slots from `s0` into an owned buffer. */
function readSlots(s0: number, n: number): VecClosure {
  const out = new Float64Array(n);
  return (env) => {
    for (let i = 0; i < n; i++) out[i] = env[s0 + i];
    return out;
  };
}

/** The slots of free vector symbol `name`, allocated on first use. */
function vectorGlobal(c: Compiler, name: string, len: number, domain: Domain): VectorGlobal {
  let g = c.vectorGlobals.get(name);
  if (!g) {
    g = { name, slot: c.newSlots(len), len, domain };
    c.vectorGlobals.set(name, g);
  }
  return g;
}

/** A call of vector-valued function (or parameter-dependent vector) `name` on scalar `args`. */
function vecFunctionCall(c: Compiler, name: string, decl: SymbolDecl, args: readonly Expr[], scope: Scope | null): VecClosure {
  const len = c.lengthOf(decl);
  let h = c.vectorFunctions.get(name);
  if (!h) {
    if (decl.arity !== undefined && decl.kind === 'function' && decl.arity !== args.length) {
      throw new NumericError(`${name} takes ${decl.arity} argument(s), got ${args.length}`);
    }
    h = { name, arity: args.length, len, domain: decl.domain ?? 'real', deps: (decl.dependsOn ?? []).map((d) => c.canon(d)), models: null };
    c.vectorFunctions.set(name, h);
  } else if (h.arity !== args.length) {
    throw new NumericError(`${name} is applied to ${h.arity} and to ${args.length} arguments`);
  }
  for (const a of args) if (shapeOf(c, a, scope) > 0) throw new NumericError(`${name}: vector arguments of functions are not supported`);
  const argFs = args.map((a) => c.compile(a, scope));
  const ds = Int32Array.from(h.deps.map((d) => c.slotOf(d, scope)));
  const n = argFs.length, nd = ds.length;
  const inp = new Float64Array(n + nd);
  const out = new Float64Array(len);
  const holder = h;
  return (env) => {
    for (let i = 0; i < n; i++) inp[i] = argFs[i](env);
    for (let j = 0; j < nd; j++) inp[n + j] = env[ds[j]];
    const ms = holder.models!;
    for (let k = 0; k < len; k++) out[k] = ms[k].value(inp);
    return out;
  };
}

/**
 * Compiles a vector-valued expression.
 *
 * @example
 *   compileVector(c, sub(apply('\\varphi', [sym('x')]), sym('\\mu_{y}')), null)(env);   // φ(x) − μ_y
 */
export function compileVector(c: Compiler, e: Expr, scope: Scope | null): VecClosure {
  const len = shapeOf(c, e, scope);
  if (len === 0) throw new NumericError('a number is used where a vector is expected');
  switch (e.kind) {
    case 'sym': {
      const b = c.binding(e.name, scope) ?? c.binding(c.canon(e.name), scope);
      if (b) return readSlots(b.slot, len);
      const name = c.canon(e.name);
      const def = c.defs.value(name);
      if (def) return c.expand(def.name, () => compileVector(c, def.body, scope));
      const decl = c.ctx.lookup(name)!;
      if (decl.dependsOn?.length) return vecFunctionCall(c, name, decl, [], scope);
      return readSlots(vectorGlobal(c, name, len, decl.domain ?? 'real').slot, len);
    }
    case 'apply': {
      const given = e.given ?? [];
      const def = c.defs.match(e.fn, e.args.length, given.length);
      if (def) {
        const { inner, fill } = c.bindParams(def, [...e.args, ...given], scope);
        const body = c.expand(def.name, () => compileVector(c, def.body, inner));
        return fill ? (env) => { fill(env); return body(env); } : body;
      }
      if (given.length) throw new NumericError(`${e.fn} is not a density; it cannot be conditioned`);
      const name = c.canon(e.fn);
      return vecFunctionCall(c, name, c.ctx.lookup(name)!, e.args, scope);
    }
    case 'add': {
      const fs = e.terms.map((t) => compileVector(c, t, scope));
      const out = new Float64Array(len);
      return (env) => {
        out.fill(0);
        for (const f of fs) {
          const v = f(env);
          for (let i = 0; i < len; i++) out[i] += v[i];
        }
        return out;
      };
    }
    case 'neg': return scaled(compileVector(c, e.arg, scope), () => -1, len);
    case 'div': {
      const d = c.compile(e.den, scope);
      return scaled(compileVector(c, e.num, scope), (env) => 1 / d(env), len);
    }
    case 'mul': {
      const plan = mulPlan(c, e.factors, scope, 0);
      return scaled(compileVector(c, plan.vector!, scope), scalarPart(c, plan, scope), len);
    }
    default: throw new NumericError(`a ${e.kind} is not a vector`);
  }
}

/** s(env)·v(env) in an owned buffer. */
function scaled(v: VecClosure, s: Closure, len: number): VecClosure {
  const out = new Float64Array(len);
  return (env) => {
    const k = s(env);
    const a = v(env);
    for (let i = 0; i < len; i++) out[i] = k * a[i];
    return out;
  };
}

/** vᵀw. */
function dot(a: VecClosure, b: VecClosure): Closure {
  return (env) => {
    const u = a(env), v = b(env);
    let s = 0;
    for (let i = 0; i < u.length; i++) s += u[i] * v[i];
    return s;
  };
}

/** The product of a plan's scalar factors and inner products. */
function scalarPart(c: Compiler, plan: MulPlan, scope: Scope | null): Closure {
  const s = c.compileMul(plan.scalars, scope);
  const ds = plan.dots.map(([a, b]) => dot(compileVector(c, a, scope), compileVector(c, b, scope)));
  if (!ds.length) return s;
  if (ds.length === 1 && !plan.scalars.length) return ds[0];
  return (env) => {
    let p = s(env);
    for (let i = 0; i < ds.length; i++) p *= ds[i](env);
    return p;
  };
}

/**
 * A product that may contain vectors and must be a number (inner products times scalars).
 *
 * @example
 *   compileMulWithVectors(c, [transpose(sym('a')), sym('b')], null);   // aᵀb
 */
export function compileMulWithVectors(c: Compiler, factors: readonly Expr[], scope: Scope | null): Closure {
  const plan = mulPlan(c, factors, scope, 0);
  if (plan.len > 0) throw new NumericError('this product is a vector, not a number: use its norm or an inner product');
  return plan.dots.length ? scalarPart(c, plan, scope) : c.compileMul(factors, scope);
}

/**
 * ‖v‖: the Euclidean norm of a vector, the absolute value of a number.
 *
 * @example
 *   compileNormOf(c, sym('a'), null);   // √(Σ a_i²)
 */
export function compileNormOf(c: Compiler, arg: Expr, scope: Scope | null): Closure {
  if (shapeOf(c, arg, scope) > 0) {
    const v = compileVector(c, arg, scope);
    return (env) => {
      const a = v(env);
      let s = 0;
      for (let i = 0; i < a.length; i++) s += a[i] * a[i];
      return Math.sqrt(s);
    };
  }
  const f = c.compile(arg, scope);
  return (env) => Math.abs(f(env));
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The density (log = false) or log density (log = true) of N(v | m, I) in R^n,
 * or N(v | m, s·I) when the covariance is a number s; a mean written 0 is the
 * zero vector.
 *
 * @example
 *   compileVecNormal(c, normal(sym('a'), sym('b'), sym('I')), null, true);   // −½‖a − b‖² − (n/2) log 2π
 */
export function compileVecNormal(c: Compiler, e: Normal, scope: Scope | null, log: boolean): Closure {
  const n = shapeOf(c, e.arg!, scope);
  const x = compileVector(c, e.arg!, scope);
  const mLen = shapeOf(c, e.mean, scope);
  let mean: VecClosure;
  if (mLen === n) mean = compileVector(c, e.mean, scope);
  else if (e.mean.kind === 'num' && e.mean.value === 0) {
    const zero = new Float64Array(n);
    mean = () => zero;
  } else throw new NumericError(`N(v | m, ·) needs a mean of the length of v (${n})`);
  const cv = e.cov;
  let cov: Closure;
  if (cv.kind === 'sym' && cv.name === 'I' && c.isBuiltin('I', scope)) cov = () => 1;
  else if (shapeOf(c, cv, scope) === 0) cov = c.compile(cv, scope);
  else throw new NumericError('N(v | m, Σ) supports Σ = I or a number times I');
  return (env) => {
    const a = x(env), m = mean(env), v = cov(env);
    if (!(v > 0)) return NaN;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const d = a[i] - m[i];
      q += d * d;
    }
    const lp = -q / (2 * v) - 0.5 * n * (LOG_2PI + Math.log(v));
    return log ? lp : Math.exp(lp);
  };
}
