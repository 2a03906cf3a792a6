/**
 * The contexts students' answers are read and checked in.
 *
 * With `--derivation <id>`, one context: that derivation's symbols and
 * definitions, its hypotheses known (stated by the student, or named when a
 * step needs one), plus the course aliases. Without it, the course context:
 *
 * - the base: every derivation's symbols and definitions merged. Where
 *   derivations disagree the most general reading wins: a name declared as a
 *   free symbol somewhere is not defined in the base (D_\phi is a free unit
 *   function, not σ∘h); of conflicting declarations the most common one
 *   (p_\theta is density(x), not density(x, y)); a definition whose body
 *   needs a declaration the base does not have is left out.
 * - a focus per chain: when a chain uses names that only one derivation
 *   declares or defines (\epsilon, \theta_0 → gaussian-kl; G_\theta, h_\phi →
 *   gradient-saturation), that derivation's symbols and definitions override
 *   the base for that chain, and its scoped aliases apply. The report says so.
 * - no hypothesis in force: every derivation's hypotheses whose names mean the
 *   same in the chain's context are known, to be stated by the student or
 *   named in a diagnosis.
 *
 * Aliases (contexts/course.yaml) are data; an alias never overrides a name
 * the context declares, and applies only where its target exists.
 *
 * @example
 *   const c = courseContexts(loadDerivations('derivations', 'rules'), loadCourseData('contexts/course.yaml'));
 *   c.forChain(new Set(['\\epsilon', 'p_{\\theta}'])).focus   // 'gaussian-kl'
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, YAMLMap } from 'yaml';
import { YamlSource, pairs, checkKeys, get } from '../semantics/yaml-source';
import { makeContext, type Context, type Definition, type SymbolDecl } from '../semantics/context';
import type { Derivation } from '../semantics/derivation';
import type { Expr } from '../expr/types';
import { freeSymbols } from '../expr/walk';
import { loadDerivationFile } from '../semantics/load';
import { loadRules } from '../semantics/rules';
import { parseName } from '../parse';
import { readInputFile } from '../semantics/input-file';

/**
 * The notation table of contexts/course.yaml.
 *
 * @example loadCourseData('contexts/course.yaml').scoped['optimal-discriminator']   // { f: 'f_{x}', … }
 */
export interface CourseData {
  file: string;
  /** written → canonical, both canonical names */
  aliases: Record<string, string>;
  /** derivation id → its own aliases */
  scoped: Record<string, Record<string, string>>;
  /** a problem label as students write it (`3(c)`, or `3` for every part) → the derivation it asks for */
  problems: Record<string, string>;
  /** Where each problem's derivation id is written (`file:line:column`), for the error when no derivation has it. */
  problemsAt?: Record<string, string>;
}

/**
 * A hypothesis a chain may state or need.
 *
 * @example { name: 'optimal-discriminator', derivation: 'generator-loss-kl', latex: 'D_\\phi = D^*', … }
 */
export interface KnownHypothesis {
  name: string;
  derivation: string;
  latex: string;
  statement: Expr;
  defs: Definition[];
  apart?: [Expr, Expr];
  /** The author marked it (must_state): a student must state it; otherwise it is a given of the exercise. */
  mustState?: boolean;
}

/**
 * The context of one chain.
 *
 * @example contexts.forChain(names).describe   // 'course context'
 */
export interface ChainContext {
  ctx: Context;
  /** The derivation whose names the chain uses (course context), or the --derivation. */
  focus?: string;
  /** How the context was chosen, for the report. */
  describe: string;
  hypotheses: KnownHypothesis[];
  /** The exercise's givens: the derivation's hypotheses not marked must_state, when the chain answers a known exercise. */
  givens: KnownHypothesis[];
}

/**
 * Where contexts come from: one derivation, or the course.
 *
 * @example answerContexts({ derivation: 'mle-kl' }).forChain(new Set()).focus   // 'mle-kl'
 */
export interface AnswerContexts {
  /** Every name of every context, for reading a chain before its context is chosen. */
  superset: Context;
  forChain(names: ReadonlySet<string>, label?: string): ChainContext;
  /** The --derivation id, if any. */
  derivation?: string;
}

/**
 * A directory or file relative to the working directory, else to the package root.
 *
 * @example locateData('contexts/course.yaml')
 */
export function locateData(p: string): string {
  if (path.isAbsolute(p) || fs.existsSync(p)) return p;
  const own = path.join(__dirname, '..', '..', p);
  return fs.existsSync(own) ? own : p;
}

/**
 * Reads contexts/course.yaml; a mistake is a SourceError with line and column.
 *
 * @example loadCourseData('contexts/course.yaml').aliases['P_{0}']   // 'p_{\\theta}'
 */
export function loadCourseData(file: string): CourseData {
  return parseCourseData(readInputFile(file, 'derivationBytes'), file);
}

