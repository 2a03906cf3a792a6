/**
 * `node dist/bench/prover.js`: the symbolic prover alone, timed, over every
 * `=` and `\doteq` step of the shipped derivations (no numeric tester, whose
 * quadrature dominates `npm run bench`'s per-step times). Prints how many
 * steps it proves and the time for all of them (median and minimum of
 * rounds), so two checkouts can be compared on a loaded machine by their
 * minima. Figures, not verdicts.
 *
 * @example
 *   npx tsc -p tsconfig.json && node dist/bench/prover.js
 */
import * as path from 'path';
import { loadDerivationFile } from '../semantics/load';
import { placedSteps } from '../check/derivation';
import { proveEqual, proveFreeOf } from '../check/symbolic/prove';
import { Defs } from '../check/symbolic/defs';
import { vectorNotation } from '../check/vector-notation';
import { derivationFiles, PACKAGE_ROOT } from '../cli/files';

function main(): void {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const steps = derivationFiles(path.join(PACKAGE_ROOT, 'derivations')).flatMap((f) => placedSteps(loadDerivationFile(f)));
  const run = (): number => {
    let proved = 0;
    for (const { input } of steps) {
      const env = { ctx: input.ctx, defs: new Defs(input.defs) };
      const l = vectorNotation(input.lhs, input.ctx);
      const r = vectorNotation(input.rhs, input.ctx);
      const rel = input.relation;
      const res = rel.kind === 'doteq' ? proveFreeOf(rel.param, l, r, env) : rel.kind === 'eq' ? proveEqual(l, r, env) : null;
      if (res?.status === 'proved') proved++;
    }
    return proved;
  };
  run(); // warm-up
  const ts: number[] = [];
  let proved = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    proved = run();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ts.sort((a, b) => a - b);
  const eqSteps = steps.filter((s) => s.input.relation.kind === 'eq' || s.input.relation.kind === 'doteq').length;
  console.log(`symbolic prover: ${proved}/${eqSteps} = and \\doteq steps proved; all of them in median ${ts[Math.floor(rounds / 2)].toFixed(1)} ms, min ${ts[0].toFixed(1)} ms (${rounds} rounds)`);
}

main();
