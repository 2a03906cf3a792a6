/**
 * The class as CSV (RFC 4180): a header, then one row per student (answer
 * file) in the order graded, CRLF line ends; a field with a comma, a double
 * quote, CR or LF is quoted, its double quotes doubled.
 *
 * Columns: file, status (checked | timeout | crashed | error | unreadable),
 * score and max_score (the rubric's points over every problem), steps,
 * verified (proved + numeric), proved, numeric, refuted, unknown, error,
 * unread (lines that could not be read), needs_review (places a human should
 * read: steps not decided, lines not read, results not decided),
 * first_wrong_step (index of the first refuted step), first_wrong_line,
 * first_wrong_class and first_wrong_message (its diagnosis), message (why an
 * answer was not checked); then one column per problem of the rubric, named
 * by its label (`1`, `3(a)`; the derivation id with --derivation), holding
 * that problem's score. Counts and scores are empty for an answer that was
 * not checked.
 *
 * @example
 *   gradeCsv([{ name: 'alice.md', result, scores }], { problems })
 *   // file,status,score,max_score,steps,…,message,1,2\r\nalice.md,checked,16,20,9,…,,10,6\r\n
 */
import { answerRow, GradedAnswer, GradeMeta } from './grade-summary';
import { neutraliseCsvCell } from './escape';

/** The fixed columns, before one column per problem. */
export const CSV_COLUMNS = [
  'file', 'status', 'score', 'max_score', 'steps', 'verified', 'proved', 'numeric', 'refuted', 'unknown', 'error', 'unread', 'needs_review',
  'first_wrong_step', 'first_wrong_line', 'first_wrong_class', 'first_wrong_message', 'message',
] as const;

/** One field, quoted when RFC 4180 requires it; text defused against formulas and control characters (escape.ts). */
export function csvField(v: string | number | undefined): string {
  const s = v === undefined ? '' : typeof v === 'string' ? neutraliseCsvCell(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV text: the fixed columns, then a column per problem of `meta.problems`.
 *
 * @example gradeCsv(answers, { problems: rubric.problems }).split('\r\n')[0]
 */
export function gradeCsv(answers: readonly GradedAnswer[], meta: GradeMeta = {}): string {
  const problems = meta.problems ?? [];
  const lines = [[...CSV_COLUMNS, ...problems.map((p) => p.key)].map(csvField).join(',')];
  for (const a of answers) {
    const r = answerRow(a);
    const checked = r.status === 'checked';
    const n = (x: number | undefined) => (checked ? x : undefined); // no counts for an answer that was not checked
    const w = r.firstWrong;
    lines.push([
      r.name, r.status, n(r.score), n(r.max), n(r.steps), n(r.verified), n(r.counts.proved), n(r.counts.numeric), n(r.counts.refuted),
      n(r.counts.unknown), n(r.counts.error), n(r.unread), n(r.review),
      w?.index, w?.line, w?.diagnosis?.class, w?.diagnosis?.message ?? w?.message, r.message,
      ...problems.map((p) => n(a.scores?.find((s) => s.key === p.key)?.points)),
    ].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
