/**
 * Loads a derivation file (YAML, LaTeX for the mathematics) into a validated
 * `Derivation`. Every problem is a SourceError with file, line, column and a
 * caret, including problems inside a LaTeX string: offsets within a YAML
 * scalar are mapped back to the file by aligning the value with its source.
 *
 * File shape (see docs/authoring.md for the full guide):
 *
 *   id: mle-kl
 *   title: Maximum likelihood is KL(p_data ‖ p_θ)
 *   symbols:      { name: declaration }            (see declarations.ts)
 *   aliases:      { written: canonical }
 *   definitions:  [ 'L(\theta) := …' ]
 *   hypotheses:   { name: 'D_\phi = D^*' }
 *   must_state:   [name, …]        (hypotheses a student must state; the others are givens)
 *   chains:
 *     - name: main
 *       given: [hypothesis, …]
 *       steps:
 *         - start expression
 *         - '= next expression'                    (relation first, or:)
 *         - { rel: '\doteq_\theta', expr: '…', by: [rule, …], given: [h], note: '…' }
 *
 * @example
 *   const d = loadDerivation(text, 'derivations/mle-kl.yaml');
 */
import * as fs from 'fs';
import { parseDocument, isMap, isSeq, isScalar, Node as YNode, Scalar, YAMLMap } from 'yaml';
import { YamlSource as Loader, pairs, checkKeys, get } from './yaml-source';
import type { Expr } from '../expr/types';
import { sym, apply } from '../expr/build';
import { parseExpr } from '../parse';
import { makeContext, Context, Definition, SymbolDecl } from './context';
import { parseDeclaration, DeclarationError, splitTopLevel, suggest } from './declarations';
import { parseRelation, SUPPORTED_RELATIONS } from './relations';
import type { Derivation, Chain, Step, Hypothesis, Relation, LimitCondition } from './derivation';
import { ValidatingSource, type ValidateOptions } from './validate';
import { readInputFile } from './input-file';
import { limit, limitMessage } from '../expr/limits';

/** Keys a derivation file may have at top level. */
const TOP_KEYS = ['id', 'title', 'summary', 'symbols', 'aliases', 'definitions', 'hypotheses', 'must_state', 'chains'];
const STEP_KEYS = ['rel', 'expr', 'by', 'given', 'note', 'as'];
const CHAIN_KEYS = ['name', 'given', 'unknown', 'steps'];

/** Reads and validates a derivation file from disk. */
export function loadDerivationFile(file: string, knownRules?: ReadonlySet<string>, options?: ValidateOptions): Derivation {
  return loadDerivation(readInputFile(file, 'derivationBytes'), file, knownRules, options);
}

/**
 * Parses a derivation from its text. Every expression is validated (validate.ts):
 * declared names, arities, declared bound variables; `options.strictSymbols: false`
 * accepts undeclared free symbols (for students' answers).
 */
