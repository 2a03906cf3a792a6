/**
 * Densities of several variables read by the names of their arguments, before
 * a step is checked.
 *
 * Strategy: for `p: density(x, z)` an application names the variables it is
 * about — `p(z \mid x)` is the conditional of z given x, `p(x)` the marginal
 * of x — in any order and for any subset, for joints of any number of
 * variables. The prover and the numeric tester work in one *positional* form:
 * `p(a_k, …, a_{m-1} \mid b_m, …, b_{n-1})`, the conditional of the variables
 * k..m-1 given the *later* ones m..n-1 (so `p(x \mid z)`, `p(z)`, `p(x, z)`
 * are positional; a chain factor p(v_i | v_{i+1}, …) is the smallest). This
 * module rewrites every other form into positional ones by two identities that
 * hold for every joint density:
 *
 *   p(A | B) = p(A, B) / p(B)                         (definition of a conditional)
 *   p(S)     = ∫ p(s_k, w, …) dw  over the variables missing from S after its first
 *
 * so `p(z \mid x)\,p(x) = p(x, z)` is algebra once both sides are positional,
 * and every conditional and marginal of one joint is consistent by
 * construction (the numeric model of the joint is the product of its chain
 * factors, `src/check/numeric/joint.ts`). An argument that is not a declared
 * variable's name (`p(x \mid y + 1)`, a bound `t`) takes the last variables
 * not named, in order — the positional reading of old.
 *
 * `E_{v \sim p}` over a joint averages over the marginal of the *last*
 * variable; when `v` names another of p's variables it is the marginal of
 * that variable, rewritten as `∫ p(v) body dv`.
 *
 * @example
 *   // p: density(x, z)
 *   densityForms(parse('p(z \\mid x)\\,p(x)'), ctx)   // p(x, z) / ∫ p(x, #m0) d#m0 · ∫ p(x, #m1) d#m1
 */
import type { Apply, Expr } from '../expr/types';
import { mapBottomUp } from '../expr/walk';
import type { Context, Definition, SymbolDecl } from '../semantics/context';
import type { StepInput } from './step';

/** A definition whose head names a non-positional form of a joint density (`p(z \mid x) := …` for p(x, z)). */
export class DensityFormError extends Error {}

/**
 * The variable (0-based, in declared order) each argument, then each
 * conditioning argument, stands for; null when the application cannot be read.
 *
 * @example
 *   densityRoles({ name: 'p', kind: 'density', arity: 2, vars: ['x', 'z'] }, [sym('z')], [sym('x')]);   // [1, 0]
 */
export function densityRoles(decl: SymbolDecl, args: readonly Expr[], given: readonly Expr[]): number[] | null {
  const n = decl.arity ?? 1;
  const all = [...args, ...given];
  if (!args.length || all.length > n) return null;
  const roles: (number | null)[] = all.map(() => null);
  const used = new Set<number>();
  all.forEach((a, k) => {
    if (a.kind !== 'sym' || !decl.vars) return;
    const j = decl.vars.indexOf(a.name);
    if (j >= 0 && !used.has(j)) {
      roles[k] = j;
      used.add(j);
    }
  });
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => !used.has(j));
  const unnamed = roles.filter((r) => r === null).length;
  const take = free.slice(free.length - unnamed);
  let t = 0;
  return roles.map((r) => r ?? take[t++]);
}

/** Counter for the names of new bound variables, never reset: a name is never captured by another form's binder. */
let fresh = 0;

/** The positional application p(values of the variables k..n-1 in `at`), conditioned on none. */
function positional(fn: string, vals: Expr[], given: Expr[]): Apply {
  return { kind: 'apply', fn, args: vals, ...(given.length ? { given } : {}) };
}

