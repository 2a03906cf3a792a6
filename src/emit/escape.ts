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
