/**
 * Matching a rule's pattern against a canonical expression, checking the
 * rule's side conditions, and instantiating the other side.
 *
 * Strategy: structural matching with backtracking, returning every set of
 * bindings. Sums and products match modulo commutativity and associativity:
 * the pattern's terms are assigned injectively to the target's, and an
 * unbound quantity metavariable may take several target terms at once (their
 * sum or product) or none (0 or 1). Binders match binders, their variables paired up, so a
 * quantity metavariable never captures a variable the pattern binds (in
 * `E_{x\sim p}[c f(x)]`, `c` is free of `x`). A function metavariable applied
 * to bound variables (`f(x)`) matches any body and binds a function
 * (parameters and body); applied to other arguments it matches an application
 * of one named function. A density metavariable binds a density name or a
 * Gaussian distribution. Side conditions come from the metavariables'
 * declarations: domains by `interval.ts`, densities by the target's
 * declarations, "does not depend on θ" by `depends.ts`.
 *
 * @example
 *   const [b] = matchAll(rw.pattern, target, { ctx, defs });
 *   b && sideConditionsHold(rw, b, { ctx, defs }) && instantiate(rw, b)
 */
import type { Expr, Apply } from '../../expr/types';
import { apply as applyE, add, mul, sym, num } from '../../expr/build';
import { exprKey } from '../../expr/equal';
import { children, withChildren, freeSymbols, substSym } from '../../expr/walk';
import type { SymbolDecl } from '../../semantics/context';
import { intervalOf } from './interval';
import { dependsOn, nameDependsOn, DepEnv } from './depends';
import { instantiateDefinition } from './differentiate';
import type { Rewrite } from './pattern';

/** What a metavariable stands for: an expression, or a function (parameters and body). */
export type Bound = { t: 'expr'; e: Expr } | { t: 'fn'; params: string[]; body: Expr };

/** Bindings of metavariables, and the pairing of pattern-bound to target-bound variables. */
export interface Bindings {
  m: Map<string, Bound>;
  vars: Map<string, string>;
}

const MAX_AC = 8;

const empty = (): Bindings => ({ m: new Map(), vars: new Map() });
const clone = (b: Bindings): Bindings => ({ m: new Map(b.m), vars: new Map(b.vars) });

/** Every way `pattern` matches `target` (at the root). */
export function matchAll(rw: Pick<Rewrite, 'pattern' | 'metas'>, target: Expr): Bindings[] {
  return new Matcher(rw.metas).match(rw.pattern, target, empty());
}

/**
 * Matches a sum or product pattern against some of the target's terms (the
 * rest is left alone): each result gives the bindings and the indices of the
 * target terms the pattern took.
 */
export function matchPart(rw: Pick<Rewrite, 'pattern' | 'metas'>, target: Expr): { b: Bindings; used: number[] }[] {
  const p = rw.pattern;
  const ps = p.kind === 'add' ? p.terms : p.kind === 'mul' ? p.factors : null;
  const ts = target.kind === 'add' ? target.terms : target.kind === 'mul' ? target.factors : null;
  if (!ps || !ts || p.kind !== target.kind || ts.length <= ps.length) return [];
  const m = new Matcher(rw.metas);
  const out: { b: Bindings; used: number[] }[] = [];
  const go = (i: number, b: Bindings, used: number[]) => {
    if (out.length > 16) return;
    if (i === ps.length) { out.push({ b, used }); return; }
    for (let j = 0; j < ts.length; j++) {
      if (used.includes(j)) continue;
      for (const b2 of m.match(ps[i], ts[j], b)) go(i + 1, b2, [...used, j]);
    }
  };
  go(0, empty(), []);
  return out;
}

class Matcher {
  constructor(private readonly metas: Map<string, SymbolDecl>) {}

