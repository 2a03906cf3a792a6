/**
 * The fuzz worker thread: runs inputs `from, from+1, …` of one seed and posts
 * each outcome with the thread's heap use; the main thread (`main.ts`)
 * watches the time and ends a worker stuck on one input.
 *
 * @example
 *   new Worker('dist/fuzz/worker.js', { workerData: { seed: 1, from: 0, to: 100, corpus: [], derivations: [] } })
 */
import { parentPort, workerData } from 'worker_threads';
import * as path from 'path';
import { loadRules } from '../semantics/rules';
import { HostileInputs } from './generate';
import { runOne, type RunEnv } from './run';

interface Job {
  seed: number;
  from: number;
  to: number;
  corpus: string[];
  derivations: string[];
  root: string;
}

const job = workerData as Job;
const env: RunEnv = {
  rules: new Set(loadRules(path.join(job.root, 'rules')).keys()),
  answer: { derivationsDir: path.join(job.root, 'derivations'), rulesDir: path.join(job.root, 'rules'), courseFile: path.join(job.root, 'contexts', 'course.yaml'), seed: 1 },
  seed: 1,
};
const gen = new HostileInputs({ seed: job.seed, corpus: job.corpus, derivations: job.derivations });
for (let i = job.from; i < job.to; i++) {
  const input = gen.input(i);
  parentPort!.postMessage({ type: 'start', index: i });
  const outcome = runOne(input, env);
  parentPort!.postMessage({ type: 'done', index: i, family: input.family, kind: input.kind, bytes: input.text.length, outcome, heap: process.memoryUsage().heapUsed });
}
