/**
 * Did an answer reach the derivation's result? "Reached" means a line the
 * student ended a chain with stands in the derivation's relation to the
 * derivation's final line, and that is CHECKED with the engine's step checker
 * (symbolic prover and numeric tester), never string-matched: a result
 * written in another but equal form counts, a line that only looks alike
 * does not.
 *
 * Strategy:
 *  - the target is the last line of the derivation's result chain (the
 *    rubric's `result-chain`, else its chain named `main`, else its last
 *    chain that does not end with `>`, `\to` or `\neq`), read in the
 *    derivation's context;
 *  - the relation: for an expression chain, `=` (a line equal to the result
 *    up to a θ-free term has not reached it); for an equation chain, two
 *    solved forms `u = R` and `v = R'` match when R = R' (the student may
 *    call the unknown D^*(x) where the derivation says t), otherwise the
 *    student's equation must be equivalent to the derivation's in its unknown;
 *  - "is the result" needs a symbolic proof with no definition and no
 *    hypothesis unfolded: in a correct chain of equalities every line equals
 *    the result once `L_G` is unfolded and `D_\phi = D^*` substituted, and a
 *    student who stops at the first line has not reached it. A line equal to
 *    the result only with them is "stops before the result"; one the prover
 *    cannot tell from the result either way is undecided;
 *  - candidates are the last line of each of the problem's chains (the last
 *    one that can be read), last chain first (a student may check the second
 *    derivative after finding D^*);
 *  - outcome: some candidate proved to be the result → reached; else some
 *    candidate that could not be read or decided → undecided (a human looks;
 *    it costs nothing); else not reached (no chain, every candidate refuted
 *    or stopping before the result).
 *
 * @example
 *   reachedResult(report, { derivation: 'mle-kl' }, opts).status   // 'reached' | 'not-reached' | 'undecided'
 */
import type { Expr } from '../expr/types';
import type { Context, Definition } from '../semantics/context';
import type { Derivation, Relation } from '../semantics/derivation';
import { checkStep, type StepInput } from '../check/step';
import { hashParts } from '../check/numeric/rng';
import { answerContexts } from './check';
import { loadDerivations, locateData } from './context';
import { readExpr } from './read';
import { Mapped } from './source';
import type { AnswerOptions, AnswerReport } from './types';

/** What the result check found. */
export interface ResultOutcome {
  status: 'reached' | 'not-reached' | 'undecided' | 'not-required';
  /** The derivation's result, as LaTeX, and the relation checked. */
  target: string;
  relation: string;
  /** The student's line that reaches it (or the last line tried). */
  line?: number;
  latex?: string;
  /** One sentence for the report. */
  message: string;
}

const derivationCache = new Map<string, Derivation[]>();

/**
 * The derivations of `opts.derivationsDir`, loaded once per process.
 *
 * @example derivationsFor({}).map((d) => d.id)
 */
export function derivationsFor(opts: AnswerOptions): Derivation[] {
  const key = `${opts.derivationsDir ?? ''}|${opts.rulesDir ?? ''}`;
  let ds = derivationCache.get(key);
  if (!ds) {
    ds = loadDerivations(locateData(opts.derivationsDir ?? 'derivations'), locateData(opts.rulesDir ?? 'rules'));
    derivationCache.set(key, ds);
  }
  return ds;
}

/** The step checker's verdict, 'error' when it throws. */
function verdictOf(input: StepInput): string {
  try {
    return checkStep(input).verdict;
  } catch {
    return 'error';
  }
}

/** A solved form: a name, or a name applied to arguments, on the left. */
function solved(e: Expr): e is Extract<Expr, { kind: 'eq' }> {
  return e.kind === 'eq' && (e.lhs.kind === 'sym' || e.lhs.kind === 'apply');
}

interface Target {
  expr: Expr;
  latex: string;
  relation: Relation;
  unknown?: string;
}

/** Relations after which a chain's last line is a result to reach (not the far side of `>`, `\to` or `\neq`). */
const REACHABLE = new Set<Relation['kind']>(['eq', 'doteq', 'iff', 'implies']);

/**
 * Why a chain's last line cannot be a result to reach, or null: a chain that
 * ends with an inequality, a limit or `\neq` states a fact about its lines.
 *
 * @example unreachableResult(d.chains[3])   // 'it ends with a > step: …'
 */
export function unreachableResult(c: Derivation['chains'][number]): string | null {
  const last = c.steps[c.steps.length - 1];
  if (!last || REACHABLE.has(last.relation.kind)) return null;
  return `it ends with a ${last.relation.latex} step, a fact about its lines rather than a line to reach: name another chain with result-chain, or set result: 0`;
}

/**
 * The chain whose last line is the derivation's result: `chainName`, else the
 * chain named `main`, else the last chain that ends with a line to reach.
 *
 * @example resultChain(d)?.name   // 'the stationary point' for optimal-discriminator
 */
export function resultChain(d: Derivation, chainName?: string): Derivation['chains'][number] | undefined {
  if (chainName !== undefined) return d.chains.find((c) => c.name === chainName);
  return d.chains.find((c) => c.name === 'main') ?? [...d.chains].reverse().find((c) => !unreachableResult(c)) ?? d.chains[d.chains.length - 1];
}

