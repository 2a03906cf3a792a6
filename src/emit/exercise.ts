/**
 * A chain as an exercise: its first line, the relation the whole chain
 * establishes, and its last line — the result to show — in the author's own
 * LaTeX. Used by the exercise sheet (latex-sheet.ts) and the self-check
 * page's problem statements.
 *
 * Strategy: the chain's relation is composed from its steps' relations by a
 * small table: `=` steps are neutral; `\doteq_θ` absorbs `=`; `\iff` and
 * `\Rightarrow` compose to `\Rightarrow` unless all are `\iff`; inequalities
 * of one direction compose to the strict one if any step is strict; a limit
 * keeps its condition. Anything else (`\neq` after other steps, mixed
 * directions) has no single relation, and the exercise says "from … to …".
 *
 * @example
 *   exerciseOf(d.chains[0])   // { start: 'L_{MLE}(\\theta)', relation: '\\doteq_{\\theta}', result: '\\mathrm{KL}(…)' }
 */
import type { Chain, Relation } from '../semantics/derivation';
import { conditionTex } from './setup';

/** What a chain asks to show. */
export interface Exercise {
  start: string;
  /** The relation of the whole chain, or null when its steps compose to none. */
  relation: string | null;
  result: string;
  /** A limit's condition (`D \to 0`), as LaTeX. */
  as?: string;
  /** The chain's unknown, for equation chains. */
  unknown?: string;
}

/** The relation `a` then `b` composes to, or null. */
function compose(a: Relation, b: Relation): Relation | null {
  if (a.kind === 'eq') return b;
  if (b.kind === 'eq') return a;
  if (a.kind === 'doteq' && b.kind === 'doteq') return a.param === b.param ? a : null;
  if ((a.kind === 'iff' || a.kind === 'implies') && (b.kind === 'iff' || b.kind === 'implies')) {
    return a.kind === 'iff' && b.kind === 'iff' ? a : { kind: 'implies', latex: '\\Rightarrow' };
  }
  if (a.kind === 'ineq' && b.kind === 'ineq') {
    const up = (o: string) => o === '>' || o === '>=';
    if (up(a.op) !== up(b.op)) return null;
    const strict = a.op.length === 1 || b.op.length === 1;
    const op = up(a.op) ? (strict ? '>' : '>=') : (strict ? '<' : '<=');
    return { kind: 'ineq', op, latex: { '>': '>', '>=': '\\geq', '<': '<', '<=': '\\leq' }[op] };
  }
  return null;
}

/**
 * The exercise a chain poses.
 *
 * @example exerciseOf(chain).relation   // '='
 */
export function exerciseOf(chain: Chain): Exercise {
  let rel: Relation | null = { kind: 'eq', latex: '=' };
  let as: string | undefined;
  for (const s of chain.steps) {
    if (s.relation.kind === 'limit') {
      as = conditionTex(s.relation) ?? undefined;
      rel = rel && rel.kind === 'eq' && s === chain.steps[chain.steps.length - 1] ? s.relation : null;
      continue;
    }
    if (s.relation.kind === 'neq') {
      rel = rel && rel.kind === 'eq' && chain.steps.length === 1 ? s.relation : null;
      continue;
    }
    rel = rel && compose(rel, s.relation);
  }
  const last = chain.steps[chain.steps.length - 1];
  return {
    start: chain.start.latex, relation: rel ? rel.latex : null, result: last.latex,
    ...(as && rel ? { as } : {}), ...(chain.unknown ? { unknown: chain.unknown } : {}),
  };
}
