/**
 * `npm run mutants`: the full mutation test of issue 11 (`mutation.ts`): at
 * least 10,000 mutants of the `=` steps of every derivation, each checked by
 * the step checker, with per-verdict counts. Exits 1 on any false accept (an
 * unequal mutant `proved` or `numeric`).
 *
 * @example
 *   npm run mutants                      # MUTANTS=20000 MUTANT_SEED=3 npm run mutants
 */
import * as path from 'path';
import { loadDerivationFile } from '../semantics/load';
import { placedSteps } from '../check/derivation';
import { checkStep } from '../check/step';
import { derivationFiles, PACKAGE_ROOT } from '../cli/files';
import { printLatex } from '../emit/latex-expr';
import { runMutants } from './mutation';

function main(): void {
  const limit = Number(process.env.MUTANTS ?? 10000);
  const seed = Number(process.env.MUTANT_SEED ?? 1);
  const steps = derivationFiles(path.join(PACKAGE_ROOT, 'derivations')).flatMap((f) => {
    const d = loadDerivationFile(f);
    return placedSteps(d).map((p) => ({ derivation: d.id, index: p.index, input: p.input }));
  });
  const onEach = (r: { tried: number }, what: string, ms: number) => {
    if (ms > 2000) console.error(`  slow (${(ms / 1000).toFixed(1)} s): ${what}`);
    if (r.tried % 250 === 0) console.error(`  … ${r.tried} tried: ${JSON.stringify(r)}`);
  };
  const rep = runMutants(steps, { limit, seed, check: (input) => checkStep({ ...input, diagnose: false }), onEach });
  const fmt = (r: Record<string, number>) => Object.entries(r).sort().map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const nUnequal = Object.values(rep.unequal).reduce((a, b) => a + b, 0), nEqual = Object.values(rep.equal).reduce((a, b) => a + b, 0);
  console.log(`mutants: ${rep.generated} generated from ${steps.length} steps, ${rep.tried} tried (seed ${seed}) in ${(rep.ms / 1000).toFixed(1)} s`);
  console.log(`  unequal (${nUnequal}): ${fmt(rep.unequal)}`);
  console.log(`  equal   (${nEqual}): ${fmt(rep.equal)}`);
  console.log(`  undecided truth (not counted): ${rep.undecided}`);
  console.log(`  false accepts: ${rep.falseAccepts.length}`);
  for (const f of rep.falseAccepts.slice(0, 20)) console.log(`    ${f.derivation} step ${f.step} ${f.kind} @${f.site}: ${f.verdict}: ${printLatex(f.rhs)}`);
  process.exitCode = rep.falseAccepts.length ? 1 : 0;
}

main();
