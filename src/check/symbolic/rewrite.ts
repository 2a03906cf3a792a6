/**
 * The bounded rewrite search: rules from `rules/` applied where the normal
 * form alone does not decide a step.
 *
 * Strategy (a small saturation, after egg's `Runner` with its node and
 * iteration limits, but over normal forms rather than an e-graph): a state is
 * the canonical expression of a normal form (the difference of a step's two
 * sides). Each rewrite, in each of its directions, is tried at every
 * sub-expression of a state (sums and products also at any subset of their
 * terms, modulo commutativity and associativity); a match whose side
 * conditions hold gives a new expression, which the normaliser brings back to
 * normal form. The goal test is the caller's (a zero difference, or one free
 * of θ), so the last step of every proof is the normal-form comparison. The
 * search is breadth first, with limits on depth, states and matches; states
 * are deduplicated by their normal form's key. The path to the goal records
 * which rules fired, in order, like egg's explanations.
 *
 * @example
 *   const r = searchRewrites(n, diff, base.rewrites, isZero, env);
 *   r && r.rules   // ['gaussian-mgf']
 */
import type { Expr } from '../../expr/types';
import { add } from '../../expr/build';
import { children, withChildren } from '../../expr/walk';
import type { Normalizer } from './normalize';
import { Sum, toExpr } from './sum';
import type { Rewrite } from './pattern';
import type { DepEnv } from './depends';
import { matchAll, matchPart, sideConditionsHold, instantiate } from './match';

/** Limits of one search (egg's iteration and node limits). */
export interface SearchLimits {
  /** Rewrites applied along one path. */
  depth: number;
  /** Distinct normal forms visited. */
  states: number;
  /** Candidate rewrites tried from one state. */
  perState: number;
}

export const DEFAULT_LIMITS: SearchLimits = { depth: 3, states: 48, perState: 64 };

/** What a successful search found: the rules that fired, in order. */
export interface SearchResult {
  rules: string[];
  final: Sum;
}

/** Searches for a sequence of rewrites that brings `start` to a normal form satisfying `goal`. */
export function searchRewrites(
  n: Normalizer, start: Sum, rewrites: Rewrite[], goal: (s: Sum) => boolean, env: DepEnv, limits: SearchLimits = DEFAULT_LIMITS,
): SearchResult | null {
  if (!rewrites.length) return null;
  const seen = new Set<string>([start.key]);
  let frontier: { s: Sum; rules: string[] }[] = [{ s: start, rules: [] }];
  for (let d = 0; d < limits.depth && frontier.length; d++) {
    const next: typeof frontier = [];
    for (const st of frontier) {
      for (const { expr, rule } of safe(() => successors(toExpr(st.s), rewrites, env, limits.perState))) {
        let s: Sum;
        try {
          s = n.norm(expr);
        } catch {
          continue; // a rewrite whose result cannot be read is not a step of a proof
        }
        if (seen.has(s.key)) continue;
        seen.add(s.key);
        const rules = [...st.rules, rule];
        if (goal(s)) return { rules, final: s };
        if (seen.size >= limits.states) return null;
        next.push({ s, rules });
      }
    }
    frontier = next;
  }
  return null;
}

/** The successors, stopping (rather than failing the step) if matching or instantiating throws. */
function* safe<T>(gen: () => Generator<T>): Generator<T> {
  const it = gen();
  for (;;) {
    let r: IteratorResult<T>;
    try {
      r = it.next();
    } catch {
      return;
    }
    if (r.done) return;
    yield r.value;
  }
}

/** Every expression one rewrite away from `e`. */
function* successors(e: Expr, rewrites: Rewrite[], env: DepEnv, max: number): Generator<{ expr: Expr; rule: string }> {
  let count = 0;
  for (const { node, rebuild } of positions(e)) {
    for (const rw of rewrites) {
      if (rw.head === node.kind) {
        for (const b of matchAll(rw, node)) {
          if (!sideConditionsHold(rw, b, env)) continue;
          yield { expr: rebuild(instantiate(rw, b)), rule: rw.name };
          if (++count >= max) return;
        }
      }
      if (rw.head === node.kind && (node.kind === 'add' || node.kind === 'mul')) {
        for (const { b, used } of matchPart(rw, node)) {
          if (!sideConditionsHold(rw, b, env)) continue;
          const items = node.kind === 'add' ? node.terms : node.factors;
          const rest = items.filter((_, j) => !used.includes(j));
          const inst = instantiate(rw, b);
          yield { expr: rebuild(node.kind === 'add' ? add(inst, ...rest) : { kind: 'mul', factors: [inst, ...rest] }), rule: rw.name };
          if (++count >= max) return;
        }
      }
    }
  }
}

/** Every sub-expression of `e` with a function that puts a replacement in its place. */
function* positions(e: Expr, rebuild: (x: Expr) => Expr = (x) => x): Generator<{ node: Expr; rebuild: (x: Expr) => Expr }> {
  yield { node: e, rebuild };
  const cs = children(e);
  for (let i = 0; i < cs.length; i++) {
    yield* positions(cs[i], (x) => rebuild(withChildren(e, cs.map((c, j) => (j === i ? x : c)))));
  }
}
