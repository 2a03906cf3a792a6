/**
 * `npm run fuzz -- --count N [--seed S] [--start K] [--hang-ms T] [--save DIR]`:
 * runs N hostile inputs (src/fuzz/generate.ts) through the answer checker
 * and the derivation loader and checker, and prints the figures: how many
 * were checked, refused with a clean error, or let an exception escape;
 * wall and CPU time per input (median, 99th percentile, maximum; how many
 * took more CPU than 2 s per step plus 1 s to read — the per-step budget's promise);
 * inputs that did not finish within T ms (the worker is ended and the run
 * goes on from the next input); peak memory (RSS of the process, sampled
 * every 50 ms, and the worker's heap). Exit 1 when an exception escaped, a
 * worker ran out of memory or hung, or an input went over its time; 0 otherwise.
 *
 * Strategy: one worker thread with a bounded heap runs consecutive inputs;
 * the main thread records each outcome and restarts the worker past an input
 * that hangs or exhausts memory, so one bad input costs one entry, not the run.
 *
 * @example
 *   node dist/fuzz/main.js --count 2000 --seed 7
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { HostileInputs } from './generate';
import type { Outcome } from './run';

interface Args {
  count: number;
  seed: number;
  start: number;
  hangMs: number;
  save?: string;
  heapMb: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { count: 200, seed: 20261129, start: 0, hangMs: 30_000, heapMb: 2048 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--count': a.count = Number(v); i++; break;
      case '--seed': a.seed = Number(v); i++; break;
      case '--start': a.start = Number(v); i++; break;
      case '--hang-ms': a.hangMs = Number(v); i++; break;
      case '--heap-mb': a.heapMb = Number(v); i++; break;
      case '--save': a.save = v; i++; break;
      default: throw new Error(`unknown option ${argv[i]} (options: --count N --seed S --start K --hang-ms T --heap-mb M --save DIR)`);
    }
  }
  for (const k of ['count', 'seed', 'start', 'hangMs', 'heapMb'] as const) if (!Number.isFinite(a[k]) || a[k] < 0) throw new Error(`--${k} must be a number`);
  return a;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Texts of the files in `dir` with an extension in `exts`. */
