/**
 * The class as CSV (RFC 4180): a header, then one row per answer in the
 * order graded, CRLF line ends; a field with a comma, a double quote, CR or
 * LF is quoted, its double quotes doubled.
 *
 * Columns: file, status (checked | timeout | crashed | error | unreadable),
 * steps, verified (proved + numeric), proved, numeric, refuted, unknown,
 * error, unread (lines that could not be read), first_wrong_step (index of
 * the first refuted step), first_wrong_line, first_wrong_class and
 * first_wrong_message (its diagnosis), message (why an answer was not checked).
 *
 * @example
 *   gradeCsv([{ name: 'alice.md', result }])
 *   // file,status,steps,verified,proved,…\r\nalice.md,checked,5,4,4,0,1,0,0,0,3,12,sign-flipped,…\r\n
 */
import { answerRow, GradedAnswer } from './grade-summary';
import { neutraliseCsvCell } from './escape';

export const CSV_COLUMNS = [
  'file', 'status', 'steps', 'verified', 'proved', 'numeric', 'refuted', 'unknown', 'error', 'unread',
  'first_wrong_step', 'first_wrong_line', 'first_wrong_class', 'first_wrong_message', 'message',
] as const;

/** One field, quoted when RFC 4180 requires it; text defused against formulas and control characters (escape.ts). */
export function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : typeof v === 'string' ? neutraliseCsvCell(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gradeCsv(answers: readonly GradedAnswer[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of answers) {
    const r = answerRow(a);
    const checked = r.status === 'checked';
    const n = (x: number) => (checked ? x : undefined); // no counts for an answer that was not checked
    const w = r.firstWrong;
    lines.push([
      r.name, r.status, n(r.steps), n(r.verified), n(r.counts.proved), n(r.counts.numeric), n(r.counts.refuted),
      n(r.counts.unknown), n(r.counts.error), n(r.unread),
      w?.index, w?.line, w?.diagnosis?.class, w?.diagnosis?.message ?? w?.message, r.message,
    ].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
