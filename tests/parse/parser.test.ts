/** The parser against the golden cases, spans, and alias handling. */
import { parseExpr, parseMath } from '../../src/parse';
import { exprKey } from '../../src/expr/equal';
import { children } from '../../src/expr/walk';
import type { Expr } from '../../src/expr/types';
import { EMPTY_CONTEXT } from '../../src/semantics/context';
import { CASES, GAN } from './cases';

describe('parseExpr: golden cases', () => {
  test.each(CASES.map(([src, e, ctx]) => [src, ctx === GAN ? 'GAN' : 'empty', e, ctx] as const))(
    '%s (%s context)',
    (src, _name, expected, ctx) => {
      expect(exprKey(parseExpr(src, ctx ?? EMPTY_CONTEXT))).toBe(exprKey(expected));
    },
  );
});

describe('spans', () => {
  const all = (e: Expr): Expr[] => [e, ...children(e).flatMap(all)];

  test.each(CASES.map(([src, , ctx]) => [src, ctx] as const))('every node of %s carries a span inside the input', (src, ctx) => {
    for (const n of all(parseExpr(src, ctx ?? EMPTY_CONTEXT))) {
      expect(n.span).toBeDefined();
      expect(n.span!.start).toBeGreaterThanOrEqual(0);
      expect(n.span!.end).toBeLessThanOrEqual(src.length);
      expect(n.span!.start).toBeLessThan(n.span!.end);
    }
  });

  /* prettier-ignore */
  test.each([
    // [input, the source text each node covers, in pre-order]
    ['a + b c', ['a + b c', 'a', 'b c', 'b', 'c']],
    ['a - b', ['a - b', 'a', '- b', 'b']],
    ['\\frac{1}{2} x', ['\\frac{1}{2} x', '\\frac{1}{2}', '1', '2', 'x']],
    ['p_\\theta(x)^2', ['p_\\theta(x)^2', 'p_\\theta(x)', 'x', '2']],
    ['E_{z}[\\log z]', ['E_{z}[\\log z]', '\\log z', 'z']],
  ] as const)('%s', (src, texts) => {
    const got = all(parseExpr(src, GAN)).map((n) => src.slice(n.span!.start, n.span!.end));
    expect(got).toEqual(texts);
  });
});

describe('API', () => {
  test('parseMath is parseExpr', () => {
    expect(parseMath).toBe(parseExpr);
  });
  test('the context defaults to the built-ins only', () => {
    expect(exprKey(parseExpr('\\sigma(x) f(x)'))).toBe('mul(\\sigma(x),f,x)');
  });
});
