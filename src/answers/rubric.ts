/**
 * The rubric of a homework, as data (contexts/rubric.yaml, or rubric.yaml at
 * the project root): which derivation each problem label is graded against,
 * how many points the problem is worth, how many of them are for reaching the
 * derivation's result, and how many a wrong (refuted) step costs.
 *
 *   defaults:                 # every key optional; these are the built-in defaults
 *     points: 10              # what a problem is worth
 *     result: 4               # points for reaching the derivation's result (0: the result is not required)
 *     wrong-step: 2           # points off per refuted step
 *   problems:
 *     "1":    { derivation: mle-kl }
 *     "2":    { derivation: optimal-discriminator, result-chain: the stationary point }
 *     "3(a)": { derivation: generator-loss-kl, points: 6, result: 3, wrong-step: 1 }
 *
 * Problem keys are labels as students write them, in a normal form: `3(a)`,
 * `Problem 3 (a)`, `Q3(a)` and `3 a)` are all `3(a)`. A label finds the most
 * specific key that covers it: `3(b)` uses `3(b)` if the rubric has it, else
 * `3`. `result-chain` names the derivation's chain whose last line is "the
 * result" (default: its chain named `main`, else its last chain that does
 * not end with `>`, `\to` or `\neq`).
 *
 * Strategy: read with `YamlSource` (positions kept), so every mistake is a
 * SourceError with file:line:column and a caret; unknown keys get "did you
 * mean". Derivation ids and chain names are checked against the loaded
 * derivations by `checkRubric` (the caller has them).
 *
 * @example
 *   const r = loadRubricFile('contexts/rubric.yaml');
 *   problemFor(r, 'Problem 3(b)')?.key   // '3' when the rubric grades problem 3 as a whole
 */
import * as fs from 'fs';
import { isMap, isScalar, Node as YNode, YAMLMap } from 'yaml';
import { YamlSource, pairs, checkKeys, get } from '../semantics/yaml-source';
import { suggest } from '../semantics/declarations';
import type { Derivation } from '../semantics/derivation';

/** How one problem is graded. */
export interface RubricProblem {
  /** The normal form of its label (`3(a)`), or the derivation id in single-derivation grading. */
  key: string;
  derivation: string;
  /** What the problem is worth. */
  points: number;
  /** Points for reaching the derivation's result (0: not required). */
  result: number;
  /** Points off per refuted step. */
  wrongStep: number;
  /** The derivation's chain whose last line is the result (default: its chain `main`, else its last chain ending with a line to reach). */
  resultChain?: string;
  /** Where the problem is written in the rubric file. */
  at?: { file: string; line: number; column: number };
}

/** A loaded rubric. */
export interface Rubric {
  file?: string;
  defaults: { points: number; result: number; wrongStep: number };
  /** In file order. */
  problems: RubricProblem[];
}

/** The built-in defaults. */
export const DEFAULT_POINTS = { points: 10, result: 4, wrongStep: 2 } as const;

const TOP = ['defaults', 'problems'];
const DEFAULT_KEYS = ['points', 'result', 'wrong-step'];
const PROBLEM_KEYS = ['derivation', 'points', 'result', 'wrong-step', 'result-chain'];

/**
 * A label in the normal form the rubric uses: words (`Problem`, `Exercise`,
 * `Question`, `Q`) and spaces dropped, `3 a)` as `3(a)`.
 *
 * @example problemKey('Problem 3 (b)')   // '3(b)'
 */
export function problemKey(label: string): string {
  let t = label.replace(/^\s*(?:problem|exercise|question|q)\s*/i, '').replace(/\s+/g, '');
  t = t.replace(/^(\d+)([a-h])\)$/, '$1($2)');
  return t;
}

/**
 * The rubric problem that grades a label: the most specific key covering it
 * (`3(b)`, else `3`), or undefined.
 *
 * @example problemFor(rubric, '3(b)')?.derivation   // 'generator-loss-kl'
 */
export function problemFor(r: Rubric, label: string): RubricProblem | undefined {
  const k = problemKey(label);
  return r.problems.find((p) => p.key === k) ?? r.problems.find((p) => k.startsWith(`${p.key}(`));
}