function texts(dir: string, exts: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => exts.test(f)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

interface Row {
  index: number;
  family: string;
  kind: string;
  bytes: number;
  outcome: Outcome | { status: 'hang' | 'out-of-memory' | 'worker-error'; ms: number; cpuMs: number; steps?: number; message?: string };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = texts(path.join(ROOT, 'tests', 'fixtures', 'answers'), /\.(md|tex)$/);
  const derivations = texts(path.join(ROOT, 'derivations'), /\.ya?ml$/);
  const gen = new HostileInputs({ seed: args.seed, corpus, derivations });
  const rows: Row[] = [];
  let peakRss = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const t0 = Date.now();
  let next = args.start;
  const end = args.start + args.count;
  while (next < end) {
    next = await new Promise<number>((resolve) => {
      const w = new Worker(path.join(__dirname, 'worker.js'), {
        workerData: { seed: args.seed, from: next, to: end, corpus, derivations, root: ROOT },
        resourceLimits: { maxOldGenerationSizeMb: args.heapMb },
      });
      let current = next;
      let started = Date.now();
      let settled = false;
      const finish = (n: number) => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        void w.terminate();
        resolve(n);
      };
      const fail = (status: 'hang' | 'out-of-memory' | 'worker-error', message: string) => {
        const input = gen.input(current);
        rows.push({ index: current, family: input.family, kind: input.kind, bytes: input.text.length, outcome: { status, ms: Date.now() - started, cpuMs: Date.now() - started, message } });
        finish(current + 1);
      };
      const watch = setInterval(() => {
        if (Date.now() - started > args.hangMs) fail('hang', `no answer within ${args.hangMs} ms`);
      }, 100);
      w.on('message', (m: { type: string; index: number; family: string; kind: string; bytes: number; outcome: Outcome; heap: number }) => {
        if (m.type === 'start') {
          current = m.index;
          started = Date.now();
          return;
        }
        rows.push({ index: m.index, family: m.family, kind: m.kind, bytes: m.bytes, outcome: m.outcome });
        peakHeap = Math.max(peakHeap, m.heap);
        if (m.index + 1 >= end) finish(end);
      });
      w.on('error', (e: Error & { code?: string }) => fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'worker-error', e.message));
      w.on('exit', () => finish(Math.max(current + 1, rows.length ? rows[rows.length - 1].index + 1 : current)));
    });
    process.stderr.write(`\rfuzz: ${rows.length}/${args.count}`);
  }
  clearInterval(sampler);
  process.stderr.write('\n');
  return report(rows, args, Date.now() - t0, peakRss, peakHeap);
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function report(rows: Row[], args: Args, elapsed: number, peakRss: number, peakHeap: number): number {
  const by = (st: string) => rows.filter((r) => r.outcome.status === st);
  const ms = rows.map((r) => r.outcome.ms);
  const cpu = rows.map((r) => r.outcome.cpuMs);
  const slow = rows.filter((r) => r.outcome.ms > 2000);
  const overLimit = rows.filter((r) => r.outcome.cpuMs > stepLimitMs(r.outcome.steps));
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  const lines = [
    `fuzz: seed ${args.seed}, inputs ${args.start}..${args.start + args.count - 1} (${rows.length} run) in ${(elapsed / 1000).toFixed(1)} s`,
    `  checked ${by('checked').length}, refused with a clean error ${by('refused').length}, exceptions ${by('exception').length}, hangs (> ${args.hangMs} ms) ${by('hang').length}, out of memory ${by('out-of-memory').length}, worker errors ${by('worker-error').length}`,
    `  wall time per input: median ${quantile(ms, 0.5)} ms, 99th percentile ${quantile(ms, 0.99)} ms, max ${Math.max(0, ...ms)} ms; over 2 s: ${slow.length}`,
    `  CPU time per input: median ${quantile(cpu, 0.5)} ms, 99th percentile ${quantile(cpu, 0.99)} ms, max ${Math.max(0, ...cpu)} ms; over 2 s per step (+1 s to read): ${overLimit.length}`,
    `  peak memory: RSS ${mb(peakRss)} (whole process), worker heap ${mb(peakHeap)} (limit ${args.heapMb} MB)`,
  ];
  const families = new Map<string, { n: number; refused: number; bad: number; slow: number; max: number }>();
  for (const r of rows) {
    const f = families.get(r.family) ?? { n: 0, refused: 0, bad: 0, slow: 0, max: 0 };
    f.n++;
    if (r.outcome.status === 'refused') f.refused++;
    if (!['checked', 'refused'].includes(r.outcome.status)) f.bad++;
    if (r.outcome.ms > 2000) f.slow++;
    f.max = Math.max(f.max, r.outcome.ms);
    families.set(r.family, f);
  }
  lines.push('  by family: ' + [...families].sort().map(([k, f]) => `${k} ${f.n} (refused ${f.refused}, bad ${f.bad}, >2s ${f.slow}, max ${f.max} ms)`).join('; '));
  const bad = rows.filter((r) => !['checked', 'refused'].includes(r.outcome.status));
  for (const r of [...bad, ...overLimit.filter((s) => !bad.includes(s)), ...slow.filter((s) => !bad.includes(s) && !overLimit.includes(s))].slice(0, 25)) {
    lines.push(`  #${r.index} ${r.kind} ${r.family} (${r.bytes} chars, ${r.outcome.steps ?? '?'} steps): ${r.outcome.status} after ${r.outcome.ms} ms (CPU ${r.outcome.cpuMs} ms)${r.outcome.message ? `: ${r.outcome.message.split('\n').join(' | ').slice(0, 400)}` : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (args.save) {
    fs.mkdirSync(args.save, { recursive: true });
    const gen = new HostileInputs({ seed: args.seed });
    for (const r of [...bad, ...slow]) {
      const input = gen.input(r.index);
      fs.writeFileSync(path.join(args.save, `seed${args.seed}-${input.name}`), input.text);
    }
  }
  return bad.length || overLimit.length ? 1 : 0;
}

/** The CPU time an input may take: 2 s per step (the per-step budget's promise), 1 s for reading it. */
function stepLimitMs(steps = 0): number {
  return 2000 * Math.max(1, steps) + 1000;
}

main().then((code) => {
  process.exitCode = code;
}, (e: Error) => {
  process.stderr.write(`fuzz: ${e.message}\n`);
  process.exitCode = 2;
});
