/**
 * The normaliser: expression tree -> canonical `Sum` (see `sum.ts`).
 *
 * Strategy: one bottom-up pass. Arithmetic maps onto the `Sum` algebra;
 * definitions (and hypotheses, which are definitions in force for a step) are
 * unfolded; every other transformation is a named rule from `rules/` that can
 * be switched off, and that records itself in `used` when it fires. In code
 * (the algebra of the normal form and of binders):
 *
 *   log-product, log-quotient, log-power, log-exp   logs of positive products split
 *   exp-log                                         exp(c log a) = a^c, a > 0
 *   expectation-linearity, expectation-constant     E of sums, of θ-free factors
 *   gaussian-density                                N(v | \mu, s^2), in the vectors' dimension
 *   integral-as-expectation                         \int p(x) f(x) dx = E_{x\sim p}[f]
 *   product-rule                                    p(x, y) = p(x | y) p(y) for a joint density
 *   differentiate-under-expectation                 (in differentiate.ts)
 *
 * As data: a rule marked `unfold: true` in `rules/` (sigmoid-definition,
 * sigmoid-derivative, kl-definition, gaussian-mean, gaussian-second-moment)
 * is applied by `byRule` wherever an application, a KL or a one-term
 * expectation would otherwise become an atom (`match.ts`); the other rules of
 * `rules/` are used by the rewrite search in `prove.ts` (`rewrite.ts`).
 *
 * Side conditions (positivity) are checked with `interval.ts`; when one fails
 * the sub-expression stays an opaque atom, which can only make a proof fail,
 * never make a false one succeed. Bound variables are renamed `#0`, `#1`, … by
 * binder depth, so `E_{n\sim p}[f(n)]` and `E_{x\sim p}[f(x)]` coincide.
 *
 * @example
 *   const n = new Normalizer(env);
 *   isZero(subS(n.norm(parseExpr('\\log(ab)', ctx)), n.norm(parseExpr('\\log a + \\log b', ctx))))
 */
import type { Expr, Apply, Expect, Integral } from '../../expr/types';
import { num, neg, apply, sym, expect as expectE, integral as integralE, deriv as derivE, pow as powE } from '../../expr/build';
import { substSym, freeSymbols } from '../../expr/walk';
import type { Context, Definition } from '../../semantics/context';
import type { Defs } from './defs';
import { Q } from './rational';
import {
  Sum, Term, Base, Atom, atom, atomSum, atomBase, sumBase, constant, addS, negS, mulS, powS, expSum, toExpr, together,
  splitContent, termSum, factorSum, cancel, primeAtom, atomsOf, asConstant, ZERO, ONE, sumOf, expShift,
} from './sum';
import { intervalOf } from './interval';
import { differentiate, instantiateDefinition } from './differentiate';
import { unfoldAll } from './limits';
import { unfoldNormal } from './unfold';
import type { RuleBase } from './pattern';
import { unfoldersFor } from './rulebase';
import { matchAll, sideConditionsHold, instantiate } from './match';

/** What the normaliser works under. */
export interface ProverEnv {
  ctx: Context;
  /** Definitions in force: the context's plus the hypotheses the step may use. */
  defs: Defs;
  /** Rules allowed to fire; undefined means all. */
  enabled?: Set<string>;
  /** Rules from `rules/` the rewrite search may apply (`rulebase.ts`); undefined means the shipped ones. */
  rules?: RuleBase;
}

/** Thrown when an expression cannot be given a value (a distribution used as a number, 1/0). */
export class NormalizeError extends Error {}

export class Normalizer {
  readonly used = new Set<string>();
  /** Nesting of rule unfoldings (a rule whose right side contains its left is stopped). */
  private unfolding = 0;
  /** log-atom key -> the base it is the log of (for exp(c log a) = a^c). */
  private readonly logOf = new Map<string, Base>();
  /** power-atom key -> positive base and symbolic exponent (for log(a^w) = w log a). */
  private readonly powOf = new Map<string, { base: Sum; exp: Sum }>();

  constructor(readonly env: ProverEnv) {}