/** The marginal of the variables `at` (variable -> value), as a positional form or an integral of one. */
function marginal(fn: string, n: number, at: Map<number, Expr>): Expr {
  const k = Math.min(...at.keys());
  const vals: Expr[] = [];
  const missing: string[] = [];
  for (let j = k; j < n; j++) {
    const v = at.get(j);
    if (v) vals.push(v);
    else {
      const name = `#m${fresh++}`;
      missing.push(name);
      vals.push({ kind: 'sym', name });
    }
  }
  let out: Expr = positional(fn, vals, []);
  for (const m of missing.reverse()) out = { kind: 'integral', var: m, body: out };
  return out;
}

/** One application in positional form (unchanged when it already is). */
function rewriteApply(e: Apply, decl: SymbolDecl): Expr {
  const n = decl.arity ?? 1;
  const given = e.given ?? [];
  const roles = densityRoles(decl, e.args, given);
  if (!roles) return e;
  const A = new Map<number, Expr>(), B = new Map<number, Expr>();
  e.args.forEach((a, i) => A.set(roles[i], a));
  given.forEach((g, i) => B.set(roles[e.args.length + i], g));
  const sorted = (m: Map<number, Expr>) => [...m.keys()].sort((a, b) => a - b);
  const a = sorted(A), b = sorted(B);
  const S = new Map([...A, ...B]);
  const isSuffix = (keys: number[]) => keys.length > 0 && keys.every((j, i) => j === n - keys.length + i);
  const all = sorted(S);
  if (isSuffix(all) && (!b.length || a[a.length - 1] < b[0])) {
    const out = positional(e.fn, a.map((j) => A.get(j)!), b.map((j) => B.get(j)!));
    return { ...out, ...(e.span ? { span: e.span } : {}) };
  }
  const joint = marginal(e.fn, n, S);
  return b.length ? { kind: 'div', num: joint, den: marginal(e.fn, n, B) } : joint;
}

function isJoint(decl: SymbolDecl | undefined): decl is SymbolDecl {
  return !!decl && decl.kind === 'density' && (decl.arity ?? 1) >= 2 && !decl.givenArity;
}

/**
 * `e` with every application of a joint density in positional form, and every
 * `E_{v \sim p}` over a variable of p other than the last as an integral.
 *
 * @example
 *   densityForms(parse('p(x, z)'), ctx)   // unchanged
 */
export function densityForms(e: Expr, ctx: Context): Expr {
  return forms(e, ctx);
}

/** A distribution written as a name or N(μ, σ²) (what KL and E take as they are). */
function plainDistribution(d: Expr): boolean {
  return d.kind === 'sym' || (d.kind === 'normal' && d.arg === null);
}

/** The density `d` (a name, N(μ, σ²), or a conditional p(· | x)) as a value at the variable `v`. */
function densityAt(d: Expr, v: string): Expr {
  const at: Expr = { kind: 'sym', name: v };
  if (d.kind === 'sym') return { kind: 'apply', fn: d.name, args: [at] };
  if (d.kind === 'normal') return { ...d, arg: at };
  if (d.kind === 'apply' && d.args.length === 1) return { ...d, args: [at] };
  throw new DensityFormError('expected a distribution (a density name, N(μ, σ²) or p(· | x))');
}

/** The variable a conditional distribution was written at (`p(z \mid x)` gives z), if any. */
function writtenAt(d: Expr): string | null {
  return d.kind === 'apply' && d.args.length === 1 && d.args[0].kind === 'sym' && d.args[0].name !== '\\cdot' ? d.args[0].name : null;
}

function forms(e: Expr, ctx: Context): Expr {
  return roles(conditionalDistributions(e), ctx);
}

