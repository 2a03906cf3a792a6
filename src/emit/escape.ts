/**
 * Escaping what came from input before it is echoed: control characters
 * (which could retitle a terminal, move its cursor or print a fake green
 * "✓ proved"), invisible and bidirectional formatting characters, and
 * spreadsheet formulas in CSV cells.
 *
 * Strategy: one visible spelling for every such character — `\x1b`,
 * `\u202e` — applied to a report's strings before any printer sees them
 * (terminal, JSON, HTML and CSV alike), so no printer has to remember; and
 * a CSV cell that a spreadsheet would read as a formula (starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
 *
 * @example
 *   escapeControls('a\x1b]0;pwned\x07b')   // 'a\\x1b]0;pwned\\x07b'
 *   neutraliseCsvCell('=HYPERLINK("x")')    // "'=HYPERLINK(\"x\")"
 */

/** C0 controls but tab and newline, DEL, C1 controls, zero-width and bidirectional formatting characters. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `s` with every unsafe character written as `\xNN` or `\uNNNN`. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** True when `s` holds a character `escapeControls` would rewrite. */
export function hasControls(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const r = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return r;
}

/**
 * A copy of plain data (what crosses a worker boundary: objects, arrays,
 * strings, numbers) with every string — keys too — passed through `escapeControls`.
 */
export function escapeControlsDeep<T>(v: T): T {
  if (typeof v === 'string') return escapeControls(v) as T;
  if (Array.isArray(v)) return v.map((x) => escapeControlsDeep(x)) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[escapeControls(k)] = escapeControlsDeep(x);
    return out as T;
  }
  return v;
}

/** A CSV cell a spreadsheet will show as text: control characters escaped, a leading formula character defused with `'`. */
export function neutraliseCsvCell(s: string): string {
  const e = escapeControls(s);
  return /^[=+\-@\t\r]/.test(s) ? `'${e}` : e;
}

/** Display-only commands allowed in prose math beyond the notation table (none of them reads, writes or defines anything). */
const EXTRA_MATH_COMMANDS = new Set([
  '\\cdots', '\\ldots', '\\dots', '\\vdots', '\\ddots', '\\sum', '\\prod', '\\limits', '\\mathbf', '\\boldsymbol', '\\textbf', '\\textit',
  '\\emph', '\\qquad', '\\displaystyle', '\\textstyle', '\\max', '\\min', '\\arg', '\\sup', '\\inf', '\\lim', '\\forall', '\\exists',
  '\\leftarrow', '\\rightarrow', '\\Rightarrow', '\\Leftarrow', '\\Leftrightarrow', '\\mapsto', '\\ell', '\\prime', '\\circ', '\\bullet',
]);

/**
 * True when LaTeX math written in prose (a title's or note's `$…$`) may go
 * into a generated .tex as it is: every command is one the notation table
 * knows or a display-only one, braces balance, and there is no `#`, `%`,
 * `^^` (TeX's character-code escape), `&` or line break. Otherwise the
 * printer shows it as text, so `\gdef`, `\input`, `\write`, `\catcode` or
 * `\csname` can never reach the document.
 *
 * @example
 *   isSafeTexMath('p_{\\theta}(x)')                  // true
 *   isSafeTexMath('\\gdef\\proved{\\input{/etc/hostname}}')  // false
 */
export function isSafeTexMath(tex: string, known: (cmd: string) => boolean): boolean {
  if (/\^\^|[#%&]|\\\\/.test(tex.replace(/\\[#%&]/g, ''))) return false;
  if (hasControls(tex)) return false;
  for (const m of tex.matchAll(/\\([A-Za-z]+|[^A-Za-z])/g)) {
    const cmd = m[0];
    if (/^\\[A-Za-z]/.test(cmd)) {
      if (!known(cmd) && !EXTRA_MATH_COMMANDS.has(cmd)) return false;
    } else if (!/^\\[,;:! {}|#%&_$]$/.test(cmd)) return false;
  }
  let depth = 0;
  for (const c of tex.replace(/\\[{}]/g, '')) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Text for LaTeX text mode: every special character escaped, control characters shown escaped. */
export function latexTextEscape(s: string): string {
  return escapeControls(s)
    .replace(/\\/g, '\\textbackslash{}').replace(/([#%&_{}$])/g, '\\$1').replace(/\^/g, '\\^{}').replace(/~/g, '\\~{}')
    .replace(/</g, '\\textless{}').replace(/>/g, '\\textgreater{}').replace(/\|/g, '\\textbar{}');
}
