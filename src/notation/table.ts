/**
 * The notation table: every LaTeX command and character the engine reads, one
 * line an entry, and how every node kind prints. The lexer, the parser, the
 * name canonicaliser (`names.ts`) and the printer (`src/emit/latex-expr.ts`)
 * all read this file, so that what is printed parses back to the same tree.
 *
 * Strategy (after KaTeX's `symbols.ts`): an entry says what *role* a token
 * plays; the grammar is written once per role, never per command. Adding a
 * Greek letter, an accent or a spacing command is one line here.
 *
 * @example
 *   lookupNotation('\\ln')     // { tex: '\\ln', role: 'operator', canonical: '\\log' }
 *   lookupNotation('θ')        // undefined (Unicode is mapped by UNICODE_TO_TEX first)
 *   UNICODE_TO_TEX.get('θ')   // '\\theta'
 */
import type { ExprKind } from '../expr/types';

/** What a token does in the grammar. */
export type Role =
  | 'symbol' //     a command that is a name by itself (`\theta`, `\infty`)
  | 'operator' //   a built-in function written without parentheses (`\log x`)
  | 'radical' //    `\sqrt{a}`
  | 'accent' //     kept in names, canonical form `\hat{…}`
  | 'style' //      a math alphabet kept in names (`\mathcal{L}`, `\mathbb{E}`)
  | 'font' //       a wrapper dropped in names (`\text{data}` is `data`)
  | 'ignore' //     spacing and delimiter sizing, skipped by the lexer
  | 'infix' //      binary operators, with precedence `prec`
  | 'relation' //   relations other than `=`: split off by the caller, rejected here
  | 'open' //       opening bracket; `close` names its partner
  | 'close' //      closing bracket
  | 'norm' //       `\|`, both opening and closing a norm
  | 'bar' //        `|` and `\mid`: conditioning in `p(x \mid y)` and `\mathcal{N}(v \mid …)`
  | 'parallel' //   `\parallel`: the separator in `KL(p \parallel q)`
  | 'sim' //        `\sim` in `E_{x \sim p}`
  | 'frac' //       `\frac`, `\tfrac`, `\dfrac`
  | 'integral' //   `\int`
  | 'partial' //    `\partial`
  | 'transpose' //  `\top` (also the letter `T`) as a superscript
  | 'star' //       `*`, `\star`, `\ast`: a name-forming superscript
  | 'script' //     `_` and `^`
  | 'prime' //      `'`
  | 'punct'; //     `,` `;` (argument separators) and `.`

/** One line of the table. */
export interface NotationEntry {
  /** The LaTeX spelling: a command with its backslash, or a single character. */
  tex: string;
  role: Role;
  /** A Unicode character read as this entry (`θ` for `\theta`). */
  unicode?: string;
  /** The name or operator the entry stands for when it differs from `tex` (`\ln` is `\log`). */
  canonical?: string;
  /** For `infix`: binding strength, higher binds tighter (see `PREC`). */
  prec?: number;
  /** For `open`: the matching closing token. */
  close?: string;
}

/**
 * Precedence levels, loosest first. Juxtaposition binds like `\cdot`.
 *
 * @example PREC.product < PREC.power  // true: `a b^2` is `a (b^2)`
 */
export const PREC = { eq: 0, sum: 1, product: 2, unary: 3, power: 4, postfix: 5, atom: 6 } as const;

/**
 * The table: one line an entry.
 *
 * @example NOTATION.filter((e) => e.role === 'accent').map((e) => e.tex)  // ['\\hat', '\\widehat', …]
 */