/** E and KL over conditional distributions (or densities written at their variable) as integrals. */
function conditionalDistributions(e: Expr): Expr {
  return mapBottomUp(e, (x) => {
    // E over a conditional distribution: E_{z \sim p(\cdot \mid x)}[f] = ∫ p(z | x) f dz
    if (x.kind === 'expect' && x.var && x.dist && !plainDistribution(x.dist)) {
      return { kind: 'integral', var: x.var, body: { kind: 'mul', factors: [densityAt(x.dist, x.var), x.body] } };
    }
    // KL with a conditional or a density written at its variable: KL(q(z) \| p(z \mid x)) = ∫ q(z) log(q(z)/p(z | x)) dz
    if (x.kind === 'kl' && !(plainDistribution(x.p) && plainDistribution(x.q))) {
      const v = writtenAt(x.p) ?? writtenAt(x.q) ?? `#k${fresh++}`;
      const P = densityAt(x.p, v), Q = densityAt(x.q, v);
      const body: Expr = { kind: 'mul', factors: [P, { kind: 'apply', fn: '\\log', args: [{ kind: 'div', num: P, den: Q }] }] };
      return { kind: 'integral', var: v, body };
    }
    return x;
  });
}

/** Applications of joint densities in positional form; E over a non-last variable of a joint as an integral. */
function roles(e: Expr, ctx: Context): Expr {
  return mapBottomUp(e, (x) => {
    if (x.kind === 'apply' && !x.primes) {
      const decl = ctx.lookup(ctx.resolveAlias(x.fn));
      return isJoint(decl) ? rewriteApply(x, decl) : x;
    }
    if (x.kind === 'expect' && x.var && x.dist?.kind === 'sym') {
      const decl = ctx.lookup(ctx.resolveAlias(x.dist.name));
      const j = isJoint(decl) && decl.vars ? decl.vars.indexOf(x.var) : -1;
      if (decl && j >= 0 && j !== (decl.arity ?? 1) - 1) {
        const m = marginal(x.dist.name, decl.arity!, new Map([[j, { kind: 'sym', name: x.var } as Expr]]));
        return { kind: 'integral', var: x.var, body: { kind: 'mul', factors: [m, x.body] } };
      }
    }
    return x;
  });
}

/**
 * Definitions with their bodies in positional form; a definition of a joint
 * density's form is kept when that form is positional (its parameters put in
 * declared order) and refused otherwise.
 *
 * @example
 *   densityDefinitions([{ name: 'p', params: ['x'], given: ['z'], body }], ctx);   // p(x | z) := body, kept
 */
export function densityDefinitions(defs: readonly Definition[], ctx: Context): Definition[] {
  return defs.map((d) => {
    const body = densityForms(d.body, ctx);
    const decl = ctx.lookup(ctx.resolveAlias(d.name));
    if (!isJoint(decl) || !d.params.length) return { ...d, body };
    const sym = (name: string): Expr => ({ kind: 'sym', name });
    const head = rewriteApply({ kind: 'apply', fn: d.name, args: d.params.map(sym), ...(d.given?.length ? { given: d.given.map(sym) } : {}) }, decl);
    if (head.kind !== 'apply') {
      const form = `${d.name}(${d.params.join(', ')}${d.given?.length ? ` \\mid ${d.given.join(', ')}` : ''})`;
      throw new DensityFormError(`${form} is not a conditional of earlier variables given later ones of ${d.name}(${decl.vars?.join(', ')}); state it for the positional form or declare the variables in another order`);
    }
    const names = (xs: readonly Expr[] | undefined) => (xs ?? []).map((x) => (x as { name: string }).name);
    return { ...d, params: names(head.args), ...(head.given?.length ? { given: names(head.given) } : {}), body };
  });
}

/**
 * A step's input with both sides, the definitions in force and the other
 * hypotheses in positional form (what `checkStep` works on).
 *
 * @example
 *   densityInput({ ...input, lhs: parse('p(x, z)'), rhs: parse('p(z \\mid x) p(x)') });
 */
export function densityInput(raw: StepInput): StepInput {
  const ctx = raw.ctx;
  return {
    ...raw,
    lhs: densityForms(raw.lhs, ctx),
    rhs: densityForms(raw.rhs, ctx),
    defs: densityDefinitions(raw.defs, ctx),
    ...(raw.otherHypotheses ? { otherHypotheses: raw.otherHypotheses.map((h) => ({ ...h, defs: densityDefinitions(h.defs, ctx) })) } : {}),
  };
}
