/**
 * Terminal and JSON reports of a checked answer. The terminal report is one
 * line per step — a mark (✓ proved, ≈ numeric, ✗ refuted, ? unknown, !
 * error), the source line, the relation, the verdict and what went wrong —
 * under a header per chain saying where and why it starts; then the lines
 * that could not be read and the totals. Colour only when asked (a terminal).
 *
 * @example
 *   process.stdout.write(answerTextReport(report, { color: process.stdout.isTTY }));
 *   //   ✗ line 124  =   refuted  the sides differ by a term free of \theta … (at column 5: …)
 */
import type { AnswerReport, AnswerStep } from '../answers/types';
import { witnessText } from './text';

const MARKS: Record<AnswerStep['verdict'], string> = { proved: '✓', numeric: '≈', refuted: '✗', unknown: '?', error: '!' };
const COLORS: Record<AnswerStep['verdict'], string> = { proved: '32', numeric: '33', refuted: '31', unknown: '35', error: '31' };

/** Relations as the terminal shows them. */
const REL_TEXT: Record<string, string> = { '=': '=', '\\approx': '≈', '\\to': '→', '\\Rightarrow': '⇒', '\\iff': '⟺', '\\neq': '≠', '>': '>', '<': '<', '\\geq': '≥', '\\leq': '≤' };

/**
 * A relation for the terminal: `\\Rightarrow` as ⇒, `\\doteq_{\\theta}` as ≐θ.
 *
 * @example relationText('\\approx')   // '≈'
 */
export function relationText(latex: string): string {
  const d = /^\\doteq_\{(.*)\}$/.exec(latex);
  if (d) return `≐${d[1].replace(/^\\theta$/, 'θ').replace(/^\\phi$/, 'φ')}`;
  return REL_TEXT[latex] ?? latex;
}

/**
 * A message with hypotheses named by their statements, not the derivation's
 * internal names: `hypothesis "optimal-discriminator" ($D_\phi = D^*$)` reads
 * `the hypothesis $D_\phi = D^*$`, and `given optimal-discriminator (stated)`
 * reads `given $D_\phi = D^*$ (stated)` for a hypothesis the student stated.
 *
 * @example withStatements('valid only given hypothesis "eq" ($a = b$), which …', [])   // 'valid only given the hypothesis $a = b$, which …'
 */
export function withStatements(msg: string, stated: readonly { name: string; latex: string }[] = []): string {
  // "name" ($statement$) or "name" (statement), the statement with at most one level of parentheses
  const named = /"[^"]+" \((\$[^$]+\$|(?:[^()"]|\([^()]*\))+)\)/g;
  const math = (x: string) => (x.startsWith('$') ? x : `$${x}$`);
  let out = msg.replace(new RegExp(`\\bhypothes(is|es) ((?:${named.source}(?: and )?)+)`, 'g'), (_m, n: string, list: string) =>
    `the hypothes${n} ${[...list.matchAll(named)].map((x) => math(x[1])).join(' and ')}`);
  out = out.replace(named, (_m, x: string) => math(x));
  const latex = new Map(stated.map((h) => [h.name, h.latex]));
  out = out.replace(/^given (.+) \(stated\)$/, (m, names: string) => {
    const parts = names.split(', ');
    return parts.every((n) => latex.has(n)) ? `given ${parts.map((n) => `$${latex.get(n)}$`).join(', ')} (stated)` : m;
  });
  return out;
}

/**
 * What to say after a step's verdict: its diagnosis, or its message.
 *
 * @example stepSummary(step)   // 'sign flipped: this line is the negative of what it should be (at column 7: …)'
 */
export function stepSummary(s: AnswerStep, stated: readonly { name: string; latex: string }[] = []): string {
  if (s.diagnosis) {
    const at = s.diagnosis.at;
    return `${withStatements(s.diagnosis.message, stated)}${at ? ` (at ${at.line === s.line ? '' : `line ${at.line}, `}column ${at.column}: ${at.text})` : ''}`;
  }
  return withStatements(s.message ?? '', stated);
}

