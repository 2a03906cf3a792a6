/**
 * Grades many answer files in parallel: a pool of worker threads (one per
 * core by default), each loading the answer checker once and checking one
 * answer at a time. One answer never stops the batch:
 *  - an answer that takes longer than the time limit is reported as timed out;
 *    its worker is terminated (even in the middle of a loop) and replaced;
 *  - a worker that dies (an uncaught error, out of memory, process.exit) is
 *    reported for the answer it was checking, and replaced;
 *  - a check that throws is reported as an error for that answer;
 *  - a file that is missing, not a regular file, binary or larger than the
 *    size limit is reported as unreadable without being sent to a worker.
 * Results come back in the order of the input files, whatever order the
 * workers finish in. Only a checker that cannot even be loaded fails the
 * whole batch (every answer would fail the same way).
 *
 * @example
 *   const results = await gradeFiles(['a.md', 'b.tex'], { derivation: 'mle-kl' }, { timeoutMs: 20_000 });
 *   results[1].status   // 'checked' | 'timeout' | 'crashed' | 'error' | 'unreadable'
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AnswerOptions, AnswerReport } from './types';
import type { AnswerGrading, GradePlan } from './homework';

/** What became of one answer. */
export type GradeStatus = 'checked' | 'timeout' | 'crashed' | 'error' | 'unreadable';

/** One answer's outcome in a batch. */
export interface GradeResult {
  /** The file as it was given. */
  file: string;
  status: GradeStatus;
  /** The checker's report (status 'checked' only; with a plan, the report of a single-derivation answer). */
  report?: AnswerReport;
  /** With a grading plan: the answer problem by problem (status 'checked' only). */
  grading?: AnswerGrading;
  /** Why there is no report (every status but 'checked'). */
  message?: string;
  /** Wall time from sending the answer to a worker to its result (0 when not sent). */
  ms: number;
}