  private kind(name: string): SymbolDecl['kind'] | undefined {
    return this.metas.get(name)?.kind;
  }
  private isQuantity(name: string): boolean {
    const k = this.kind(name);
    return k === 'constant' || k === 'variable' || k === 'parameter' || k === 'vector';
  }
  /** True when `e` mentions a target variable that the pattern binds (it would escape its binder). */
  private captures(e: Expr, b: Bindings): boolean {
    if (!b.vars.size) return false;
    const fs = freeSymbols(e);
    for (const v of b.vars.values()) if (fs.has(v)) return true;
    return false;
  }
  private bindExpr(name: string, e: Expr, b: Bindings): Bindings[] {
    const prev = b.m.get(name);
    if (prev) return prev.t === 'expr' && exprKey(prev.e) === exprKey(e) ? [b] : [];
    if (this.captures(e, b)) return [];
    const nb = clone(b);
    nb.m.set(name, { t: 'expr', e });
    return [nb];
  }

  match(p: Expr, t: Expr, b: Bindings): Bindings[] {
    switch (p.kind) {
      case 'sym': {
        if (b.vars.has(p.name)) return t.kind === 'sym' && t.name === b.vars.get(p.name) ? [b] : [];
        if (this.isQuantity(p.name)) return this.bindExpr(p.name, t, b);
        if (this.kind(p.name) === 'density') return this.matchDist(p.name, t, b);
        return t.kind === 'sym' && t.name === p.name ? [b] : [];
      }
      case 'num': return t.kind === 'num' && t.value === p.value ? [b] : [];
      case 'apply': return this.matchApply(p, t, b);
      case 'add': case 'mul': return this.matchAC(p.kind === 'add' ? p.terms : p.factors, t, p.kind, b);
      case 'expect': {
        if (t.kind !== 'expect' || !p.var || !t.var || !p.dist || !t.dist) return [];
        return this.match(p.dist, t.dist, b).flatMap((b1) => this.underBinder(p.var!, t.var!, p.body, t.body, b1));
      }
      case 'integral':
        return t.kind === 'integral' ? this.underBinder(p.var, t.var, p.body, t.body, b) : [];
      case 'deriv': {
        if (t.kind !== 'deriv') return [];
        const bs = this.kind(p.var) === 'parameter' || this.kind(p.var) === 'variable' ? this.bindExpr(p.var, sym(t.var), b) : p.var === t.var ? [b] : [];
        return bs.flatMap((b1) => this.match(p.body, t.body, b1));
      }
      default: {
        if (t.kind !== p.kind) return [];
        if (p.kind === 'normal' && t.kind === 'normal' && !p.arg !== !t.arg) return [];
        return this.matchList(children(p), children(t), b);
      }
    }
  }

  private matchList(ps: Expr[], ts: Expr[], b: Bindings): Bindings[] {
    if (ps.length !== ts.length) return [];
    let states = [b];
    for (let i = 0; i < ps.length && states.length; i++) states = states.flatMap((s) => this.match(ps[i], ts[i], s));
    return states;
  }

  private underBinder(pv: string, tv: string, pb: Expr, tb: Expr, b: Bindings): Bindings[] {
    const nb = clone(b);
    nb.vars.set(pv, tv);
    return this.match(pb, tb, nb).map((r) => {
      const out = clone(r);
      if (b.vars.has(pv)) out.vars.set(pv, b.vars.get(pv)!);
      else out.vars.delete(pv);
      return out;
    });
  }

  /** A density metavariable: a density name, or a Gaussian distribution. */
  private matchDist(name: string, t: Expr, b: Bindings): Bindings[] {
    if (t.kind === 'sym' || (t.kind === 'normal' && !t.arg)) return this.bindExpr(name, t, b);
    return [];
  }

