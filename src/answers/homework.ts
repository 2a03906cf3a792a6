/**
 * Grading one answer file problem by problem: a whole homework is split by
 * its labels (problems.ts), each labelled problem the rubric knows is checked
 * against its derivation (that derivation's symbols, definitions and givens)
 * and tested for reaching the derivation's result (result.ts); with a single
 * derivation (`rederive grade --derivation id`), the whole file is one
 * problem. Scoring is score.ts's business, from these outcomes and the rubric.
 *
 * The step checker is passed in (`checkAnswerText` of check.ts, or a stand-in
 * in tests), so the grading pool can run this in its workers.
 *
 * @example
 *   const g = gradeAnswerText(text, 'alice.md', opts, { rubric }, checkAnswerText);
 *   g.problems.map((p) => [p.key, p.result.status])   // [['1', 'reached'], ['2', 'not-reached']]
 */
import type { AnswerOptions, AnswerReport } from './types';
import { splitProblems, problemText, allPieces } from './problems';
import { SourceFile } from './source';
import { problemFor, problemKey, type Rubric, type RubricProblem } from './rubric';
import { reachedResult, resultTarget, derivationsFor, type ResultOutcome } from './result';
import { answerContexts } from './check';

/** The checker: `checkAnswerText(text, file, opts)`. */
export type TextChecker = (text: string, file: string, opts: AnswerOptions) => AnswerReport;

/** What grading needs to know: the rubric, and the single derivation when not grading by labels. */
export interface GradePlan {
  rubric: Rubric;
  /** The course file's label → derivation mapping (contexts/course.yaml, `problems:`): sections it maps are checked in one pass. */
  course?: { key: string; derivation: string }[];
  /** Grade the whole file against this problem (`--derivation`); otherwise split by labels. */
  single?: RubricProblem;
}

/** One problem of one answer, checked. */
export interface ProblemOutcome {
  /** The rubric's key (`3(a)`, or the derivation id with --derivation). */
  key: string;
  derivation: string;
  /** The labels the student wrote for it, with their lines. */
  labels: { label: string; line: number }[];
  report: AnswerReport;
  result: ResultOutcome;
}

/** One answer, problem by problem. */
export interface AnswerGrading {
  problems: ProblemOutcome[];
  /** Labels in the answer that no rubric problem covers (not graded). */
  unknownLabels: { label: string; line: number }[];
  /** Mathematics before the first label, which belongs to no problem (not graded). */
  unlabelledMath: boolean;
}

function resultOf(report: AnswerReport, p: RubricProblem, opts: AnswerOptions): ResultOutcome {
  if (p.result <= 0) return { status: 'not-required', target: '', relation: '', message: 'the rubric does not ask for the result of this problem' };
  try {
    return reachedResult(report, p, opts);
  } catch (e) {
    return { status: 'undecided', target: '', relation: '', message: `the result could not be checked: ${(e as Error).message}: to be checked by hand` };
  }
}

/**
 * Loads what grading with `plan` needs (the derivations, each problem's
 * context) before the first answer, so that an answer's time limit counts its
 * checking and not the loading. Errors are left for the answers to report.
 *
 * @example prepareGrading({ derivationsDir: 'derivations' }, { rubric })
 */
export function prepareGrading(opts: AnswerOptions, plan: GradePlan): void {
  try {
    const ds = derivationsFor(opts);
    for (const p of plan.single ? [plan.single] : plan.rubric.problems) {
      const d = ds.find((x) => x.id === p.derivation);
      if (!d) continue;
      answerContexts({ ...opts, derivation: d.id });
      resultTarget(d, p.resultChain);
    }
  } catch {
    // reported, answer by answer, when grading
  }
}

/**
 * Grades an answer's text: per problem, its report and whether it reached the result.
 *
 * @example gradeAnswerText(text, 'a.md', {}, { rubric, single: singleProblem(rubric, 'mle-kl') }, checkAnswerText).problems.length   // 1
 */