  private on(rule: string): boolean {
    return !this.env.enabled || this.env.enabled.has(rule);
  }
  private fire(rule: string): void {
    this.used.add(rule);
  }
  private positive = (b: Base): boolean => {
    const iv = intervalOf(b.t === 'atom' ? b.atom.expr : toExpr(b.sum), this.env.ctx);
    return iv.lo > 0 || (iv.lo === 0 && iv.loOpen);
  };
  private isPositiveSum(s: Sum): boolean {
    const iv = intervalOf(toExpr(s), this.env.ctx);
    return iv.lo > 0 || (iv.lo === 0 && iv.loOpen);
  }
  private opaque(e: Expr): Sum {
    return atomSum(atom(e));
  }

  /** The normal form of `e`; `depth` counts enclosing binders. */
  norm(e: Expr, depth = 0): Sum {
    switch (e.kind) {
      case 'num': return constant(e.exact ? Q.of(BigInt(e.exact)) : Q.fromNumber(e.value));
      case 'sym': return this.normSym(e.name, depth);
      case 'add': return cancel(addS(...e.terms.map((t) => this.norm(t, depth))));
      case 'neg': return negS(this.norm(e.arg, depth));
      case 'mul': return cancel(this.normProduct(e.factors, depth));
      case 'div': {
        // a power in the denominator is inverted as a power, keeping (1-t)^{-2} a factor rather than expanding (1-t)^2 first
        const inv = e.den.kind === 'pow' ? this.normPow(e.den.base, neg(e.den.exp), depth) : this.inverse(this.norm(e.den, depth), e.den);
        return cancel(mulS(this.norm(e.num, depth), inv));
      }
      case 'pow': return this.normPow(e.base, e.exp, depth);
      case 'apply': return this.normApply(e, depth);
      case 'expect': return this.normExpect(e, depth);
      case 'integral': return this.normIntegral(e, depth);
      case 'deriv': {
        const body = e.body;
        const isAbstract = (body.kind === 'apply' && !this.env.defs.get(body.fn, body.args.length, body.given?.length ?? 0) && !body.primes && !isBuiltin(body.fn)) ||
          (body.kind === 'sym' && !this.env.defs.get(body.name, 0) && body.name !== e.var);
        if (isAbstract) {
          const canon = body.kind === 'apply' ? this.canonApply(body, depth) : body;
          return this.opaque(derivE(e.var, canon));
        }
        return this.norm(differentiate(body, e.var, { ...this.env, fire: (r) => this.fire(r) }), depth);
      }
      case 'kl': {
        // unfolded by a rule from rules/ (kl-definition), or an atom
        const k = { ...e, p: toExpr(this.normDist(e.p, depth)), q: toExpr(this.normDist(e.q, depth)) } as Expr;
        return this.byRule(k, depth) ?? this.opaque(k);
      }
      case 'normal':
        if (!e.arg) throw new NormalizeError('a distribution N(μ, σ²) is not a number; did you mean the density N(x | μ, σ²)?');
        if (!this.on('gaussian-density')) return this.opaque(e);
        this.fire('gaussian-density');
        return this.norm(unfoldNormal(e, this.dimensionOf(e.arg, depth)), depth);
      case 'norm': {
        const arg = toExpr(this.norm(e.arg, depth));
        return this.opaque({ kind: 'norm', arg });
      }
      case 'transpose': return this.opaque({ kind: 'transpose', arg: toExpr(this.norm(e.arg, depth)) });
      case 'eq': throw new NormalizeError('an equation is not a value');
    }
  }

  private inverse(s: Sum, src: Expr): Sum {
    const r = powS(s, Q.of(-1), this.positive);
    if (!r) throw new NormalizeError(`division by zero: ${src.kind}`);
    return r;
  }

  private normSym(name: string, depth: number): Sum {
    const def = this.env.defs.get(name, 0);
    if (def) return this.norm(def.body, depth);
    if (name === 'e' && !this.env.ctx.lookup('e')) return expSum(ONE);
    return this.opaque(sym(name));
  }

