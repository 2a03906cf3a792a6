/**
 * `rederive check`, `rederive list` and `rederive rules`: reports on one
 * derivation file, the derivations, and the rules.
 *
 * @example
 *   check({ file: 'derivations/mle-kl.yaml', format: 'json', rules: 'rules', seed: 1 })
 */
import { loadDerivationFile } from '../semantics/load';
import { loadRules, sideConditions } from '../semantics/rules';
import { checkDerivation, allVerified, DerivationReport } from '../check/derivation';
import { selfCheckRules } from '../check/rules';
import { ENGINE_RULES } from '../check/symbolic/prove';
import { ruleBase, recordSelfCheck } from '../check/symbolic/rulebase';
import type { RuleBase } from '../check/symbolic/pattern';
import { textReport, jsonReport } from '../emit/text';
import { locate } from './files';
import { loadCheckedRules, loadAll, UsageError, log } from './common';
import * as fs from 'fs';
import * as path from 'path';
import { checkAnswerFile, AnswerInputError } from '../answers/check';
import type { AnswerReport } from '../answers/types';
import { answerTextReport, answerJsonReport } from '../emit/answer-text';
import { writeIfChanged } from './files';
import { sourcesLine } from './sources';
import { checkTarget } from '../emit/safe-write';
import { escapeControlsDeep } from '../emit/escape';

/** What `rederive check` is given. */
export interface CheckArgs {
  file: string;
  format: string;
  rules: string;
  seed: number;
  derivation?: string;
  derivations?: string;
  out?: string;
}

/**
 * Checks several files in one process (the context, rules and compiled code
 * are loaded once), printing each report in turn; the exit code is the
 * largest of theirs.
 *
 * @example checkFiles({ ...args, file: 'a.md', more: ['b.md', 'c.md'] })
 */
export function checkFiles(argv: CheckArgs & { more?: string[] }): number {
  const files = [argv.file, ...(argv.more ?? [])];
  if (files.length > 1 && argv.out) throw new UsageError('--out names one page: check one answer at a time with --out, or leave it out (pages go to output/<answer>.html)');
  let code = 0;
  for (const file of files) code = Math.max(code, check({ ...argv, file }));
  return code;
}

/**
 * Checks one file and prints the report; returns the exit code. A derivation
 * (.yaml, .yml) or a student's answer (.tex, .md), told apart by extension.
 */
