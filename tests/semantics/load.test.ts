/**
 * Loading derivation files: mistakes are reported with file, line, column,
 * the offending text and, where one is close, a suggestion.
 */
import { loadDerivation } from '../../src/semantics/load';

const GOOD = `id: tiny
title: A tiny derivation
symbols:
  x: variable
  a: constant, positive
hypotheses:
  unit: a = 1
chains:
  - steps:
      - \\log(a x^2)
      - rel: '='
        expr: \\log a + \\log(x^2)
`;

test('a good file loads', () => {
  const d = loadDerivation(GOOD, 't.yaml');
  expect(d.id).toBe('tiny');
  expect(d.chains[0].steps[0].loc).toEqual({ file: 't.yaml', line: 12, column: 15 });
  expect(d.hypotheses.get('unit')!.defs).toEqual([{ name: 'a', params: [], body: expect.objectContaining({ kind: 'num', value: 1 }) }]);
});

test.each<[string, string, RegExp]>([
  ['an unknown top-level key', GOOD.replace('title:', 'titel:'), /^t\.yaml:2:1: unknown key "titel" in a derivation; did you mean "title"\?/],
  ['an unknown kind', GOOD.replace('x: variable', 'x: varible'), /^t\.yaml:4:6: unknown kind "varible"; did you mean "variable"\?/],
  ['an unknown domain word', GOOD.replace('constant, positive', 'constant, postive'), /^t\.yaml:5:16: cannot read "postive".*did you mean "positive"\?/],
  ['an unsupported relation', GOOD.replace("rel: '='", "rel: '\\cong'"), /^t\.yaml:11:\d+: unsupported relation "\\cong"/],
  ['an unknown hypothesis', GOOD.replace("expr: \\log a", "given: unti\n        expr: \\log a"), /^t\.yaml:12:16: unknown hypothesis "unti"; did you mean "unit"\?/],
  ['a LaTeX error inside a step', GOOD.replace('\\log a + \\log(x^2)', '\\log a + \\log(x^2'), /^t\.yaml:12:\d+: .*\n.*\n +\^/],
  ['a YAML syntax error', GOOD.replace('  x: variable', ' x: variable'), /^t\.yaml:\d+:\d+: YAML: /],
  ['a chain with no step', GOOD.replace(/      - rel[^]*$/, ''), /^t\.yaml:\d+:\d+: steps is a list: a start expression, then at least one step/],
])('%s', (_name, text, message) => {
  expect(() => loadDerivation(text, 't.yaml')).toThrow(message);
});
