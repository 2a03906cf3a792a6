/**
 * The engine as the browser runs it: the same loaders and the same answer
 * checker as the command line, fed the texts embedded in the page
 * (data.ts) instead of paths. No file system: a derivation is parsed with
 * `loadDerivation(text, file)`, a rule file with `loadRuleFile(text, file)`,
 * the notation table with `parseCourseData(text, file)`, and the answer is
 * checked by `checkAnswerText` in contexts built here once per problem.
 *
 * Strategy: everything is parsed once, when the engine is made; a derivation
 * file with a mistake is left out of the picker and listed in `problems`'
 * `failed`, as `rederive build` lists it. Checking returns the JSON report
 * (`answerJsonReport`), which is what crosses from the worker to the page.
 *
 * @example
 *   const engine = createEngine(bundle);
 *   engine.check('$$a = a$$', { problem: 'mle-kl', format: 'md' }).summary
 */
import { loadDerivation } from '../semantics/load';
import { loadRuleFile, type Rule } from '../semantics/rules';
import type { Derivation } from '../semantics/derivation';
import { parseCourseData, courseContexts, derivationContexts, type AnswerContexts, type CourseData } from '../answers/context';
import { checkAnswerText } from '../answers/check';
import { answerJsonReport } from '../emit/answer-text';
import type { CourseBundle } from './data';
import { exerciseOf } from '../emit/exercise';

/** A problem the student can pick: a derivation's statement, what to start from and what to show. */
export interface Problem {
  id: string;
  title: string;
  summary?: string;
  file: string;
  /** The main chain's first line, and its last (the result to show), as the author wrote them. */
  start: string;
  result: string;
  /** The relation of the main chain as a whole (exercise.ts); null when its steps compose to none ("from … arrive at …"). */
  relation: string | null;
  /** A limit's condition, as LaTeX. */
  as?: string;
  /** The hypotheses the derivation states (name: LaTeX). */
  hypotheses: { name: string; latex: string }[];
}

/** What `check` is asked. */
export interface CheckRequest {
  /** A derivation id, or undefined for the course context. */
  problem?: string;
  /** How the text is read: Markdown with `$…$`/`$$…$$`, or LaTeX. */
  format: 'md' | 'tex';
  seed?: number;
}

/** The engine on embedded data. */
export interface Engine {
  problems: Problem[];
  failed: { file: string; message: string }[];
  check(text: string, req: CheckRequest): ReturnType<typeof answerJsonReport>;
}

/**
 * A derivation's exercise: its main chain's start and result.
 *
 * @example problemOf(d).result   // '\\mathrm{KL}(p_{data} \\| p_\\theta) + …'
 */
export function problemOf(d: Derivation): Problem {
  const ex = exerciseOf(d.chains[0]);
  return {
    id: d.id, title: d.title, ...(d.summary ? { summary: d.summary } : {}), file: d.file,
    start: ex.start, result: ex.result, relation: ex.relation, ...(ex.as ? { as: ex.as } : {}),
    hypotheses: [...d.hypotheses.values()].map((h) => ({ name: h.name, latex: h.latex })),
  };
}

/**
 * Parses the embedded course; throws only when a rule file is broken (the
 * command line refuses to run then too).
 *
 * @example createEngine({ derivations: [], rules: [] }).problems   // []
 */
export function createEngine(bundle: CourseBundle): Engine {
  const rules = new Map<string, Rule>();
  for (const f of bundle.rules) for (const r of loadRuleFile(f.text, f.file)) rules.set(r.name, r);
  const ruleNames = new Set(rules.keys());
  const derivations: Derivation[] = [];
  const failed: { file: string; message: string }[] = [];
  for (const f of bundle.derivations) {
    try {
      derivations.push(loadDerivation(f.text, f.file, ruleNames));
    } catch (e) {
      failed.push({ file: f.file, message: (e as Error).message });
    }
  }
  const course: CourseData = bundle.course ? parseCourseData(bundle.course.text, bundle.course.file) : { file: 'contexts/course.yaml', aliases: {}, scoped: {}, problems: {} };
  const contexts = new Map<string, AnswerContexts>();
  const contextsFor = (id?: string): AnswerContexts => {
    const key = id ?? '';
    let c = contexts.get(key);
    if (!c) {
      if (id) {
        const d = derivations.find((x) => x.id === id);
        if (!d) throw new Error(`no derivation "${id}"`);
        c = derivationContexts(d, course);
      } else c = courseContexts(derivations, course);
      contexts.set(key, c);
    }
    return c;
  };
  return {
    problems: derivations.map(problemOf),
    failed,
    check(text, req) {
      const report = checkAnswerText(text, `answer.${req.format}`, { contexts: contextsFor(req.problem), derivation: req.problem, seed: req.seed, rules });
      return answerJsonReport(report) as ReturnType<typeof answerJsonReport>;
    },
  };
}