export function check(argv: CheckArgs): number {
  if (/\.(tex|md|markdown)$/i.test(argv.file)) return checkAnswer(argv);
  if (!/\.ya?ml$/i.test(argv.file)) throw new UsageError(`cannot tell what ${argv.file} is: a derivation file ends in .yaml or .yml, a student's answer in .tex or .md`);
  if (argv.format === 'html') throw new UsageError('--format html is for answers (.tex, .md); a derivation\'s page is written by rederive build');
  if (argv.derivation) throw new UsageError('--derivation is for answers (.tex, .md): a derivation file is checked in its own context');
  const rules = loadCheckedRules(argv.rules);
  const d = loadDerivationFile(argv.file, new Set(rules.keys()));
  const report: DerivationReport = escapeControlsDeep(checkDerivation(d, { seed: argv.seed, rules }));
  if (argv.format === 'json') process.stdout.write(JSON.stringify(jsonReport(report), null, 2) + '\n');
  else process.stdout.write(textReport(report, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
  return allVerified(report) ? 0 : 1;
}

/**
 * Checks a student's answer: in --derivation's context, or the course's.
 * Exit 0 when every step verified and every line was read, 1 otherwise.
 */
function checkAnswer(argv: CheckArgs): number {
  // the page's path is refused before any work when it is not a regular file or a missing path
  const htmlOut = argv.format === 'html' ? argv.out ?? path.join('reports', `${path.basename(argv.file).replace(/\.[^.]+$/, '')}.html`) : undefined;
  if (htmlOut) checkTarget(htmlOut);
  const rules = loadCheckedRules(argv.rules);
  log(sourcesLine(argv.derivations ?? 'derivations', argv.rules));
  if (!fs.statSync(argv.file).isFile()) throw new UsageError(`${argv.file} is not a file`);
  let report: AnswerReport;
  try {
    report = checkAnswerFile(argv.file, { derivation: argv.derivation, derivationsDir: argv.derivations, rulesDir: argv.rules, rules, seed: argv.seed });
  } catch (e) {
    if (e instanceof AnswerInputError) throw new UsageError(e.message);
    throw e;
  }
  report = escapeControlsDeep(report); // nothing the student wrote reaches a terminal, JSON or HTML as a control character
  if (argv.format === 'json') process.stdout.write(JSON.stringify(answerJsonReport(report), null, 2) + '\n');
  else if (argv.format === 'html') {
    const out = htmlOut!;
    // KaTeX is loaded only when a page is written (it is most of a cold start's module loading)
    const { answerPage } = require('../emit/answer-html') as typeof import('../emit/answer-html');
    const { copyKatexAssets } = require('../emit/assets') as typeof import('../emit/assets');
    copyKatexAssets(path.dirname(out));
    writeIfChanged(out, answerPage(report));
    log(`wrote ${out}`);
  } else process.stdout.write(answerTextReport(report, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
  const s = report.summary;
  if (!report.steps.length && !report.unread.length) {
    // exit 0 says something was checked and verified: an answer without a step is neither
    log(`rederive: no step to check in ${argv.file}: no relation (=, \\le, \\iff, …) between two formulas was found`);
    return 1;
  }
  return s.refuted + s.unknown + s.error + report.unread.length ? 1 : 0;
}

/** Lists the derivations. */
export function list(argv: { derivations: string; rules: string }): number {
  const rules = loadRules(locate(argv.rules));
  log(sourcesLine(argv.derivations, argv.rules));
  for (const d of loadAll(argv.derivations, rules, [])) {
    const steps = d.chains.reduce((n, c) => n + c.steps.length, 0);
    process.stdout.write(`${d.id.padEnd(28)} ${String(steps).padStart(3)} steps  ${d.title}\n`);
  }
  return 0;
}

/** The rules the symbolic prover applies in code; the others it applies as rewrites from the rule files. */
const PROVER_RULES: ReadonlySet<string> = new Set(ENGINE_RULES);

/** How the prover uses a rule: in code, unfolded wherever it matches, by the rewrite search, or not (and why). */
function proverUse(name: string, base: RuleBase): string {
  if (PROVER_RULES.has(name)) return 'yes';
  const ws = base.rewrites.filter((w) => w.name === name);
  if (ws.some((w) => w.unfold)) return 'yes (unfolded left to right wherever it matches)';
  if (ws.length) return `yes (rewrite search, ${ws.length === 2 ? 'both directions' : ws[0].dir === '→' ? 'left to right' : 'right to left'})`;
  const why = base.skipped.find((s) => s.name === name)?.reason ?? 'not a pattern';
  return `no (${why}: a step it alone justifies is verified numerically)`;
}

/** Lists every rule with its statement, side conditions, self-check, and whether the prover applies it. */
export function listRules(argv: { rules: string }): number {
  const rules = loadRules(locate(argv.rules));
  const checks = selfCheckRules(rules);
  checks.forEach((c) => recordSelfCheck(c.rule, c.status));
  const base = ruleBase(rules);
  for (const c of checks) {
    const conditions = sideConditions(c.rule);
    process.stdout.write(`${c.rule.name.padEnd(32)} ${c.status === 'ok' ? '✓' : '✗'} ${c.rule.latex}\n${' '.repeat(35)}${c.rule.description}\n`
      + `${' '.repeat(35)}side conditions: ${conditions.length ? conditions.join('; ') : 'none'}\n${' '.repeat(35)}self-check: ${c.message}\n`
      + `${' '.repeat(35)}used by the prover: ${proverUse(c.rule.name, base)}\n`);
  }
  return checks.some((c) => c.status === 'false') ? 1 : 0;
}