export function loadDerivation(text: string, file: string, knownRules?: ReadonlySet<string>, options: ValidateOptions = {}): Derivation {
  const L = new ValidatingSource(text, file, options); // validates every expression it resolves
  const root = L.parse();
  if (!isMap(root)) throw L.errorNode('a derivation file is a mapping with keys id, title, symbols, chains, …', root);
  checkKeys(L, root, TOP_KEYS, 'a derivation');
  const idNode = L.str(get(root, 'id'), 'id');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(idNode.value)) throw L.errorNode('id must be lower-case letters, digits and dashes', idNode);
  const title = L.str(get(root, 'title'), 'title').value;
  const summaryNode = get(root, 'summary');
  const summary = summaryNode ? L.str(summaryNode, 'summary').value : undefined;

  // names are canonicalised by parsing them with a context in which every superscript forms a name
  const namingCtx = makeContext([]);
  const permissive: Context = { ...namingCtx, isDeclared: () => true, isFunction: () => false };
  const canonName = (node: Scalar & { value: string }, slice?: { text: string; offset: number }): string => {
    const e = L.latex(node, permissive, slice);
    if (e.kind !== 'sym') throw L.errorNode(`"${slice?.text ?? node.value}" is not a name`, node);
    return e.name;
  };

  // symbols
  const decls: (SymbolDecl & { distributionText?: { text: string; offset: number }; node?: Scalar & { value: string } })[] = [];
  const symNode = get(root, 'symbols');
  if (symNode && !isMap(symNode)) throw L.errorNode('symbols is a mapping: name: declaration', symNode);
  for (const p of symNode ? pairs(symNode as YAMLMap) : []) {
    const k = L.str(p.key, 'a symbol name');
    const name = canonName(k);
    const v = L.str(p.value, `the declaration of ${k.value}`);
    try {
      const d = parseDeclaration(name, v.value, (w, off) => canonName(v, { text: w, offset: off }));
      if (decls.some((x) => x.name === name)) throw L.errorNode(`${k.value} is declared twice`, p.key);
      decls.push({ ...d, node: v, source: L.loc(k.range![0]) });
    } catch (e) {
      if (e instanceof DeclarationError) throw L.errorAt(e.reason, L.mapper(v)(e.offset), e.length);
      throw e;
    }
  }
  // aliases
  const aliases: Record<string, string> = {};
  const alNode = get(root, 'aliases');
  if (alNode && !isMap(alNode)) throw L.errorNode('aliases is a mapping: written: canonical', alNode);
  for (const p of alNode ? pairs(alNode as YAMLMap) : []) {
    aliases[canonName(L.str(p.key, 'an alias'))] = canonName(L.str(p.value, 'an alias target'));
  }

  // definitions: register names first so bodies may use each other
  const defNode = get(root, 'definitions');
  if (defNode && !isSeq(defNode)) throw L.errorNode('definitions is a list of "name(params) := body"', defNode);
  const rawDefs = (defNode ? (defNode as { items: YNode[] }).items : []).map((n) => {
    const s = L.str(n, 'a definition');
    const m = /^(.*?)(?::=|\\coloneqq)(.*)$/s.exec(s.value);
    if (!m) throw L.errorNode('a definition is written "name(params) := body"', s);
    const head = m[1].trim();
    const hm = /^(.*?)\s*\((.*)\)\s*$/s.exec(head);
    const nameText = hm ? hm[1] : head;
    const name = canonName(s, { text: nameText, offset: s.value.indexOf(nameText) });
    const argsOff = hm ? s.value.indexOf(hm[2]) : 0;
    // `\|`, `\parallel` and `||` separate arguments, as in \mathrm{JSD}(p \| q) (replaced by a comma of the same length, keeping offsets)
    const headArgs = hm ? hm[2].replace(/\\[,;:!]/g, '  ').replace(/\\\||\\parallel|\|\|/g, (sep) => ','.padEnd(sep.length, ' ')) : '';
    const [argText, givenText] = hm ? headArgs.split(/\\mid|\|/) : ['', undefined];
    const names = (text: string, off: number) => splitTopLevel(text).filter((p) => p.text).map((p) => canonName(s, { text: p.text, offset: argsOff + off + p.offset }));
    const params = hm ? names(argText, 0) : [];
    const given = givenText !== undefined ? names(givenText, hm![2].length - givenText.length) : undefined;
    return { node: s, name, params, given, headText: head, bodyText: { text: m[2], offset: m[1].length + (m[0].includes(':=') ? 2 : 8) } };
  });
  const defsShell: Definition[] = rawDefs.map((d) => ({ name: d.name, params: d.params, ...(d.given ? { given: d.given } : {}), body: sym(d.name) }));
  const ctx0 = makeContext(decls, defsShell, aliases);
  // distributions of random variables
  for (const d of decls) if (d.distributionText && d.node) d.distribution = L.validated(L.latex(d.node, ctx0, d.distributionText), ctx0, d.node, d.distributionText.offset);
  const ctx1 = makeContext(decls, defsShell, aliases);
  const definitions: Definition[] = rawDefs.map((d) => ({
    name: d.name,
    params: d.params,
    ...(d.given ? { given: d.given } : {}),
    body: L.resolved(L.latex(d.node, ctx1, d.bodyText), ctx1, d.node, d.bodyText.offset),
    source: L.loc(d.node.range![0]),
    latex: { head: d.headText, body: d.bodyText.text.trim() },
  }));
  const ctx = makeContext(decls, definitions, aliases);

  // hypotheses
  const hypotheses = new Map<string, Hypothesis>();
  const hypNode = get(root, 'hypotheses');
  if (hypNode && !isMap(hypNode)) throw L.errorNode('hypotheses is a mapping: name: statement', hypNode);
  for (const p of hypNode ? pairs(hypNode as YAMLMap) : []) {
    const k = L.str(p.key, 'a hypothesis name');
    const v = L.str(p.value, `hypothesis ${k.value}`);
    const neq = /\\neq?(?![A-Za-z])/.exec(v.value);
    if (neq) {
      const a = L.resolved(L.latex(v, ctx, { text: v.value.slice(0, neq.index), offset: 0 }), ctx, v);
      const bOff = neq.index + neq[0].length;
      const b = L.resolved(L.latex(v, ctx, { text: v.value.slice(bOff), offset: bOff }), ctx, v, bOff);
      hypotheses.set(k.value, { name: k.value, latex: v.value, statement: { kind: 'eq', lhs: a, rhs: b }, defs: [], apart: [a, b], loc: L.loc(v.range![0]) });
      continue;
    }
    const statement = L.resolved(L.latex(v, ctx), ctx, v);
    hypotheses.set(k.value, { name: k.value, latex: v.value, statement, defs: hypothesisDefinitions(statement, ctx, () => L.errorNode(
      'a hypothesis is an equation that defines a function or symbol ("D_\\phi = D^*", "p_\\theta(y) = p_{data}(y)", "c = 1") or a fact "a \\neq b"', v)), loc: L.loc(v.range![0]) });
  }

  // chains
  const chainsNode = get(root, 'chains');
  if (!chainsNode || !isSeq(chainsNode) || !chainsNode.items.length) throw L.errorNode('chains is a non-empty list of chains', chainsNode ?? root);
  const checkHyps = (names: string[], node: YNode) => {
    for (const h of names) if (!hypotheses.has(h)) {
      const s = suggest(h, [...hypotheses.keys()]);
      throw L.errorNode(`unknown hypothesis "${h}"${s ? `; did you mean "${s}"?` : hypotheses.size ? ` (declared: ${[...hypotheses.keys()].join(', ')})` : ' (none declared)'}`, node);
    }
  };
  const list = (node: YNode | undefined, what: string): { names: string[]; node: YNode | undefined } => {
    if (!node) return { names: [], node };
    if (isScalar(node)) return { names: L.str(node, what).value.split(/[\s,]+/).filter(Boolean), node };
    if (isSeq(node)) return { names: (node.items as YNode[]).map((n) => L.str(n, what).value), node };
    throw L.errorNode(`${what} is a name or a list of names`, node);
  };
  // hypotheses a student answering this exercise must state before using (the others are the exercise's givens)
  const must = list(get(root, 'must_state'), 'must_state');
  if (must.node) checkHyps(must.names, must.node);
  for (const h of must.names) hypotheses.get(h)!.mustState = true;
  const chains: Chain[] = (chainsNode.items as YNode[]).map((cn, ci) => {
    if (!isMap(cn)) throw L.errorNode('a chain is a mapping with steps (and optionally name, given)', cn);
    checkKeys(L, cn, CHAIN_KEYS, 'a chain');
    const given = list(get(cn, 'given'), 'given');
    checkHyps(given.names, given.node!);
    const stepsNode = get(cn, 'steps');
    if (!stepsNode || !isSeq(stepsNode) || stepsNode.items.length < 2) throw L.errorNode('steps is a list: a start expression, then at least one step', stepsNode ?? cn);
    const items = stepsNode.items as YNode[];
    const first = L.str(items[0], 'the start expression');
    const start = { expr: L.resolved(L.latex(first, ctx), ctx, first), latex: first.value.trim(), loc: L.loc(first.range![0]) };
    const steps: Step[] = items.slice(1).map((n, i) => readStep(L, n, i + 1, ctx, hypotheses, checkHyps, list, knownRules));
    const nameNode = get(cn, 'name');
    const unknownNode = get(cn, 'unknown');
    let unknown: string | undefined;
    if (unknownNode) {
      const u = L.str(unknownNode, 'unknown');
      unknown = canonName(u);
      if (!ctx.lookup(unknown)) throw L.errorNode(`the unknown ${u.value} is not declared in symbols`, u);
    }
    for (const st of steps) {
      if (st.relation.kind === 'iff' || st.relation.kind === 'implies') {
        if (!unknown) throw L.errorAt(`a ${st.relation.latex} step compares equations: give its chain an "unknown:" (the symbol solved for)`, L.lines.lineStarts[st.loc.line - 1] + st.loc.column - 1);
      }
    }
    return { name: nameNode ? L.str(nameNode, 'name').value : ci === 0 ? 'main' : `chain ${ci + 1}`, start, steps, given: given.names, unknown, loc: L.loc(cn.range![0]) };
  });
  const steps = chains.reduce((n, c) => n + c.steps.length, 0);
  if (steps > limit('steps')) throw L.errorNode(limitMessage('steps', steps), chainsNode);
  return { id: idNode.value, title, summary, file, ctx, hypotheses, chains };
}

