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
import { textReport, jsonReport } from '../emit/text';
import { locate } from './files';
import { loadCheckedRules, loadAll } from './common';

/** Checks one derivation file and prints the report; returns the exit code. */
export function check(argv: { file: string; format: string; rules: string; seed: number }): number {
  const rules = loadCheckedRules(argv.rules);
  const d = loadDerivationFile(argv.file, new Set(rules.keys()));
  const report: DerivationReport = checkDerivation(d, { seed: argv.seed });
  if (argv.format === 'json') process.stdout.write(JSON.stringify(jsonReport(report), null, 2) + '\n');
  else process.stdout.write(textReport(report, { color: !!process.stdout.isTTY && !process.env.NO_COLOR }));
  return allVerified(report) ? 0 : 1;
}

/** Lists the derivations. */
export function list(argv: { derivations: string; rules: string }): number {
  const rules = loadRules(locate(argv.rules));
  for (const d of loadAll(argv.derivations, rules, [])) {
    const steps = d.chains.reduce((n, c) => n + c.steps.length, 0);
    process.stdout.write(`${d.id.padEnd(28)} ${String(steps).padStart(3)} steps  ${d.title}\n`);
  }
  return 0;
}

/** The rules the symbolic prover applies by name; the others are checked numerically only. */
const PROVER_RULES: ReadonlySet<string> = new Set(ENGINE_RULES);

/** Lists every rule with its statement, side conditions, self-check, and whether the prover applies it. */
export function listRules(argv: { rules: string }): number {
  const checks = selfCheckRules(loadRules(locate(argv.rules)));
  for (const c of checks) {
    const conditions = sideConditions(c.rule);
    process.stdout.write(`${c.rule.name.padEnd(32)} ${c.status === 'ok' ? '✓' : '✗'} ${c.rule.latex}\n${' '.repeat(35)}${c.rule.description}\n`
      + `${' '.repeat(35)}side conditions: ${conditions.length ? conditions.join('; ') : 'none'}\n${' '.repeat(35)}self-check: ${c.message}\n`
      + `${' '.repeat(35)}used by the prover: ${PROVER_RULES.has(c.rule.name) ? 'yes' : 'no (the prover does not apply it by name: a step it alone justifies is verified numerically)'}\n`);
  }
  return checks.some((c) => c.status === 'false') ? 1 : 0;
}