/* prettier-ignore */
export const NOTATION: readonly NotationEntry[] = [
  // Greek letters and other name-forming symbols
  { tex: '\\alpha', role: 'symbol', unicode: 'α' },
  { tex: '\\beta', role: 'symbol', unicode: 'β' },
  { tex: '\\gamma', role: 'symbol', unicode: 'γ' },
  { tex: '\\delta', role: 'symbol', unicode: 'δ' },
  { tex: '\\epsilon', role: 'symbol', unicode: 'ϵ' },
  { tex: '\\varepsilon', role: 'symbol', unicode: 'ε' },
  { tex: '\\zeta', role: 'symbol', unicode: 'ζ' },
  { tex: '\\eta', role: 'symbol', unicode: 'η' },
  { tex: '\\theta', role: 'symbol', unicode: 'θ' },
  { tex: '\\vartheta', role: 'symbol', unicode: 'ϑ' },
  { tex: '\\iota', role: 'symbol', unicode: 'ι' },
  { tex: '\\kappa', role: 'symbol', unicode: 'κ' },
  { tex: '\\lambda', role: 'symbol', unicode: 'λ' },
  { tex: '\\mu', role: 'symbol', unicode: 'μ' },
  { tex: '\\nu', role: 'symbol', unicode: 'ν' },
  { tex: '\\xi', role: 'symbol', unicode: 'ξ' },
  { tex: '\\pi', role: 'symbol', unicode: 'π' },
  { tex: '\\rho', role: 'symbol', unicode: 'ρ' },
  { tex: '\\sigma', role: 'symbol', unicode: 'σ' },
  { tex: '\\tau', role: 'symbol', unicode: 'τ' },
  { tex: '\\phi', role: 'symbol', unicode: 'ϕ' },
  { tex: '\\varphi', role: 'symbol', unicode: 'φ' },
  { tex: '\\chi', role: 'symbol', unicode: 'χ' },
  { tex: '\\psi', role: 'symbol', unicode: 'ψ' },
  { tex: '\\omega', role: 'symbol', unicode: 'ω' },
  { tex: '\\Gamma', role: 'symbol', unicode: 'Γ' },
  { tex: '\\Delta', role: 'symbol', unicode: 'Δ' },
  { tex: '\\Theta', role: 'symbol', unicode: 'Θ' },
  { tex: '\\Lambda', role: 'symbol', unicode: 'Λ' },
  { tex: '\\Sigma', role: 'symbol', unicode: 'Σ' },
  { tex: '\\Phi', role: 'symbol', unicode: 'Φ' },
  { tex: '\\Psi', role: 'symbol', unicode: 'Ψ' },
  { tex: '\\Omega', role: 'symbol', unicode: 'Ω' },
  { tex: '\\ell', role: 'symbol', unicode: 'ℓ' },
  { tex: '\\infty', role: 'symbol', unicode: '∞' },
  // built-in functions (`\sigma` and `\sqrt` are functions through the context's built-ins)
  { tex: '\\log', role: 'operator' },
  { tex: '\\ln', role: 'operator', canonical: '\\log' },
  { tex: '\\exp', role: 'operator' },
  { tex: '\\sqrt', role: 'radical', unicode: '√' },
  // accents (kept in names) and math alphabets
  { tex: '\\hat', role: 'accent' },
  { tex: '\\widehat', role: 'accent', canonical: '\\hat' },
  { tex: '\\bar', role: 'accent' },
  { tex: '\\overline', role: 'accent', canonical: '\\bar' },
  { tex: '\\tilde', role: 'accent' },
  { tex: '\\widetilde', role: 'accent', canonical: '\\tilde' },
  { tex: '\\vec', role: 'accent' },
  { tex: '\\mathcal', role: 'style' },
  { tex: '\\mathbb', role: 'style' },
  { tex: '\\mathbf', role: 'style' },
  { tex: '\\boldsymbol', role: 'style', canonical: '\\mathbf' },
  { tex: '\\bm', role: 'style', canonical: '\\mathbf' },
  // font wrappers, dropped in names
  { tex: '\\text', role: 'font' },
  { tex: '\\textrm', role: 'font' },
  { tex: '\\textit', role: 'font' },
  { tex: '\\mathrm', role: 'font' },
  { tex: '\\mathit', role: 'font' },
  { tex: '\\mathsf', role: 'font' },
  { tex: '\\operatorname', role: 'font' },
  // spacing and sizing, ignored
  { tex: '\\,', role: 'ignore' },
  { tex: '\\;', role: 'ignore' },
  { tex: '\\:', role: 'ignore' },
  { tex: '\\!', role: 'ignore' },
  { tex: '\\ ', role: 'ignore' },
  { tex: '~', role: 'ignore' },
  { tex: '\\\\', role: 'ignore' },
  { tex: '\\quad', role: 'ignore' },
  { tex: '\\qquad', role: 'ignore' },
  { tex: '\\left', role: 'ignore' },
  { tex: '\\right', role: 'ignore' },
  { tex: '\\big', role: 'ignore' },
  { tex: '\\Big', role: 'ignore' },
  { tex: '\\bigg', role: 'ignore' },
  { tex: '\\Bigg', role: 'ignore' },
  { tex: '\\bigl', role: 'ignore' },
  { tex: '\\bigr', role: 'ignore' },
  { tex: '\\Bigl', role: 'ignore' },
  { tex: '\\Bigr', role: 'ignore' },
  { tex: '\\biggl', role: 'ignore' },
  { tex: '\\biggr', role: 'ignore' },
  { tex: '\\displaystyle', role: 'ignore' },
  { tex: '\\textstyle', role: 'ignore' },
  // arithmetic
  { tex: '=', role: 'infix', prec: PREC.eq },
  { tex: '+', role: 'infix', prec: PREC.sum },
  { tex: '-', role: 'infix', prec: PREC.sum, unicode: '−' },
  { tex: '\\cdot', role: 'infix', prec: PREC.product, unicode: '·' },
  { tex: '\\times', role: 'infix', prec: PREC.product, unicode: '×' },
  { tex: '/', role: 'infix', prec: PREC.product },
  // relations: the caller splits a line at these; inside an expression they are an error
  { tex: '\\iff', role: 'relation', unicode: '⟺' },
  { tex: '\\Leftrightarrow', role: 'relation', unicode: '⇔' },
  { tex: '\\Rightarrow', role: 'relation', unicode: '⇒' },
  { tex: '\\implies', role: 'relation' },
  { tex: '\\approx', role: 'relation', unicode: '≈' },
  { tex: '\\doteq', role: 'relation', unicode: '≐' },
  { tex: '\\to', role: 'relation', unicode: '→' },
  { tex: '\\rightarrow', role: 'relation' },
  { tex: '\\ne', role: 'relation', unicode: '≠' },
  { tex: '\\neq', role: 'relation' },
  { tex: '\\le', role: 'relation', unicode: '≤' },
  { tex: '\\leq', role: 'relation' },
  { tex: '\\ge', role: 'relation', unicode: '≥' },
  { tex: '\\geq', role: 'relation' },
  { tex: '<', role: 'relation' },
  { tex: '>', role: 'relation' },
  { tex: '\\in', role: 'relation', unicode: '∈' },
  { tex: '\\propto', role: 'relation', unicode: '∝' },
  { tex: '\\equiv', role: 'relation', unicode: '≡' },
  // brackets
  { tex: '(', role: 'open', close: ')' },
  { tex: '[', role: 'open', close: ']' },
  { tex: '\\{', role: 'open', close: '\\}' },
  { tex: '{', role: 'open', close: '}' },
  { tex: '\\lbrack', role: 'open', canonical: '[', close: ']' },
  { tex: ')', role: 'close' },
  { tex: ']', role: 'close' },
  { tex: '\\}', role: 'close' },
  { tex: '}', role: 'close' },
  { tex: '\\rbrack', role: 'close', canonical: ']' },
  { tex: '\\|', role: 'norm', unicode: '‖' },
  { tex: '\\Vert', role: 'norm', canonical: '\\|' },
  { tex: '\\lVert', role: 'norm', canonical: '\\|' },
  { tex: '\\rVert', role: 'norm', canonical: '\\|' },
  { tex: '|', role: 'bar' },
  { tex: '\\mid', role: 'bar', canonical: '|' },
  { tex: '\\vert', role: 'bar', canonical: '|' },
  { tex: '\\lvert', role: 'bar', canonical: '|' },
  { tex: '\\rvert', role: 'bar', canonical: '|' },
  { tex: '\\parallel', role: 'parallel', unicode: '∥' },
  // binders and their parts
  { tex: '\\sim', role: 'sim', unicode: '∼' },
  { tex: '\\frac', role: 'frac' },
  { tex: '\\tfrac', role: 'frac', canonical: '\\frac' },
  { tex: '\\dfrac', role: 'frac', canonical: '\\frac' },
  { tex: '\\int', role: 'integral', unicode: '∫' },
  { tex: '\\partial', role: 'partial', unicode: '∂' },
  // scripts and marks
  { tex: '^', role: 'script' },
  { tex: '_', role: 'script' },
  { tex: "'", role: 'prime' },
  { tex: '\\prime', role: 'prime', unicode: '′' },
  { tex: '\\top', role: 'transpose', unicode: '⊤' },
  { tex: '\\intercal', role: 'transpose', canonical: '\\top' },
  { tex: '*', role: 'star' },
  { tex: '\\star', role: 'star', canonical: '*' },
  { tex: '\\ast', role: 'star', canonical: '*' },
  { tex: ',', role: 'punct' },
  { tex: ';', role: 'punct' },
  { tex: '.', role: 'punct' },
];

