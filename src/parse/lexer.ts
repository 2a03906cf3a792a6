/**
 * The lexer: LaTeX math text to a flat token list, driven by the notation table.
 *
 * Strategy: one pass, one token per number, letter, command or character.
 * Letters are single tokens (`xy` is two), numbers are maximal (`0.5`; the
 * parser splits `x^23` into `2` and `3` as TeX does). Unicode characters the
 * table knows become their command (`θ` is `\theta`). Spacing and sizing
 * commands (`\,`, `\left`, `\big`) are dropped, and recorded as `space` on the
 * next token, together with ordinary whitespace; `\left.` drops its dot.
 * Unknown commands and characters are errors here, with position.
 *
 * @example
 *   tokenize('\\frac{1}{2}\\,dx').map((t) => t.text)
 *   // ['\\frac', '{', '1', '}', '{', '2', '}', 'd', 'x', '']
 */
import { SourceError, type Origin } from './error';
import { lookupNotation, UNICODE_TO_TEX } from '../notation/table';

/** Token classes. `eof` ends every token list. */
export type TokenKind = 'num' | 'letter' | 'cmd' | 'char' | 'eof';

/** One token, with its offsets `[start, end)` in the source. */
export interface Token {
  kind: TokenKind;
  /** The spelling (a command with its backslash; a Unicode character's command). */
  text: string;
  start: number;
  end: number;
  /** True when whitespace or an ignored command came right before. */
  space: boolean;
}

/** Sizing commands that may take the null delimiter `.` (`\\left. … \\right|`), dropped with them. */
const SIZERS_WITH_NULL_DELIMITER = new Set(['\\left', '\\right', '\\big', '\\Big', '\\bigg', '\\Bigg', '\\bigl', '\\bigr', '\\Bigl', '\\Bigr', '\\biggl', '\\biggr']);

/**
 * Splits `src` into tokens; throws `SourceError` on unknown commands or characters.
 *
 * @example
 *   tokenize('p_\\theta(x)').map((t) => t.kind)  // ['letter','char','cmd','char','letter','char','eof']
 */
export function tokenize(src: string, origin: Origin = {}): Token[] {
  const out: Token[] = [];
  let i = 0;
  let space = false;
  const push = (kind: TokenKind, text: string, start: number, end: number) => {
    out.push({ kind, text, start, end, space });
    space = false;
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      space = true;
      i++;
      continue;
    }
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|[^A-Za-z])/.exec(src.slice(i));
      if (!m) throw SourceError.at("stray '\\' at end of input", src, i, origin);
      const text = m[0];
      const entry = lookupNotation(text);
      if (!entry) throw SourceError.at(`unknown command ${text}`, src, i, origin, text.length);
      i += text.length;
      if (entry.role === 'ignore') {
        space = true;
        if (SIZERS_WITH_NULL_DELIMITER.has(text)) {
          const rest = /^\s*\./.exec(src.slice(i));
          if (rest) i += rest[0].length;
        }
        continue;
      }
      push('cmd', text, i - text.length, i);
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      push('num', num[0], i, i + num[0].length);
      i += num[0].length;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      push('letter', c, i, i + 1);
      i++;
      continue;
    }
    const cp = String.fromCodePoint(src.codePointAt(i) as number);
    const mapped = UNICODE_TO_TEX.get(cp);
    if (mapped) {
      push(mapped.startsWith('\\') ? 'cmd' : 'char', mapped, i, i + cp.length);
      i += cp.length;
      continue;
    }
    const entry = lookupNotation(c);
    if (entry?.role === 'ignore') {
      space = true;
      i++;
      continue;
    }
    if (!entry) throw SourceError.at(`unexpected character '${cp}'`, src, i, origin, cp.length);
    push('char', c, i, i + 1);
    i++;
  }
  out.push({ kind: 'eof', text: '', start: src.length, end: src.length, space });
  return out;
}
