/**
 * Reading YAML sources with positions: a thin layer over the \`yaml\` package
 * that turns every problem into a SourceError at the right file, line and
 * column, including problems inside a LaTeX string held in a YAML scalar
 * (offsets within the value are aligned back to the source text).
 *
 * @example
 *   const src = new YamlSource(text, 'derivations/x.yaml');
 *   const root = src.parse();
 */
import { parseDocument, LineCounter, isScalar, Node as YNode, Scalar, YAMLMap, Pair } from 'yaml';
import type { Expr } from '../expr/types';
import { parseExpr } from '../parse';
import { SourceError } from '../parse/error';
import type { Context } from './context';
import { suggest } from './declarations';
import { resolve, ResolveError } from './resolve';
import type { Loc } from './derivation';

/** A YAML file being read, with helpers that report positions. */
export class YamlSource {
  readonly lines = new LineCounter();
  constructor(readonly text: string, readonly file: string) {}

  /** The document's root node; YAML syntax errors become SourceErrors. */
  parse(): YNode | null {
    const doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false });
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw this.errorAt(`YAML: ${e.message.split('\n')[0]}`, e.pos[0]);
    }
    return doc.contents as YNode | null;
  }

  errorAt(reason: string, offset: number, length = 1): SourceError {
    return SourceError.at(reason, this.text, offset, { file: this.file }, length);
  }
  errorNode(reason: string, node: YNode | null | undefined): SourceError {
    const r = node?.range;
    return this.errorAt(reason, r ? r[0] : 0, r ? Math.max(1, r[1] - r[0]) : 1);
  }
  loc(offset: number): Loc {
    const p = this.lines.linePos(offset);
    return { file: this.file, line: p.line, column: p.col };
  }

  /** Maps an offset within a scalar's value to an offset in the file. */
  mapper(node: Scalar): (i: number) => number {
    const [start, end] = node.range ?? [0, 0];
    const src = this.text.slice(start, end);
    const value = String(node.value);
    const pos: number[] = [];
    let j = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      let k = j;
      while (k < src.length && src[k] !== c && !(c === ' ' && src[k] === '\n')) k++;
      if (k < src.length) { pos.push(k); j = k + 1; } else pos.push(Math.max(0, j - 1));
    }
    return (i: number) => start + (i < pos.length ? pos[i] : (pos[pos.length - 1] ?? 0) + (i - pos.length + 1));
  }

  str(node: YNode | null | undefined, what: string): Scalar & { value: string } {
    if (!node || !isScalar(node) || node.value === null || typeof node.value === 'object') {
      throw this.errorNode(`${what} must be a string`, node);
    }
    if (typeof node.value !== 'string') node.value = String(node.value);
    return node as Scalar & { value: string };
  }

  /** Parses LaTeX held in a scalar (or a slice of it), mapping errors back to the file. */
  latex(node: Scalar & { value: string }, ctx: Context, slice?: { text: string; offset: number }): Expr {
    const text = slice ? slice.text : node.value;
    const base = slice ? slice.offset : 0;
    const map = this.mapper(node);
    try {
      return parseExpr(text, ctx);
    } catch (e) {
      if (e instanceof SourceError) throw this.errorAt(e.reason, map(base + e.offset), e.length);
      throw e;
    }
  }

  /** Resolves implicit expectation parts, mapping errors to the node's position. */
  resolved(e: Expr, ctx: Context, node: Scalar, base = 0): Expr {
    try {
      return resolve(e, ctx);
    } catch (err) {
      if (err instanceof ResolveError) {
        const map = this.mapper(node);
        const span = err.node.span;
        throw this.errorAt(err.message, map(base + (span?.start ?? 0)), span ? span.end - span.start : 1);
      }
      throw err;
    }
  }
}

/** The pairs of a mapping. */
export function pairs(m: YAMLMap): Pair<YNode, YNode>[] {
  return m.items as Pair<YNode, YNode>[];
}

/** Refuses keys outside \`allowed\`, suggesting the closest. */
export function checkKeys(L: YamlSource, m: YAMLMap, allowed: string[], where: string): void {
  for (const p of pairs(m)) {
    const k = L.str(p.key, 'a key');
    if (!allowed.includes(k.value)) {
      const s = suggest(k.value, allowed);
      throw L.errorNode(`unknown key "${k.value}" in ${where}${s ? `; did you mean "${s}"?` : ''} (allowed: ${allowed.join(', ')})`, p.key);
    }
  }
}

/** The value under \`key\`, if any. */
export const get = (m: YAMLMap, key: string): YNode | undefined =>
  pairs(m).find((p) => isScalar(p.key) && p.key.value === key)?.value ?? undefined;
