/**
 * The speed figures of issue 11 and 12, measured on any built checkout of
 * Rederive (its `dist/`), so that the current tree and a reference commit are
 * measured by the same code:
 *  - per-step check time, warm: median and p95 over every step of every derivation;
 *  - a cold `rederive check` of one answer (fresh process, wall time, median of 5);
 *  - one process checking the answer corpus (tests/fixtures/answers);
 *  - nested expectations of depth 1–4 and σ-sums the prover cannot close,
 *    n = 10, 20, 40: each checked in a fresh process (time inside it, after
 *    loading), with its verdict, and a time limit beyond which it is reported
 *    as "> limit".
 * Wall time, and the CPU time of the process doing the work where it is
 * measured (the figure a loaded machine distorts least). Figures, not
 * verdicts: nothing here fails on a slow machine.
 *
 * @example
 *   node dist/bench/speed.js                  # this checkout
 *   node dist/bench/speed.js --root /tmp/base # another built checkout (its dist/ and data)
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';

/** One measured figure: a value in ms, or a note when it could not be measured. */
export interface Figure {
  label: string;
  /** Wall time. */
  ms: number | null;
  /** CPU time of the process that did the work (what the step budget is measured in): less sensitive to a loaded machine. */
  cpu?: number | null;
  note?: string;
}

/** Appended to a child's script: prints its CPU time in ms on standard error at exit. */
const CPU_AT_EXIT = `process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('BENCH cpu '+(u.user+u.system)/1000+'\\n')});`;
const cpuOf = (stderr: string | null | undefined): number | null => {
  const m = /BENCH cpu ([\d.]+)/.exec(stderr ?? '');
  return m ? Number(m[1]) : null;
};

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** An answer with an expectation nested `depth` deep whose body is a sum of one term per level. */
export function nestedAnswer(depth: number): string {
  const vars = ['x', 'y', 'z', 'h'].slice(0, depth); // variables the course context declares
  let body = vars.map((v) => `\\log p_\\theta(${v})`).join(' + ');
  for (const v of [...vars].reverse()) body = `\\mathbb{E}_{${v} \\sim p_{data}}\\left[${body}\\right]`;
  return `$$${body} = ${depth}\\,\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]$$\n`;
}

/** A false sum of n σ-terms, which the prover cannot bring to zero. */
export function sigmaAnswer(n: number): string {
  const lhs = Array.from({ length: n }, (_, i) => `\\sigma(x + ${i + 1})`).join(' + ');
  const rhs = Array.from({ length: n }, (_, i) => `\\sigma(2x + ${i + 1})`).join(' + ');
  return `$$${lhs} = ${rhs}$$\n`;
}

/** Runs `script` in a fresh node process (cwd `root`), at most `limitS` seconds; its stdout, or null past the limit. */
function fresh(root: string, script: string, limitS: number): string | null {
  const res = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: limitS * 1000, maxBuffer: 1 << 24 });
  if (res.error || res.status !== 0) return null;
  return res.stdout;
}

/** Time and verdicts of checking `text` as an answer in a fresh process (after a warm-up answer loads the context). */
function answerTiming(root: string, text: string, limitS: number): Figure & { verdicts?: string } {
  const script = `const {checkAnswerText}=require(${JSON.stringify(path.join(root, 'dist/answers/check.js'))});`
    + `checkAnswerText('$$a = a$$\\n','warm.md',{});`
    + `const c0=process.cpuUsage();const t=performance.now();const r=checkAnswerText(${JSON.stringify(text)},'bench.md',{});const c=process.cpuUsage(c0);`
    + `process.stdout.write(JSON.stringify({ms:performance.now()-t,cpu:(c.user+c.system)/1000,v:r.steps.map(s=>s.verdict).join(' ')}));`;
  const out = fresh(root, script, limitS);
  if (out === null) return { label: '', ms: null, cpu: null, note: `> ${limitS} s` };
  const r = JSON.parse(out) as { ms: number; cpu: number; v: string };
  return { label: '', ms: r.ms, cpu: r.cpu, verdicts: r.v };
}