  private normPow(base: Expr, expo: Expr, depth: number): Sum {
    const x = this.norm(expo, depth);
    const q = asConstant(x);
    if (base.kind === 'norm' && q && Q.isInt(q) && q.n % 2n === 0n) {
      // \|v\|^{2k} = (v^T v)^k, expanded bilinearly
      const v = this.norm(base.arg, depth);
      const r = powS(this.inner(v, v, base), Q.of(q.n / 2n), this.positive);
      if (r) return r;
    }
    const b = this.norm(base, depth);
    if (q) {
      const r = powS(b, q, this.positive);
      if (r) return r;
      return this.opaque(powE(toExpr(b), toExpr(x)));
    }
    return this.symbolicPower(b, x);
  }

  /** a^w with a symbolic exponent: an atom, remembered so that log(a^w) = w log a (log-power) for a > 0. */
  private symbolicPower(b: Sum, x: Sum): Sum {
    const a = atom(powE(toExpr(b), toExpr(x)));
    if (this.isPositiveSum(b)) this.powOf.set(a.key, { base: b, exp: x });
    return atomSum(a);
  }

  /** A product, where `u^\top` times the next factor is their inner product. */
  private normProduct(factors: Expr[], depth: number): Sum {
    let acc = ONE;
    for (let i = 0; i < factors.length; i++) {
      const f = factors[i];
      if (f.kind === 'transpose' && i + 1 < factors.length) {
        acc = mulS(acc, this.inner(this.norm(f.arg, depth), this.norm(factors[i + 1], depth), f));
        i++;
      } else acc = mulS(acc, this.norm(f, depth));
    }
    return acc;
  }

  /** True when an atom stands for a vector (a declared vector, or a vector-valued function applied). */
  private isVector(a: Atom): boolean {
    const e = a.expr;
    const name = e.kind === 'sym' ? e.name : e.kind === 'apply' ? e.fn : undefined;
    const d = name ? this.env.ctx.lookup(name) : undefined;
    return !!d && (d.kind === 'vector' || d.dim !== undefined);
  }

  /** The inner product of two vector-valued normal forms, expanded bilinearly into atoms u^T v. */
  private inner(u: Sum, v: Sum, src: Expr): Sum {
    const split = (t: Term) => {
      const i = t.factors.findIndex((f) => f.base.t === 'atom' && this.isVector(f.base.atom));
      if (i < 0 || !Q.isOne(t.factors[i].pow) || t.factors.some((f, j) => j !== i && f.base.t === 'atom' && this.isVector(f.base.atom))) {
        throw new NormalizeError(`not a vector: a term of ${src.kind === 'norm' ? 'the norm' : 'the inner product'} has no single vector factor`);
      }
      const vec = (t.factors[i].base as { atom: Atom }).atom;
      const scalar = t.factors.filter((_, j) => j !== i).reduce((acc, f) => mulS(acc, factorSum(f.base, f.pow)), constant(t.coef));
      return { vec, scalar: t.exp ? mulS(scalar, expSum(t.exp)) : scalar };
    };
    let out = ZERO;
    for (const a of u.terms.map(split)) {
      for (const b of v.terms.map(split)) {
        const [p, q] = a.vec.key <= b.vec.key ? [a.vec, b.vec] : [b.vec, a.vec];
        const ip = atomSum(atom({ kind: 'mul', factors: [{ kind: 'transpose', arg: p.expr }, q.expr] }));
        out = addS(out, mulS(mulS(a.scalar, b.scalar), ip));
      }
    }
    return out;
  }

  /** The dimension of the vectors in `e` (their declared dim), or the symbol d. */
  private dimensionOf(e: Expr | null, depth: number): Expr {
    if (!e) return sym('d');
    for (const a of atomsOf(this.norm(e, depth)).values()) {
      if (!this.isVector(a)) continue;
      const x = a.expr;
      const d = this.env.ctx.lookup(x.kind === 'sym' ? x.name : (x as Apply).fn)?.dim;
      if (d !== undefined) return typeof d === 'number' ? num(d) : sym(d);
    }
    return num(1);
  }

  private canonApply(e: Apply, depth: number): Apply {
    const args = e.args.map((a) => toExpr(this.norm(a, depth)));
    const given = e.given?.map((a) => toExpr(this.norm(a, depth)));
    return { kind: 'apply', fn: this.env.ctx.resolveAlias(e.fn), args, ...(e.primes ? { primes: e.primes } : {}), ...(given ? { given } : {}) };
  }

