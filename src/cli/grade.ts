/**
 * `rederive grade <dir> [--derivation <id>] [--rubric FILE]`: grades every
 * answer in a folder (its *.tex and *.md files, sorted by name; sub-folders
 * with --recursive) in parallel across the machine's cores, and writes the
 * class's scores as CSV, JSON or Gradescope's results.json.
 *
 * Without --derivation each answer is a whole homework: it is split into
 * problems by its labels, and each problem the rubric maps to a derivation
 * is graded against it (answers/homework.ts); with --derivation the whole
 * answer is one problem. Scores come from the rubric (answers/rubric.ts,
 * answers/score.ts): --rubric, else rubric.yaml in the working directory,
 * else contexts/rubric.yaml, else the built-in defaults; problem labels the
 * course file maps to derivations (contexts/course.yaml, `problems:`) need
 * not be repeated in the rubric.
 *
 * One answer never stops the batch: an answer over the time limit, one whose
 * check crashes, and a file that cannot be read are reported in its row and
 * the others are graded (src/answers/pool.ts). The exit code says whether
 * the batch ran, not how the students did: 0 when it ran and the results
 * were written, 2 for a folder that does not exist or holds no answer, an
 * unknown derivation or a bad option.
 *
 * Progress goes to standard error: a bar (answers done / total, rate, time
 * left) when it is a terminal, a plain line every tenth of the batch
 * otherwise, nothing with --quiet. The closing lines give the throughput.
 *
 * @example
 *   await grade({ dir: 'answers', derivation: 'mle-kl', format: 'csv', out: 'grades.csv', recursive: false,
 *                 timeout: 20, quiet: false, derivations: 'derivations', rules: 'rules', seed: 1 })   // 0
 */
import * as fs from 'fs';
import * as path from 'path';
import { gradeFiles, defaultChecker, defaultWorkers, GradeResult } from '../answers/pool';
import type { AnswerOptions } from '../answers/types';
import { loadRubricFile, checkRubric, defaultRubric, singleProblem, courseProblems, withCourseProblems, type CourseProblem, type Rubric, type RubricProblem } from '../answers/rubric';
import { SourceError } from '../parse/error';
import { loadDerivations } from '../answers/context';
import { resultTarget } from '../answers/result';
import { scoreAnswer } from '../answers/score';
import { gradeCsv } from '../emit/grade-csv';
import { gradeJson } from '../emit/grade-json';
import { gradescopeResults } from '../emit/grade-gradescope';
import { gradedPage } from '../emit/grade-html';
import { copyKatexAssets } from '../emit/assets';
import { answerRow, batchSummary, GradedAnswer, statusWords } from '../emit/grade-summary';
import { UsageError, log, loadCheckedRules } from './common';
import { answerContexts, AnswerInputError } from '../answers/check';
import { derivationFiles, locate, writeIfChanged } from './files';
import { checkTarget } from '../emit/safe-write';
import { escapeControls, escapeControlsDeep } from '../emit/escape';
import { idOfFile } from './watch';

export type GradeFormat = 'csv' | 'json' | 'gradescope';

/** Options of `rederive grade`. */
export interface GradeArgs {
  dir: string;
  /** Grade every answer as one problem against this derivation; without it, split answers by their labels. */
  derivation?: string;
  /** The rubric file (default: rubric.yaml, else contexts/rubric.yaml). */
  rubric?: string;
  format: GradeFormat;
  /** The CSV or JSON file (default: standard output), or the results.json path (default: results.json). */
  out?: string;
  recursive: boolean;
  /** Also write each student's graded page here (one HTML file per answer, KaTeX's assets beside them). */
  reports?: string;
  /** Worker threads (default: one per core). */
  jobs?: number;
  /** Time limit for one answer, in seconds (per problem of the rubric when grading whole homeworks). */
  timeout: number;
  quiet: boolean;
  derivations: string;
  rules: string;
  seed: number;
  /** The module exporting checkAnswerFile (default: the compiled answers/check.js); for tests. */
  checker?: string;
  /** The compiled worker script (default: the package's); for tests. */
  workerScript?: string;
}