/** Every figure, measured on the checkout at `root`. */
export function measure(root: string, opts: { rounds?: number; limitS?: number; log?: (s: string) => void } = {}): Figure[] {
  const rounds = opts.rounds ?? 4, limitS = opts.limitS ?? 60, log = opts.log ?? (() => {});
  const out: Figure[] = [];
  const dist = (p: string) => JSON.stringify(path.join(root, 'dist', p));
  // per-step, warm (round 0 warms the JIT and caches)
  // the CPU time of each step is taken around the step checker (derivation.js calls it through its module's exports)
  const stepScript = `const step=require(${dist('check/step.js')});const orig=step.checkStep;const cpu=[];`
    + `step.checkStep=(i)=>{const c0=process.cpuUsage();const r=orig(i);const c=process.cpuUsage(c0);cpu.push((c.user+c.system)/1000);return r;};`
    + `const {loadDerivationFile}=require(${dist('semantics/load.js')});const {checkDerivation}=require(${dist('check/derivation.js')});`
    + `const fs=require('fs'),path=require('path');const D=${JSON.stringify(path.join(root, 'derivations'))};`
    + `const ds=fs.readdirSync(D).filter(f=>f.endsWith('.yaml')).map(f=>loadDerivationFile(path.join(D,f)));const ms=[];let n0=0;`
    + `for(let r=0;r<${rounds};r++){if(r===1)n0=cpu.length;for(const d of ds)for(const s of checkDerivation(d).steps)if(r>0)ms.push(s.ms);}`
    + `process.stdout.write(JSON.stringify({ms,cpu:cpu.slice(n0)}));`;
  const stepOut = fresh(root, stepScript, 900);
  const st = stepOut ? (JSON.parse(stepOut) as { ms: number[]; cpu: number[] }) : { ms: [], cpu: [] };
  const ms = st.ms, cpus = st.cpu.length === ms.length ? st.cpu : [];
  const q = (xs: number[], p: number) => (xs.length ? quantile(xs, p) : null);
  out.push({ label: 'per-step median (warm)', ms: q(ms, 0.5), cpu: q(cpus, 0.5) });
  out.push({ label: 'per-step p95 (warm)', ms: q(ms, 0.95), cpu: q(cpus, 0.95) });
  out.push({ label: 'per-step max (warm)', ms: ms.length ? Math.max(...ms) : null, cpu: cpus.length ? Math.max(...cpus) : null });
  log(`  measured ${ms.length / Math.max(1, rounds - 1)} steps × ${rounds - 1} rounds`);
  // cold check of one answer
  const answer = path.join(root, 'tests', 'fixtures', 'answers', 'mle-correct.tex');
  const cold: number[] = [], coldCpu: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, ['-e', `${CPU_AT_EXIT}process.argv=[process.argv[0],'rederive','check',${JSON.stringify(answer)}];require(${JSON.stringify(path.join(root, 'bin', 'rederive.js'))});`], { cwd: root, encoding: 'utf8' });
    if (i === 0) continue; // run 0 primes the on-disk caches
    cold.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = cpuOf(res.stderr);
    if (c !== null) coldCpu.push(c);
  }
  out.push({ label: 'cold `rederive check` of one answer', ms: quantile(cold, 0.5), cpu: coldCpu.length ? quantile(coldCpu, 0.5) : null });
  // one process, the answer corpus
  const corpus = path.join(root, 'tests', 'fixtures', 'answers');
  const files = fs.readdirSync(corpus).filter((f) => /\.(md|tex)$/.test(f));
  const t0 = process.hrtime.bigint();
  const corpusRes = spawnSync(process.execPath, ['-e', `${CPU_AT_EXIT}const {checkAnswerFile}=require(${dist('answers/check.js')});const path=require('path');`
    + `for(const f of ${JSON.stringify(files)}){try{checkAnswerFile(path.join(${JSON.stringify(corpus)},f),{})}catch(e){}}`], { cwd: root, encoding: 'utf8', timeout: limitS * 5000 });
  const corpusOk = !corpusRes.error && corpusRes.status === 0;
  out.push({ label: `one process checking the ${files.length}-answer corpus`, ms: corpusOk ? Number(process.hrtime.bigint() - t0) / 1e6 : null, cpu: corpusOk ? cpuOf(corpusRes.stderr) : null, note: corpusOk ? undefined : `> ${limitS * 5} s` });
  // growth
  for (const depth of [1, 2, 3, 4]) {
    const f = answerTiming(root, nestedAnswer(depth), limitS);
    out.push({ ...f, label: `nested expectation, depth ${depth}`, note: f.note ?? f.verdicts });
    log(`  depth ${depth}: ${f.ms === null ? f.note : f.ms.toFixed(0) + ' ms'}`);
  }
  for (const n of [10, 20, 40]) {
    const f = answerTiming(root, sigmaAnswer(n), limitS);
    out.push({ ...f, label: `σ-sum the prover cannot close, n = ${n}`, note: f.note ?? f.verdicts });
    log(`  σ n=${n}: ${f.ms === null ? f.note : f.ms.toFixed(0) + ' ms'}`);
  }
  return out;
}

/** Formats a figure's wall time (or its CPU time with `cpu`). */
export function fmtMs(f: Figure | undefined, cpu = false): string {
  if (!f) return '—';
  const v = cpu ? f.cpu : f.ms;
  if (v === null || v === undefined) return cpu ? '' : f.note ?? 'n/a';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
}

if (require.main === module) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? path.resolve(process.argv[i + 1]) : path.resolve(__dirname, '..', '..');
  const figs = measure(root, { log: (s) => process.stderr.write(s + '\n') });
  for (const f of figs) console.log(`${f.label.padEnd(44)} ${fmtMs(f).padStart(10)} ${fmtMs(f, true).padStart(10)}  ${f.ms !== null && f.note ? f.note : ''}`);
}