function readStep(
  L: Loader, n: YNode, index: number, ctx: Context, hypotheses: Map<string, Hypothesis>,
  checkHyps: (names: string[], node: YNode) => void,
  list: (node: YNode | undefined, what: string) => { names: string[]; node: YNode | undefined },
  knownRules?: ReadonlySet<string>,
): Step {
  const canon = (w: string) => {
    const e = parseExpr(w, { ...ctx, isDeclared: () => true, isFunction: () => false });
    return e.kind === 'sym' ? e.name : w;
  };
  let relText: string;
  let exprNode: Scalar & { value: string };
  let slice: { text: string; offset: number } | undefined;
  let by: string[] = [];
  let given: string[] = [];
  let note: string | undefined;
  let asCond: LimitCondition | undefined;
  if (isScalar(n)) {
    exprNode = L.str(n, 'a step');
    const m = /^\s*(>=|<=|=|>|<|\\doteq_(?:\{[^}]*\}|\\[A-Za-z]+|[A-Za-z])|\\[A-Za-z]+(?:_\{[^}]*\})?)\s*/.exec(exprNode.value);
    if (!m) throw L.errorNode(`a step starts with its relation (${SUPPORTED_RELATIONS.join('; ')})`, n);
    relText = m[1];
    slice = { text: exprNode.value.slice(m[0].length), offset: m[0].length };
  } else if (isMap(n)) {
    checkKeys(L, n, STEP_KEYS, 'a step');
    relText = get(n, 'rel') ? L.str(get(n, 'rel'), 'rel').value : '=';
    exprNode = L.str(get(n, 'expr'), 'expr');
    const b = list(get(n, 'by'), 'by');
    by = b.names;
    if (knownRules) for (const r of by) if (!knownRules.has(r)) {
      const s = suggest(r, [...knownRules]);
      throw L.errorNode(`unknown rule "${r}"${s ? `; did you mean "${s}"?` : ''} (see \`rederive rules\`)`, b.node);
    }
    const g = list(get(n, 'given'), 'given');
    given = g.names;
    if (g.node) checkHyps(given, g.node);
    const noteNode = get(n, 'note');
    note = noteNode ? L.str(noteNode, 'note').value : undefined;
    const asNode = get(n, 'as');
    if (asNode) asCond = readCondition(L, L.str(asNode, 'as'), ctx);
  } else throw L.errorNode('a step is "relation expression" or a mapping with rel, expr, by, given, note', n);
  let relation: Relation | null = parseRelation(relText, canon);
  if (!relation) throw L.errorNode(`unsupported relation "${relText}" (supported: ${SUPPORTED_RELATIONS.join('; ')})`, n);
  if (relation.kind === 'limit') {
    if (!asCond) throw L.errorNode(`a ${relation.latex} step needs its condition: "as: <expression> \\to <value>"`, n);
    relation = { ...relation, cond: asCond };
  } else if (asCond) throw L.errorNode('"as:" goes only with \\to or \\approx steps', n);
  const expr = L.resolved(L.latex(exprNode, ctx, slice), ctx, exprNode, slice?.offset ?? 0);
  void hypotheses;
  return { index, relation, expr, latex: (slice?.text ?? exprNode.value).trim(), by, given, note, loc: L.loc(exprNode.range![0] + (slice?.offset ?? 0)) };
}

