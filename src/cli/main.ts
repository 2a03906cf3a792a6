/**
 * The `rederive` command line (yargs): build, check, list, rules.
 *
 * Exit codes: 0 when every step checked is verified (proved or numeric);
 * 1 when some step is refuted, unknown or an error; 2 for bad input or usage
 * (a file that cannot be read, a false rule, an unknown option).
 *
 * @example
 *   main(['check', 'derivations/mle-kl.yaml', '--format', 'json']);
 */
import * as path from 'path';
import yargs from 'yargs';
import { loadDerivationFile } from '../semantics/load';
import { loadRules, Rule } from '../semantics/rules';
import { SourceError } from '../parse/error';
import { checkDerivation, allVerified, DerivationReport } from '../check/derivation';
import { selfCheckRules } from '../check/rules';
import { textReport, jsonReport } from '../emit/text';
import { latexDocument, Checked } from '../emit/latex-doc';
import { printLatex } from '../emit/latex-expr';
import { locate, derivationFiles, writeIfChanged } from './files';
import type { Derivation } from '../semantics/derivation';

/** A failure the user must fix (exit 2). */
class UsageError extends Error {}

function loadCheckedRules(dir: string): Map<string, Rule> {
  const rules = loadRules(locate(dir));
  const bad = selfCheckRules(rules).filter((c) => c.status === 'false');
  if (bad.length) throw new UsageError(`refusing false rules:\n${bad.map((b) => `  ${b.message}`).join('\n')}`);
  return rules;
}

function loadAll(dir: string, rules: Map<string, Rule>, ids: string[]): Derivation[] {
  const files = derivationFiles(locate(dir));
  if (!files.length) throw new UsageError(`no derivation files (*.yaml) in ${dir}`);
  const all = files.map((f) => loadDerivationFile(f, new Set(rules.keys())));
  const seen = new Map<string, string>();
  for (const d of all) {
    const prev = seen.get(d.id);
    if (prev) throw new UsageError(`${d.file}: duplicate id "${d.id}" (also in ${prev})`);
    seen.set(d.id, d.file);
  }
  if (!ids.length) return all;
  return ids.map((id) => {
    const d = all.find((x) => x.id === id);
    if (!d) throw new UsageError(`no derivation "${id}" (have: ${all.map((x) => x.id).join(', ')})`);
    return d;
  });
}

function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

function build(argv: { ids: string[]; out: string; derivations: string; rules: string; seed: number }): number {
  const rules = loadCheckedRules(argv.rules);
  const ds = loadAll(argv.derivations, rules, argv.ids);
  const checked: Checked[] = [];
  let ok = true;
  ds.forEach((d, i) => {
    const t0 = Date.now();
    const report = checkDerivation(d, { seed: argv.seed });
    const good = allVerified(report);
    ok &&= good;
    const m = report.summary;
    log(`[${i + 1}/${ds.length}] ${good ? '✓' : '✗'} ${d.id}: ${m.proved} proved, ${m.numeric} numeric, ${m.refuted} refuted, ${m.unknown + m.error} undecided (${Date.now() - t0} ms)`);
    if (!good) for (const s of report.steps.filter((x) => x.verdict !== 'proved' && x.verdict !== 'numeric')) {
      log(`    ${d.file}:${s.line}:${s.column}: step ${s.index} ${s.verdict}${s.diagnosis ? `: ${s.diagnosis}` : ''}${s.message ? `: ${s.message}` : ''}`);
    }
    checked.push({ derivation: d, report });
  });
  const out = argv.out;
  const written: string[] = [];
  for (const c of checked) {
    const file = path.join(out, `${c.derivation.id}.tex`);
    if (writeIfChanged(file, latexDocument([c])) === 'written') written.push(file);
  }
  if (!argv.ids.length) {
    const file = path.join(out, 'handout.tex');
    if (writeIfChanged(file, latexDocument(checked, 'Verified derivations')) === 'written') written.push(file);
  }
  log(`${written.length ? `wrote ${written.join(', ')}` : 'output up to date'}`);
  if (!ok) log('some steps did not verify: see above');
  return ok ? 0 : 1;
}

