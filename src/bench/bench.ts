/**
 * `npm run bench`: measures what the targets are about and prints figures.
 *  - first, side by side with the figures recorded on the base commit d38a0c6 (`RECORDED_BASE`):
 *    per-step median and p95 (warm), a cold `rederive check` of one answer, one process checking
 *    the answer corpus, nested expectations of depth 1–4 and σ-sums n = 10, 20, 40 (`speed.ts`);
 *  - per-step check time (median, p95, max) over every step of every derivation, several rounds;
 *  - `rederive build` wall time and peak memory, in a fresh process, into a temporary directory;
 *  - `rederive grade` throughput (answers per second, with the number of workers) on 200 generated
 *    answers to mle-kl (src/bench/answers.ts, seeded), writing a CSV and a results.json, each in a
 *    fresh process; and how many planted mistakes the CSV puts at the line where they were planted.
 * Figures, not verdicts: nothing here fails on a slow machine.
 *
 * @example
 *   npm run bench
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { loadDerivationFile } from '../semantics/load';
import { checkDerivation } from '../check/derivation';
import { derivationFiles, PACKAGE_ROOT } from '../cli/files';
import { generateAnswers } from './answers';
import { CSV_COLUMNS } from '../emit/grade-csv';
import { measure, fmtMs, type Figure } from './speed';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/**
 * The same figures measured on the base commit d38a0c6 (before the budget and the speed work), RECORDED
 * once, not measured by this run: 2026-11-29, on the development machine (2 cores shared with other
 * jobs: load average ~14, so absolute times are inflated), by
 *   git worktree add /tmp/base d38a0c6 && ln -s $PWD/node_modules /tmp/base/node_modules
 *   (cd /tmp/base && npx tsc -p tsconfig.json) && node dist/bench/speed.js --root /tmp/base
 * `null` with a note: not measured within the time limit (60 s per case).
 */
const RECORDED_BASE: Record<string, Figure> = Object.fromEntries(([
  ['per-step median (warm)', null],
  ['per-step p95 (warm)', null],
  ['per-step max (warm)', null],
  ['cold `rederive check` of one answer', null],
  ['one process checking the 19-answer corpus', null],
  ['nested expectation, depth 1', null],
  ['nested expectation, depth 2', null],
  ['nested expectation, depth 3', null],
  ['nested expectation, depth 4', null],
  ['σ-sum the prover cannot close, n = 10', null],
  ['σ-sum the prover cannot close, n = 20', null],
  ['σ-sum the prover cannot close, n = 40', null],
] as [string, number | null, string?][]).map(([label, ms, note]) => [label, { label, ms, note: note ?? (ms === null ? 'not recorded' : undefined) }]));

/** The speed figures of this tree beside the recorded base, with the ratio base/now. */
function speedTable(): void {
  console.log('speed, this tree beside the base commit d38a0c6 (recorded; see RECORDED_BASE in src/bench/bench.ts)');
  const figs = measure(PACKAGE_ROOT, { log: (s) => process.stderr.write(s + '\n') });
  console.log(`  ${'figure'.padEnd(44)} ${'now'.padStart(10)} ${'base'.padStart(10)} ${'base/now'.padStart(9)}  verdicts now`);
  for (const f of figs) {
    const b = RECORDED_BASE[f.label];
    const ratio = f.ms !== null && b?.ms ? `${(b.ms / f.ms).toFixed(1)}×` : b && b.ms === null && b.note?.startsWith('>') && f.ms !== null ? `> ${(60000 / f.ms).toFixed(0)}×` : '';
    console.log(`  ${f.label.padEnd(44)} ${fmtMs(f).padStart(10)} ${fmtMs(b).padStart(10)} ${ratio.padStart(9)}  ${f.ms !== null && f.note ? f.note : ''}`);
  }
}

function main(): void {
  if (process.env.BENCH_SPEED !== '0') speedTable();
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const files = derivationFiles(path.join(PACKAGE_ROOT, 'derivations'));
  const ds = files.map((f) => loadDerivationFile(f));
  const times: number[] = [];
  const perDerivation: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const d of ds) {
      const rep = checkDerivation(d);
      for (const s of rep.steps) {
        if (r > 0) times.push(s.ms); // round 0 warms up the JIT and caches
        (perDerivation[d.id] ??= []).push(s.ms);
      }
    }
  }
  console.log(`steps: ${times.length / Math.max(1, rounds - 1)} in ${ds.length} derivations, ${rounds - 1} measured rounds`);
  console.log(`per-step check time: median ${quantile(times, 0.5).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
  for (const [id, ts] of Object.entries(perDerivation)) console.log(`  ${id.padEnd(28)} median ${quantile(ts, 0.5).toFixed(2)} ms`);

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-bench-'));
  const script = `const m=require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/cli/main.js'))});` +
    `process.on('exit',()=>{process.stderr.write('BENCH maxrss '+process.resourceUsage().maxRSS+'\\n')});` +
    `m.main(['build','--out',${JSON.stringify(out)}]);`;
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = /BENCH maxrss (\d+)/.exec(res.stderr ?? '');
  console.log(`rederive build (${ds.length} derivations, fresh process): wall ${(wall / 1000).toFixed(2)} s, exit ${res.status}, peak memory ${rss ? (Number(rss[1]) / 1024).toFixed(0) + ' MiB' : 'unknown'}`);
  fs.rmSync(out, { recursive: true, force: true });
  benchGrading();
}

/** `rederive grade` on generated answers, in fresh processes: CSV, then Gradescope's results.json. */
function benchGrading(): void {
  const count = Number(process.env.BENCH_ANSWERS ?? 200);
  if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist', 'answers', 'check.js'))) {
    console.log('rederive grade: skipped (the answer checker, src/answers/check.ts, is not built)');
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-bench-grade-'));
  const dir = path.join(work, 'answers');
  const answers = generateAnswers({ derivation: 'mle-kl', count, dir, seed: 1 });
  const grade = (format: string, out: string) => {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'rederive.js'), 'grade', dir, '--derivation', 'mle-kl', '--format', format, '--out', out],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const line = /graded \d+ answers? in .*/.exec(res.stderr ?? '')?.[0] ?? (res.stderr ?? '').trim().split('\n').pop();
    console.log(`rederive grade --format ${format} (${count} answers, fresh process): wall ${wall.toFixed(1)} s, ${(count / wall).toFixed(1)} answers/s, exit ${res.status}, wrote ${fs.existsSync(out) ? path.basename(out) : 'nothing'}`);
    console.log(`  ${line}`);
  };
  const csv = path.join(work, 'grades.csv');
  grade('csv', csv);
  grade('gradescope', path.join(work, 'results.json'));
  if (fs.existsSync(csv)) {
    // the columns read here come before any free text, and generated file names have no comma
    const col = (c: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(c);
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
    const planted = answers.filter((a) => a.mistake);
    const found = planted.filter((a) => rows[answers.indexOf(a)]?.[col('first_wrong_line')] === String(a.mistake!.line)).length;
    const clean = answers.filter((a) => !a.mistake);
    const verified = clean.filter((a) => {
      const r = rows[answers.indexOf(a)];
      return r && r[col('status')] === 'checked' && Number(r[col('steps')]) > 0 && r[col('steps')] === r[col('verified')] && r[col('unread')] === '0';
    }).length;
    console.log(`  planted mistakes flagged at their line: ${found}/${planted.length}; answers without a mistake verified in every step: ${verified}/${clean.length}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main();
