/**
 * The relations a step may state, as a table: each LaTeX form and what it
 * means. A relation not in the table is refused with the list of those that are.
 *
 * @example
 *   parseRelation('\\doteq_\\theta', canon)   // { kind: 'doteq', param: '\\theta', latex: '\\doteq_{\\theta}' }
 */
import type { Relation } from './derivation';

/** One supported relation. */
interface RelationEntry {
  /** Regular expression over the written relation (whitespace removed). */
  pattern: RegExp;
  describe: string;
  build: (m: RegExpExecArray, canon: (name: string) => string) => Relation;
}

export const RELATIONS: readonly RelationEntry[] = [
  { pattern: /^=$/, describe: '=  (equal)', build: () => ({ kind: 'eq', latex: '=' }) },
  { pattern: /^(\\iff|\\Leftrightarrow|\\Longleftrightarrow)$/, describe: '\\iff  (equivalent equations in the chain\'s unknown)', build: () => ({ kind: 'iff', latex: '\\iff' }) },
  { pattern: /^(\\Rightarrow|\\implies|\\Longrightarrow)$/, describe: '\\Rightarrow  (every solution of the previous equation solves the next)', build: () => ({ kind: 'implies', latex: '\\Rightarrow' }) },
  { pattern: /^(\\neq|\\ne)$/, describe: '\\neq  (not equal, shown by a witness)', build: () => ({ kind: 'neq', latex: '\\neq' }) },
  { pattern: /^(\\to|\\rightarrow|\\longrightarrow)$/, describe: '\\to  (tends to, with "as: <expr> \\to <value>")', build: () => ({ kind: 'limit', latex: '\\to' }) },
  { pattern: /^\\approx$/, describe: '\\approx  (approximately, in a limit given by "as: …")', build: () => ({ kind: 'limit', latex: '\\approx' }) },
  { pattern: /^>$/, describe: '>', build: () => ({ kind: 'ineq', op: '>', latex: '>' }) },
  { pattern: /^(\\geq|\\ge|>=)$/, describe: '\\geq', build: () => ({ kind: 'ineq', op: '>=', latex: '\\geq' }) },
  { pattern: /^<$/, describe: '<', build: () => ({ kind: 'ineq', op: '<', latex: '<' }) },
  { pattern: /^(\\leq|\\le|<=)$/, describe: '\\leq', build: () => ({ kind: 'ineq', op: '<=', latex: '\\leq' }) },
  {
    pattern: /^\\doteq_(\{.+\}|\\[A-Za-z]+|[A-Za-z])$/,
    describe: '\\doteq_\\theta  (equal up to an additive term free of θ)',
    build: (m, canon) => {
      const param = canon(m[1].replace(/^\{(.*)\}$/, '$1'));
      return { kind: 'doteq', param, latex: `\\doteq_{${param}}` };
    },
  },
];

/** Reads a written relation, or returns null when it is not supported. */
export function parseRelation(written: string, canon: (name: string) => string): Relation | null {
  const w = written.replace(/\s+/g, '');
  for (const r of RELATIONS) {
    const m = r.pattern.exec(w);
    if (m) return r.build(m, canon);
  }
  return null;
}

/** The supported relations, for error messages and `--help`. */
export const SUPPORTED_RELATIONS = RELATIONS.map((r) => r.describe);
