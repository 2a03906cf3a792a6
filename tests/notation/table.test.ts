/** The notation table is consistent, and the lexer reads every entry. */
import { NOTATION, NODE_PRINT, UNICODE_TO_TEX, lookupNotation, canonicalTex, roleOf } from '../../src/notation/table';
import { tokenize } from '../../src/parse/lexer';

describe('notation table', () => {
  test('every spelling and every Unicode character appears once', () => {
    const tex = NOTATION.map((e) => e.tex);
    expect(new Set(tex).size).toBe(tex.length);
    const uni = NOTATION.flatMap((e) => (e.unicode ? [e.unicode] : []));
    expect(new Set(uni).size).toBe(uni.length);
  });

  test('canonical spellings are themselves entries with the same role', () => {
    for (const e of NOTATION.filter((n) => n.canonical && n.role !== 'operator')) {
      expect([e.tex, roleOf(e.canonical!)]).toEqual([e.tex, e.role]);
    }
  });

  test.each(NOTATION.filter((e) => e.role !== 'ignore').map((e) => [e.tex, e.role] as const))('%s (%s) lexes as one token', (tex) => {
    const toks = tokenize(tex);
    expect(toks.map((t) => t.text)).toEqual([tex, '']);
  });

  test.each(NOTATION.filter((e) => e.role === 'ignore').map((e) => [e.tex]))('%s is skipped by the lexer', (tex) => {
    expect(tokenize(`a${tex} b`).map((t) => t.text)).toEqual(['a', 'b', '']);
  });

  test.each([...UNICODE_TO_TEX].map(([u, t]) => [u, t]))('%s reads as %s', (u, tex) => {
    expect(tokenize(u)[0].text).toBe(tex);
  });

  test('lookups', () => {
    expect(lookupNotation('\\ln')).toMatchObject({ role: 'operator', canonical: '\\log' });
    expect(canonicalTex('\\tfrac')).toBe('\\frac');
    expect(canonicalTex('x')).toBe('x');
    expect(roleOf('\\foo')).toBeUndefined();
  });

  test('every node kind has a print template', () => {
    for (const k of ['num', 'sym', 'apply', 'add', 'neg', 'mul', 'div', 'pow', 'expect', 'integral', 'deriv', 'kl', 'normal', 'norm', 'transpose', 'eq'] as const) {
      expect(NODE_PRINT[k].template.length).toBeGreaterThan(0);
    }
  });
});