/**
 * Special heads: names that start a binder when followed by the given token.
 *
 * @example HEADS.expectation.includes('\\mathbb{E}')  // true
 */
export const HEADS = {
  /** `E_{x \sim p}[…]`, `\mathbb{E}[…]` (when followed by `_` or `[`). */
  expectation: ['E', '\\mathbb{E}'],
  /** `KL(p \| q)` (when followed by `(`). */
  kl: ['KL', 'D_{KL}'],
  /** `\mathcal{N}(…)`, `N(…)` (when followed by `(`; plain `N` only if the context does not declare it). */
  normal: ['\\mathcal{N}', 'N'],
  /** Words read as one name from adjacent letters (`KL`, not `K L`). */
  words: ['KL'],
  /** The base whose superscript is `\exp` (`e^{u}`), unless the context declares it. */
  euler: 'e',
  /** The differential mark in `\int f \, dx`. */
  differential: 'd',
  /** Superscripts that transpose (`v^T`, `v^\top`). */
  transpose: ['\\top', 'T'],
} as const;

/**
 * How each node kind prints: its precedence and a template (`{field}` is a printed child).
 *
 * @example NODE_PRINT.div.template  // '\\frac{{num}}{{den}}'
 */
export const NODE_PRINT: Record<ExprKind, { prec: number; template: string }> = {
  num: { prec: PREC.atom, template: '{value}' },
  sym: { prec: PREC.atom, template: '{name}' },
  apply: { prec: PREC.postfix, template: '{fn}{primes}{open}{args}{close}' },
  add: { prec: PREC.sum, template: '{terms}' },
  neg: { prec: PREC.unary, template: '-{arg}' },
  mul: { prec: PREC.product, template: '{factors}' },
  div: { prec: PREC.product, template: '\\frac{{num}}{{den}}' },
  pow: { prec: PREC.power, template: '{base}^{{exp}}' },
  expect: { prec: PREC.atom, template: '\\mathbb{E}{sub}\\left[{body}\\right]' },
  integral: { prec: PREC.product, template: '\\int {body} \\, d{var}' },
  deriv: { prec: PREC.product, template: '\\frac{\\partial}{\\partial {var}} {body}' },
  kl: { prec: PREC.atom, template: '\\mathrm{KL}({p} \\,\\|\\, {q})' },
  normal: { prec: PREC.atom, template: '\\mathcal{N}\\left({args}\\right)' },
  norm: { prec: PREC.atom, template: '\\|{arg}\\|' },
  transpose: { prec: PREC.postfix, template: '{arg}^\\top' },
  eq: { prec: PREC.eq, template: '{lhs} = {rhs}' },
};

