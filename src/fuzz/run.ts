/**
 * Running one hostile input the way the commands do, and classifying what
 * happened: `checked` (a report came back), `refused` (a clean, positioned
 * error a user can act on: SourceError, a limit, an unknown derivation), or
 * `exception` (anything else escaped: a bug). Time and the report's size are
 * recorded; the caller (fuzz test, `npm run fuzz`) judges them.
 *
 * Strategy: answers go through `checkInputText` (the file limits) and
 * `checkAnswerText`, as `rederive check` and the grading worker do;
 * derivation files through the loader and `checkDerivation`, as `rederive
 * check x.yaml` and `build` do. A report is also printed (text and JSON) and
 * must hold no control character, so escaping is fuzzed too.
 *
 * @example
 *   runOne({ kind: 'answer', family: 'token-soup', name: 'f.md', text: '$$x = x$$' }, env)
 *   // { status: 'checked', ms: 41, steps: 1 }
 */
import { SourceError } from '../parse/error';
import { LimitError } from '../expr/limits';
import { checkInputText } from '../semantics/input-file';
import { loadDerivation } from '../semantics/load';
import { checkDerivation } from '../check/derivation';
import { checkAnswerText, AnswerInputError } from '../answers/check';
import type { AnswerOptions } from '../answers/types';
import { answerJsonReport, answerTextReport } from '../emit/answer-text';
import { escapeControlsDeep, hasControls } from '../emit/escape';
import type { HostileInput } from './generate';

/** What one input came to. */
export interface Outcome {
  status: 'checked' | 'refused' | 'exception';
  /** Wall time. */
  ms: number;
  /** CPU time of the process (what the per-step budget meters; a loaded machine does not inflate it). */
  cpuMs: number;
  /** Steps in the report (checked inputs). */
  steps?: number;
  /** The error message (refused) or the exception's name, message and first stack lines. */
  message?: string;
}

/** What every run shares: rule names for derivation files, answer options. */
export interface RunEnv {
  rules: ReadonlySet<string>;
  answer: AnswerOptions;
  seed: number;
}

/** True for a failure a user is meant to see: a positioned error, a limit, a bad option. */
export function isCleanRefusal(e: unknown): boolean {
  return e instanceof SourceError || e instanceof LimitError || e instanceof AnswerInputError;
}

/** Runs one input; never throws. */
export function runOne(input: HostileInput, env: RunEnv): Outcome {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const ms = () => Math.round(performance.now() - t0);
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return Math.round((c.user + c.system) / 1000);
  };
  try {
    if (input.kind === 'answer') {
      const text = checkInputText(input.text, input.name, 'fileBytes', { lines: true });
      const report = escapeControlsDeep(checkAnswerText(text, input.name, env.answer));
      const printed = answerTextReport(report, { color: false }) + JSON.stringify(answerJsonReport(report));
      if (hasControls(printed)) return { status: 'exception', ms: ms(), cpuMs: cpu(), message: 'a control character reached the printed report' };
      return { status: 'checked', ms: ms(), cpuMs: cpu(), steps: report.steps.length };
    }
    const text = checkInputText(input.text, input.name, 'derivationBytes');
    const d = loadDerivation(text, input.name, env.rules);
    const report = checkDerivation(d, { seed: env.seed });
    return { status: 'checked', ms: ms(), cpuMs: cpu(), steps: report.steps.length };
  } catch (e) {
    if (isCleanRefusal(e)) return { status: 'refused', ms: ms(), cpuMs: cpu(), message: (e as Error).message.split('\n')[0].slice(0, 300) };
    const err = e as Error;
    return { status: 'exception', ms: ms(), cpuMs: cpu(), message: `${err?.name}: ${String(err?.message).slice(0, 300)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}` };
  }
}