  private normApply(e: Apply, depth: number): Sum {
    const fn = this.env.ctx.resolveAlias(e.fn);
    const def = this.env.defs.get(fn, e.args.length, e.given?.length ?? 0);
    if (def) {
      if (e.primes) {
        return this.norm(differentiateDefinition(def, e.primes, e.args, { ...this.env, fire: (r) => this.fire(r) }), depth);
      }
      return this.norm(instantiateDefinition([...def.params, ...(def.given ?? [])], def.body, [...e.args, ...(e.given ?? [])]), depth);
    }
    const arg = () => this.norm(e.args[0], depth);
    if (!e.primes) {
      switch (fn) {
        case '\\log': case '\\ln': return this.logOf_(arg());
        case '\\exp': return this.expOf(arg());
        case '\\sqrt': {
          const a = arg();
          return powS(a, Q.of(1, 2), this.positive) ?? this.opaque(apply('\\sqrt', [toExpr(a)]));
        }
      }
    }
    const decl = this.env.ctx.lookup(fn);
    if (!e.primes && decl?.kind === 'density' && (decl.arity ?? 1) >= 2 && e.args.length >= 2 && this.on('product-rule')) {
      // the chain rule of a joint density: p(a, b… | g) = p(a | b…, g) p(b… | g) (positional forms, see check/density-forms.ts)
      this.fire('product-rule');
      const [first, ...rest] = e.args;
      const given = e.given ?? [];
      return this.norm({ kind: 'mul', factors: [apply(fn, [first], { given: [...rest, ...given] }), apply(fn, rest, given.length ? { given } : {})] }, depth);
    }
    // \sigma, \sigma' and other applications are unfolded by rules from rules/ (sigmoid-definition, …), or atoms
    const c = this.canonApply(e, depth);
    return this.byRule(c, depth) ?? this.opaque(c);
  }

  /**
   * The first rule marked `unfold` (`rulebase.ts`) whose left side matches the
   * canonical expression `e` with its side conditions holding: the normal form
   * of its right side; null when none applies.
   */
  private byRule(e: Expr, depth: number): Sum | null {
    for (const rw of unfoldersFor(this.env, e.kind)) {
      for (const b of matchAll(rw, e)) {
        if (!sideConditionsHold(rw, b, this.env)) continue;
        let inst: Expr;
        try {
          inst = instantiate(rw, b);
        } catch {
          continue; // the match cannot be written out (f' of a function that has no name)
        }
        if (++this.unfolding > 64) throw new NormalizeError(`rule "${rw.name}" unfolds without end`);
        this.fire(rw.name);
        try {
          return this.norm(inst, depth);
        } finally {
          this.unfolding--;
        }
      }
    }
    return null;
  }

  /** log of a normal form: split over products of positive factors, or an opaque log atom. */
  private logOf_(s: Sum): Sum {
    const whole = () => {
      const a = atom(apply('\\log', [toExpr(s)]));
      return atomSum(a);
    };
    if (!s.terms.length) throw new NormalizeError('log of zero');
    let out = ZERO;
    let t: Term;
    let rest: Sum = ONE;
    if (s.terms.length === 1) t = s.terms[0];
    else {
      if (!this.isPositiveSum(s)) return whole();
      const { num: n, den } = together(cancel(s), true);
      if (den.length) {
        if (!this.on('log-quotient') || !den.every((f) => this.positive(f.base))) return whole();
        this.fire('log-quotient');
        for (const f of den) out = addS(out, mulS(constant(f.pow), this.logBase(f.base)));
      }
      const split = splitContent(n);
      t = split.content;
      rest = split.primitive;
      if (Q.sign(t.coef) < 0) {
        t = { ...t, coef: Q.neg(t.coef) };
        rest = negS(rest);
      }
    }
    if (Q.sign(t.coef) <= 0) return whole();
    if (!t.factors.every((f) => this.positive(f.base))) return whole();
    const pieces = t.factors.length + (Q.isOne(t.coef) ? 0 : 1) + (t.exp ? 1 : 0) + (rest.terms.length > 1 ? 1 : 0);
    const needs: string[] = [];
    if (pieces > 1) needs.push(t.factors.some((f) => Q.sign(f.pow) < 0) || !Q.isInt(t.coef) ? 'log-quotient' : 'log-product');
    if (t.factors.some((f) => !Q.isOne(f.pow) && !Q.eq(f.pow, Q.of(-1)))) needs.push('log-power');
    if (t.factors.some((f) => Q.eq(f.pow, Q.of(-1))) && !needs.includes('log-quotient')) needs.push('log-quotient');
    if (t.exp) needs.push('log-exp');
    if (!needs.every((r) => this.on(r))) return whole();
    needs.forEach((r) => this.fire(r));
    out = addS(out, this.logRational(t.coef));
    for (const f of t.factors) out = addS(out, mulS(constant(f.pow), this.logBase(f.base)));
    if (t.exp) out = addS(out, t.exp);
    if (rest.terms.length > 1) out = addS(out, this.logBase(sumBase(rest)));
    return out;
  }

