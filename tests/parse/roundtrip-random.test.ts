/**
 * The round trip on random trees: for seeded random expressions over every
 * node kind, parse(printLatex(e)) is e. Finds printer parenthesisation bugs
 * that the hand-written cases miss.
 */
import { parseExpr } from '../../src/parse';
import { printLatex } from '../../src/emit/latex-expr';
import { exprKey } from '../../src/expr/equal';
import {
  add, apply, deriv, div, eq, expect as E, integral, kl, mul, neg, normal, norm, num, pow, sym, transpose,
} from '../../src/expr/build';
import type { Expr } from '../../src/expr/types';
import { GAN } from './cases';

/** mulberry32: a small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYMS = ['x', 'y', 'd', 'e', 'E', 'N', 'T', 'KL', '\\theta', '\\theta_{0}', 'p_{data}', 'D^{*}', '\\hat{\\mu}_{y}', 'L_{G}^{mm}'];
const FUNCS: [string, number][] = [['\\log', 1], ['\\exp', 1], ['\\sigma', 1], ['\\sqrt', 1], ['p_{\\theta}', 1], ['D_{\\phi}', 1], ['h_{\\phi}', 2]];
const DENSITIES = ['p', 'p_{\\theta}', 'p_{data}'];

function gen(r: () => number, depth: number): Expr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const leaf = (): Expr => (r() < 0.35 ? num(pick([0, 1, 2, 3, 0.5])) : sym(pick(SYMS)));
  if (depth <= 0) return leaf();
  const sub = () => gen(r, depth - 1);
  const density = (): Expr => (r() < 0.75 ? sym(pick(DENSITIES)) : normal(null, sub(), sub()));
  const many = () => Array.from({ length: 2 + Math.floor(r() * 2) }, sub);
  switch (pick(['leaf', 'apply', 'add', 'neg', 'mul', 'div', 'pow', 'expect', 'integral', 'deriv', 'kl', 'normal', 'norm', 'transpose', 'primes', 'given'])) {
    case 'apply': { const [f, n] = pick(FUNCS); return apply(f, Array.from({ length: n }, sub)); }
    case 'primes': return apply('\\sigma', [sub()], { primes: 1 + Math.floor(r() * 2) });
    case 'given': return apply('p', [sub()], { given: [sub()] });
    case 'add': return add(...many());
    case 'neg': return neg(sub());
    case 'mul': return mul(...many());
    case 'div': return div(sub(), sub());
    case 'pow': return pow(sub(), sub());
    case 'expect': {
      const v = pick([null, 'x', 'z']);
      const d = r() < 0.5 ? null : density();
      return E(v, d, sub());
    }
    case 'integral': return integral(pick(['x', 't', '\\theta']), sub());
    case 'deriv': return deriv(pick(['\\theta', '\\phi']), sub());
    case 'kl': return kl(density(), density());
    case 'normal': return normal(r() < 0.5 ? null : sub(), sub(), sub());
    case 'norm': return norm(sub());
    case 'transpose': return transpose(sub());
    default: return leaf();
  }
}

const SEEDS = Array.from({ length: 500 }, (_, i) => i + 1);

test.each(SEEDS)('random tree %i', (seed) => {
  const r = rng(seed);
  const e = r() < 0.2 ? eq(gen(r, 3), gen(r, 3)) : gen(r, 4);
  const printed = printLatex(e);
  let back: Expr;
  try {
    back = parseExpr(printed, GAN);
  } catch (err) {
    throw new Error(`${printed}\n${(err as Error).message}`);
  }
  expect(`${exprKey(back)}\n${printed}`).toBe(`${exprKey(e)}\n${printed}`);
});

/* prettier-ignore */
const SOUP = ['x', 'y', 'd', 'e', 'E', 'N', 'K', 'L', 'T', '2', '0.5', '+', '-', '=', '/', '\\cdot', '(', ')', '[', ']', '{', '}',
  '\\|', '|', '^', '_', "'", ',', ' ', '\\frac', '\\int', '\\partial', '\\log', '\\exp', '\\sqrt', '\\sigma', '\\theta', '\\hat',
  '\\mathrm', '\\mathbb', '\\left', '\\,', '\\sim', '\\top', '*', '\\iff', '\\infty', 'p_\\theta', '\\mathcal{N}', 'KL', 'dx'];

test('token soup: only SourceErrors, and whatever parses round-trips', () => {
  const r = rng(2024);
  let parsed = 0;
  for (let i = 0; i < 20000; i++) {
    const src = Array.from({ length: 1 + Math.floor(r() * 10) }, () => SOUP[Math.floor(r() * SOUP.length)]).join('');
    let e: Expr;
    try {
      e = parseExpr(src, GAN);
    } catch (err) {
      expect([src, (err as Error).name]).toEqual([src, 'SourceError']);
      continue;
    }
    parsed++;
    expect([src, exprKey(parseExpr(printLatex(e), GAN))]).toEqual([src, exprKey(e)]);
  }
  expect(parsed).toBeGreaterThan(500);
});