/**
 * Reads the course file's text (`file` names it in errors); the browser's
 * self-check page calls this with the text embedded in the page.
 *
 * @example parseCourseData('aliases:\n  P_0: p_\\theta\n', 'course.yaml').aliases
 */
export function parseCourseData(text: string, file: string): CourseData {
  const L = new YamlSource(text, file);
  const root = L.parse();
  const out: CourseData = { file, aliases: {}, scoped: {}, problems: {} };
  if (!root) return out;
  if (!isMap(root)) throw L.errorNode('the course file is a mapping with aliases:, scoped: and problems:', root);
  checkKeys(L, root, ['aliases', 'scoped', 'problems'], 'the course file');
  const problems = get(root, 'problems');
  if (problems && !isMap(problems)) throw L.errorNode('problems is a mapping: problem label, then a derivation id', problems);
  for (const p of problems ? pairs(problems as YAMLMap) : []) {
    const k = L.str(p.key, 'a problem label');
    const v = L.str(p.value, `the derivation of problem ${k.value}`);
    if (!/^[A-Za-z]?\d+(?:\([a-h]\))?$/.test(k.value)) throw L.errorNode(`"${k.value}" is not a problem label: write 3(c), or 3 for every part of problem 3`, k);
    out.problems[k.value] = v.value;
    const at = L.loc(v.range![0]);
    (out.problemsAt ??= {})[k.value] = `${file}:${at.line}:${at.column}`;
  }
  const table = (node: unknown, what: string): Record<string, string> => {
    const t: Record<string, string> = {};
    if (!node) return t;
    if (!isMap(node)) throw L.errorNode(`${what} is a mapping: written: canonical`, node as never);
    for (const p of pairs(node as YAMLMap)) {
      const k = L.str(p.key, 'an alias');
      const v = L.str(p.value, `the target of ${k.value}`);
      const name = (n: typeof k) => {
        try {
          return parseName(n.value);
        } catch (e) {
          throw L.errorNode(`"${n.value}" is not a name: ${(e as Error).message.split('\n')[0]}`, n);
        }
      };
      t[name(k)] = name(v);
    }
    return t;
  };
  out.aliases = table(get(root, 'aliases'), 'aliases');
  const scoped = get(root, 'scoped');
  if (scoped && !isMap(scoped)) throw L.errorNode('scoped is a mapping: derivation id, then its aliases', scoped);
  for (const p of scoped ? pairs(scoped as YAMLMap) : []) out.scoped[L.str(p.key, 'a derivation id').value] = table(p.value, `scoped aliases of ${String((p.key as { value?: unknown }).value)}`);
  return out;
}

/**
 * Every derivation file of a directory, loaded with the rules' names known.
 *
 * @example loadDerivations('derivations', 'rules').map((d) => d.id)
 */
export function loadDerivations(dir: string, rulesDir: string): Derivation[] {
  const d = locateData(dir);
  const rules = new Set(loadRules(locateData(rulesDir)).keys());
  const files = fs.existsSync(d) ? fs.readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(d, f)) : [];
  return files.map((f) => loadDerivationFile(f, rules));
}

/** What a name means in a derivation: its declaration's shape, or "defined". */
function meaning(d: { symbols: Map<string, SymbolDecl>; definitions: Map<string, Definition> }, name: string): string | undefined {
  const s = d.symbols.get(name);
  if (s) return `${s.kind}/${s.arity ?? 0}/${s.givenArity ?? 0}/${s.domain ?? ''}/${s.dim ?? ''}/${[...(s.dependsOn ?? [])].sort().join(',')}`;
  const def = d.definitions.get(name);
  return def ? `defined/${def.params.length}/${def.given?.length ?? 0}` : undefined;
}

/** True when every name `e` uses means in `target` what it means in `source`. */
function compatible(e: Expr, source: Context, target: Context, bound: readonly string[] = []): boolean {
  for (const n of freeSymbols(e)) {
    if (bound.includes(n)) continue;
    const a = meaning(source, n);
    if (a === undefined) continue; // built-ins and constants of the notation
    if (a !== meaning(target, n)) return false;
  }
  return true;
}

/** Aliases that apply in `ctx`: the written name is not declared there, and the target is; followed to their end. */
function applicableAliases(table: Record<string, string>, symbols: Map<string, SymbolDecl>, defs: Map<string, Definition>): Record<string, string> {
  const known = (n: string) => symbols.has(n) || defs.has(n);
  const out: Record<string, string> = {};
  for (const [from, to0] of Object.entries(table)) {
    if (known(from)) continue;
    let to = to0;
    for (let i = 0; i < 8 && table[to] && !known(to); i++) to = table[to];
    if (known(to)) out[from] = to;
  }
  return out;
}