  private matchApply(p: Apply, t: Expr, b: Bindings): Bindings[] {
    const k = this.kind(p.fn);
    if (k === 'density') {
      if (t.kind === 'normal' && t.arg && p.args.length === 1 && !p.given) {
        return this.matchDist(p.fn, { kind: 'normal', arg: null, mean: t.mean, cov: t.cov }, b).flatMap((b1) => this.match(p.args[0], t.arg!, b1));
      }
      if (t.kind !== 'apply' || t.primes || (p.given?.length ?? 0) !== (t.given?.length ?? 0)) return [];
      return this.matchDist(p.fn, sym(t.fn), b).flatMap((b1) => this.matchList([...p.args, ...(p.given ?? [])], [...t.args, ...(t.given ?? [])], b1));
    }
    if (k === 'function') {
      const prev = b.m.get(p.fn);
      const vars = p.args.map((a) => (a.kind === 'sym' ? b.vars.get(a.name) : undefined));
      const higher = !p.primes && !p.given && vars.every((v): v is string => !!v) && new Set(vars).size === vars.length;
      if (higher) {
        // f(x) with x bound by the pattern: f is the target body as a function of the paired variables
        if (prev) return prev.t === 'fn' && exprKey(instantiateDefinition(prev.params, prev.body, vars.map((v) => sym(v)))) === exprKey(t) ? [b] : [];
        const others = [...b.vars.values()].filter((v) => !vars.includes(v));
        const fs = freeSymbols(t);
        if (others.some((v) => fs.has(v))) return [];
        const nb = clone(b);
        nb.m.set(p.fn, { t: 'fn', params: vars, body: t });
        return [nb];
      }
      if (t.kind !== 'apply' || t.args.length !== p.args.length || (t.primes ?? 0) !== (p.primes ?? 0) || (p.given?.length ?? 0) !== (t.given?.length ?? 0)) return [];
      const params = t.args.map((_, i) => `#f${i}`);
      const fnB: Bound = { t: 'fn', params, body: applyE(t.fn, params.map((x) => sym(x))) };
      if (prev && !(prev.t === 'fn' && exprKey(instantiateDefinition(prev.params, prev.body, params.map((x) => sym(x)))) === exprKey(fnB.body))) return [];
      const nb = clone(b);
      nb.m.set(p.fn, fnB);
      return this.matchList(p.args, t.args, nb);
    }
    if (t.kind !== 'apply' || t.fn !== p.fn || (t.primes ?? 0) !== (p.primes ?? 0) || (p.given?.length ?? 0) !== (t.given?.length ?? 0)) return [];
    return this.matchList([...p.args, ...(p.given ?? [])], [...t.args, ...(t.given ?? [])], b);
  }

  /** A sum or product modulo commutativity and associativity. */
  private matchAC(ps: Expr[], t: Expr, kind: 'add' | 'mul', b: Bindings): Bindings[] {
    const ts = t.kind === kind ? (t.kind === 'add' ? t.terms : (t as { factors: Expr[] }).factors) : [t];
    if (ts.length > MAX_AC) return [];
    // an unbound quantity metavariable can absorb what is left; it is matched last
    const absorbIdx = ps.findIndex((x) => x.kind === 'sym' && this.isQuantity(x.name) && !b.vars.has(x.name) && !b.m.has(x.name));
    const fixed = absorbIdx >= 0 ? ps.filter((_, i) => i !== absorbIdx) : ps;
    if (absorbIdx < 0 && ts.length !== ps.length) return [];
    if (absorbIdx >= 0 && ts.length < ps.length - 1) return [];
    const out: Bindings[] = [];
    const go = (i: number, s: Bindings, used: boolean[]) => {
      if (out.length > 32) return;
      if (i === fixed.length) {
        const rest = ts.filter((_, j) => !used[j]);
        if (absorbIdx < 0) { out.push(s); return; }
        const name = (ps[absorbIdx] as { name: string }).name;
        // nothing left: the metavariable is the unit of the operation (t x matches x with t = 1)
        const whole = rest.length === 0 ? num(kind === 'add' ? 0 : 1) : rest.length === 1 ? rest[0] : kind === 'add' ? add(...rest) : mul(...rest);
        out.push(...this.match(sym(name), whole, s));
        return;
      }
      for (let j = 0; j < ts.length; j++) {
        if (used[j]) continue;
        for (const s2 of this.match(fixed[i], ts[j], s)) {
          const u = [...used];
          u[j] = true;
          go(i + 1, s2, u);
        }
      }
    };
    go(0, b, ts.map(() => false));
    return out;
  }
}

/** The bound value of a quantity metavariable, or the expression a function binding stands for. */
function boundExpr(x: Bound): Expr {
  return x.t === 'expr' ? x.e : x.body;
}

