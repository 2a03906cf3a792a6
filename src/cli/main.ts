/**
 * The `rederive` command line (yargs): build (--watch), check, grade, list, new, rules.
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
import { log } from './common';
import { reportFailure } from './errors';
import { check, list, listRules } from './check';
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
    .usage('$0 <command> [options]\n\nRe-derives proofs: every step is checked symbolically and numerically.')
    .command('build [ids..]', 'check derivations and write verified handouts (LaTeX, HTML) to the output directory', (y) => y
      .positional('ids', { type: 'string', array: true, default: [] as string[], describe: 'derivation ids (default: all)' })
      .option('out', { type: 'string', default: 'output', describe: 'output directory' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .option('pdf', { type: 'boolean', default: false, describe: 'also write handout.pdf with pdflatex or latexmk (apt-get install texlive-latex-base)' })
      .options(common)
      .example('$0 build', 'check every derivation, write output/<id>.tex and output/handout.tex')
      .example('$0 build --pdf', 'also compile output/handout.pdf')
      .option('watch', { type: 'boolean', default: false, describe: 'after building, rebuild a derivation when its file or a rule file changes (Ctrl-C stops)' })
      .example('$0 build mle-kl --out /tmp/h', 'one derivation, elsewhere')
      .example('$0 build --watch', 'rebuild on every save, printing the new verdicts'),
    (a) => run(() => (a.watch ? (runWatch(a as never), 0) : build(a as never))))
    .command('check <file>', 'check a derivation file (.yaml) or a student\'s answer (.tex, .md) and report every step', (y) => y
      .positional('file', { type: 'string', demandOption: true, describe: 'a derivation file (.yaml, .yml) or an answer (.tex, .md)' })
      .option('format', { choices: ['text', 'json', 'html'] as const, default: 'text', describe: 'report format (html: answers only, written to --out)' })
      .option('derivation', { type: 'string', describe: 'answers: check against this derivation\'s symbols, definitions and hypotheses (default: the course context)' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .option('out', { type: 'string', describe: 'answers, --format html: the page to write (default: output/<answer>.html)' })
      .options(common)
      .example('$0 check derivations/gaussian-kl.yaml --format json', 'machine-readable report')
      .example('$0 check answers/alice.md --derivation mle-kl', 'flag wrong steps in a student\'s answer')
      .example('$0 check answers/alice.tex --format html', 'the answer as a page, wrong steps highlighted'),
    (a) => {
      if (process.exitCode === 2) return; // yargs still calls the handler after .fail reported a bad option: check nothing
      run(() => check(a as never));
    })
    .command('grade <dir>', 'grade every answer (*.tex, *.md) in a folder against a derivation, in parallel; write CSV, JSON or Gradescope results', (y) => y
      .positional('dir', { type: 'string', demandOption: true, describe: 'the folder of answers' })
      .option('derivation', { type: 'string', demandOption: true, describe: 'the derivation the answers are checked against (its id)' })
      .option('format', { choices: ['csv', 'json', 'gradescope'] as const, default: 'csv', describe: 'csv: a row per answer; json: every report; gradescope: results.json, a test per step' })
      .option('out', { type: 'string', describe: 'file to write (default: standard output; results.json for gradescope)' })
      .option('recursive', { type: 'boolean', default: false, describe: 'also grade the answers in sub-folders' })
      .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: one per core)' })
      .option('timeout', { type: 'number', default: 20, describe: 'time limit for one answer, in seconds: a slower answer is reported as timed out' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress and no summary on standard error' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common)
      .example('$0 grade answers/ --derivation mle-kl --out grades.csv', 'a CSV row per answer: steps, proved, refuted, first wrong step')
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
    .command('list', 'list the derivations', (y) => y
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common),
    (a) => run(() => list(a as never)))
    .command('rules', 'list every rule with its statement and numeric self-check', (y) => y.options(common),
      (a) => run(() => listRules(a as never)))
    .demandCommand(1, 'name a command: build, check, grade, list, new or rules')
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
