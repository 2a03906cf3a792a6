/**
 * `rederive grade <dir> --derivation <id>`: checks every answer in a folder
 * (its *.tex and *.md files, sorted by name; sub-folders with --recursive)
 * in parallel across the machine's cores, and writes the class's results as
 * CSV, JSON or Gradescope's results.json.
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
import { gradeCsv } from '../emit/grade-csv';
import { gradeJson } from '../emit/grade-json';
import { gradescopeResults } from '../emit/grade-gradescope';
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
  derivation: string;
  format: GradeFormat;
  /** The CSV or JSON file (default: standard output), or the results.json path (default: results.json). */
  out?: string;
  recursive: boolean;
  /** Worker threads (default: one per core). */
  jobs?: number;
  /** Time limit for one answer, in seconds. */
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
  if (!ids.includes(argv.derivation)) throw new UsageError(`no derivation "${argv.derivation}" (have: ${ids.join(', ')})`);
  const checker = argv.checker ?? defaultChecker();
  if (!fs.existsSync(checker)) throw new UsageError(`the answer checker is not built (${checker} is missing): run npm run build:ts`);

  const out = argv.out ?? (argv.format === 'gradescope' ? 'results.json' : '-');
  if (out !== '-') checkTarget(out); // refused before any answer is graded
  const opts: AnswerOptions = {
    derivation: argv.derivation,
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
      timeoutMs: Math.round(argv.timeout * 1000),
      checker,
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
  const answers: GradedAnswer[] = results.map((result, i) => ({ name: escapeControls(names[i].split(path.sep).join('/')), result: escapeControlsDeep(result) }));
  const text = argv.format === 'csv' ? gradeCsv(answers)
    : JSON.stringify(argv.format === 'json' ? gradeJson(answers, { derivation: argv.derivation }) : gradescopeResults(answers, { derivation: argv.derivation }), null, 2) + '\n';
  let wrote: string;
  if (out === '-') {
    process.stdout.write(text);
    wrote = 'standard output';
  } else {
    wrote = `${out}${writeIfChanged(out, text) === 'unchanged' ? ' (unchanged)' : ''}`;
  }

  if (!argv.quiet) {
    const rows = answers.map(answerRow);
    const s = batchSummary(rows);
    const parts = [`${s.allVerified} with every step verified`, `${s.withRefuted} with a refuted step`];
    const noSteps = rows.filter((r) => r.status === 'checked' && r.steps === 0).length;
    const other = s.checked - s.allVerified - s.withRefuted - noSteps;
    if (other) parts.push(`${other} with a step undecided or in error, or a line not read`);
    if (noSteps) parts.push(`${noSteps} in which no step could be read`);
    for (const [n, w] of [[s.timeout, 'timed out'], [s.crashed, 'crashed'], [s.error, 'failed with an error'], [s.unreadable, 'unreadable']] as const) {
      if (n) parts.push(`${n} ${w}`);
    }
    log(`graded ${names.length} answer${names.length > 1 ? 's' : ''} in ${seconds.toFixed(1)} s (${(names.length / seconds).toFixed(1)} answers/s, ${workers} worker${workers > 1 ? 's' : ''}): ${parts.join(', ')}`);
    for (const r of rows) if (r.status !== 'checked') log(`  ${r.name}: ${statusWords(r.status)}: ${r.message ?? ''}`);
    log(`wrote ${wrote}`);
  }
  return 0;
}