  private logBase(b: Base): Sum {
    const p = b.t === 'atom' ? this.powOf.get(b.key) : undefined;
    if (p && this.on('log-power')) {
      this.fire('log-power');
      return mulS(p.exp, this.logOf_(p.base));
    }
    if (b.t === 'sum') {
      const { shift, rep } = expShift(b.sum);
      if (shift && this.on('log-product') && this.on('log-exp')) {
        // log(e^c u) = c + log u: 1 + e^{h} and e^{h}(1 + e^{-h}) give one log atom
        this.fire('log-product');
        this.fire('log-exp');
        return addS(shift, this.logBase(sumBase(rep)));
      }
    }
    const a = atom(apply('\\log', [b.t === 'atom' ? b.atom.expr : toExpr(b.sum)]));
    this.logOf.set(a.key, b);
    return atomSum(a);
  }

  private logRational(q: { n: bigint; d: bigint }): Sum {
    let out = ZERO;
    for (const [n, sign] of [[q.n, 1n], [q.d, -1n]] as const) {
      if (n === 1n) continue;
      const f = factorIntSmall(n);
      if (!f) { out = addS(out, mulS(constant(Q.of(sign)), this.logBase(atomBase(atom(num(Number(n))))))); continue; }
      for (const [p, e] of f) out = addS(out, mulS(constant(Q.of(sign * e)), this.logBase(atomBase(primeAtom(p)))));
    }
    return out;
  }

  /** exp of a normal form: terms c·log(a) become a^c (for a > 0), the rest an exponential part. */
  private expOf(s: Sum): Sum {
    let out = ONE;
    const rest: Term[] = [];
    for (const t of s.terms) {
      const f = t.factors[0];
      const base = t.factors.length === 1 && !t.exp && Q.isOne(f.pow) && f.base.t === 'atom' ? this.logOf.get(f.base.key) : undefined;
      if (base && this.on('exp-log')) {
        this.fire('exp-log');
        out = mulS(out, factorSum(base, t.coef));
        continue;
      }
      const logIdx = t.factors.findIndex((g) => Q.isOne(g.pow) && g.base.t === 'atom' && this.logOf.has(g.base.key));
      if (logIdx >= 0 && !t.exp && this.on('exp-log')) {
        // exp(w log a) = a^w for a symbolic w free of the log
        const lb = this.logOf.get(t.factors[logIdx].base.key)!;
        const w = t.factors.filter((_, i) => i !== logIdx).reduce((acc, g) => mulS(acc, factorSum(g.base, g.pow)), constant(t.coef));
        this.fire('exp-log');
        out = mulS(out, this.symbolicPower(lb.t === 'atom' ? atomSum(lb.atom) : lb.sum, w));
        continue;
      }
      rest.push(t);
    }
    return rest.length ? mulS(out, expSum(sumOf(rest))) : out;
  }

