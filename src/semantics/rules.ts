/**
 * Rules as data: every `rules/*.yaml` file lists named identities with the
 * symbols they quantify over. Loading parses each statement in its own small
 * context and refuses a rule whose right side uses a name its left side does
 * not bind. (The numeric self-check of each rule is in `src/check/rules.ts`.)
 *
 * @example
 *   loadRules('rules').get('log-product')!.latex   // '\\log(a b) = \\log a + \\log b'
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, isScalar, Node as YNode } from 'yaml';
import type { Eq } from '../expr/types';
import { freeSymbols } from '../expr/walk';
import { makeContext, Context, SymbolDecl } from './context';
import { parseDeclaration, DeclarationError } from './declarations';
import { YamlSource, pairs, checkKeys, get } from './yaml-source';
import type { Loc } from './derivation';
import { SourceError } from '../parse/error';
import { readInputFile } from './input-file';

/** A named identity. */
export interface Rule {
  name: string;
  statement: Eq;
  latex: string;
  description: string;
  ctx: Context;
  loc: Loc;
  /**
   * `unfold: true`: the prover applies the rule left to right wherever its
   * left side matches, as it unfolds a definition (for a rule whose right side
   * is more basic: the sigmoid's formula, a moment). Otherwise the rule is
   * used by the bounded search, in either direction, when a step needs it.
   */
  unfold: boolean;
}

/** Names that need no binding on the left (constants of the notation). */
const GLOBAL_NAMES = new Set(['\\pi', 'e', '\\log', '\\ln', '\\exp', '\\sigma', '\\sqrt']);

/** Reads every rule file in `dir` (sorted by name); throws a SourceError at the first problem. */
export function loadRules(dir: string): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const f of files) {
    const file = path.join(dir, f);
    const text = readInputFile(file, 'derivationBytes');
    for (const r of loadRuleFile(text, file)) {
      const prev = rules.get(r.name);
      if (prev) {
        const offset = text.split('\n').slice(0, r.loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + r.loc.column - 1;
        throw SourceError.at(`rule "${r.name}" is defined twice (first at ${prev.loc.file}:${prev.loc.line}); rename one or remove it`, text, offset, { file }, r.name.length);
      }
      rules.set(r.name, r);
    }
  }
  return rules;
}

/** Reads the rules of one file. */
export function loadRuleFile(text: string, file: string): Rule[] {
  const L = new YamlSource(text, file);
  const root = L.parse();
  if (!isMap(root)) throw L.errorNode('a rule file is a mapping with a "rules" list', root);
  checkKeys(L, root, ['rules'], 'a rule file');
  const list = get(root, 'rules');
  if (!list || !isSeq(list)) throw L.errorNode('"rules" is a list of rules', list ?? root);
  return (list.items as YNode[]).map((item) => {
    if (!isMap(item)) throw L.errorNode('a rule is a mapping with name, statement, symbols, description', item);
    checkKeys(L, item, ['name', 'statement', 'symbols', 'description', 'unfold'], 'a rule');
    const nameNode = L.str(get(item, 'name'), 'name');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(nameNode.value)) throw L.errorNode('a rule name is lower-case letters, digits and dashes', nameNode);
    const decls: SymbolDecl[] = [];
    const symNode = get(item, 'symbols');
    if (symNode && !isMap(symNode)) throw L.errorNode('symbols is a mapping: name: declaration', symNode);
    const permissive = { ...makeContext([]), isDeclared: () => true, isFunction: () => false };
    for (const p of symNode && isMap(symNode) ? pairs(symNode) : []) {
      const k = L.str(p.key, 'a symbol name');
      const e = L.latex(k, permissive);
      if (e.kind !== 'sym') throw L.errorNode(`"${k.value}" is not a name`, k);
      const v = L.str(p.value, `the declaration of ${k.value}`);
      try {
        decls.push(parseDeclaration(e.name, v.value, (w) => {
          const n = L.latex(v, permissive, { text: w, offset: v.value.indexOf(w) });
          return n.kind === 'sym' ? n.name : w;
        }));
      } catch (err) {
        if (err instanceof DeclarationError) throw L.errorAt(err.reason, L.mapper(v)(err.offset), err.length);
        throw err;
      }
    }
    const ctx = makeContext(decls);
    const stNode = L.str(get(item, 'statement'), 'statement');
    const statement = L.resolved(L.latex(stNode, ctx), ctx, stNode);
    if (statement.kind !== 'eq') throw L.errorNode('a rule statement is an identity "left = right"', stNode);
    const bound = freeSymbols(statement.lhs);
    const unbound = [...freeSymbols(statement.rhs)].filter((n) => !bound.has(n) && !GLOBAL_NAMES.has(n));
    if (unbound.length) {
      throw L.errorNode(`rule "${nameNode.value}": the right side uses ${unbound.join(', ')}, which the left side does not bind`, stNode);
    }
    const descNode = get(item, 'description');
    const unfoldNode = get(item, 'unfold');
    if (unfoldNode && !(isScalar(unfoldNode) && typeof unfoldNode.value === 'boolean')) throw L.errorNode('unfold is true or false', unfoldNode);
    return {
      unfold: !!unfoldNode && (unfoldNode as { value: boolean }).value,
      name: nameNode.value, statement, latex: stNode.value.trim(), description: descNode ? L.str(descNode, 'description').value : '',
      ctx, loc: L.loc(nameNode.range![0]),
    };
  });
}

/**
 * A rule's side conditions, read from its symbols' declarations: the domain
 * of each quantity (or of a function's values), what each density is, and
 * which functions depend on (or are free of) the rule's parameters. A rule
 * fires only where these hold.
 *
 * @example
 *   sideConditions(rules.get('log-quotient')!)   // ['a > 0', 'b > 0']
 */
export function sideConditions(rule: Pick<Rule, 'ctx'>): string[] {
  const decls = [...rule.ctx.symbols.values()];
  const params = decls.filter((d) => d.kind === 'parameter').map((d) => d.name);
  const out: string[] = [];
  for (const d of decls) {
    const isFn = d.kind === 'function' || d.kind === 'density';
    const args = isFn ? Array.from({ length: d.arity ?? 1 }, () => '·').join(', ') : '';
    const v = isFn ? `${d.name}(${args})` : d.name;
    if (d.kind === 'density') out.push(`${d.name} is a probability density (positive, integrates to 1)`);
    switch (d.domain) {
      case 'positive': out.push(`${v} > 0`); break;
      case 'nonnegative': out.push(`${v} ≥ 0`); break;
      case 'nonzero': out.push(`${v} ≠ 0`); break;
      case 'unit': out.push(`0 < ${v} < 1`); break;
      default: break;
    }
    if (isFn || d.kind === 'constant') {
      const deps = d.dependsOn ?? [];
      if (deps.length) out.push(`${d.name} depends on ${deps.join(', ')}`);
      const free = params.filter((p) => !deps.includes(p));
      if (free.length) out.push(`${d.name} does not depend on ${free.join(', ')}`);
    }
  }
  return out;
}
