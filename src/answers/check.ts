/**
 * Checking a student's answer file: read it (extract.ts, lines.ts), split it
 * into chains (chains.ts), choose each chain's context (context.ts), read
 * every line in it (read.ts), and check every step with the same step checker
 * as derivation files (`checkStep`: symbolic prover and numeric tester, and
 * the diagnosis of a refuted step), under the hypotheses the student stated
 * (statements.ts). The result is an `AnswerReport` (types.ts).
 *
 * Strategy: nothing is dropped. A line that cannot be read goes to `unread`
 * with its line, column and reason, and a step that needs it is an `error`
 * step; the next step is checked against the last line that could be read
 * (and says so). Equation chains (`\Rightarrow`, `\iff`, or equations written
 * one under the other) are checked in one unknown, chosen from the variables
 * and function values the equations share; a function value such as
 * `h_\phi(x)` is replaced by a fresh variable in the unknown's domain. When
 * no unknown can be chosen, the steps are `unknown` and the report says why.
 * Seeds derive from the base seed and each step's place, so a report is
 * reproducible.
 *
 * @example
 *   const report = checkAnswerFile('answers/alice.md', { derivation: 'mle-kl' });
 *   report.steps.filter((s) => s.verdict === 'refuted').map((s) => [s.line, s.diagnosis?.class])
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Expr } from '../expr/types';
import { sym } from '../expr/build';
import { exprKey } from '../expr/equal';
import { children, withChildren, freeSymbols } from '../expr/walk';
import { makeContext, type Context, type Definition, type SymbolDecl } from '../semantics/context';
import type { Relation, LimitCondition } from '../semantics/derivation';
import { limitValue } from '../semantics/load';
import { checkStep, type StepCheck, type StepInput } from '../check/step';
import { emptySummary, describeSymbolic, describeNumeric } from '../check/derivation';
import { hashParts } from '../check/numeric/rng';
import { parseExpr } from '../parse';
import { printLatex } from '../emit/latex-expr';
import type { AnswerOptions, AnswerReport, AnswerStep, ChainInfo, Diagnosis } from './types';
import { Mapped, SourceFile } from './source';
import { extract } from './extract';
import { readRow, splitCondition, type Problem } from './lines';
import { readProse } from './prose';
import { splitChains, operandText, type DraftChain, type Event, type Operand, type Probe, type Split } from './chains';
import { courseContexts, derivationContexts, loadCourseData, loadDerivations, locateData, type AnswerContexts, type ChainContext } from './context';
import { readExpr, namesOf, unknownCandidates, type Reading } from './read';
import { statedHypotheses, substitutions, relevantHypotheses } from './statements';
import { inferNames, knownName } from './infer';
import { loadRules, type Rule } from '../semantics/rules';
import { ruleBase } from '../check/symbolic/rulebase';
import type { RuleBase } from '../check/symbolic/pattern';
import { readInputFile } from '../semantics/input-file';

/**
 * Bad input for checking an answer (an unknown derivation id): the CLI exits 2.
 *
 * @example checkAnswerFile('a.md', { derivation: 'nope' })   // throws AnswerInputError: no derivation "nope" (have: …)
 */
export class AnswerInputError extends Error {}

const contextCache = new Map<string, AnswerContexts>();

/** A signature of the files a context is built from, so a cached context is rebuilt when one changes. */
function filesSignature(paths: string[]): string {
  return paths.map((p) => {
    if (!fs.existsSync(p)) return `${p}:-`;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return `${p}:${st.mtimeMs}`;
    return fs.readdirSync(p).sort().map((f) => `${f}:${fs.statSync(path.join(p, f)).mtimeMs}`).join(',');
  }).join('|');
}

/**
 * The contexts an answer is checked in: `opts.derivation`'s, or the course's.
 *
 * @example answerContexts({ derivation: 'mle-kl' }).derivation   // 'mle-kl'
 */
