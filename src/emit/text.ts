/**
 * Terminal and JSON reports of a checked derivation: one line per step with
 * a mark, the source line, the verdict and what went wrong, in colour when
 * the terminal supports it.
 *
 * @example
 *   process.stdout.write(textReport(report, { color: process.stdout.isTTY }));
 */
import type { DerivationReport, StepReport } from '../check/derivation';
import { fmt } from '../check/rules';

const MARKS: Record<StepReport['verdict'], string> = { proved: '✓', numeric: '≈', refuted: '✗', unknown: '?', error: '!' };
const COLORS: Record<StepReport['verdict'], string> = { proved: '32', numeric: '33', refuted: '31', unknown: '35', error: '31' };

/** A witness as text: the values chosen and both sides' values. */
export function witnessText(w: NonNullable<StepReport['witness']>): string {
  const point = Object.entries(w.point).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  return `at ${point || 'the sampled point'}: left side = ${fmt(w.lhs)}, right side = ${fmt(w.rhs)} (seed ${w.seed})`;
}

/** The human-readable report. */
export function textReport(r: DerivationReport, opts: { color?: boolean } = {}): string {
  const paint = (v: StepReport['verdict'], s: string) => (opts.color ? `\x1b[${COLORS[v]}m${s}\x1b[0m` : s);
  const out = [`${r.derivation}: ${r.title}  (${r.file})`];
  for (const s of r.steps) {
    out.push(`  ${paint(s.verdict, MARKS[s.verdict])} ${r.file}:${s.line}:${s.column}  ${s.relation.padEnd(3)} ${paint(s.verdict, s.verdict)}${s.rules.length ? `  [${s.rules.join(', ')}]` : ''}`);
    if (s.diagnosis) out.push(`      ${s.diagnosis.message}${s.diagnosis.at ? ` (at ${r.file}:${s.diagnosis.at.line}:${s.diagnosis.at.column}: ${s.diagnosis.at.text})` : ''}`);
    if (s.witness) out.push(`      counterexample ${witnessText(s.witness)}`);
    if (s.message) out.push(`      ${s.message}`);
    for (const n of s.notes) out.push(`      note: ${n}`);
  }
  const m = r.summary;
  out.push(`  ${m.proved} proved, ${m.numeric} numeric, ${m.refuted} refuted, ${m.unknown} unknown, ${m.error} error`);
  return out.join('\n') + '\n';
}

/** The JSON report (schema documented in README). */
export function jsonReport(r: DerivationReport): unknown {
  return {
    file: r.file,
    derivation: r.derivation,
    title: r.title,
    steps: r.steps.map((s) => ({
      index: s.index, chain: s.chain, line: s.line, column: s.column, relation: s.relation, latex: s.latex, verdict: s.verdict,
      rules: s.rules, cited: s.cited, ...(s.diagnosis ? { diagnosis: s.diagnosis } : {}), ...(s.witness ? { witness: s.witness } : {}),
      ...(s.message ? { message: s.message } : {}), notes: s.notes, seed: s.seed, evidence: s.evidence,
    })),
    summary: r.summary,
  };
}