const ANSWER = /\.(tex|md)$/i;
const byName = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The answer files in `dir` as paths relative to it, sorted by name (digits as numbers); hidden entries skipped.
 * Only regular files are graded: a symbolic link is followed only when it leads to a regular file inside `dir`
 * (one leading out of the folder, or to anything else, is listed in `skipped`), and linked folders are not entered.
 */
export function answerFiles(dir: string, recursive: boolean, skipped: string[] = []): string[] {
  const found: string[] = [];
  const root = fs.realpathSync(dir);
  const inside = (p: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const name = rel ? path.join(rel, e.name) : e.name;
      if (e.isDirectory()) {
        if (recursive) walk(name);
      } else if (ANSWER.test(e.name)) {
        if (e.isFile()) found.push(name);
        else if (e.isSymbolicLink() && linkInside(path.join(dir, name), inside)) found.push(name);
        else skipped.push(name);
      }
    }
  };
  walk('');
  return found.sort((a, b) => byName(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** True when the link leads to a regular file inside the graded folder. */
function linkInside(link: string, inside: (real: string) => boolean): boolean {
  try {
    const real = fs.realpathSync(link);
    return inside(real) && fs.statSync(real).isFile();
  } catch {
    return false;
  }
}

/** Progress on standard error: a bar on a terminal, a line every tenth otherwise, or nothing. */
class Progress {
  private readonly t0 = performance.now();
  private lastDraw = 0;
  private nextTenth = 1;
  constructor(private readonly total: number, private readonly mode: 'bar' | 'lines' | 'none') {}

  update(done: number): void {
    if (this.mode === 'none') return;
    const now = performance.now();
    const elapsed = (now - this.t0) / 1000;
    const rate = done / Math.max(elapsed, 1e-9);
    const left = rate > 0 ? (this.total - done) / rate : Infinity;
    if (this.mode === 'bar') {
      if (done < this.total && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = Math.max(10, Math.min(30, (process.stderr.columns || 80) - 50));
      const filled = Math.round((width * done) / this.total);
      process.stderr.write(`\r\x1b[2Kgrading ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${this.total}  ${rate.toFixed(1)} answers/s  ETA ${duration(left)}`);
      return;
    }
    if (done * 10 < this.nextTenth * this.total && done < this.total) return;
    while (this.nextTenth * this.total <= done * 10) this.nextTenth++;
    log(`graded ${done}/${this.total} (${Math.floor((100 * done) / this.total)}%), ${rate.toFixed(1)} answers/s${done < this.total ? `, about ${duration(left)} left` : ''}`);
  }

  end(): void {
    if (this.mode === 'bar') process.stderr.write('\r\x1b[2K');
  }
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${String(Math.ceil(s % 60)).padStart(2, '0')} s`;
}

/** KaTeX's stylesheet from a page at `name` inside the reports folder (pages of sub-folders go up). */
function katexHref(name: string): string {
  return `${'../'.repeat(name.split('/').length - 1)}katex/katex.min.css`;
}

/**
 * The rubric: --rubric, else rubric.yaml here, else contexts/rubric.yaml, else
 * the defaults; completed by the course file's problem labels
 * (contexts/course.yaml, `problems:`), so the label → derivation mapping is
 * written once.
 */
function readRubric(argv: GradeArgs, derivationsDir: string): { rubric: Rubric; course: CourseProblem[] } {
  let course: CourseProblem[] = [];
  let file = argv.rubric;
  if (file === undefined) file = ['rubric.yaml', path.join('contexts', 'rubric.yaml')].find((f) => fs.existsSync(f));
  if (file !== undefined && !fs.existsSync(file)) throw new UsageError(`no such rubric file: ${file}`);
  const courseFile = locate(path.join('contexts', 'course.yaml'));
  let rubric = file !== undefined ? loadRubricFile(file) : defaultRubric(); // a mistake in it is a SourceError: file:line:column, exit 2
  try {
    course = fs.existsSync(courseFile) ? courseProblems(fs.readFileSync(courseFile, 'utf8'), courseFile) : [];
    rubric = withCourseProblems(rubric, course);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new UsageError((e as Error).message);
  }
  if (!rubric.problems.length && argv.derivation === undefined) {
    throw new UsageError('grading whole homeworks needs problem labels mapped to derivations: a rubric (rubric.yaml or contexts/rubric.yaml, or --rubric FILE) or problems: in contexts/course.yaml; or grade one derivation with --derivation');
  }
  // with --derivation only that derivation's problems are graded, so only they must be right
  if (argv.derivation !== undefined) rubric = { ...rubric, problems: rubric.problems.filter((p) => p.derivation === argv.derivation) };
  try {
    checkRubric(rubric, loadDerivations(derivationsDir, locate(argv.rules)), (d, chain) => {
      try {
        resultTarget(d, chain);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { rubric, course };
}

/** Grades every answer in argv.dir and writes the results; returns the exit code (0 when the batch ran). */
export async function grade(argv: GradeArgs): Promise<number> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(argv.dir);
  } catch {
    throw new UsageError(`no such folder: ${argv.dir}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a folder: ${argv.dir} (grade takes the folder of answers)`);
  if (!(argv.timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds (got ${argv.timeout})`);
  if (argv.jobs !== undefined && !(Number.isInteger(argv.jobs) && argv.jobs >= 1)) throw new UsageError(`--jobs must be a whole number of at least 1 (got ${argv.jobs})`);
  const skipped: string[] = [];
  const names = answerFiles(argv.dir, argv.recursive, skipped);
  if (skipped.length && !argv.quiet) log(`not graded: ${skipped.length} entr${skipped.length > 1 ? 'ies' : 'y'} that ${skipped.length > 1 ? 'are' : 'is'} not a regular file in the folder (a link leading out of it, a FIFO, a device): ${skipped.slice(0, 5).map(escapeControls).join(', ')}${skipped.length > 5 ? ', …' : ''}`);
  if (!names.length) {
    throw new UsageError(`no answers (*.tex, *.md) in ${argv.dir}${argv.recursive ? ' or its sub-folders' : ' (sub-folders are graded with --recursive)'}`);
  }
  const derivationsDir = locate(argv.derivations);
  const ids = derivationFiles(derivationsDir).map(idOfFile);
  if (!ids.length) throw new UsageError(`no derivation files (*.yaml) in ${argv.derivations}`);
  if (argv.derivation !== undefined && !ids.includes(argv.derivation)) throw new UsageError(`no derivation "${argv.derivation}" (have: ${ids.join(', ')})`);
  const { rubric, course } = readRubric(argv, derivationsDir);
  const single = argv.derivation !== undefined ? singleProblem(rubric, argv.derivation) : undefined;
  const problems: RubricProblem[] = single ? [single] : rubric.problems;
  if (!problems.length) throw new UsageError('no problems to grade: add them to the rubric under problems: (a label, then its derivation), or grade one derivation with --derivation');
  const checker = argv.checker ?? defaultChecker();
  if (!fs.existsSync(checker)) throw new UsageError(`the answer checker is not built (${checker} is missing): run npm run build:ts`);

  const out = argv.out ?? (argv.format === 'gradescope' ? 'results.json' : '-');
  if (out !== '-') checkTarget(out); // refused before any answer is graded
  const opts: AnswerOptions = {
    ...(argv.derivation !== undefined ? { derivation: argv.derivation } : {}),
    derivationsDir: path.resolve(derivationsDir),
    rulesDir: path.resolve(locate(argv.rules)),
    seed: argv.seed,
  };
  // the rules and the derivation are loaded and self-checked here, as `check` does: broken ones stop the run (exit 2)
  loadCheckedRules(argv.rules);
  try {
    answerContexts(opts);
  } catch (e) {
    if (e instanceof AnswerInputError) throw new UsageError(e.message);
    throw e;
  }
  const workers = Math.min(argv.jobs ?? defaultWorkers(), names.length);
  const progress = new Progress(names.length, argv.quiet ? 'none' : process.stderr.isTTY ? 'bar' : 'lines');
  const t0 = performance.now();
  let results: GradeResult[];
  try {
    results = await gradeFiles(names.map((n) => path.join(argv.dir, n)), opts, {
      workers,
      // a whole homework is checked problem by problem: its time limit is --timeout per problem
      timeoutMs: Math.round(argv.timeout * 1000 * problems.length),
      checker,
      plan: { rubric, course: course.map((c) => ({ key: c.key, derivation: c.derivation })), ...(single ? { single } : {}) },
      ...(argv.workerScript ? { workerScript: argv.workerScript } : {}),
      onResult: (_r, _i, done) => progress.update(done),
    });
  } catch (e) {
    // only a checker that cannot be loaded stops the batch: no answer could be graded
    throw new UsageError((e as Error).message);
  } finally {
    progress.end();
  }
  const seconds = (performance.now() - t0) / 1000;

  // file names and answers are echoed to CSV, JSON and the terminal: no control character gets through
  const answers: GradedAnswer[] = results.map((result, i) => ({
    name: escapeControls(names[i].split(path.sep).join('/')),
    result: escapeControlsDeep(result),
    ...(result.grading ? { scores: scoreAnswer(result.grading.problems, problems) } : {}),
  }));
  const meta = { ...(argv.derivation !== undefined ? { derivation: argv.derivation } : {}), problems };
  const text = argv.format === 'csv' ? gradeCsv(answers, meta)
    : JSON.stringify(argv.format === 'json' ? gradeJson(answers, meta) : gradescopeResults(answers, meta), null, 2) + '\n';
  let wrote: string;
  if (out === '-') {
    process.stdout.write(text);
    wrote = 'standard output';
  } else {
    wrote = `${out}${writeIfChanged(out, text) === 'unchanged' ? ' (unchanged)' : ''}`;
  }

  let pages = 0;
  if (argv.reports !== undefined) {
    const outputDir = path.resolve('output');
    if (path.resolve(argv.reports) === outputDir) throw new UsageError('--reports must not be output/: that folder holds the handouts (use reports/)');
    for (const a of answers) {
      if (a.result.status !== 'checked' || !a.scores) continue;
      writeIfChanged(path.join(argv.reports, `${a.name.replace(/\.[^./]+$/, '')}.html`), gradedPage(a, { katexStylesheet: katexHref(a.name) }));
      pages++;
    }
    if (pages) copyKatexAssets(argv.reports);
  }

  if (!argv.quiet) {
    const rows = answers.map(answerRow);
    const s = batchSummary(rows);
    const scored = rows.filter((r) => r.score !== undefined);
    const points = scored.reduce((n, r) => n + r.score!, 0);
    const max = problems.reduce((n, p) => n + p.points, 0);
    const parts = [...(scored.length ? [`mean score ${(points / scored.length).toFixed(1)} of ${max}`] : []), `${s.allVerified} with every step verified`, `${s.withRefuted} with a refuted step`];
    const noSteps = rows.filter((r) => r.status === 'checked' && r.steps === 0).length;
    const other = s.checked - s.allVerified - s.withRefuted - noSteps;
    if (other) parts.push(`${other} with a step undecided or in error, or a line not read`);
    if (noSteps) parts.push(`${noSteps} in which no step could be read`);
    for (const [n, w] of [[s.timeout, 'timed out'], [s.crashed, 'crashed'], [s.error, 'failed with an error'], [s.unreadable, 'unreadable']] as const) {
      if (n) parts.push(`${n} ${w}`);
    }
    log(`graded ${names.length} answer${names.length > 1 ? 's' : ''} in ${seconds.toFixed(1)} s (${(names.length / seconds).toFixed(1)} answers/s, ${workers} worker${workers > 1 ? 's' : ''}): ${parts.join(', ')}`);
    for (const r of rows) if (r.status !== 'checked') log(`  ${r.name}: ${statusWords(r.status)}: ${r.message ?? ''}`);
    log(`wrote ${wrote}${argv.reports !== undefined ? `; ${pages} student page${pages === 1 ? '' : 's'} in ${argv.reports}` : ''}`);
  }
  return 0;
}