function withAliases(decls: SymbolDecl[], defs: Definition[], table: Record<string, string>): Context {
  const probe = makeContext(decls, defs);
  return makeContext(decls, defs, applicableAliases(table, probe.symbols, probe.definitions));
}

function hypothesesOf(d: Derivation, taken: Map<string, number>): KnownHypothesis[] {
  return [...d.hypotheses.values()].map((h) => ({
    name: (taken.get(h.name) ?? 0) > 1 ? `${d.id}/${h.name}` : h.name,
    derivation: d.id, latex: h.latex, statement: h.statement, defs: h.defs, ...(h.apart ? { apart: h.apart } : {}), ...(h.mustState ? { mustState: true } : {}),
  }));
}

/**
 * The contexts of `--derivation <id>`: one context for every chain.
 *
 * @example derivationContexts(d, course).forChain(new Set()).describe   // 'derivation mle-kl'
 */
export function derivationContexts(d: Derivation, course: CourseData, all: readonly Derivation[] = []): AnswerContexts {
  const table = { ...course.aliases, ...(course.scoped[d.id] ?? {}) };
  const decls = [...d.ctx.symbols.values()];
  const defs = [...d.ctx.definitions.values()];
  if (all.length) {
    // the course's symbols too (D^* in an optimal-discriminator answer), where the derivation does not say otherwise
    const base = courseContexts(all, course).forChain(new Set()).ctx;
    const own = (n: string) => d.ctx.symbols.has(n) || d.ctx.definitions.has(n);
    for (const s of base.symbols.values()) if (!own(s.name)) decls.push(s);
    const shell = makeContext(decls, defs);
    for (const def of base.definitions.values()) {
      if (!own(def.name) && compatible(def.body, base, shell, [...def.params, ...(def.given ?? [])])) defs.push(def);
    }
  }
  const ctx = withAliases(decls, defs, { ...table, ...Object.fromEntries(d.ctx.aliases) });
  const hyps = hypothesesOf(d, new Map());
  const chain: ChainContext = { ctx, focus: d.id, describe: `derivation ${d.id}`, hypotheses: hyps, givens: hyps.filter((h) => !h.mustState) };
  return { superset: ctx, forChain: () => chain, derivation: d.id };
}

/**
 * The derivation a problem label asks for (course data `problems:`): the label itself, else its problem number.
 *
 * @example problemOf(course, '3(c)')   // 'generator-loss-kl'
 */
export function problemOf(course: CourseData, label: string): string | undefined {
  return course.problems[label] ?? course.problems[label.replace(/\([a-h]\)$/, '')];
}

/**
 * The course context over all derivations (see the file comment).
 *
 * @example courseContexts(ds, course).forChain(new Set(['x'])).describe   // 'course context'
 */