export function answerContexts(opts: AnswerOptions = {}): AnswerContexts {
  const dDir = locateData(opts.derivationsDir ?? 'derivations');
  const rDir = locateData(opts.rulesDir ?? 'rules');
  const course = locateData(opts.courseFile ?? path.join('contexts', 'course.yaml'));
  const key = `${opts.derivation ?? ''}|${filesSignature([dDir, rDir, course])}`;
  const hit = contextCache.get(key);
  if (hit) return hit;
  const ds = loadDerivations(dDir, rDir);
  const data = fs.existsSync(course) ? loadCourseData(course) : { file: course, aliases: {}, scoped: {}, problems: {} };
  for (const [label, id] of Object.entries(data.problems)) {
    if (!ds.some((x) => x.id === id)) throw new AnswerInputError(`${(data as { problemsAt?: Record<string, string> }).problemsAt?.[label] ?? data.file}: problem ${label} names no derivation "${id}" (have: ${ds.map((x) => x.id).join(', ')})`);
  }
  let c: AnswerContexts;
  if (opts.derivation) {
    const d = ds.find((x) => x.id === opts.derivation);
    if (!d) throw new AnswerInputError(`no derivation "${opts.derivation}" (have: ${ds.map((x) => x.id).join(', ')})`);
    c = derivationContexts(d, data, ds);
  } else c = courseContexts(ds, data);
  contextCache.set(key, c);
  return c;
}

const dirRules = new Map<string, Map<string, Rule>>();

/**
 * The rules the prover's rewrite search applies to an answer's steps: the
 * loaded `opts.rules`, else those of `opts.rulesDir`, else the shipped ones.
 */
function stepRules(opts: AnswerOptions): RuleBase | undefined {
  if (opts.rules) return ruleBase(opts.rules);
  if (!opts.rulesDir) return undefined;
  const dir = locateData(opts.rulesDir);
  let m = dirRules.get(dir);
  if (!m) dirRules.set(dir, (m = loadRules(dir)));
  return ruleBase(m);
}

/**
 * Checks an answer file (LaTeX or Markdown).
 *
 * @example checkAnswerFile('answer.md', {}).summary   // { proved: 12, numeric: 3, refuted: 2, unknown: 0, error: 1 }
 */
export function checkAnswerFile(file: string, opts: AnswerOptions = {}): AnswerReport {
  return checkAnswerText(readInputFile(file, 'fileBytes', { lines: true }), file, opts);
}

/** The events of a file: its rows and prose lines read. */
function events(src: SourceFile): Event[] {
  return extract(src).map((p): Event => (p.kind === 'row'
    ? { kind: 'row', row: readRow(p.text) }
    : p.kind === 'prose' ? { kind: 'prose', line: readProse(p.text) } : { kind: 'unread', problem: { at: p.at, text: p.text, reason: p.reason } }));
}

/** The splitter's questions, answered by parsing in the widest context (no validation). */
function probeIn(ctx: Context): Probe & { names(m: Mapped): Set<string> } {
  const cache = new Map<string, Expr | null>();
  const parse = (m: Mapped): Expr | null => {
    const k = `${m.offset(0)}|${m.text}`;
    if (!cache.has(k)) {
      let e: Expr | null = null;
      try {
        e = parseExpr(m.text, ctx);
      } catch {
        e = null;
      }
      cache.set(k, e);
    }
    return cache.get(k)!;
  };
  return {
    key: (m) => {
      const e = parse(m);
      return e ? exprKey(e) : null;
    },
    unknowns: (l, r) => {
      const a = parse(l);
      const b = parse(r);
      return a && b ? unknownCandidates({ kind: 'eq', lhs: a, rhs: b }, ctx).map((c) => c.key) : [];
    },
    names: (m) => {
      const e = parse(m);
      return e ? namesOf(e) : new Set();
    },
  };
}

/**
 * Checks an answer given as text; `file` names it in the report.
 *
 * @example checkAnswerText('$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_\\theta(x)]$$', 'a.md', { derivation: 'mle-kl' }).steps[0].verdict   // 'proved'
 */