/** How the pool runs. */
export interface PoolOptions {
  /** Worker threads (default: one per core, at most one per answer). */
  workers?: number;
  /** Time limit for one answer, in ms (default 20 000). */
  timeoutMs?: number;
  /** Larger files are reported as unreadable, not checked (default 1 MiB). */
  maxBytes?: number;
  /** Heap limit of each worker in MiB (default 2048): a worker over it dies and is replaced. */
  memoryMb?: number;
  /** The module exporting `checkAnswerFile` (default: the compiled `answers/check.js`). */
  checker?: string;
  /** The compiled worker script (default: `answers/worker.js` of the compiled package). */
  workerScript?: string;
  /** Grade problem by problem with this rubric (homework.ts) instead of only checking each answer. */
  plan?: GradePlan;
  /** Called in the main thread as each answer finishes (in completion order). */
  onResult?: (result: GradeResult, index: number, done: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MEMORY_MB = 2048;

/** The compiled package's directory of this module (dist/answers), also when run from src/ by ts-jest. */
function compiledDir(): string {
  return __filename.endsWith('.js') ? __dirname : path.resolve(__dirname, '..', '..', 'dist', 'answers');
}

/** Where the answer checker is loaded from unless told otherwise. */
export function defaultChecker(): string {
  return path.join(compiledDir(), 'check.js');
}

/** One worker per core (os.availableParallelism where Node has it). */
export function defaultWorkers(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n);
}

/** Why a file cannot be an answer (missing, a directory, too large, binary), or null. */
export function unreadableReason(file: string, maxBytes = DEFAULT_MAX_BYTES): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(e)})`;
  }
  if (!st.isFile()) return 'not a regular file';
  if (st.size > maxBytes) return `${kib(st.size)}, larger than the ${kib(maxBytes)} an answer may have`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(Math.min(st.size, 8192));
    fs.readSync(fd, head, 0, head.length, 0);
    if (head.includes(0)) return 'a binary file, not text';
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return null;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** A worker and the answer it is checking. */
interface Slot {
  worker: Worker;
  ready: boolean;
  /** Set once the worker is finished with (terminated, crashed): later events are ignored. */
  retired: boolean;
  job?: { index: number; started: number; timer: NodeJS.Timeout };
}

type WorkerMessage =
  | { ready: true }
  | { id: number; report: AnswerReport }
  | { id: number; grading: AnswerGrading }
  | { id: number; error: string; code?: string };

/** Checks every file with `checkAnswerFile(file, opts)` in a pool of worker threads; results in input order. */
export function gradeFiles(files: readonly string[], opts: AnswerOptions, pool: PoolOptions = {}): Promise<GradeResult[]> {
  const timeoutMs = pool.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = pool.maxBytes ?? DEFAULT_MAX_BYTES;
  const memoryMb = pool.memoryMb ?? DEFAULT_MEMORY_MB;
  const checker = path.resolve(pool.checker ?? defaultChecker());
  const script = pool.workerScript ?? path.join(compiledDir(), 'worker.js');
  const results: (GradeResult | undefined)[] = new Array(files.length).fill(undefined);
  const slots = new Set<Slot>();
  const stopping: Promise<number>[] = [];
  let next = 0;
  let done = 0;
  let settled = false;

  return new Promise<GradeResult[]>((resolve, reject) => {
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const s of slots) {
        s.retired = true;
        if (s.job) clearTimeout(s.job.timer);
        stopping.push(s.worker.terminate());
      }
      slots.clear();
      void Promise.allSettled(stopping).then(() => (error ? reject(error) : resolve(results as GradeResult[])));
    };

    const record = (index: number, r: GradeResult) => {
      if (settled || results[index]) return;
      results[index] = r;
      done++;
      pool.onResult?.(r, index, done);
      if (done === files.length) finish();
    };

    /** Gives the slot the next readable answer (unreadable ones are recorded on the way). */
    const dispatch = (slot: Slot) => {
      while (!settled && next < files.length) {
        const index = next++;
        const why = unreadableReason(files[index], maxBytes);
        if (why) {
          record(index, { file: files[index], status: 'unreadable', message: why, ms: 0 });
          continue;
        }
        const timer = setTimeout(() => {
          record(index, { file: files[index], status: 'timeout', message: `no result within ${seconds(timeoutMs)}: stopped`, ms: timeoutMs });
          replace(slot);
        }, timeoutMs);
        slot.job = { index, started: performance.now(), timer };
        slot.worker.postMessage({ id: index, file: files[index], opts, ...(pool.plan ? { plan: pool.plan } : {}) });
        return;
      }
    };

    /** Retires a slot (terminating its worker) and starts another if answers remain. */
    const replace = (slot: Slot) => {
      if (slot.retired) return;
      slot.retired = true;
      if (slot.job) clearTimeout(slot.job.timer);
      slots.delete(slot);
      stopping.push(slot.worker.terminate());
      if (!settled && next < files.length) start();
    };

    const crashed = (slot: Slot, message: string) => {
      if (slot.retired) return;
      if (!slot.ready) {
        finish(new Error(`cannot start a grading worker (checker ${checker}): ${message}`));
        return;
      }
      if (slot.job) {
        const { index, started } = slot.job;
        record(index, { file: files[index], status: 'crashed', message, ms: performance.now() - started });
      }
      replace(slot);
    };

    const start = () => {
      const worker = new Worker(script, {
        workerData: { checker, ...(pool.plan ? { grading: { opts, plan: pool.plan } } : {}) },
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
        stdout: true, // whatever the checker prints must not end up in a report written to standard output
      });
      worker.stdout.resume();
      const slot: Slot = { worker, ready: false, retired: false };
      slots.add(slot);
      worker.on('message', (m: WorkerMessage) => {
        if (slot.retired) return;
        if ('ready' in m) {
          slot.ready = true;
          dispatch(slot);
          return;
        }
        const job = slot.job;
        if (!job || job.index !== m.id) return;
        clearTimeout(job.timer);
        slot.job = undefined;
        const ms = performance.now() - job.started;
        const file = files[m.id];
        if ('report' in m) record(m.id, { file, status: 'checked', report: m.report, ms });
        else if ('grading' in m) {
          const single = pool.plan?.single ? m.grading.problems[0]?.report : undefined;
          record(m.id, { file, status: 'checked', grading: m.grading, ...(single ? { report: single } : {}), ms });
        }
        else {
          const unreadable = m.code === 'ENOENT' || m.code === 'EACCES' || m.code === 'EISDIR';
          record(m.id, { file, status: unreadable ? 'unreadable' : 'error', message: m.error, ms });
        }
        dispatch(slot);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        crashed(slot, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of memory (the limit is ${memoryMb} MiB)` : `the checker crashed: ${e.message}`);
      });
      worker.on('exit', (code) => crashed(slot, `the worker stopped (exit code ${code})`));
    };

    if (!files.length) {
      finish();
      return;
    }
    const n = Math.max(1, Math.min(pool.workers ?? defaultWorkers(), files.length));
    for (let i = 0; i < n; i++) start();
  });
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
