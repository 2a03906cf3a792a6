/**
 * Long lines: an estimate of how wide an expression prints, and a split of a
 * long sum into lines, so that neither the PDF (an `align*` row running into
 * the margin) nor the HTML (a formula wider than a phone) overflows.
 *
 * Strategy: the width is estimated from the tree in ems of the display font
 * (a letter about 0.55 em, a binary operator with its spacing about 1.6 em, a
 * fraction as wide as its wider part, scripts at 70 %); it is a heuristic, set
 * so that the shipped derivations compile without an overfull line
 * (tests/emit/latex-doc.test.ts checks the pdflatex log). Only a top-level sum
 * is split, between its terms: the lines together print exactly the terms
 * `printLatex` prints, so the page still shows what was checked.
 *
 * @example
 *   latexLines(longSum, 30)   // ['a + b', '{}- c']  (continuation lines start with their operator)
 */
import type { Expr } from '../expr/types';
import { nameToLatex } from '../notation/names';
import { printLatex } from './latex-expr';

/** Width of LaTeX text for a name: a command is one glyph, scripts are smaller. */
function nameWidth(name: string): number {
  const tex = nameToLatex(name).replace(/\\(mathrm|text|operatorname|mathbb|mathcal|hat|bar|tilde)\b/g, '');
  let w = 0;
  let scale = 1;
  for (const m of tex.matchAll(/\\[A-Za-z]+|[_^]|[{}]|./g)) {
    const t = m[0];
    if (t === '_' || t === '^') scale = 0.7;
    else if (t === '{' || t === '}' || t === ' ') continue;
    else w += (t.startsWith('\\') ? 0.6 : 0.55) * scale;
  }
  return w;
}

const OP = 1.6;   // a binary operator with its spacing (`+`, `-`, `=`)
const PAREN = 0.8; // a pair of parentheses

/**
 * Estimated printed width of `e`, in ems of the display font.
 *
 * @example
 *   estimateWidth(sym('x'))   // 0.55
 */
export function estimateWidth(e: Expr, script = 1): number {
  const w = (x: Expr, s = script) => estimateWidth(x, s);
  let r: number;
  switch (e.kind) {
    case 'num': r = 0.5 * String(e.value).length; break;
    case 'sym': r = nameWidth(e.name); break;
    case 'apply': r = nameWidth(e.fn) + PAREN + e.args.reduce((a, x) => a + w(x), 0) + 0.5 * (e.args.length - 1) + (e.given ?? []).reduce((a, x) => a + w(x) + 1, 0); break;
    case 'add': r = e.terms.reduce((a, x) => a + w(x), 0) + OP * (e.terms.length - 1); break;
    case 'neg': r = 0.8 + w(e.arg); break;
    case 'mul': r = e.factors.reduce((a, x) => a + w(x), 0) + 0.15 * (e.factors.length - 1); break;
    case 'div': r = Math.max(w(e.num, script * 0.85), w(e.den, script * 0.85)) / script + 0.3; break;
    case 'pow': r = w(e.base) + 0.7 * w(e.exp); break;
    case 'expect': r = 0.7 + 0.7 * ((e.var ? nameWidth(e.var) + 1 : 0) + (e.dist ? w(e.dist) : 0)) + PAREN + w(e.body); break;
    case 'integral': r = 1.2 + w(e.body) + 1.5; break;
    case 'deriv': r = 1.6 + w(e.body); break;
    case 'kl': r = 1.6 + PAREN + w(e.p) + 1.2 + w(e.q); break;
    case 'normal': r = 0.9 + PAREN + (e.arg ? w(e.arg) + 1 : 0) + w(e.mean) + 0.5 + w(e.cov); break;
    case 'norm': r = 0.6 + w(e.arg); break;
    case 'transpose': r = w(e.arg) + 0.5; break;
    case 'eq': r = w(e.lhs) + OP + w(e.rhs); break;
  }
  return r * script;
}

/**
 * `e` printed as one or more lines no wider than `budget` ems (estimated):
 * a top-level sum is split between terms; anything else is one line. The
 * first line prints as `printLatex` would; a continuation line starts with
 * `{}+` or `{}-` so that its operator keeps binary spacing.
 *
 * @example
 *   latexLines(parseExpr('a + b', ctx), 100)   // ['a + b']
 */
export function latexLines(e: Expr, budget: number): string[] {
  if (e.kind !== 'add' || estimateWidth(e) <= budget) return [printLatex(e)];
  const chunks: Expr[][] = [[]];
  let width = 0;
  for (const t of e.terms) {
    const tw = estimateWidth(t) + OP;
    const cur = chunks[chunks.length - 1];
    if (cur.length && width + tw > budget) {
      chunks.push([t]);
      width = tw + 2; // continuation lines are indented
    } else {
      cur.push(t);
      width += tw;
    }
  }
  return chunks.map((terms, i) => {
    const s = printLatex({ kind: 'add', terms });
    if (i === 0) return s;
    return terms[0].kind === 'neg' ? `{}${s}` : `{}+ ${s}`;
  });
}