export function gradeAnswerText(text: string, file: string, opts: AnswerOptions, plan: GradePlan, check: TextChecker): AnswerGrading {
  if (plan.single) {
    const p = plan.single;
    const report = check(text, file, { ...opts, derivation: p.derivation });
    return { problems: [{ key: p.key, derivation: p.derivation, labels: [], report, result: resultOf(report, p, opts) }], unknownLabels: [], unlabelledMath: false };
  }
  const split = splitProblems(text, file);
  const pieces = allPieces(split);
  const out: AnswerGrading = { problems: [], unknownLabels: [], unlabelledMath: false };
  // an answer without labels, to a rubric of one problem, is that problem
  if (!split.sections.length && plan.rubric.problems.length === 1) {
    const p = plan.rubric.problems[0];
    const report = check(text, file, { ...opts, derivation: p.derivation });
    out.problems.push({ key: p.key, derivation: p.derivation, labels: [], report, result: resultOf(report, p, opts) });
    return out;
  }
  out.unlabelledMath = split.unlabelledMath;
  const byProblem = new Map<string, { p: RubricProblem; ranges: [number, number][]; labels: { label: string; line: number }[] }>();
  for (const s of split.sections) {
    const p = problemFor(plan.rubric, s.label);
    if (!p) {
      out.unknownLabels.push({ label: problemKey(s.label), line: s.line });
      continue;
    }
    const g = byProblem.get(p.key) ?? { p, ranges: [], labels: [] };
    g.ranges.push(...s.ranges);
    g.labels.push({ label: s.label, line: s.line });
    byProblem.set(p.key, g);
  }
  // a section the course file maps to the same derivation is checked as `rederive check` checks the file (its
  // context and givens chosen chain by chain); any other, alone against its derivation
  const courseFor = (key: string) => plan.course?.find((c) => c.key === key) ?? plan.course?.find((c) => c.key === key.replace(/\([a-h]\)$/, ''));
  const src = new SourceFile(text, file);
  let whole: AnswerReport | undefined;
  // in the rubric's order, so every answer's problems come in the same order
  for (const p of plan.rubric.problems) {
    const g = byProblem.get(p.key);
    if (!g) continue;
    let report: AnswerReport;
    if (g.labels.every((l) => courseFor(problemKey(l.label))?.derivation === p.derivation)) {
      whole ??= check(text, file, opts);
      const lines = new Set<number>();
      for (const [a, b] of g.ranges) for (let l = src.loc(a).line; l <= src.loc(Math.max(a, b - 1)).line; l++) lines.add(l);
      report = subReport(whole, (label) => !!label && problemFor(plan.rubric, label)?.key === p.key, lines);
    } else report = check(problemText(text, g, pieces), file, { ...opts, derivation: p.derivation });
    out.problems.push({ key: p.key, derivation: p.derivation, labels: g.labels, report, result: resultOf(report, p, opts) });
  }
  return out;
}

/** The part of a whole-file report that belongs to one problem: its chains (by label), and what lies on its lines. */
function subReport(r: AnswerReport, mine: (label: string | undefined) => boolean, lines: Set<number>): AnswerReport {
  const chains = r.chains.filter((c) => mine(c.label));
  const ids = new Set(chains.map((c) => c.index));
  const steps = r.steps.filter((s) => ids.has(s.chain));
  const summary = { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
  for (const s of steps) summary[s.verdict]++;
  const on = <T extends { line: number }>(xs: T[] | undefined): T[] | undefined => xs?.filter((x) => lines.has(x.line));
  const out: AnswerReport = { ...r, chains, steps, unread: on(r.unread) ?? [], summary, stated: on(r.stated) ?? [] };
  if (r.assumptions) out.assumptions = on(r.assumptions);
  if (r.engine) out.engine = on(r.engine);
  if (r.givens) out.givens = r.givens.filter((x) => x.lines.some((l) => lines.has(l)));
  return out;
}
