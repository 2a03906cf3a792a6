/**
 * Canonical names: the one string a name gets however it was written.
 *
 * A canonical name is the base, then `_{sub}`, then `^{sup}` for a
 * name-forming superscript, with font wrappers (`\text`, `\mathrm`,
 * `\operatorname`) and redundant braces removed, accents and math alphabets
 * written with braces (`\hat{\mu}`, `\mathcal{L}`) and `\star`/`\ast` as `*`:
 *
 * | written                                            | canonical        |
 * |----------------------------------------------------|------------------|
 * | `D_\phi`, `D_{\phi}`                               | `D_{\phi}`       |
 * | `p_{data}`, `p_{\text{data}}`, `p_{\mathrm{data}}` | `p_{data}`       |
 * | `\theta_0`                                         | `\theta_{0}`     |
 * | `\hat\mu_y`, `\hat{\mu}_y`, `\hat{\mu}_{y}`        | `\hat{\mu}_{y}`  |
 * | `D^*`, `D^{*}`, `D^\star`                          | `D^{*}`          |
 * | `L_G^{mm}` (when `L_{G}^{mm}` is declared)         | `L_{G}^{mm}`     |
 *
 * Which superscripts form a name (only `*`, or a declared name) is decided by
 * the parser, which knows the context; this file works on token lists and
 * strings only. `nameToLatex` prints a canonical name back as LaTeX that
 * parses to the same canonical name (`p_{data}` prints as `p_{\mathrm{data}}`).
 *
 * @example
 *   makeName('D', '\\phi')             // 'D_{\\phi}'
 *   nameToLatex('L_{G}^{mm}')          // 'L_{G}^{\\mathrm{mm}}'
 */
import { canonicalTex, roleOf, PRINT } from './table';

/** The part of a token this file needs; the lexer's `Token` (`src/parse/lexer.ts`, whose `tokenize` the examples use) has it. */
export interface NameToken {
  kind: string;
  text: string;
}

/**
 * Concatenates name parts, separating a command from a following letter
 * (`\theta` + `x` is `\theta x`, not the unknown command `\thetax`).
 *
 * @example joinParts(['\\theta', 'x'])  // '\\theta x'
 */
export function joinParts(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (!p) continue;
    out += /\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(p) ? ' ' + p : p;
  }
  return out;
}

/**
 * A canonical name from its parts.
 *
 * @example makeName('L', 'G', 'mm')  // 'L_{G}^{mm}'
 */
export function makeName(base: string, sub?: string | null, sup?: string | null): string {
  return base + (sub ? `_{${sub}}` : '') + (sup ? `^{${sup}}` : '');
}

/**
 * True when a canonical name carries a subscript or superscript.
 *
 * @example hasScripts('p_{\\theta}')  // true
 */
export function hasScripts(name: string): boolean {
  return /[_^]/.test(name);
}

/**
 * Index of the `}` matching the `{` at `open`, or -1 when it is not closed.
 *
 * @example matchBrace(tokenize('{a{b}}c'), 0)  // 5
 */
export function matchBrace(tokens: readonly NameToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'char' && t.text === '{') depth++;
    else if (t.kind === 'char' && t.text === '}' && --depth === 0) return i;
    else if (t.kind === 'eof') return -1;
  }
  return -1;
}

/**
 * The index just after the TeX argument starting at `i`: a braced group, a
 * single token, or a command taking an argument followed by its argument
 * (`\hat\mu`, `\text{data}`). Returns `i` when there is no argument, -1 when
 * a brace is not closed.
 *
 * @example argEnd(tokenize('\\hat\\mu_y'), 0)  // 2
 */
export function argEnd(tokens: readonly NameToken[], i: number): number {
  const t = tokens[i];
  if (!t || t.kind === 'eof') return i;
  if (t.kind === 'char' && t.text === '{') {
    const j = matchBrace(tokens, i);
    return j < 0 ? -1 : j + 1;
  }
  if (t.kind === 'char' && (t.text === '}' || t.text === '_' || t.text === '^')) return i;
  if (t.kind === 'cmd' && takesArgument(t.text)) {
    const e = argEnd(tokens, i + 1);
    return e === i + 1 ? i : e;
  }
  return i + 1;
}

/** True for commands whose argument belongs to the name (`\hat`, `\text`, `\mathcal`). */
export function takesArgument(tex: string): boolean {
  const role = roleOf(tex);
  return role === 'accent' || role === 'font' || role === 'style';
}

/**
 * The canonical text of `tokens[from, to)`: a base, a subscript or a
 * superscript. Font wrappers and braces are dropped, accents and math
 * alphabets keep braces, nested scripts are braced.
 *
 * @example scriptText(tokenize('\\text{data}'), 0, 4)  // 'data'
 */
export function scriptText(tokens: readonly NameToken[], from: number, to: number): string {
  const parts: string[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i];
    if (t.kind === 'char' && t.text === '{') {
      const j = matchBrace(tokens, i);
      const end = j < 0 || j >= to ? to : j;
      parts.push(scriptText(tokens, i + 1, end));
      i = end + 1;
    } else if (t.kind === 'cmd' && takesArgument(t.text)) {
      const e = Math.min(Math.max(argEnd(tokens, i + 1), i + 1), to);
      const inner = argText(tokens, i + 1, e);
      parts.push(roleOf(t.text) === 'font' ? inner : `${canonicalTex(t.text)}{${inner}}`);
      i = e;
    } else if (t.kind === 'char' && (t.text === '_' || t.text === '^')) {
      const e = Math.min(Math.max(argEnd(tokens, i + 1), i + 1), to);
      parts.push(`${t.text}{${argText(tokens, i + 1, e)}}`);
      i = e;
    } else if (t.kind === 'cmd' && roleOf(t.text) === 'ignore') {
      i++;
    } else {
      const role = roleOf(t.text);
      parts.push(role === 'star' || role === 'transpose' || role === 'norm' || role === 'bar' ? canonicalTex(t.text) : t.text);
      i++;
    }
  }
  return joinParts(parts);
}

/** The text of one argument `[from, to)`, without its outer braces. */
function argText(tokens: readonly NameToken[], from: number, to: number): string {
  const t = tokens[from];
  if (t && t.kind === 'char' && t.text === '{' && matchBrace(tokens, from) === to - 1) return scriptText(tokens, from + 1, to - 1);
  return scriptText(tokens, from, to);
}

/**
 * LaTeX for a canonical name: runs of two or more letters outside commands
 * are wrapped in `\mathrm{}` (a word, not a product of letters), which parses
 * back to the same canonical name.
 *
 * @example nameToLatex('p_{data}')  // 'p_{\\mathrm{data}}'
 */
export function nameToLatex(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const cmd = /^\\([A-Za-z]+|.)/.exec(name.slice(i));
    if (cmd) {
      out += cmd[0];
      i += cmd[0].length;
      continue;
    }
    const word = /^[A-Za-z]{2,}/.exec(name.slice(i));
    if (word) {
      out += `${PRINT.word}{${word[0]}}`;
      i += word[0].length;
      continue;
    }
    out += name[i++];
  }
  return out;
}