/** The derivation's result: the last line of its result chain, and the relation to check. */
export function resultTarget(d: Derivation, chainName?: string): Target {
  const chain = resultChain(d, chainName);
  if (!chain) throw new Error(`${d.id} has no chain "${chainName}"`);
  const why = unreachableResult(chain);
  if (why) throw new Error(`the result of ${d.id} is the last line of its chain "${chain.name}", but ${why}`);
  const last = chain.steps.length ? chain.steps[chain.steps.length - 1] : undefined;
  const expr = last ? last.expr : chain.start.expr;
  const latex = last ? last.latex : chain.start.latex;
  const relation: Relation = expr.kind === 'eq' ? { kind: 'iff', latex: '\\iff' } : { kind: 'eq', latex: '=' };
  return { expr, latex, relation, ...(chain.unknown ? { unknown: chain.unknown } : {}) };
}

/**
 * The lines that end each chain of a report, last chain first: a chain's
 * last line, or, when that line cannot be read, the last line before it that
 * can (an unread line must not cost the result).
 */
function chainEnds(r: AnswerReport): { line: number; latex: string }[][] {
  const out: { line: number; latex: string }[][] = [];
  for (const c of [...r.chains].reverse()) {
    const lines = r.steps.filter((s) => s.chain === c.index).map((s) => ({ line: s.line, latex: s.latex }));
    if (c.start) lines.unshift({ line: c.start.line, latex: c.start.latex });
    if (lines.length) out.push(lines.reverse());
  }
  return out;
}

/**
 * Checks whether the answer (one problem's report) reaches the derivation's result.
 *
 * @example reachedResult(report, { derivation: 'optimal-discriminator', resultChain: 'the stationary point' }, opts)
 */
export function reachedResult(r: AnswerReport, problem: { derivation: string; resultChain?: string }, opts: AnswerOptions = {}): ResultOutcome {
  const d = derivationsFor(opts).find((x) => x.id === problem.derivation);
  if (!d) throw new Error(`no derivation "${problem.derivation}"`);
  const target = resultTarget(d, problem.resultChain);
  const ctx: Context = answerContexts({ ...opts, derivation: d.id }).forChain(new Set()).ctx;
  const defs: Definition[] = [...ctx.definitions.values(), ...[...d.hypotheses.values()].flatMap((h) => h.defs)];
  const apart = [...d.hypotheses.values()].filter((h) => h.apart).map((h) => h.apart as Expr[]);
  const base = { target: target.latex, relation: target.relation.latex };
  const ends = chainEnds(r);
  if (!ends.length) return { ...base, status: 'not-reached', message: 'no line of this problem could be read' };
  let undecided: { line: number; latex: string; why: string } | undefined;
  let stopsBefore: { line: number; latex: string; why: string } | undefined;
  for (const [i, chain] of ends.entries()) {
    let end = chain[0];
    let read = readExpr(Mapped.of(end.latex, 0, end.latex.length), ctx);
    for (const earlier of chain.slice(1)) {
      if (read.ok) break;
      const r2 = readExpr(Mapped.of(earlier.latex, 0, earlier.latex.length), ctx);
      if (r2.ok) {
        end = earlier;
        read = r2;
      }
    }
    if (!read.ok) {
      undecided ??= { ...end, why: `line ${end.line} could not be read in ${d.id}'s context (${read.problem.reason})` };
      continue;
    }
    const seed = hashParts([opts.seed ?? 20261124, 'result', d.id, i]);
    let input: StepInput;
    const s = read.expr;
    const t = target.expr;
    if (t.kind === 'eq') {
      if (s.kind !== 'eq') continue; // an expression cannot state an equation's result
      input = solved(s) && solved(t)
        ? { lhs: s.rhs, rhs: t.rhs, relation: { kind: 'eq', latex: '=' }, ctx, defs, seed, apart }
        : { lhs: s, rhs: t, relation: target.relation, ctx, defs, seed, apart, ...(target.unknown ? { unknown: target.unknown } : {}) };
    } else {
      input = { lhs: s.kind === 'eq' ? s.rhs : s, rhs: t, relation: target.relation, ctx, defs, seed, apart };
    }
    // the result itself: proved equal by algebra and the rules alone, no definition or given unfolded
    // (every line of a correct chain of equalities equals the result once they are)
    const bare = verdictOf({ ...input, defs: [] });
    if (bare === 'proved') {
      return { ...base, status: 'reached', line: end.line, latex: end.latex, message: `line ${end.line} reaches the result $${target.latex}$` };
    }
    const full = bare === 'refuted' ? 'refuted' : verdictOf(input);
    if (full === 'refuted') continue;
    if ((full === 'proved' || full === 'numeric') && bare !== 'numeric') {
      stopsBefore ??= { ...end, why: `line ${end.line} equals the result $${target.latex}$ only once definitions or the exercise's givens are unfolded: the answer stops before the result` };
      continue;
    }
    undecided ??= { ...end, why: `whether line ${end.line} is the result $${target.latex}$ could not be decided` };
  }
  if (undecided) return { ...base, status: 'undecided', line: undecided.line, latex: undecided.latex, message: `${undecided.why}: to be checked by hand` };
  if (stopsBefore) return { ...base, status: 'not-reached', line: stopsBefore.line, latex: stopsBefore.latex, message: stopsBefore.why };
  const last = ends[0][0];
  return { ...base, status: 'not-reached', line: last.line, latex: last.latex, message: `the answer does not reach the result $${target.latex}$ (its last line, line ${last.line}, is not it)` };
}