/** A number of points: a finite number ≥ 0. */
function points(L: YamlSource, node: YNode | undefined, what: string, allowFalse = false): number | undefined {
  if (node === undefined) return undefined;
  if (isScalar(node) && allowFalse && typeof node.value === 'boolean') {
    if (node.value === false) return 0;
    throw L.errorNode(`${what} is a number of points (or false: the result is not required)`, node);
  }
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value) || node.value < 0) {
    throw L.errorNode(`${what} must be a number of points, 0 or more`, node);
  }
  return node.value;
}

/**
 * Reads a rubric from its text; every mistake is a SourceError at its place.
 *
 * @example loadRubric('problems:\n  "1": { derivation: mle-kl }\n', 'rubric.yaml').problems[0].points   // 10
 */
export function loadRubric(text: string, file: string): Rubric {
  const L = new YamlSource(text, file);
  const root = L.parse();
  if (root === null) return { file, defaults: { ...DEFAULT_POINTS }, problems: [] };
  if (!isMap(root)) throw L.errorNode('a rubric is a mapping with keys defaults and problems', root);
  checkKeys(L, root, TOP, 'a rubric');
  const defaults = { ...DEFAULT_POINTS } as Rubric['defaults'];
  const dn = get(root, 'defaults');
  if (dn !== undefined) {
    if (!isMap(dn)) throw L.errorNode('defaults is a mapping: points, result, wrong-step', dn);
    checkKeys(L, dn, DEFAULT_KEYS, 'defaults');
    defaults.points = points(L, get(dn, 'points'), 'points') ?? defaults.points;
    defaults.result = points(L, get(dn, 'result'), 'result', true) ?? defaults.result;
    defaults.wrongStep = points(L, get(dn, 'wrong-step'), 'wrong-step') ?? defaults.wrongStep;
    if (defaults.result > defaults.points) throw L.errorNode(`result (${defaults.result}) is more than the problem's points (${defaults.points})`, get(dn, 'result'));
  }
  const problems: RubricProblem[] = [];
  const pn = get(root, 'problems');
  if (pn !== undefined && pn !== null && !(isScalar(pn) && pn.value === null)) {
    if (!isMap(pn)) throw L.errorNode('problems is a mapping: a label (such as "3(a)"), then derivation, points, result, wrong-step', pn);
    for (const p of pairs(pn as YAMLMap)) {
      const k = L.str(p.key, 'a problem label');
      const key = problemKey(k.value);
      if (!/^\d+(\([a-h]\))?$|^[A-Z]\([a-h]\)$|^\([a-h]\)$/.test(key)) {
        throw L.errorNode(`"${k.value}" is not a problem label: write it as a student does, such as 3, 3(a) or Problem 3(a)`, p.key);
      }
      if (problems.some((x) => x.key === key)) throw L.errorNode(`problem ${key} is in the rubric twice`, p.key);
      const v = p.value;
      if (!isMap(v)) throw L.errorNode(`problem ${key} is a mapping: derivation, points, result, wrong-step, result-chain`, v ?? p.key);
      checkKeys(L, v, PROBLEM_KEYS, `problem ${key}`);
      const dn2 = get(v, 'derivation');
      // without one here, the course file's problems: say which derivation (withCourseProblems)
      const derivation = dn2 === undefined ? '' : L.str(dn2, 'derivation').value;
      const chainNode = get(v, 'result-chain');
      const prob: RubricProblem = {
        key,
        derivation,
        points: points(L, get(v, 'points'), 'points') ?? defaults.points,
        result: points(L, get(v, 'result'), 'result', true) ?? defaults.result,
        wrongStep: points(L, get(v, 'wrong-step'), 'wrong-step') ?? defaults.wrongStep,
        ...(chainNode !== undefined ? { resultChain: L.str(chainNode, 'result-chain').value } : {}),
        at: L.loc(p.key!.range![0]),
      };
      if (prob.result > prob.points) throw L.errorNode(`problem ${key}: result (${prob.result}) is more than its points (${prob.points})`, get(v, 'result') ?? get(v, 'points') ?? p.key);
      problems.push(prob);
    }
  }
  return { file, defaults, problems };
}

/** A label → derivation entry of the course file (contexts/course.yaml, `problems:`). */
export interface CourseProblem {
  key: string;
  derivation: string;
  at: { file: string; line: number; column: number };
}

/**
 * The `problems:` mapping of the course file (label → derivation id), read
 * with positions; an absent file or key is no problems.
 *
 * @example courseProblems('problems:\n  3(a): optimal-discriminator\n', 'course.yaml')[0].key   // '3(a)'
 */