  /** A distribution in canonical form: a density name, or N(mean, var) with normalised parameters. */
  private normDist(d: Expr, depth: number): Sum {
    return atomSum(atom(this.canonDist(d, depth)));
  }
  private canonDist(d: Expr, depth: number): Expr {
    if (d.kind === 'sym') {
      const name = this.env.ctx.resolveAlias(d.name);
      const def = this.env.defs.get(name, 1);
      // a density defined as a Gaussian is that Gaussian distribution
      if (def && def.body.kind === 'normal' && def.body.arg?.kind === 'sym' && def.body.arg.name === def.params[0]) {
        return this.canonDist({ kind: 'normal', arg: null, mean: def.body.mean, cov: def.body.cov }, depth);
      }
      return sym(name);
    }
    if (d.kind === 'normal' && !d.arg) {
      return { kind: 'normal', arg: null, mean: toExpr(this.norm(d.mean, depth)), cov: toExpr(this.norm(d.cov, depth)) };
    }
    throw new NormalizeError('expected a distribution (a density name or N(μ, σ²))');
  }

  private normExpect(e: Expect, depth: number): Sum {
    if (!e.var || !e.dist) throw new NormalizeError('an expectation whose variable or distribution is unknown');
    const dist = this.canonDist(e.dist, depth);
    // definitions are unfolded before the bound variable is renamed, so that a
    // definition mentioning it by name (f_x(t) := … p(x) …) sees the bound one
    const raw = unfoldAll(e.body, this.env);
    depth = innerDepth(raw, e.var, depth);
    const b = `#b${depth}`;
    const body = this.norm(substSym(raw, e.var, sym(b)), depth + 1);
    return this.expectTerms(body, b, dist, depth);
  }

  /** E_{b \sim dist}[body] for a normalised body: linearity, constants, Gaussian moments. */
  private expectTerms(raw: Sum, b: string, dist: Expr, depth: number): Sum {
    // over a common denominator first, so that x/(1+x) and 1 - 1/(1+x) split into the same terms
    const { num: top, den } = together(cancel(raw));
    const body = den.length ? mulS(top, factorsSum(den)) : top;
    if (body.terms.length > 1 && !this.on('expectation-linearity')) {
      return this.opaque(expectE(b, dist, toExpr(body)));
    }
    if (body.terms.length > 1) this.fire('expectation-linearity');
    let out = ZERO;
    for (const t of body.terms) {
      const { free, dep } = splitTerm(t, b);
      if (!dep) {
        if (!this.on('expectation-constant')) { out = addS(out, this.opaque(expectE(b, dist, toExpr(termSum(t))))); continue; }
        this.fire('expectation-constant');
        out = addS(out, termSum(free));
        continue;
      }
      const hasFree = !Q.isOne(free.coef) || free.factors.length > 0 || !!free.exp;
      if (hasFree && !this.on('expectation-linearity')) { out = addS(out, this.opaque(expectE(b, dist, toExpr(termSum(t))))); continue; }
      if (hasFree) this.fire('expectation-linearity');
      out = addS(out, mulS(termSum(free), this.moment(dep, b, dist, depth)));
    }
    return out;
  }

  /** E_{b \sim dist}[dep] for one term: by a rule from rules/ (gaussian-mean, …), or an atom. */
  private moment(dep: Term, b: string, dist: Expr, depth: number): Sum {
    const e = expectE(b, dist, toExpr(termSum(dep)));
    return this.byRule(e, depth) ?? this.opaque(e);
  }

  private normIntegral(e: Integral, depth: number): Sum {
    const raw = unfoldAll(e.body, this.env);
    depth = innerDepth(raw, e.var, depth);
    const b = `#b${depth}`;
    const body = this.norm(substSym(raw, e.var, sym(b)), depth + 1);
    let out = ZERO;
    for (const t of body.terms) {
      const { free, dep } = splitTerm(t, b);
      const densityIdx = dep ? dep.factors.findIndex((f) => this.isDensityAt(f, b)) : -1;
      if (dep && densityIdx >= 0 && this.on('integral-as-expectation')) {
        this.fire('integral-as-expectation');
        const f = dep.factors[densityIdx];
        const restNorm = mulS(termSum(dep), factorSum(f.base, Q.of(-1)));
        const dist = sym(((f.base as { atom: Atom }).atom.expr as Apply).fn);
        out = addS(out, mulS(termSum(free), this.expectTerms(restNorm, b, dist, depth)));
      } else {
        out = addS(out, this.opaque(integralE(b, toExpr(termSum(t)))));
      }
    }
    return out;
  }