/**
 * True when the bindings satisfy the rule's side conditions: each
 * metavariable's domain (by interval analysis in the target's context), each
 * density metavariable bound to a declared density or a Gaussian, and each
 * quantity or function free of the rule's parameters it is declared free of.
 */
export function sideConditionsHold(rw: Pick<Rewrite, 'metas'>, b: Bindings, env: DepEnv): boolean {
  const params = [...rw.metas.values()].filter((d) => d.kind === 'parameter');
  for (const [name, x] of b.m) {
    const d = rw.metas.get(name)!;
    const e = boundExpr(x);
    if (d.kind === 'density') {
      if (e.kind === 'sym' && env.ctx.lookup(e.name)?.kind !== 'density') return false;
    }
    if (d.domain && d.domain !== 'real' && !inDomain(e, d.domain, env)) return false;
    if (d.kind === 'function' || d.kind === 'density' || d.kind === 'constant') {
      for (const p of params) {
        if (d.dependsOn?.includes(p.name)) continue;
        const pb = b.m.get(p.name);
        if (!pb) continue;
        const pn = boundExpr(pb);
        if (pn.kind !== 'sym') return false;
        const dep = e.kind === 'sym' && d.kind === 'density' ? nameDependsOn(e.name, pn.name, env) : dependsOn(e, pn.name, env);
        if (dep) return false;
      }
    }
  }
  return true;
}

function inDomain(e: Expr, domain: string, env: DepEnv): boolean {
  const iv = intervalOf(e, env.ctx);
  const pos = iv.lo > 0 || (iv.lo === 0 && iv.loOpen);
  switch (domain) {
    case 'positive': return pos;
    case 'nonnegative': return iv.lo >= 0;
    case 'nonzero': return pos || iv.hi < 0 || (iv.hi === 0 && iv.hiOpen);
    case 'unit': return (iv.lo > 0 || (iv.lo === 0 && iv.loOpen)) && (iv.hi < 1 || (iv.hi === 1 && iv.hiOpen));
    default: return true;
  }
}

let fresh = 0;

/** The rewrite's other side with the bindings substituted (its own bound variables renamed apart first). */
export function instantiate(rw: Pick<Rewrite, 'template' | 'metas'>, b: Bindings): Expr {
  const sub = (e: Expr): Expr => {
    switch (e.kind) {
      case 'sym': {
        const x = b.m.get(e.name);
        return x && x.t === 'expr' ? x.e : e;
      }
      case 'expect': case 'integral': {
        if (!e.var) break;
        const v = `#r${fresh++}`;
        const body = sub(substSym(e.body, e.var, sym(v)));
        return e.kind === 'expect' ? { ...e, var: v, dist: e.dist ? sub(e.dist) : e.dist, body } : { ...e, var: v, body };
      }
      case 'deriv': {
        const x = b.m.get(e.var);
        const v = x && x.t === 'expr' && x.e.kind === 'sym' ? x.e.name : e.var;
        return { ...e, var: v, body: sub(e.body) };
      }
      case 'apply': {
        const x = b.m.get(e.fn);
        const args = e.args.map(sub);
        const given = e.given?.map(sub);
        if (!x) return { ...e, args, ...(given ? { given } : {}) };
        if (x.t === 'fn') {
          if (!e.primes) return instantiateDefinition(x.params, x.body, args);
          // f' needs f to be a named function
          if (x.body.kind !== 'apply' || x.body.primes) throw new Error(`cannot write the derivative of ${e.fn} as matched`);
          return { kind: 'apply', fn: x.body.fn, args, primes: e.primes };
        }
        if (x.e.kind === 'normal') return { kind: 'normal', arg: args[0], mean: x.e.mean, cov: x.e.cov };
        if (x.e.kind === 'sym') return { ...e, fn: x.e.name, args, ...(given ? { given } : {}) };
        return e;
      }
      default: break;
    }
    const cs = children(e);
    return cs.length ? withChildren(e, cs.map(sub)) : e;
  };
  return sub(rw.template);
}
