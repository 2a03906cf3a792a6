/**
 * Names a student introduces: a well-formed name that neither the derivation
 * nor the course declares is inferred from its use, and the report lists it
 * as an assumption the TA sees — never an error that blocks the line.
 *
 * Strategy: parse every piece of a chain in its context; a free name the
 * context does not know (not declared, defined, aliased, bound or built in)
 * is
 *
 * - a function of k arguments when it is written applied, `g(a, b)` (the
 *   parenthesis right after the name in the source; k from its top-level
 *   commas), depending on the parameters named in its subscript (`g_\theta`);
 * - a constant when it is written bare and is subscripted (`c_1`, `M_{data}`)
 *   or a single capital (`H`, `\mathcal{L}`, `A^*`).
 *
 * Anything else (`KL`, `abc`, a lower-case letter with no subscript) stays
 * unknown: the reader reports it. A name used both ways, or applied with two
 * different numbers of arguments, is not inferred. Inferred symbols are
 * ordinary declarations: the numeric tester instantiates them at random like
 * any declared symbol, so a step that holds only for special values of them
 * is refuted, never accepted.
 *
 * @example
 *   inferNames([m('H + g(x)')], ctx).assumptions.map((a) => a.meaning)
 *   // ['a constant (written bare)', 'a function of 1 argument (written applied)']
 */
import type { Expr } from '../expr/types';
import { freeSymbols, children } from '../expr/walk';
import { parseExpr } from '../parse';
import { makeContext, BUILTIN_FUNCTIONS, type Context, type SymbolDecl } from '../semantics/context';
import { BUILTIN_CONSTANTS } from '../semantics/validate';
import type { Mapped } from './source';

/**
 * A name the student introduced, with what it was taken to be and where it is first used.
 *
 * @example { name: 'H', meaning: 'a constant (written bare)', at: 120 }
 */
export interface InferredName {
  name: string;
  meaning: string;
  /** File offset of its first use. */
  at: number;
  decl: SymbolDecl;
}

/** Names the notation reads specially even when undeclared (identity covariance, Euler's e). */
const NEVER = new Set(['I', 'e']);
/** One letter: Latin, a Greek command, or a calligraphic / blackboard / hatted letter. */
const BASE = String.raw`(?:[A-Za-z]|\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|varphi|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega|ell)|\\(?:mathcal|mathbb|mathscr|hat|tilde|bar)\{[A-Za-z]\})`;
const SCRIPTS = String.raw`(?:[_^](?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[A-Za-z0-9*]|\\[A-Za-z]+))*`;
const WELL_FORMED = new RegExp(`^${BASE}${SCRIPTS}$`);
const CAPITAL = new RegExp(String.raw`^(?:[A-Z]|\\(?:mathcal|mathbb|mathscr|hat|tilde|bar)\{[A-Z]\}|\\(?:Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega))(?:\^(?:\{[^{}]*\}|[A-Za-z0-9*]|\\[A-Za-z]+))?$`);

/** True when `ctx` knows `name` (declared, defined, aliased or built in). */
export function knownName(name: string, ctx: Context): boolean {
  return !!ctx.lookup(name) || ctx.definitions.has(ctx.resolveAlias(name)) || BUILTIN_CONSTANTS.has(name) || BUILTIN_FUNCTIONS.has(ctx.resolveAlias(name)) || NEVER.has(name);
}

/** The symbol nodes named `name` in `e`, with their spans. */
function uses(e: Expr, name: string, out: Expr[] = []): Expr[] {
  if (e.kind === 'sym' && e.name === name) out.push(e);
  for (const c of children(e)) uses(c, name, out);
  return out;
}

/** The number of top-level arguments in the parenthesis that opens at `open` (null when it does not close). */
function arityAt(text: string, open: number): number | null {
  let depth = 0;
  let commas = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return /\\mid|\|/.test(text.slice(open, i)) ? null : commas + 1;
    } else if (ch === ',' && depth === 1) commas++;
  }
  return null;
}

/**
 * Infers the names of `pieces` that `ctx` does not know (see the file
 * comment); returns the context with them declared, and what was inferred.
 *
 * @example inferNames([m('M_1 = 2')], ctx).ctx.lookup('M_{1}')?.kind   // 'constant'
 */
export function inferNames(pieces: readonly Mapped[], ctx: Context): { ctx: Context; inferred: InferredName[] } {
  const seen = new Map<string, { arity: number | null; bare: boolean; bad: boolean; at: number }>();
  let probe = ctx;
  // two passes: a function found in the first lets `g(x, y)` parse as one application in the second
  for (let pass = 0; pass < 2; pass++) {
    for (const m of pieces) {
      let e: Expr;
      try {
        e = parseExpr(m.text, probe);
      } catch {
        continue;
      }
      for (const name of freeSymbols(e)) {
        if (knownName(name, ctx) || seen.get(name)?.arity) continue;
        if (!WELL_FORMED.test(name)) continue;
        for (const u of uses(e, name)) {
          const end = u.span?.end;
          const after = end === undefined ? '' : m.text.slice(end);
          const open = /^\s*\(/.exec(after);
          const rec = seen.get(name) ?? { arity: null, bare: false, bad: false, at: m.offset(u.span?.start ?? 0) };
          if (open) {
            const k = arityAt(m.text, end! + open[0].length - 1);
            if (k === null || (rec.arity !== null && rec.arity !== k)) rec.bad = true;
            else rec.arity = k;
          } else rec.bare = true;
          seen.set(name, rec);
        }
      }
    }
    const fns = [...seen.entries()].filter(([, r]) => r.arity && !r.bare && !r.bad);
    if (!fns.length || pass === 1) break;
    probe = makeContext([...ctx.symbols.values(), ...fns.map(([n, r]) => ({ name: n, kind: 'function' as const, arity: r.arity! }))], [...ctx.definitions.values()], Object.fromEntries(ctx.aliases));
  }
  const params = [...ctx.symbols.values()].filter((s) => s.kind === 'parameter').map((s) => s.name);
  const inferred: InferredName[] = [];
  for (const [name, r] of seen) {
    if (r.bad || (r.arity && r.bare)) continue;
    const sub = /_(\{.*\}|\\[A-Za-z]+|.)/.exec(name)?.[1] ?? '';
    const dependsOn = params.filter((p) => sub.includes(p));
    if (r.arity) {
      inferred.push({ name, at: r.at, meaning: `a function of ${r.arity} argument${r.arity > 1 ? 's' : ''} (written applied)${dependsOn.length ? `, depending on $${dependsOn.join('$, $')}$` : ''}`,
        decl: { name, kind: 'function', arity: r.arity, ...(dependsOn.length ? { dependsOn } : {}) } });
    } else if (name.includes('_') || CAPITAL.test(name)) {
      inferred.push({ name, at: r.at, meaning: 'a constant (written bare)', decl: { name, kind: 'constant' } });
    }
  }
  if (!inferred.length) return { ctx, inferred };
  return { ctx: makeContext([...ctx.symbols.values(), ...inferred.map((i) => i.decl)], [...ctx.definitions.values()], Object.fromEntries(ctx.aliases)), inferred };
}