export function courseContexts(ds: readonly Derivation[], course: CourseData): AnswerContexts {
  const sorted = [...ds].sort((a, b) => a.id.localeCompare(b.id));
  // base declarations: the most common shape of each name
  const shapes = new Map<string, Map<string, { decl: SymbolDecl; count: number; dists: Set<string> }>>();
  for (const d of sorted) {
    for (const s of d.ctx.symbols.values()) {
      const m = meaning(d.ctx, s.name)!;
      const byShape = shapes.get(s.name) ?? new Map();
      const e = byShape.get(m) ?? { decl: s, count: 0, dists: new Set<string>() };
      e.count++;
      e.dists.add(s.distribution ? JSON.stringify(s.distribution, (k, v) => (k === 'span' ? undefined : v)) : '');
      byShape.set(m, e);
      shapes.set(s.name, byShape);
    }
  }
  const baseDecls: SymbolDecl[] = [];
  for (const byShape of shapes.values()) {
    const best = [...byShape.values()].sort((a, b) => b.count - a.count)[0];
    const { distribution, ...rest } = best.decl;
    baseDecls.push(best.dists.size === 1 && distribution ? best.decl : rest);
  }
  const declaredFree = new Set<string>();
  for (const d of sorted) for (const s of d.ctx.symbols.values()) if (!d.ctx.definitions.has(s.name)) declaredFree.add(s.name);
  const baseShell = makeContext(baseDecls);
  const baseDefs: Definition[] = [];
  for (const d of sorted) {
    for (const def of d.ctx.definitions.values()) {
      if (declaredFree.has(def.name) || baseDefs.some((b) => b.name === def.name)) continue;
      if (!compatible(def.body, d.ctx, makeContext(baseDecls, [...baseDefs, def]), [...def.params, ...(def.given ?? [])])) continue;
      baseDefs.push(def);
    }
  }
  void baseShell;
  // names only one derivation declares or defines select it as a chain's focus
  const owners = new Map<string, string[]>();
  for (const d of sorted) for (const n of new Set([...d.ctx.symbols.keys(), ...d.ctx.definitions.keys()])) owners.set(n, [...(owners.get(n) ?? []), d.id]);
  const hypNames = new Map<string, number>();
  for (const d of sorted) for (const h of d.hypotheses.keys()) hypNames.set(h, (hypNames.get(h) ?? 0) + 1);
  const allHyps = sorted.flatMap((d) => hypothesesOf(d, hypNames).map((h) => ({ h, d })));

  const supersetDecls = [...baseDecls];
  const supersetDefs = [...baseDefs];
  for (const d of sorted) {
    for (const s of d.ctx.symbols.values()) if (!supersetDecls.some((x) => x.name === s.name)) supersetDecls.push(s);
    for (const def of d.ctx.definitions.values()) if (!supersetDefs.some((x) => x.name === def.name) && !supersetDecls.some((x) => x.name === def.name)) supersetDefs.push(def);
  }
  const superset = withAliases(supersetDecls, supersetDefs, course.aliases);
  const cache = new Map<string, ChainContext>();

  const build = (focus: Derivation | undefined, why: string, exercise = false): ChainContext => {
    const key = focus?.id ?? '';
    const hit = cache.get(key);
    const givensOf = (cc: ChainContext) => (exercise && focus ? cc.hypotheses.filter((h) => h.derivation === focus.id && !h.mustState) : []);
    if (hit) return { ...hit, describe: why, givens: givensOf(hit) };
    let decls = baseDecls;
    let defs = baseDefs;
    if (focus) {
      const fd = focus.ctx;
      // a scoped alias says what a name means in this derivation: the base's own meaning of it goes
      const scopedNames = new Set(Object.keys(course.scoped[focus.id] ?? {}));
      const overridden = (n: string) => fd.symbols.has(n) || fd.definitions.has(n) || scopedNames.has(n);
      decls = [...baseDecls.filter((s) => !overridden(s.name)), ...fd.symbols.values()];
      const shell = makeContext(decls, [...fd.definitions.values()]);
      const kept = baseDefs.filter((b) => !overridden(b.name));
      const fromBase = kept.filter((b) => {
        const owner = sorted.find((d) => d.ctx.definitions.get(b.name) === b);
        return !owner || compatible(b.body, owner.ctx, shell, [...b.params, ...(b.given ?? [])]);
      });
      defs = [...fromBase, ...fd.definitions.values()];
    }
    const table = { ...course.aliases, ...(focus ? course.scoped[focus.id] ?? {} : {}) };
    const ctx = withAliases(decls, defs, table);
    const hypotheses = allHyps.filter(({ h, d }) => d === focus || compatible(h.statement, d.ctx, ctx)).map(({ h }) => h);
    const cc: ChainContext = { ctx, focus: focus?.id, describe: why, hypotheses, givens: [] };
    cache.set(key, cc);
    return { ...cc, givens: givensOf(cc) };
  };

  return {
    superset,
    forChain(names, label) {
      // a problem label the course maps to a derivation brings its givens; the context is still chosen by the names used
      const exercise = label ? problemOf(course, label) : undefined;
      const ed = exercise ? sorted.find((d) => d.id === exercise) : undefined;
      const cc = choose(names, ed);
      if (!ed) return cc;
      const givens = cc.hypotheses.filter((h) => h.derivation === ed.id && !h.mustState);
      return { ...cc, givens, describe: `${cc.describe}; problem ${label} is ${ed.id} (contexts/course.yaml)${givens.length ? `: its givens ${givens.map((h) => h.name).join(', ')}` : ''}` };
    },
  };

  function choose(names: ReadonlySet<string>, exercise: Derivation | undefined): ChainContext {
    {
      const votes = new Map<string, string[]>();
      for (const n of names) {
        const o = owners.get(n);
        if (o && o.length === 1) votes.set(o[0], [...(votes.get(o[0]) ?? []), n]);
      }
      const ranked = [...votes.entries()].sort((a, b) => b[1].length - a[1].length);
      if (!ranked.length && exercise) return build(exercise, `the context of ${exercise.id}`);
      if (!ranked.length) return build(undefined, 'course context');
      if (exercise && ranked.some((r) => r[0] === exercise.id && r[1].length === ranked[0][1].length)) return build(exercise, `the context of ${exercise.id}`);
      if (ranked.length > 1 && ranked[1][1].length === ranked[0][1].length) {
        return build(undefined, `course context (the chain uses names of both ${ranked[0][0]} (${ranked[0][1].map((n) => `$${n}$`).join(', ')}) and ${ranked[1][0]} (${ranked[1][1].map((n) => `$${n}$`).join(', ')}))`);
      }
      const [id, used] = ranked[0];
      return build(sorted.find((d) => d.id === id), `course context with ${id}'s symbols and definitions (only ${id} has ${used.map((n) => `$${n}$`).join(', ')})`);
    }
  }
}