export function courseProblems(text: string, file: string): CourseProblem[] {
  const L = new YamlSource(text, file);
  const root = L.parse();
  if (!root || !isMap(root)) return [];
  const pn = get(root, 'problems');
  if (pn === undefined || pn === null || (isScalar(pn) && pn.value === null)) return [];
  if (!isMap(pn)) throw L.errorNode('problems is a mapping: a problem label, then the derivation it asks for', pn);
  return pairs(pn as YAMLMap).map((p) => ({
    key: problemKey(L.str(p.key, 'a problem label').value),
    derivation: L.str(p.value, 'a derivation id').value,
    at: L.loc(p.key!.range![0]),
  }));
}

/**
 * The rubric completed by the course file's problem labels, so the mapping
 * is written once: a rubric problem without `derivation` takes the course's;
 * a rubric with no problems grades every label of the course file with the
 * defaults (a rubric that lists problems lists what is graded); a rubric that
 * maps a label to another derivation than the course file does is an error
 * naming both places.
 *
 * @example withCourseProblems(loadRubric('', 'r.yaml'), courseProblems(courseText, 'course.yaml')).problems.length
 */
export function withCourseProblems(r: Rubric, course: readonly CourseProblem[]): Rubric {
  const problems = r.problems.map((p) => {
    const c = course.find((x) => x.key === p.key);
    const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.column}: ` : '';
    if (!p.derivation) {
      if (!c) throw new Error(`${where}problem ${p.key} needs a derivation: the id it is graded against (here, or under problems: in the course file)`);
      return { ...p, derivation: c.derivation };
    }
    if (c && c.derivation !== p.derivation) {
      throw new Error(`${where}problem ${p.key} is graded against ${p.derivation}, but ${c.at.file}:${c.at.line}:${c.at.column} says problem ${p.key} asks for ${c.derivation}: write the mapping in one place`);
    }
    return p;
  });
  // a rubric that lists problems lists what is graded; one that lists none grades the course's labels
  if (!r.problems.length) for (const c of course) problems.push({ key: c.key, derivation: c.derivation, ...r.defaults, at: c.at });
  return { ...r, problems };
}

/** Reads a rubric file. */
export function loadRubricFile(file: string): Rubric {
  return loadRubric(fs.readFileSync(file, 'utf8'), file);
}

/** A rubric with no problems: the defaults only (for single-derivation grading without a rubric file). */
export function defaultRubric(): Rubric {
  return { defaults: { ...DEFAULT_POINTS }, problems: [] };
}

/**
 * How a folder graded with `--derivation id` is scored: the rubric's problem
 * for that derivation if it has exactly one, else the defaults.
 *
 * @example singleProblem(rubric, 'mle-kl').points   // 10
 */
export function singleProblem(r: Rubric, derivation: string): RubricProblem {
  const mine = r.problems.filter((p) => p.derivation === derivation);
  if (mine.length === 1) return { ...mine[0] };
  return { key: derivation, derivation, ...r.defaults };
}

/**
 * Checks the rubric's derivation ids and result chains against the loaded
 * derivations (and, with `resultProblem`, that each required result is a
 * line to reach); a mistake is an Error naming file:line:column.
 *
 * @example checkRubric(rubric, derivations)   // throws 'rubric.yaml:3:3: problem 1: no derivation "mle-k" (did you mean "mle-kl"?)'
 */
export function checkRubric<D extends Pick<Derivation, 'id' | 'chains'>>(r: Rubric, ds: readonly D[], resultProblem?: (d: D, chain?: string) => string | null): void {
  for (const p of r.problems) {
    const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.column}: ` : '';
    const d = ds.find((x) => x.id === p.derivation);
    if (!d) {
      const s = suggest(p.derivation, ds.map((x) => x.id));
      throw new Error(`${where}problem ${p.key}: no derivation "${p.derivation}"${s ? ` (did you mean "${s}"?)` : ''} (have: ${ds.map((x) => x.id).join(', ')})`);
    }
    if (p.resultChain !== undefined && !d.chains.some((c) => c.name === p.resultChain)) {
      throw new Error(`${where}problem ${p.key}: ${d.id} has no chain "${p.resultChain}" (its chains: ${d.chains.map((c) => c.name).join(', ')})`);
    }
    const wrong = p.result > 0 && resultProblem ? resultProblem(d, p.resultChain) : null;
    if (wrong) throw new Error(`${where}problem ${p.key}: ${wrong}`);
  }
}
