/**
 * Reading answers: files into display rows and prose lines with positions
 * (extract), rows into labels, relations, remarks and conditions, and prose
 * lines into labels, statements, connectives and marks (lines).
 */
import { extract } from '../../src/answers/extract';
import { readRow, normalLabel, splitEquation, splitCondition } from '../../src/answers/lines';
import { readProse } from '../../src/answers/prose';
import { Mapped, SourceFile } from '../../src/answers/source';

const m = (t: string) => Mapped.of(t, 0, t.length);

describe('extract: files into rows and prose lines', () => {
  const pieces = (text: string, file = 'a.md') => extract(new SourceFile(text, file)).map((p) => (p.kind === 'unread' ? `unread:${p.reason.split(':')[0]}` : `${p.kind}:${p.text.text}`));

  test.each<[string, string, string[]]>([
    ['$$ on one line', 'intro\n$$a = b$$\nafter', ['prose:intro', 'row:a = b', 'prose:after']],
    ['$$ over lines, rows at \\\\', '$$\nL = a \\\\\n= b\n$$', ['row:L = a', 'row:= b']],
    ['\\[ … \\]', '\\[ x = 1 \\]', ['row:x = 1']],
    ['align* with & and \\\\[2pt]', '\\begin{align*} L &= a \\\\[2pt] &= b \\end{align*}', ['row:L  = a', 'row:= b']],
    ['gather', '\\begin{gather} a = b \\\\ c = d \\end{gather}', ['row:a = b', 'row:c = d']],
    ['aligned inside $$', '$$\\begin{aligned} a &= b \\\\ &= c \\end{aligned}$$', ['row:a  = b', 'row:= c']],
    ['intertext is prose', '\\begin{align} a &= b \\intertext{so} &= c \\end{align}', ['row:a  = b', 'prose:so', 'row:= c']],
    ['\\\\ inside braces does not split', '$$f = {a \\\\ b}$$', ['row:f = {a \\\\ b}']],
    ['unclosed display', 'x\n$$a = b\n', ['prose:x', 'unread:this display ($$) is never closed', 'prose:a = b']],
  ])('%s', (_name, text, want) => expect(pieces(text)).toEqual(want));

  test('LaTeX: only the document body, comments blanked', () => {
    const tex = '\\documentclass{article}\n\\begin{document}\n% a comment\n\\[ a = b % why\n\\]\n\\end{document}\n';
    expect(pieces(tex, 'a.tex')).toEqual(['row:a = b']);
  });

  test('every piece maps back to its line and column', () => {
    const src = new SourceFile('title\n\n$$L = a \\\\\n  = b$$\n', 'a.md');
    const rows = extract(src).filter((p) => p.kind === 'row');
    expect(rows.map((p) => (p.kind === 'row' ? src.loc(p.text.offset(0)) : null))).toEqual([{ line: 3, column: 3 }, { line: 4, column: 3 }]);
  });
});

describe('readRow: labels, relations, remarks, conditions', () => {
  const parts = (t: string) => readRow(m(t)).parts.map((p) => `${p.rel ? p.rel.relation?.latex ?? `!${p.rel.written}` : '·'} ${p.text.text}`);

  test.each<[string, string[]]>([
    ['L = a = b', ['· L', '= a', '= b']],
    ['= E[x]', ['· ', '= E[x]']],
    ['\\Rightarrow \\frac{a}{1-t} = b', ['· ', '\\Rightarrow \\frac{a}{1-t}', '= b']],
    ['⇒ a = b', ['· ', '\\Rightarrow a', '= b']],
    ['\\Leftrightarrow a = b', ['· ', '\\iff a', '= b']],
    ['a \\approx 0', ['· a', '\\approx 0']],
    ['a ≈ 0', ['· a', '\\approx 0']],
    ['a \\neq b', ['· a', '\\neq b']],
    ['a \\doteq_\\theta b', ['· a', '\\doteq_{\\theta} b']],
    ['a \\leq b', ['· a', '\\leq b']],
    ['f(x) = E_{x \\sim p}[g(x) = 1]', ['· f(x)', '= E_{x \\sim p}[g(x) = 1]']],
    ['a \\propto b', ['· a', '!\\propto b']],
  ])('%s', (t, want) => expect(parts(t)).toEqual(want));

  test.each<[string, string | undefined]>([
    ['2(a) \\quad L = a', '2(a)'],
    ['3 a) L = a', '3(a)'],
    ['3(d) \\quad n L = a', '3(d)'],
    ['\\text{4(a)} L = a', '4(a)'],
    ['(b) \\quad L = a', '(b)'],
    ['(a + b) = c', undefined],
    ['2(a) = 2a', undefined],
  ])('label of %s', (t, label) => expect(readRow(m(t)).label).toBe(label));

  test('remarks end the mathematics; "when" and a limit make a condition', () => {
    const r = readRow(m('= E[x] \\quad \\text{when } D(G(z)) \\approx 0'));
    expect(r.parts.map((p) => p.text.text)).toEqual(['', 'E[x]']);
    expect(r.condition?.text).toBe('D(G(z)) \\approx 0');
    const s = readRow(m('= a \\quad (\\text{by the chain rule})'));
    expect(s.parts.map((p) => p.text.text)).toEqual(['', 'a']);
    expect(s.remarks).toEqual(['by the chain rule']);
    const t = readRow(m('= a \\quad \\text{--- (1)}'));
    expect(t.parts.map((p) => p.text.text)).toEqual(['', 'a']);
    expect(readRow(m('= b \\tag{3}')).parts.map((p) => p.text.text)).toEqual(['', 'b']);
  });

  test('an equation in a remark is a statement; \\text{KL}(…) is a name, not a remark', () => {
    expect(readRow(m('= a \\quad \\text{given } D_\\phi = D^*')).statements.map((s) => s.text)).toEqual(['D_\\phi = D^*']);
    expect(readRow(m('= \\text{KL}(p \\| q)')).parts.map((p) => p.text.text)).toEqual(['', '\\text{KL}(p \\| q)']);
  });

  test('\\therefore, ∴ and "so" before the mathematics', () => {
    for (const t of ['\\therefore h = 1', '∴ h = 1', '\\text{so } h = 1']) {
      const r = readRow(m(t));
      expect([r.therefore, r.parts.map((p) => p.text.text)]).toEqual([true, ['h', '1']]);
    }
  });

  test('positions survive label, remark and relation removal', () => {
    const r = readRow(m('3(a) \\quad L = a'));
    expect(r.parts[1].text.offset(0)).toBe('3(a) \\quad L = '.length);
  });
});

