/**
 * The small declaration language of a derivation's `symbols:` table:
 *
 *   x: variable
 *   \theta: parameter
 *   \epsilon: constant, positive
 *   p_\theta: density(x), depends on \theta
 *   D_\phi: function(x), unit, depends on \phi
 *   z: variable, \sim \mathcal{N}(0, 1)
 *   \varphi: function(x), vector(d)            (values in R^d)
 *
 * The first clause is the kind (with the argument names of a function or
 * density in parentheses); the others, separated by commas outside brackets,
 * are a domain word, `depends on <name>` (repeatable, or several names
 * separated by spaces), and `\sim <distribution>` for a random variable.
 *
 * @example
 *   parseDeclaration('p_{\\theta}', 'density(x), depends on \\theta', parseName)
 *   // { name: 'p_{\\theta}', kind: 'density', arity: 1, dependsOn: ['\\theta'] }
 */
import type { SymbolDecl, SymbolKind, Domain } from './context';

const KINDS: readonly SymbolKind[] = ['variable', 'parameter', 'constant', 'density', 'function', 'vector'];
const DOMAINS: readonly Domain[] = ['real', 'positive', 'unit', 'nonzero', 'nonnegative'];

/** A declaration problem at an offset within the declaration text. */
export class DeclarationError extends Error {
  constructor(readonly reason: string, readonly offset: number, readonly length = 1) {
    super(reason);
  }
}

/** Splits on commas that are not inside (), [] or {}; returns each part with its offset. */
export function splitTopLevel(text: string, sep = ','): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      out.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  out.push({ text: text.slice(start), offset: start });
  return out.map((p) => {
    const lead = p.text.length - p.text.trimStart().length;
    return { text: p.text.trim(), offset: p.offset + lead };
  });
}

/** Closest candidate by edit distance, for "did you mean" suggestions. */
export function suggest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}

/** A declaration whose distribution (for `\sim`) is still LaTeX text, parsed later in context. */
export interface RawDeclaration extends SymbolDecl {
  distributionText?: { text: string; offset: number };
}

/**
 * Reads one declaration. `canon` turns a written name (`\theta`) into its
 * canonical form; it may throw a DeclarationError.
 */
export function parseDeclaration(name: string, text: string, canon: (written: string, offset: number) => string): RawDeclaration {
  const clauses = splitTopLevel(text);
  const head = clauses[0];
  const m = /^([A-Za-z]+)\s*(?:\((.*)\))?$/.exec(head.text);
  if (!m) throw new DeclarationError(`expected a kind (${KINDS.join(', ')}), found "${head.text}"`, head.offset, head.text.length || 1);
  const kind = m[1] as SymbolKind;
  if (!KINDS.includes(kind)) {
    const s = suggest(m[1], KINDS);
    throw new DeclarationError(`unknown kind "${m[1]}"${s ? `; did you mean "${s}"?` : ''} (kinds: ${KINDS.join(', ')})`, head.offset, m[1].length);
  }
  const decl: RawDeclaration = { name, kind };
  if (m[2] !== undefined) {
    const argText = m[2];
    if (kind === 'vector') {
      decl.dim = /^\d+$/.test(argText.trim()) ? Number(argText.trim()) : argText.trim();
    } else {
      const [args, given] = argText.split(/\\mid|\|/);
      const count = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.split(',').filter((x) => x.trim()).length);
      decl.arity = count(args);
      if (given !== undefined) decl.givenArity = count(given);
      const names = args.split(',').map((x) => x.trim());
      if (kind === 'density' && given === undefined && names.length >= 1 && names.every((x) => /^\\?[A-Za-z]+(_\{?[A-Za-z0-9]+\}?)?$/.test(x))) {
        // a density declared by its variables' names: applications of a joint may name them in any order, E_{z} finds its density
        let off = head.offset + head.text.indexOf('(') + 1;
        decl.vars = [];
        for (const part of args.split(',')) {
          decl.vars.push(canon(part.trim(), off + part.indexOf(part.trim())));
          off += part.length + 1;
        }
        if (new Set(decl.vars).size !== decl.vars.length) delete decl.vars;
      }
    }
  } else if (kind === 'function' || kind === 'density') {
    decl.arity = 1;
  }
  for (const c of clauses.slice(1)) {
    if (!c.text) throw new DeclarationError('empty clause (a stray comma?)', c.offset);
    if ((DOMAINS as readonly string[]).includes(c.text)) {
      decl.domain = c.text as Domain;
      continue;
    }
    const vec = /^vector\s*\((.+)\)$/.exec(c.text);
    if (vec) {
      // a vector-valued function: values in R^dim
      decl.dim = /^\d+$/.test(vec[1].trim()) ? Number(vec[1].trim()) : canon(vec[1].trim(), c.offset + c.text.indexOf(vec[1]));
      continue;
    }
    const dep = /^depends\s+on\s+(.+)$/.exec(c.text);
    if (dep) {
      const names = dep[1].trim().split(/\s+(?:and\s+)?/).filter(Boolean);
      let off = c.offset + c.text.indexOf(dep[1]);
      decl.dependsOn = [...(decl.dependsOn ?? [])];
      for (const n of names) {
        decl.dependsOn.push(canon(n, off));
        off += n.length + 1;
      }
      continue;
    }
    const sim = /^(\\sim|~)\s*(.+)$/.exec(c.text);
    if (sim) {
      decl.distributionText = { text: sim[2], offset: c.offset + c.text.indexOf(sim[2]) };
      continue;
    }
    const s = suggest(c.text.split(/\s/)[0], [...DOMAINS, 'depends']);
    throw new DeclarationError(
      `cannot read "${c.text}": expected a domain (${DOMAINS.join(', ')}), "depends on <name>" or "\\sim <distribution>"${s ? `; did you mean "${s}"?` : ''}`,
      c.offset, c.text.length,
    );
  }
  return decl;
}