export function checkAnswerText(text: string, file: string, opts: AnswerOptions = {}): AnswerReport {
  const contexts = opts.contexts ?? answerContexts(opts);
  const src = new SourceFile(text, file);
  const probe = probeIn(contexts.superset);
  const split = splitChains(events(src), probe);
  const report: AnswerReport = { file, ...(contexts.derivation ? { derivation: contexts.derivation } : {}), chains: [], steps: [], unread: [], summary: emptySummary(), stated: [], assumptions: [], givens: [], engine: [] };
  const problems: Problem[] = [...split.unread];
  const own: OwnNames = new Map();
  for (const c of split.chains) checkChain(c, split, contexts, probe, src, opts, report, problems, own);
  const seen = new Set<string>();
  for (const p of problems.sort((a, b) => a.at - b.at)) {
    const k = `${p.at}|${p.reason}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const loc = src.loc(p.at);
    report.unread.push({ ...loc, text: p.text.trim(), reason: p.reason });
  }
  for (const s of report.steps) report.summary[s.verdict]++;
  return report;
}

/** The operands a chain reads, in order. */
function operands(c: DraftChain): Operand[] {
  return [c.start, ...c.steps.flatMap((s) => [s.from, s.to])];
}

function operandNames(o: Operand, probe: ReturnType<typeof probeIn>): Set<string> {
  return o.kind === 'expr' ? probe.names(o.box.m) : new Set([...probe.names(o.lhs.m), ...probe.names(o.rhs.m)]);
}

/** Replaces every sub-expression with key `key` by `by`. */
function replaceSub(e: Expr, key: string, by: Expr): Expr {
  if (exprKey(e) === key) return by;
  const cs = children(e);
  return cs.length ? withChildren(e, cs.map((c) => replaceSub(c, key, by))) : e;
}

interface Unknown {
  name: string;
  /** The function value replaced by `name`, when the unknown is one. */
  replaced?: { key: string; latex: string };
  ctx: Context;
}

/** The unknown of an equation chain: the candidate in most of its equations (bounded variables first). */
function chooseUnknown(eqs: Expr[], ctx: Context): Unknown | null {
  const count = new Map<string, { n: number; rank: number; expr: Expr }>();
  for (const e of eqs) for (const c of unknownCandidates(e, ctx)) {
    const x = count.get(c.key) ?? { n: 0, rank: c.rank, expr: c.expr };
    x.n++;
    count.set(c.key, x);
  }
  const best = [...count.entries()].sort((a, b) => b[1].n - a[1].n || b[1].rank - a[1].rank)[0];
  if (!best) return null;
  const [key, { expr }] = best;
  if (expr.kind === 'sym') return { name: key, ctx };
  const fn = expr.kind === 'apply' ? ctx.lookup(expr.fn) : undefined;
  let name = 'u';
  for (let i = 1; ctx.lookup(name) || ctx.definitions.has(name); i++) name = `u_{${i}}`;
  const decls = [...ctx.symbols.values(), { name, kind: 'variable' as const, domain: fn?.domain }];
  return { name, replaced: { key, latex: printLatex(expr) }, ctx: makeContext(decls, [...ctx.definitions.values()], Object.fromEntries(ctx.aliases)) };
}

/** checkStep, or null when the engine throws. */
function safeCheck(input: StepInput): StepCheck | null {
  try {
    return checkStep(input);
  } catch {
    return null;
  }
}

function parseSafe(text: string, ctx: Context): Expr | null {
  try {
    return parseExpr(text, ctx);
  } catch {
    return null;
  }
}

/** The diagnosis of a refuted step, pointed into the student's line. */
function toDiagnosis(d: unknown, to: Mapped, src: SourceFile): Diagnosis | undefined {
  if (!d) return undefined;
  if (typeof d === 'string') {
    const cls = /valid only given/.test(d) ? 'hypothesis-not-stated' : /free of/.test(d) ? 'theta-free-term-dropped' : /^sign flipped/.test(d) ? 'sign-flipped' : /factor/.test(d) ? 'factor' : 'not-equal';
    return { class: cls, message: d };
  }
  const o = d as { class: string; message: string; span?: { start: number; end: number } };
  const at = o.span ? { ...src.loc(to.offset(o.span.start)), text: to.text.slice(o.span.start, o.span.end) } : undefined;
  return { class: o.class, message: o.message, ...(at ? { at } : {}) };
}

/** Names a student defined by writing them as a chain's left side (`H = …`), by section: their declarations and definitions. */
type OwnNames = Map<number, { decls: SymbolDecl[]; defs: Definition[] }>;

/** `ctx` with more declarations and definitions. */
function extend(ctx: Context, decls: SymbolDecl[], defs: Definition[]): Context {
  if (!decls.length && !defs.length) return ctx;
  const ds = [...ctx.symbols.values(), ...decls.filter((d) => !ctx.symbols.has(d.name))];
  return makeContext(ds, [...ctx.definitions.values(), ...defs], Object.fromEntries(ctx.aliases));
}

/** The pieces of text an operand is made of. */
function pieces(o: Operand): Mapped[] {
  return o.kind === 'expr' ? [o.box.m] : [o.lhs.m, o.rhs.m];
}

/** Free names of a text parsed in `ctx` (empty when it does not parse). */
function namesIn(m: Mapped, ctx: Context): Set<string> {
  try {
    return namesOf(parseExpr(m.text, ctx));
  } catch {
    return new Set();
  }
}

function checkChain(c: DraftChain, split: Split, contexts: AnswerContexts, probe: ReturnType<typeof probeIn>, src: SourceFile, opts: AnswerOptions, report: AnswerReport, problems: Problem[], own: OwnNames): void {
  const names = new Set<string>();
  for (const o of operands(c)) for (const n of operandNames(o, probe)) names.add(n);
  const cc0: ChainContext = contexts.forChain(names, c.label);
  // the names the student defined earlier in the section, then names inferred from their use
  const mine = own.get(c.section) ?? { decls: [], defs: [] };
  const base = extend(cc0.ctx, mine.decls, mine.defs);
  const inferred = inferNames(operands(c).flatMap(pieces), base);
  const cc: ChainContext = { ...cc0, ctx: inferred.ctx };
  for (const i of inferred.inferred) {
    const loc = src.loc(i.at);
    if (!report.assumptions!.some((a) => a.name === i.name && a.line === loc.line)) report.assumptions!.push({ name: i.name, ...loc, meaning: `$${i.name}$ is not a name of this context: read as ${i.meaning}` });
  }
  // a left side made of names the student introduces and never uses again names the line's right side: not a step
  let naming = false;
  const first = c.steps[0];
  if (c.kind === 'expr' && first && first.from === c.start && first.rel.relation?.kind === 'eq') {
    const fresh = [...namesIn(operandText(c.start), cc.ctx)].filter((n) => !knownName(n, base));
    const elsewhere = new Set(operands(c).filter((o) => o !== c.start).flatMap((o) => pieces(o).flatMap((m) => [...namesIn(m, cc.ctx)])));
    naming = fresh.length > 0 && fresh.every((n) => !elsewhere.has(n));
    if (naming) {
      const startLine = src.loc(operandText(c.start).offset(0)).line;
      report.assumptions = report.assumptions!.filter((x) => !(fresh.includes(x.name) && x.line === startLine));
    }
  }
  const cache = new Map<string, Reading>();
  const read = (o: Operand, ctx: Context): Reading => {
    const m = operandText(o);
    const k = `${m.offset(0)}|${m.text}`;
    if (!cache.has(k)) {
      const r = readExpr(m, ctx, { origin: src.loc(m.offset(0)) });
      if (!r.ok) problems.push(r.problem);
      cache.set(k, r);
    }
    return cache.get(k)!;
  };
  const lineOf = (o: Operand) => src.loc(operandText(o).offset(0)).line;
  const stated = statedHypotheses(split.statements, c.section, cc.ctx, cc.hypotheses);
  for (const s of stated) {
    if (!report.stated!.some((x) => x.name === s.hypothesis.name && src.loc(s.at).line === x.line)) report.stated!.push({ name: s.hypothesis.name, ...src.loc(s.at), latex: s.hypothesis.latex });
  }
  const subs = substitutions(split.statements, c.section, cc.ctx);
  let unknown: Unknown | null = null;
  if (c.kind === 'eq') {
    const eqs = operands(c).filter((o) => o.kind === 'eq').map((o) => read(o, cc.ctx)).filter((r): r is Extract<Reading, { ok: true }> => r.ok).map((r) => r.expr);
    unknown = chooseUnknown(eqs, cc.ctx);
  }
  const info: ChainInfo = {
    index: c.index, ...(c.label ? { label: c.label } : {}), startLine: src.loc(c.at).line,
    lines: new Set(c.rows.map((r) => src.loc(r).line)).size, reason: c.reason, context: cc.describe,
    start: { ...src.loc(operandText(c.start).offset(0)), latex: operandText(c.start).text.trim() },
    ...(c.kind === 'eq' ? { unknown: unknown ? (unknown.replaced?.latex ?? unknown.name) : 'none: no declared variable or function value is shared by the equations' } : {}),
  };
  report.chains.push(info);
  const baseSeed = opts.seed ?? 20261124;
  const last: Partial<Record<'expr' | 'eq', { r: Extract<Reading, { ok: true }>; line: number }>> = {};
  if (naming) {
    const startText = operandText(c.start);
    const to = read(first.to, cc.ctx);
    const loc = src.loc(startText.offset(0));
    report.assumptions!.push({ name: startText.text.trim(), ...loc, meaning: `$${startText.text.trim()}$ is read as your own name for the right side of line ${loc.line} (not a step: not checked)` });
    if (to.ok) {
      last.expr = { r: to, line: lineOf(first.to) };
      // `H = …` or `g(x) = …`: the name means its right side in the rest of the section
      const e = parseSafe(startText.text, cc.ctx);
      const mineNow = own.get(c.section) ?? { decls: [], defs: [] };
      if (e && e.kind === 'sym') mineNow.defs.push({ name: e.name, params: [], body: to.expr });
      else if (e && e.kind === 'apply' && !e.given && e.args.every((a) => a.kind === 'sym') && new Set(e.args.map((a) => (a as { name: string }).name)).size === e.args.length) {
        mineNow.defs.push({ name: e.fn, params: e.args.map((a) => (a as { name: string }).name), body: to.expr });
      }
      mineNow.decls.push(...inferred.inferred.map((i) => i.decl).filter((d) => !mineNow.defs.some((x) => x.name === d.name)));
      own.set(c.section, mineNow);
    }
  } else {
    const startRead = read(c.start, cc.ctx);
    if (startRead.ok) last[c.start.kind] = { r: startRead, line: lineOf(c.start) };
  }
  const lastGood: typeof last = { ...last };
  const wrongLines = new Set<number>();
  let condition: LimitCondition | undefined;
  const noted = new Set<string>();
  c.steps.forEach((s, i) => {
    if (naming && i === 0) return;
    const before = report.steps.length;
    try {
      checkOne(s, i);
    } catch (e) {
      // one step the engine cannot handle must not lose the rest of the report
      const step = report.steps[before];
      if (step) Object.assign(step, { verdict: 'error', message: `the checker failed on this step: ${(e as Error).message}` });
    }
  });

  /** An equation of an equation chain in its unknown: a function value replaced, a stated substitution used. */
  function inUnknown(e0: Expr, step: AnswerStep, before: number): Expr {
    if (!unknown) return e0;
    let e = unknown.replaced ? replaceSub(e0, unknown.replaced.key, sym(unknown.name)) : e0;
    if (freeSymbols(e).has(unknown.name)) return e;
    const sub = subs.filter((x) => x.variable === unknown!.name && x.at < before).pop();
    if (!sub) return e;
    const replaced = replaceSub(e, exprKey(sub.expr), sym(unknown.name));
    if (replaced === e || !freeSymbols(replaced).has(unknown.name)) return e;
    const note = `read with $${sub.latex}$ (line ${src.loc(sub.at).line})`;
    if (!step.notes!.includes(note)) step.notes!.push(note);
    e = replaced;
    return e;
  }

  function checkOne(s: DraftChain['steps'][number], i: number): void {
    const toText = operandText(s.to);
    const loc = src.loc(toText.offset(0));
    const seed = hashParts([baseSeed, 'answer', c.index, i + 1]);
    const relation = s.rel.relation as Relation;
    const step: AnswerStep = {
      index: report.steps.length + 1, chain: c.index, ...(c.label ? { label: c.label } : {}), line: loc.line, column: loc.column,
      relation: relation.latex, latex: toText.text.trim(), verdict: 'error', rules: [], seed, notes: [...s.notes],
    };
    report.steps.push(step);
    const to = read(s.to, cc.ctx);
    let from = read(s.from, cc.ctx);
    let fromLine = lineOf(s.from);
    if (!from.ok && last[s.from.kind]) {
      const l = last[s.from.kind]!;
      step.notes!.push(`checked against line ${l.line}: line ${lineOf(s.from)} could not be read`);
      from = l.r;
      fromLine = l.line;
    }
    for (const r of [from, to]) if (r.ok) step.notes!.push(...r.notes.filter((n) => !step.notes!.includes(n)));
    if (!to.ok || !from.ok) {
      const p = (!to.ok ? to : from) as Extract<Reading, { ok: false }>;
      const l = src.loc(p.problem.at);
      step.message = `cannot read line ${l.line}, column ${l.column}: ${p.problem.reason}`;
      return;
    }
    last[s.to.kind] = { r: to, line: loc.line };
    let rel: Relation = relation;
    let ctx = cc.ctx;
    let lhs = from.expr;
    let rhs = to.expr;
    let unknownName: string | undefined;
    if (relation.kind === 'limit') {
      if (s.condition) {
        const parts = splitCondition(s.condition);
        const e = parts && readExpr(parts.expr, ctx);
        const target = parts ? limitValue(parts.target.text) : null;
        if (!parts || !e || !e.ok || target === null) {
          step.message = `cannot read the condition "${s.condition.text.trim()}": ${!parts ? 'write it as X \\to a or X \\approx a' : e && !e.ok ? e.problem.reason : 'the limit value must be a number, \\infty or -\\infty'}`;
          problems.push({ at: s.condition.offset(0), text: s.condition.text, reason: step.message });
          return;
        }
        condition = { expr: e.expr, target, latex: s.condition.text.trim() };
      } else if (condition) step.notes!.push(`under the condition of the step before: $${condition.latex}$`);
      if (!condition) {
        step.message = `a ${s.rel.written} step needs its condition: write "\\quad \\text{when } X \\to a" after it`;
        return;
      }
      rel = { ...relation, cond: condition };
    }
    if (relation.kind === 'iff' || relation.kind === 'implies') {
      if (!unknown) {
        step.verdict = 'unknown';
        step.message = 'cannot tell which unknown these equations are solved for: no declared variable (such as $t$ or $h$) or function value (such as $h_\\phi(x)$) appears in both';
        return;
      }
      ctx = unknown.ctx;
      unknownName = unknown.name;
      if (unknown.replaced) step.notes!.push(`solved for $${unknown.replaced.latex}$`);
      lhs = inUnknown(lhs, step, toText.offset(0));
      rhs = inUnknown(rhs, step, toText.offset(0));
    }
    const inForce = stated.filter((h) => h.at < toText.offset(0)).map((h) => h.hypothesis);
    const defs: Definition[] = [...ctx.definitions.values(), ...inForce.flatMap((h) => h.defs)];
    const others = relevantHypotheses(cc.hypotheses.filter((h) => !inForce.includes(h) && !h.apart), [lhs, rhs], ctx);
    // facts among the exercise's givens (`\theta \neq \theta_0`) hold throughout
    const apart = [...inForce, ...cc.givens.filter((h) => !inForce.includes(h))].filter((h) => h.apart).map((h) => h.apart as Expr[]);
    const newly = inForce.filter((h) => !noted.has(h.name));
    if (newly.length) step.notes!.push(`given ${newly.map((h) => h.name).join(', ')} (stated)`);
    newly.forEach((h) => noted.add(h.name));
    const input: StepInput = { lhs, rhs, relation: rel, ctx, defs, otherHypotheses: others.map((h) => ({ name: h.name, latex: h.latex, defs: h.defs })), seed, unknown: unknownName, apart, rules: stepRules(opts) };
    if (rel.kind === 'limit' && lhs.kind === 'num' && exprKey(lhs) === exprKey(rhs)) {
      // a constant tends to itself (the numeric limit test has nothing to move)
      step.verdict = 'proved';
      step.evidence = { symbolic: 'a constant tends to itself', numeric: 'not needed' };
      return;
    }
    let r = checkStep(input);
    // a step that needs the exercise's givens (not those the author marked must_state) is accepted, naming them
    const needed = (r.diagnosis as { hypotheses?: string[] } | undefined)?.hypotheses ?? [];
    const used = cc.givens.filter((h) => needed.includes(h.name) && !inForce.includes(h));
    if (r.verdict === 'refuted' && used.length) {
      const again = checkStep({ ...input, defs: [...defs, ...used.flatMap((h) => h.defs)], otherHypotheses: input.otherHypotheses!.filter((o) => !used.some((u) => u.name === o.name)) });
      // with the given the step is what the re-check says: a given is never reported as a mistake, and a step
      // the engine cannot decide even with it is unknown, not refuted
      r = again;
      if (again.verdict === 'unknown' || again.verdict === 'error') step.notes!.push(`uses the exercise's given${used.length > 1 ? 's' : ''} ${used.map((h) => `${h.name} ($${h.latex}$)`).join(' and ')}; with it, the step could not be decided`);
      if (again.verdict === 'proved' || again.verdict === 'numeric') {
        step.notes!.push(`uses the exercise's given${used.length > 1 ? 's' : ''} ${used.map((h) => `${h.name} ($${h.latex}$)`).join(' and ')}`);
        for (const h of used) {
          const g = report.givens!.find((x) => x.name === h.name);
          if (g) { if (!g.lines.includes(loc.line)) g.lines.push(loc.line); } else report.givens!.push({ name: h.name, latex: h.latex, lines: [loc.line] });
        }
      }
    }
    // one mistake, one flag: after a wrong line, a step that follows from the last line that checked is back on track
    const good = lastGood[s.to.kind];
    let backOnTrack = false;
    if (r.verdict === 'refuted' && good && good.line !== fromLine && good.line < loc.line) {
      const back = safeCheck({ ...input, lhs: relation.kind === 'iff' || relation.kind === 'implies' ? inUnknown(good.r.expr, step, toText.offset(0)) : good.r.expr });
      if (back && (back.verdict === 'proved' || back.verdict === 'numeric')) {
        step.notes!.push(`back on track: this line does not follow from line ${fromLine}, but it follows from line ${good.line}, the last line that checked`);
        r = back;
        backOnTrack = true;
      }
    }
    if ((r.verdict === 'proved' || r.verdict === 'numeric') && !backOnTrack && wrongLines.has(fromLine)) step.notes!.push(`follows from your line ${fromLine} (which was wrong)`);
    if (r.verdict === 'proved' || r.verdict === 'numeric') lastGood[s.to.kind] = { r: to, line: loc.line };
    if (r.verdict === 'refuted') wrongLines.add(loc.line);
    if (r.verdict === 'error' && /^engine fault/.test(r.message ?? '')) {
      // the engine's problem, not the student's: reported to the TA, the step left undecided
      report.engine!.push({ line: loc.line, column: loc.column, step: step.index, message: r.message! });
      r = { ...r, verdict: 'unknown', message: 'not decided: the checker contradicted itself on this step (an engine fault, reported to the TA)', witness: undefined };
    }
    step.verdict = r.verdict;
    step.rules = r.rules;
    const diagnosis = toDiagnosis(r.diagnosis, toText, src);
    if (diagnosis) step.diagnosis = diagnosis;
    if (r.witness) {
      const point = { ...r.witness.point };
      if (unknown?.replaced && unknown.name in point) {
        point[unknown.replaced.latex] = point[unknown.name];
        delete point[unknown.name];
      }
      step.witness = { point, lhs: r.witness.lhs, rhs: r.witness.rhs, seed: r.witness.seed };
    }
    if (r.message) step.message = r.message;
    step.notes!.push(...r.notes);
    step.evidence = { symbolic: describeSymbolic(r), numeric: describeNumeric(r) };
  }
}
