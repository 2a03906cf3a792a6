/**
 * The `rederive` command line (yargs): build (--watch), check, grade, init, list, new, rules;
 * `--version`, and "did you mean" for an unknown command (conventions.ts).
 *
 * Exit codes: 0 when every step checked is verified (proved or numeric);
 * 1 when some step is refuted, unknown or an error, or nothing was checked;
 * 2 for bad input or usage (a file that cannot be read or written, a false
 * rule, an unknown option, an input over a limit); 3 for an internal error
 * (src/cli/errors.ts).
 *
 * @example
 *   main(['check', 'derivations/mle-kl.yaml', '--format', 'json']);
 */
import yargs from 'yargs';
import { SourceError } from '../parse/error';
import { UsageError, log } from './common';
import { init } from './init';
import { preflight } from './conventions';
import { checkFiles, list, listRules } from './check';
import { reportFailure } from './errors';
// build (KaTeX), grade, new and watch are loaded by the command that needs them: a cold `check` loads none
const build = (a: never): number => (require('./build') as typeof import('./build')).build(a);
const newDerivation = (a: never): number => (require('./new') as typeof import('./new')).newDerivation(a);
const grade = (a: never): Promise<number> => (require('./grade') as typeof import('./grade')).grade(a);
const runWatch = (a: never): void => { (require('./watch') as typeof import('./watch')).runWatch(a); };

/** The input file or folder named on the command line (for the bug-report line), if any. */
function inputOf(args: string[]): string | undefined {
  return args.slice(1).find((a) => !a.startsWith('-'));
}