/**
 * The terminal report.
 *
 * @example answerTextReport(report).split('\n')[0]   // 'answers/alice.md  (course context)'
 */
export function answerTextReport(r: AnswerReport, opts: { color?: boolean } = {}): string {
  const paint = (v: AnswerStep['verdict'], s: string) => (opts.color ? `\x1b[${COLORS[v]}m${s}\x1b[0m` : s);
  const dim = (s: string) => (opts.color ? `\x1b[2m${s}\x1b[0m` : s);
  const out = [`${r.file}  (${r.derivation ? `derivation ${r.derivation}` : 'course context: no hypothesis assumed'})`];
  for (const c of r.chains) {
    out.push(dim(`  chain ${c.index}${c.label ? ` [${c.label}]` : ''}, line ${c.start?.line ?? c.startLine}: ${c.reason}; ${c.context ?? ''}${c.unknown ? `; unknown ${c.unknown}` : ''}`));
    for (const s of r.steps.filter((x) => x.chain === c.index)) {
      const said = stepSummary(s, r.stated);
      out.push(`    ${paint(s.verdict, MARKS[s.verdict])} ${r.file}:${s.line}:${s.column}  ${relationText(s.relation).padEnd(2)} ${said ? `${paint(s.verdict, s.verdict.padEnd(7))}  ${said}` : paint(s.verdict, s.verdict)}`);
      if (s.verdict === 'refuted' && s.witness) out.push(dim(`        counterexample ${witnessText(s.witness)}`));
    }
  }
  for (const h of r.stated ?? []) out.push(dim(`  stated on line ${h.line}: ${h.latex}`));
  for (const g of r.givens ?? []) out.push(dim(`  given (the exercise's): ${g.latex}, used on line${g.lines.length > 1 ? 's' : ''} ${g.lines.join(', ')}`));
  for (const x of r.assumptions ?? []) out.push(dim(`  assumed on line ${x.line}: ${x.meaning}`));
  for (const x of r.engine ?? []) out.push(dim(`  engine fault on line ${x.line} (for the TA, not a mistake of the student): ${x.message}`));
  if (r.unread.length) {
    out.push(`  not read (${r.unread.length}):`);
    for (const u of r.unread) out.push(`    ${paint('error', '!')} ${r.file}:${u.line}:${u.column}: ${u.reason}${u.text ? `  [${u.text.length > 40 ? u.text.slice(0, 39) + '…' : u.text}]` : ''}`);
  }
  const m = r.summary;
  out.push(`  ${m.proved} proved, ${m.numeric} numeric, ${m.refuted} refuted, ${m.unknown} unknown, ${m.error} error; ${r.unread.length} not read`);
  return out.join('\n') + '\n';
}

/**
 * The JSON report: the derivation report's step schema (index, chain, line,
 * column, relation, latex, verdict, rules, cited, diagnosis, witness,
 * message, notes, seed, evidence), plus the label, the chains, the lines not
 * read and the hypotheses stated.
 *
 * @example JSON.stringify(answerJsonReport(report), null, 2)
 */
export function answerJsonReport(r: AnswerReport): unknown {
  return {
    file: r.file,
    ...(r.derivation ? { derivation: r.derivation } : {}),
    context: r.derivation ? `derivation ${r.derivation}` : 'course',
    chains: r.chains,
    steps: r.steps.map((s) => ({
      index: s.index, chain: s.chain, ...(s.label ? { label: s.label } : {}), line: s.line, column: s.column, relation: s.relation, latex: s.latex,
      verdict: s.verdict, rules: s.rules, cited: [], ...(s.diagnosis ? { diagnosis: s.diagnosis } : {}), ...(s.witness ? { witness: s.witness } : {}),
      ...(s.message ? { message: s.message } : {}), notes: s.notes ?? [], seed: s.seed,
      evidence: s.evidence ?? { symbolic: 'not checked', numeric: 'not checked' },
    })),
    unread: r.unread,
    stated: r.stated ?? [],
    assumptions: r.assumptions ?? [],
    givens: r.givens ?? [],
    engine: r.engine ?? [],
    summary: r.summary,
  };
}