/** The definitions a hypothesis puts in force: `f = g` (functions), `f(x) = e` (pointwise), `c = e` (a symbol). */
function hypothesisDefinitions(h: Expr, ctx: Context, fail: () => Error): Definition[] {
  if (h.kind !== 'eq') throw fail();
  const { lhs, rhs } = h;
  if (lhs.kind === 'sym') {
    const d = ctx.lookup(lhs.name);
    const target = rhs.kind === 'sym' ? ctx.lookup(rhs.name) ?? ctx.definitions.get(rhs.name) : undefined;
    const arity = d?.arity ?? (target && 'params' in target ? target.params.length : 0);
    if ((d?.kind === 'function' || d?.kind === 'density') && rhs.kind === 'sym') {
      const params = Array.from({ length: arity }, (_, i) => `#h${i}`);
      return [{ name: lhs.name, params, body: apply(rhs.name, params.map((p) => sym(p))) }];
    }
    return [{ name: lhs.name, params: [], body: rhs }];
  }
  const names = (xs: Expr[]) => xs.map((a) => (a as { name: string }).name);
  if (lhs.kind === 'apply' && lhs.args.every((a) => a.kind === 'sym') && (lhs.given ?? []).every((a) => a.kind === 'sym')) {
    return [{ name: lhs.fn, params: names(lhs.args), ...(lhs.given ? { given: names(lhs.given) } : {}), body: rhs }];
  }
  throw fail();
}

/** Reads a limit condition "X \\to a" (a number, \\infty or -\\infty). */
function readCondition(L: Loader, node: Scalar & { value: string }, ctx: Context): LimitCondition {
  const m = /\\(?:to|rightarrow|approx)(?![A-Za-z])/.exec(node.value);
  if (!m) throw L.errorNode('a condition is written "<expression> \\to <value>", e.g. "\\epsilon \\to 0"', node);
  const left = node.value.slice(0, m.index);
  const rightOff = m.index + m[0].length;
  const right = node.value.slice(rightOff).trim();
  const expr = L.resolved(L.latex(node, ctx, { text: left, offset: 0 }), ctx, node);
  const target = limitValue(right);
  if (target === null) throw L.errorAt(`the limit value must be a number, \\infty or -\\infty, not "${right}"`, L.mapper(node)(rightOff), right.length || 1);
  return { expr, target, latex: node.value.trim() };
}

/** A limit target or claim: a number, or ±Infinity for \\infty. */
export function limitValue(text: string): number | null {
  const t = text.replace(/\s+/g, '');
  if (/^\+?\\infty$/.test(t)) return Infinity;
  if (/^-\\infty$/.test(t)) return -Infinity;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return null;
}
