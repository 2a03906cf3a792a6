/**
 * One grading worker (a worker thread started by `pool.ts`): loads the answer
 * checker once, says it is ready, then checks one answer file per message and
 * posts the report back. A check that throws is reported as an error for that
 * answer; the worker goes on. A check that never returns is the pool's
 * business: it terminates this thread when the answer's time limit passes.
 *
 * workerData: { checker: string }   the module that exports `checkAnswerFile`
 * in:  { id, file, opts }            one answer to check
 * out: { ready: true } once, then { id, report } or { id, error, code? } per answer
 */
import { parentPort, workerData } from 'worker_threads';
import type { AnswerOptions, AnswerReport } from './types';

type Checker = { checkAnswerFile(file: string, opts: AnswerOptions): AnswerReport };

const port = parentPort;
if (!port) throw new Error('answers/worker.js runs as a worker thread of the grading pool');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const checker = require((workerData as { checker: string }).checker) as Checker;
if (typeof checker.checkAnswerFile !== 'function') {
  throw new Error(`${(workerData as { checker: string }).checker} does not export checkAnswerFile`);
}

port.on('message', (job: { id: number; file: string; opts: AnswerOptions }) => {
  let report: AnswerReport;
  try {
    report = checker.checkAnswerFile(job.file, job.opts);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(e), code: err?.code });
    return;
  }
  try {
    port.postMessage({ id: job.id, report });
  } catch {
    // something in the report cannot be cloned (a function, a class instance): send its JSON form
    port.postMessage({ id: job.id, report: JSON.parse(JSON.stringify(report)) as AnswerReport });
  }
});
port.postMessage({ ready: true });
