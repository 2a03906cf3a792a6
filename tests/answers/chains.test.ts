/**
 * Splitting an answer into chains: continuations, broken lines, equation
 * chains (written ⇒, a lone ⇒ line, equations one under the other), restated
 * left sides, labels, and the reason every chain gives for starting.
 */
import { splitChains, operandText, type Probe, type DraftChain } from '../../src/answers/chains';
import { extract } from '../../src/answers/extract';
import { readRow } from '../../src/answers/lines';
import { readProse } from '../../src/answers/prose';
import { SourceFile } from '../../src/answers/source';

/** A probe that needs no context: keys are the text without spaces; t and h(x) are the unknowns. */
const probe: Probe = {
  key: (m) => m.text.replace(/\s+/g, ''),
  unknowns: (l, r) => ['t', 'h(x)'].filter((u) => `${l.text}${r.text}`.replace(/\s+/g, '').includes(u)),
};

function split(text: string) {
  const src = new SourceFile(text, 'a.md');
  const events = extract(src).map((p) => (p.kind === 'row' ? { kind: 'row' as const, row: readRow(p.text) }
    : p.kind === 'prose' ? { kind: 'prose' as const, line: readProse(p.text) } : { kind: 'unread' as const, problem: { at: p.at, text: p.text, reason: p.reason } }));
  const s = splitChains(events, probe);
  const show = (c: DraftChain) => [c.label ?? '', c.kind, operandText(c.start).text, ...c.steps.map((st) => `${st.rel.written} ${operandText(st.to).text}`)].join(' | ');
  return { chains: s.chains.map(show), reasons: s.chains.map((c) => c.reason), unread: s.unread.map((u) => `${src.loc(u.at).line}: ${u.reason}`), statements: s.statements.map((x) => x.math.text) };
}

describe('splitting answers into chains', () => {
  test.each<[string, string, string[]]>([
    ['= lines continue the chain', '$$L = a$$\n$$= b$$\n$$= c$$', [' | expr | L | = a | = b | = c']],
    ['a line beginning with - continues the expression above it', '$$L = a$$\n$$- b$$\n$$= c$$', [' | expr | L | = a - b | = c']],
    ['a new left side starts a chain', '$$L = a$$\n$$M = b$$', [' | expr | L | = a', ' | expr | M | = b']],
    ['a restated left side continues', '$$L = a$$\n$$= b$$\n$$L = c$$', [' | expr | L | = a | = b | = c']],
    ['\\therefore with a new left side starts a chain', '$$L = a$$\n$$\\therefore M = b$$', [' | expr | L | = a', ' | expr | M | = b']],
    ['⇒ makes the single row before it a premise', '$$f(t) = 0$$\n$$\\Rightarrow a/t = b$$\n$$\\Rightarrow t = c$$', [' | eq | f(t) = 0 | \\Rightarrow a/t = b | \\Rightarrow t = c']],
    ['a lone ⇒ line connects the displays around it', '$$a/t = b$$\n\\Rightarrow\n\n$$t = c$$', [' | eq | a/t = b | \\Rightarrow t = c']],
    ['equations one under the other sharing an unknown: read as ⇒', '$$1/(1+h(x)) = q$$\n$$1 + h(x) = 1/q$$\n$$h(x) = 1/q - 1$$\n$$= (1-q)/q$$', [' | eq | 1/(1+h(x)) = q | \\Rightarrow 1 + h(x) = 1/q | \\Rightarrow h(x) = 1/q - 1 | = (1-q)/q']],
    ['equations with no unknown in common are separate chains', '$$a = b$$\n$$c = d$$', [' | expr | a | = b', ' | expr | c | = d']],
    ['labels start sections', '2(a)\n$$L = a$$\n(b)\n$$= b$$', ['2(a) | expr | L | = a', '2(b) | expr | b']],
    ['a label inside the display', '$$3(d) \\quad L = a$$\n$$= b$$', ['3(d) | expr | L | = a | = b']],
  ])('%s', (_name, text, want) => expect(split(text).chains).toEqual(want));

  test('every chain says why it starts', () => {
    expect(split('x\n$$L = a$$\n$$\\therefore M = b$$\n3(a)\n$$N = c$$\nIf $D = E$, then\n$$N = d$$').reasons).toEqual([
      'first mathematics of the file', '\\therefore with a new left side $M$', 'first mathematics under 3(a)', 'a new left side $N$, after a statement',
    ]);
  });

  test('a statement stops a restated left side from continuing', () => {
    expect(split('$$L = a$$\nif $D = E$\n$$L = b$$').chains).toEqual([' | expr | L | = a', ' | expr | L | = b']);
    expect(split('$$L = a$$\nif $D = E$\n$$L = b$$').statements).toEqual(['D = E']);
  });

  test('what cannot be placed is reported, never dropped', () => {
    const r = split('$$= a$$\n$$\\Rightarrow x$$\n\\uparrow\n$$b \\propto c$$\n$$= d$$');
    expect(r.unread).toEqual([
      '1: this line begins with = but there is no line before it to continue: its first expression starts a chain',
      '2: \\Rightarrow joins equations, and this line is not an equation: not read',
      '3: a mark drawn beside the mathematics (an arrow, a circled number), not an expression: not read',
      '4: this relation is not one the checker verifies (=, \\approx, \\to, \\iff, \\Rightarrow, \\neq, \\doteq, <, >, \\leq, \\geq)',
      '5: this line begins with = but there is no line before it to continue: its first expression starts a chain',
    ]);
    expect(r.chains).toEqual([' | expr | a', ' | expr | d']);
  });

  test('a condition after "when" goes with the limit step it follows', () => {
    const src = new SourceFile('$$L = a$$\n$$\\approx 0 \\quad \\text{when } D \\to 0$$', 'a.md');
    const events = extract(src).map((p) => ({ kind: 'row' as const, row: readRow((p as Extract<typeof p, { kind: 'row' }>).text) }));
    const c = splitChains(events, probe).chains[0];
    expect(c.steps[1].condition?.text).toBe('D \\to 0');
  });
});
