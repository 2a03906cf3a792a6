/**
 * `rederive build`: checks derivations and writes the handouts, reporting
 * progress per derivation and, for each failed step, file:line:column.
 *
 * @example
 *   build({ ids: [], out: 'output', derivations: 'derivations', rules: 'rules', seed: 1 })  // exit code
 */
import * as path from 'path';
import { checkDerivation, allVerified } from '../check/derivation';
import { latexDocument, Checked } from '../emit/latex-doc';
import { writeIfChanged } from './files';
import { loadCheckedRules, loadAll, log } from './common';

/** Options of `rederive build`. */
export interface BuildOptions {
  ids: string[];
  out: string;
  derivations: string;
  rules: string;
  seed: number;
}

/** Runs a build; returns the exit code. */
export function build(argv: BuildOptions): number {
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