/**
 * Printing details that are not a node kind.
 *
 * @example PRINT.times  // ' \\cdot '
 */
export const PRINT = {
  /** Explicit product sign, used only where juxtaposition would be ambiguous. */
  times: ' \\cdot ',
  plus: ' + ',
  minus: ' - ',
  /** Grouping parentheses. */
  open: '\\left(',
  close: '\\right)',
  /** Conditioning bar in applications and Gaussians. */
  given: ' \\mid ',
  /** Wrapper for multi-letter words in names (`p_{\mathrm{data}}`). */
  word: '\\mathrm',
  sim: ' \\sim ',
} as const;

const BY_TEX = new Map(NOTATION.map((e) => [e.tex, e] as const));

/**
 * Unicode characters the lexer reads as commands. Greek variants follow
 * unicode-math: `φ` (U+03C6) is `\varphi`, `ϕ` (U+03D5) is `\phi`, `ε` is
 * `\varepsilon`, `ϵ` is `\epsilon`.
 *
 * @example UNICODE_TO_TEX.get('θ')  // '\\theta'
 */
export const UNICODE_TO_TEX: ReadonlyMap<string, string> = new Map(
  NOTATION.filter((e) => e.unicode).map((e) => [e.unicode as string, e.tex] as const),
);

/**
 * The entry for a command or character, or undefined.
 *
 * @example lookupNotation('\\cdot')?.prec  // 2
 */
export function lookupNotation(tex: string): NotationEntry | undefined {
  return BY_TEX.get(tex);
}

/**
 * The canonical spelling of a token (`\tfrac` -> `\frac`, `\ln` -> `\log`, `\star` -> `*`).
 *
 * @example canonicalTex('\\Vert')  // '\\|'
 */
export function canonicalTex(tex: string): string {
  return BY_TEX.get(tex)?.canonical ?? tex;
}

/**
 * The role of a token, or undefined when the table does not know it.
 *
 * @example roleOf('\\hat')  // 'accent'
 */
export function roleOf(tex: string): Role | undefined {
  return BY_TEX.get(tex)?.role;
}