describe('readProse: labels, statements, connectives, marks', () => {
  test.each<[string, string]>([['3(b) Given,', '3(b)'], ['S(a)', 'S(a)'], ['(b) In the above expression', '(b)'], ['## Problem 5(a)', 'Problem 5(a)'], ['**3 a)** answer', '3(a)']])(
    'label of %s', (t, label) => expect(readProse(m(t)).label).toBe(label));

  test('no label in ordinary prose', () => {
    for (const t of ['If we take f(t) then', 'D(x) is a function', 'we know that']) expect(readProse(m(t)).label).toBeUndefined();
  });

  test('inline equations are statements, unless negated', () => {
    expect(readProse(m('If $D_\\phi = D^*$, then')).statements.map((s) => [s.math.text, s.before])).toEqual([['D_\\phi = D^*', 'If']]);
    expect(readProse(m('and $t = D_\\phi(n)$ --- (1)')).statements.map((s) => s.math.text)).toEqual(['t = D_\\phi(n)']);
    expect(readProse(m('we cannot assume $p_\\theta(y) = p_{data}(y)$')).statements).toEqual([]);
    expect(readProse(m('multiply $\\frac{\\partial}{\\partial \\theta} h$ by a small term')).statements).toEqual([]);
  });

  test('a lone relation connects; an arrow is a mark; a line beginning with a relation is mathematics', () => {
    expect(readProse(m('\\Rightarrow')).connective?.relation?.latex).toBe('\\Rightarrow');
    expect(readProse(m('\\uparrow')).mark).toBe('\\uparrow');
    expect(readProse(m('↑')).mark).toBe('↑');
    const r = readProse(m('≈ 0 when $D(G_\\theta(z)) \\approx 0$')).row!;
    expect(r.parts.map((p) => p.text.text)).toEqual(['', '0']);
    expect(r.condition?.text).toBe('D(G_\\theta(z)) \\approx 0');
    expect(readProse(m('<To Be Completed>')).row).toBeUndefined();
    expect(readProse(m('$= a + b$')).row?.parts.map((p) => p.text.text)).toEqual(['', 'a + b']);
  });
});

describe('small readers', () => {
  test.each([['3 a)', '3(a)'], ['3 (b)', '3(b)'], ['( c )', '(c)'], ['Problem  2(a)', 'Problem 2(a)']])('normalLabel(%s)', (a, b) => expect(normalLabel(a)).toBe(b));
  test('splitEquation and splitCondition', () => {
    const e = splitEquation(m('t = D_\\phi(x)'))!;
    expect([e.lhs.text, e.rel, e.rhs.text]).toEqual(['t', '=', 'D_\\phi(x)']);
    expect(splitEquation(m('\\theta \\neq \\theta_0'))!.rel).toBe('\\neq');
    expect(splitEquation(m('a = b = c'))).toBeNull();
    const c = splitCondition(m('\\epsilon \\to 0'))!;
    expect([c.expr.text, c.target.text]).toEqual(['\\epsilon', '0']);
  });
});