function check(argv: { file: string; format: string; rules: string; seed: number }): number {
  const rules = loadCheckedRules(argv.rules);
  const d = loadDerivationFile(argv.file, new Set(rules.keys()));
  const report: DerivationReport = checkDerivation(d, { seed: argv.seed });
  if (argv.format === 'json') process.stdout.write(JSON.stringify(jsonReport(report), null, 2) + '\n');
  else process.stdout.write(textReport(report, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
  return allVerified(report) ? 0 : 1;
}

function list(argv: { derivations: string; rules: string }): number {
  const rules = loadRules(locate(argv.rules));
  for (const d of loadAll(argv.derivations, rules, [])) {
    const steps = d.chains.reduce((n, c) => n + c.steps.length, 0);
    process.stdout.write(`${d.id.padEnd(28)} ${String(steps).padStart(3)} steps  ${d.title}\n`);
  }
  return 0;
}

function listRules(argv: { rules: string }): number {
  const checks = selfCheckRules(loadRules(locate(argv.rules)));
  for (const c of checks) {
    process.stdout.write(`${c.rule.name.padEnd(32)} ${c.status === 'ok' ? '✓' : '✗'} ${c.rule.latex}\n${' '.repeat(35)}${c.rule.description}\n${' '.repeat(35)}self-check: ${c.message}\n`);
  }
  return checks.some((c) => c.status === 'false') ? 1 : 0;
}

/** Runs the CLI with arguments (without `node` and the script); sets the exit code. */
export function main(args: string[]): void {
  const run = (f: () => number) => {
    try {
      process.exitCode = f();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (e instanceof SourceError || e instanceof UsageError) {
        log(`rederive: ${err.message}`);
        process.exitCode = 2;
      } else if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') {
        log(`rederive: cannot read ${err.path ?? 'a file'}: ${err.code === 'ENOENT' ? 'no such file' : err.code}`);
        process.exitCode = 2;
      } else throw e;
    }
  };
  const common = {
    rules: { type: 'string', default: 'rules', describe: 'directory of rule files (*.yaml)' },
    seed: { type: 'number', default: 20261124, describe: 'base seed of the numeric tests (reported with every witness)' },
  } as const;
  void yargs(args)
    .scriptName('rederive')
    .usage('$0 <command> [options]\n\nRe-derives proofs: every step is checked symbolically and numerically.')
    .command('build [ids..]', 'check derivations and write verified LaTeX handouts to the output directory', (y) => y
      .positional('ids', { type: 'string', array: true, default: [] as string[], describe: 'derivation ids (default: all)' })
      .option('out', { type: 'string', default: 'output', describe: 'output directory' })
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common)
      .example('$0 build', 'check every derivation, write output/<id>.tex and output/handout.tex')
      .example('$0 build mle-kl --out /tmp/h', 'one derivation, elsewhere'),
    (a) => run(() => build(a as never)))
    .command('check <file>', 'check one derivation file and report every step', (y) => y
      .positional('file', { type: 'string', demandOption: true, describe: 'a derivation file (YAML)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text', describe: 'report format' })
      .options(common)
      .example('$0 check derivations/gaussian-kl.yaml --format json', 'machine-readable report'),
    (a) => run(() => check(a as never)))
    .command('list', 'list the derivations', (y) => y
      .option('derivations', { type: 'string', default: 'derivations', describe: 'directory of derivation files' })
      .options(common),
    (a) => run(() => list(a as never)))
    .command('rules', 'list every rule with its statement and numeric self-check', (y) => y.options(common),
      (a) => run(() => listRules(a as never)))
    .demandCommand(1, 'name a command: build, check, list or rules')
    .strict()
    .fail((msg, err, y) => {
      if (err) throw err;
      log(`${y.help()}`.length ? `rederive: ${msg}\n(see rederive --help)` : msg);
      process.exitCode = 2;
    })
    .help()
    .version(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .parse();
  void printLatex;
}
