/**
 * A stand-in for src/answers/check.ts with the same signatures,
 * checkAnswerFile(file, opts) and checkAnswerText(text, file, opts): AnswerReport, for testing the grading pool and
 * reports without the real checker. Plain CommonJS so that worker threads can
 * load it.
 *
 * Each `$$ … $$` line is an answer line; one that starts with a relation
 * (=, \doteq…, \neq) is a step, any other starts a new chain. A step is proved
 * unless its line carries `% wrong` (refuted, with a diagnosis and a witness)
 * or `% unknown`. A line `% unread` is reported as unread. Directives for the
 * pathological cases: `% stand-in: loop` (never returns), `% stand-in: throw`,
 * `% stand-in: exit` (the worker thread exits), `% stand-in: sleep N` (busy
 * for N ms), `% stand-in: oom` (allocates until out of memory).
 */
const fs = require('fs');

function checkAnswerFile(file, opts) {
  return checkAnswerText(fs.readFileSync(file, 'utf8'), file, opts);
}

function checkAnswerText(text, file, opts) {
  if (/% stand-in: loop/.test(text)) for (;;) { /* a check that never ends */ }
  if (/% stand-in: throw/.test(text)) throw new Error('stand-in: the checker threw');
  if (/% stand-in: exit/.test(text)) process.exit(3);
  if (/% stand-in: oom/.test(text)) { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  const sleep = /% stand-in: sleep (\d+)/.exec(text);
  if (sleep) { const end = Date.now() + Number(sleep[1]); while (Date.now() < end) { /* busy */ } }
  const chains = [];
  const steps = [];
  const unread = [];
  const summary = { proved: 0, numeric: 0, refuted: 0, unknown: 0, error: 0 };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (/% unread/.test(raw)) { unread.push({ line, column: 1, text: raw, reason: 'not LaTeX the checker can read' }); return; }
    const m = /^\s*\$\$(.*)\$\$/.exec(raw);
    if (!m) return;
    const body = m[1].trim();
    const rel = /^(=|\\doteq_\{?\\theta\}?|\\neq)\s*(.*)$/.exec(body);
    if (!rel || !chains.length) {
      chains.push({ index: chains.length + 1, startLine: line, lines: 1, reason: chains.length ? 'a line that does not continue the previous one' : 'the first line' });
      return;
    }
    chains[chains.length - 1].lines++;
    const verdict = /% wrong/.test(raw) ? 'refuted' : /% unknown/.test(raw) ? 'unknown' : 'proved';
    summary[verdict]++;
    steps.push({
      index: steps.length + 1, chain: chains.length, line, column: raw.indexOf(rel[1]) + 1, relation: rel[1], latex: rel[2].replace(/%.*$/, '').trim(),
      verdict, rules: [], seed: opts.seed ?? 1,
      ...(verdict === 'refuted' ? {
        diagnosis: { class: 'sign-flipped', message: 'the sign of the right side is flipped, "like this"', at: { line, column: 3, text: '-' } },
        witness: { point: { '\\theta': 0.5 }, lhs: 1, rhs: -1, seed: 7 },
      } : {}),
    });
  });
  return { file, derivation: opts.derivation, chains, steps, unread, summary };
}

module.exports = { checkAnswerFile, checkAnswerText };
