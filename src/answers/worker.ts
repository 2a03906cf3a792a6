/**
 * One grading worker (a worker thread started by `pool.ts`): loads the answer
 * checker once, says it is ready, then checks one answer file per message and
 * posts the report back. A check that throws is reported as an error for that
 * answer; the worker goes on. A check that never returns is the pool's
 * business: it terminates this thread when the answer's time limit passes.
 *
 * With a grading plan (a rubric, and the derivation when there is one), the
 * answer is graded problem by problem (homework.ts) with the checker's
 * `checkAnswerText`, and the grading is posted instead of one report.
 *
 * workerData: { checker, grading? }  the module that exports `checkAnswerFile` (and `checkAnswerText` for plans);
 *                                   grading { opts, plan }: load the grading code, derivations and contexts before saying ready
 * in:  { id, file, opts, plan? }     one answer to check
 * out: { ready: true } once, then { id, report } / { id, grading } or { id, error, code? } per answer
 */
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import type { AnswerOptions, AnswerReport } from './types';
import type { GradePlan, TextChecker, AnswerGrading } from './homework';

type Checker = { checkAnswerFile(file: string, opts: AnswerOptions): AnswerReport; checkAnswerText?: TextChecker };

const port = parentPort;
if (!port) throw new Error('answers/worker.js runs as a worker thread of the grading pool');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const checker = require((workerData as { checker: string }).checker) as Checker;
if (typeof checker.checkAnswerFile !== 'function') {
  throw new Error(`${(workerData as { checker: string }).checker} does not export checkAnswerFile`);
}

// with a grading plan the engine is loaded before the worker says it is ready, so an answer's time limit
// counts its checking, not the loading
const grading = (workerData as { grading?: { opts: AnswerOptions; plan: GradePlan } }).grading;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const homework = grading ? (require('./homework') as typeof import('./homework')) : undefined;
homework?.prepareGrading(grading!.opts, grading!.plan);

/** Posts a result, as JSON when something in it cannot be cloned (a function, a class instance). */
function post(m: object): void {
  try {
    port!.postMessage(m);
  } catch {
    port!.postMessage(JSON.parse(JSON.stringify(m)));
  }
}

port.on('message', (job: { id: number; file: string; opts: AnswerOptions; plan?: GradePlan }) => {
  try {
    if (job.plan) {
      if (typeof checker.checkAnswerText !== 'function') throw new Error(`${(workerData as { checker: string }).checker} does not export checkAnswerText`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { gradeAnswerText } = homework ?? (require('./homework') as typeof import('./homework'));
      const grading: AnswerGrading = gradeAnswerText(fs.readFileSync(job.file, 'utf8'), job.file, job.opts, job.plan, checker.checkAnswerText);
      post({ id: job.id, grading });
    } else post({ id: job.id, report: checker.checkAnswerFile(job.file, job.opts) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(e), code: err?.code });
  }
});
port.postMessage({ ready: true });