  private isDensityAt(f: { base: Base; pow: { n: bigint; d: bigint } }, b: string): boolean {
    if (f.base.t !== 'atom' || !Q.isOne(f.pow)) return false;
    const x = f.base.atom.expr;
    if (x.kind !== 'apply' || x.args.length !== 1 || x.given) return false;
    const a = x.args[0];
    return a.kind === 'sym' && a.name === b && this.env.ctx.lookup(x.fn)?.kind === 'density';
  }
}

/** The product of factors, as a one-term sum. */
function factorsSum(fs: { base: Base; pow: { n: bigint; d: bigint } }[]): Sum {
  return fs.reduce((acc, f) => mulS(acc, factorSum(f.base, f.pow)), ONE);
}

/**
 * The depth at which a binder's variable is named: just past the outer bound
 * variables its body mentions, so an inner E_{x~p}[x] independent of the outer
 * variables is the same atom as the same expectation written at top level.
 */
function innerDepth(body: Expr, own: string, depth: number): number {
  let d = 0;
  for (const n of freeSymbols(body)) {
    const m = /^#b(\d+)$/.exec(n);
    if (m && n !== own && Number(m[1]) < depth) d = Math.max(d, Number(m[1]) + 1);
  }
  return d;
}

function isBuiltin(fn: string): boolean {
  return fn === '\\log' || fn === '\\ln' || fn === '\\exp' || fn === '\\sqrt' || fn === '\\sigma' || fn === '\\abs' || fn === 'sign';
}

/** Splits a term into the part free of the bound variable `b` and the part that depends on it (null when none). */
function splitTerm(t: Term, b: string): { free: Term; dep: Term | null } {
  const mentions = (x: Base) => (x.t === 'atom' ? freeSymbols(x.atom.expr).has(b) || x.key === b : freeSymbols(toExpr(x.sum)).has(b));
  const freeF = t.factors.filter((f) => !mentions(f.base));
  const depF = t.factors.filter((f) => mentions(f.base));
  let freeExp: Sum | null = null;
  let depExp: Sum | null = null;
  if (t.exp) {
    const fe = t.exp.terms.filter((x) => !freeSymbols(toExpr(termSum(x))).has(b));
    const de = t.exp.terms.filter((x) => freeSymbols(toExpr(termSum(x))).has(b));
    freeExp = fe.length ? sumOf(fe) : null;
    depExp = de.length ? sumOf(de) : null;
  }
  const free = mkTermPublic(t.coef, freeF, freeExp);
  const dep = depF.length || depExp ? mkTermPublic(Q.ONE, depF, depExp) : null;
  return { free, dep };
}

function mkTermPublic(coef: { n: bigint; d: bigint }, factors: Term['factors'], e: Sum | null): Term {
  let s: Sum = constant(coef);
  for (const f of factors) s = mulS(s, factorSum(f.base, f.pow));
  if (e) s = mulS(s, expSum(e));
  return s.terms[0];
}

function factorIntSmall(n: bigint): Map<bigint, bigint> | null {
  if (n > 10n ** 9n) return null;
  const out = new Map<bigint, bigint>();
  let m = n;
  for (let p = 2n; p * p <= m; p++) while (m % p === 0n) { out.set(p, (out.get(p) ?? 0n) + 1n); m /= p; }
  if (m > 1n) out.set(m, (out.get(m) ?? 0n) + 1n);
  return out;
}

/** The k-th derivative of a one-parameter definition, applied to arguments. */
function differentiateDefinition(def: Definition, primes: number, args: Expr[], env: Parameters<typeof differentiate>[2]): Expr {
  if (def.params.length !== 1) throw new NormalizeError(`${def.name}' needs a function of one argument`);
  let body = def.body;
  for (let i = 0; i < primes; i++) body = differentiate(body, def.params[0], env);
  return instantiateDefinition(def.params, body, args);
}