/** Runs the CLI with arguments (without `node` and the script); sets the exit code. */
export function main(args: string[]): void {
  // a failure outside a command's handler (an async callback, yargs itself) is still one message and exit 3, never a stack trace
  process.on('uncaughtException', (e) => process.exit(reportFailure(e, inputOf(args))));
  const pre = preflight(args);
  if (pre) {
    if (pre.out) process.stdout.write(pre.out);
    if (pre.err) process.stderr.write(pre.err);
    process.exitCode = pre.exit;
    return;
  }
  const run = (f: () => number) => {
    // yargs still calls a command's handler after .fail reported a bad option: run nothing then
    if (process.exitCode === 2) return;
    try {
      process.exitCode = f();
    } catch (e) {
      process.exitCode = reportFailure(e, inputOf(args));
    }
  };
  const common = {
    rules: { type: 'string', default: 'rules', describe: 'directory of rule files (*.yaml)' },
    seed: { type: 'number', default: 20261124, describe: 'base seed of the numeric tests (reported with every witness)' },
  } as const;
  void yargs(args)
    .scriptName('rederive')
    .usage('$0 <command> [options]\n\nRe-derives proofs: every step is checked symbolically and numerically.\nrederive --version prints the version.')
    .command('build [ids..]', 'check derivations and write the handouts (LaTeX, HTML) and the self-check page (check.html) to the output directory', (y) => y
      .positional('ids', { type: 'string', array: true, default: [] as string[], describe: 'derivation ids (default: all)' })
      .option('out', { type: 'string', default: 'output', describe: 'output directory' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .option('pdf', { type: 'boolean', default: false, describe: 'also write handout.pdf with pdflatex or latexmk (apt-get install texlive-latex-base)' })
      .option('sheet', { type: 'boolean', default: false, describe: 'also write the exercise sheet (sheet.tex: statements, givens, the result to show; no solutions)' })
      .option('marks', { type: 'boolean', default: true, describe: 'verdict marks in the LaTeX handouts (--no-marks: without)' })
      .options(common)
      .example('$0 build', 'check every derivation, write output/<id>.tex and output/handout.tex')
      .example('$0 build --pdf', 'also compile output/handout.pdf')
      .option('watch', { type: 'boolean', default: false, describe: 'after building, rebuild a derivation when its file or a rule file changes (Ctrl-C stops)' })
      .example('$0 build mle-kl --out /tmp/h', 'one derivation, elsewhere')
      .example('$0 build --watch', 'rebuild on every save, printing the new verdicts'),
    (a) => run(() => (a.watch ? (runWatch(a as never), 0) : build(a as never))))
    .command('check <file> [more..]', 'check a derivation file (.yaml) or a student\'s answer (.tex, .md) and report every step', (y) => y
      .positional('file', { type: 'string', demandOption: true, describe: 'a derivation file (.yaml, .yml) or an answer (.tex, .md)' })
      .positional('more', { type: 'string', array: true, default: [] as string[], describe: 'more files, checked in the same process one after another' })
      .option('format', { choices: ['text', 'json', 'html'] as const, default: 'text', describe: 'report format (html: answers only, written to --out)' })
      .option('derivation', { type: 'string', describe: 'answers: check against this derivation\'s symbols, definitions and hypotheses (default: the course context)' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .option('out', { type: 'string', describe: 'answers, --format html: the page to write (default: reports/<answer>.html, apart from the handouts in output/)' })
      .options(common)
      .example('$0 check derivations/gaussian-kl.yaml --format json', 'machine-readable report')
      .example('$0 check answers/alice.md --derivation mle-kl', 'flag wrong steps in a student\'s answer')
      .example('$0 check answers/alice.tex --format html', 'the answer as a page, wrong steps highlighted'),
    (a) => {
      if (process.exitCode === 2) return; // yargs still calls the handler after .fail reported a bad option: check nothing
      run(() => checkFiles(a as never));
    })
    .command('grade <dir>', 'grade every answer (*.tex, *.md) in a folder, problem by problem with the rubric, in parallel; write CSV, JSON or Gradescope results', (y) => y
      .positional('dir', { type: 'string', demandOption: true, describe: 'the folder of answers' })
      .option('derivation', { type: 'string', describe: 'grade each answer as one problem against this derivation (its id); without it, answers are split into problems by their labels' })
      .option('reports', { type: 'string', describe: 'also write a page per student (HTML: points per problem, flagged steps) to this folder, e.g. reports/' })
      .option('rubric', { type: 'string', describe: 'the rubric: problem labels -> derivations, points (default: rubric.yaml, else contexts/rubric.yaml)' })
      .option('format', { choices: ['csv', 'json', 'gradescope'] as const, default: 'csv', describe: 'csv: a row per answer, a column per problem; json: every report; gradescope: results.json, a test per problem' })
      .option('out', { type: 'string', describe: 'file to write (default: standard output; results.json for gradescope)' })
      .option('recursive', { type: 'boolean', default: false, describe: 'also grade the answers in sub-folders' })
      .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: one per core)' })
      .option('timeout', { type: 'number', default: 20, describe: 'time limit for one answer, in seconds (per problem for whole homeworks): a slower answer is reported as timed out' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress and no summary on standard error' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common)
      .example('$0 grade answers/ --out grades.csv', 'whole homeworks: each answer split by its labels, a score per problem from contexts/rubric.yaml')
      .example('$0 grade answers/ --derivation mle-kl --out grades.csv', 'a CSV row per answer: score, steps, refuted, first wrong step')
      .example('$0 grade /autograder/submission --derivation mle-kl --format gradescope --out /autograder/results/results.json', 'in a Gradescope autograder'),
    (a) => {
      if (process.exitCode === 2) return; // yargs still calls the handler after .fail reported a bad option: grade nothing
      void grade(a as never).then((code) => { process.exitCode = code; }, (e: unknown) => run(() => { throw e; }));
    })
    .command('new <id>', 'write a new, commented derivation file that verifies as written (never overwrites)', (y) => y
      .positional('id', { type: 'string', demandOption: true, describe: 'the id: lower-case letters, digits and dashes' })
      .option('title', { type: 'string', describe: 'the title (default: from the id)' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory to write <id>.yaml in' })
      .example('$0 new variance-identity --title "The variance identity"', 'writes derivations/variance-identity.yaml'),
    (a) => run(() => newDerivation(a as never)))
    .command('init <folder>', 'scaffold a course: derivations/, rules/, contexts/course.yaml, course.yaml, rubric.yaml and two example answers', (y) => y
      .positional('folder', { type: 'string', demandOption: true, describe: 'a new or empty folder' })
      .example('$0 init stats101', 'then: cd stats101 && npx rederive check answers/flawed.md --derivation variance'),
    (a) => run(() => init(a as never)))
    .command('list', 'list the derivations', (y) => y
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common),
    (a) => run(() => list(a as never)))
    .command('rules', 'list every rule with its statement and numeric self-check', (y) => y.options(common),
      (a) => run(() => listRules(a as never)))
    .demandCommand(1, 'name a command: build, check, grade, init, list, new or rules')
    .strict()
    .fail((msg, err, y) => {
      if (err) {
        process.exitCode = reportFailure(err, inputOf(args));
        return;
      }
      log(`${y.help()}`.length ? `rederive: ${msg}\n(see rederive --help)` : msg);
      process.exitCode = 2;
    })
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .parse();
}
