/**
 * Errors an author can act on: every class of mistake in a derivation file is
 * reported with file, line, column, the offending text (shown with a caret
 * under it) and a suggestion. One table row per case: the mutation of a good
 * file, the exact first line of the message, and the text the caret marks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDerivation } from '../../src/semantics/load';
import { checkUniqueIds } from '../../src/semantics/validate';
import { loadRules } from '../../src/semantics/rules';

const GOOD = `id: tiny
title: A tiny derivation
symbols:
  x: variable
  \\theta: parameter
  p_\\theta: density(x), depends on \\theta
  p_{data}: density(x)
definitions:
  - L(\\theta) := \\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)]
hypotheses:
  same-densities: p_\\theta = p_{data}
chains:
  - name: main
    steps:
      - \\mathbb{E}_{x \\sim p_{data}}\\left[\\log\\frac{p_{data}(x)}{p_\\theta(x)}\\right]
      - rel: '='
        expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)
        by: [kl-definition, log-quotient]
`;
const RULES = new Set(['kl-definition', 'log-quotient', 'expectation-linearity']);

/** The message of the error loading `text` throws. */
function messageOf(text: string, options?: { strictSymbols?: boolean }): string {
  try {
    loadDerivation(text, 't.yaml', RULES, options);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

/** The text of the shown source line that the carets underline. */
function underlined(message: string): string {
  const [, src, caret] = message.split('\n');
  const start = caret.indexOf('^');
  return src.slice(start, start + caret.trim().length);
}

/** `GOOD` with `from` replaced by `to` (which must occur). */
function edit(from: string, to: string, text = GOOD): string {
  if (!text.includes(from)) throw new Error(`not in the file: ${from}`);
  return text.replace(from, to);
}

const START = '\\mathbb{E}_{x \\sim p_{data}}\\left[\\log\\frac{p_{data}(x)}{p_\\theta(x)}\\right]';

test('the good file loads', () => {
  expect(loadDerivation(GOOD, 't.yaml', RULES).id).toBe('tiny');
});

/* prettier-ignore */
const CASES: [string, string, string, string][] = [
  // [what, file text, first line of the message, the text under the caret]

  // malformed files
  ['YAML: a key indented differently', edit('  x: variable', ' x: variable'),
    `t.yaml:4:5: YAML: Nested mappings are not allowed in compact mappings; quote a value that contains ": " ('…', or a >- block), and indent the keys of one mapping alike`, 'v'],
  ['YAML: a tab', edit('  x: variable', '\tx: variable'),
    't.yaml:4:1: YAML: Tabs are not allowed as indentation; indent with spaces, not tabs', ' '], // the tab is shown as a space
  ['YAML: an unquoted ": " in LaTeX', edit('- rel: \'=\'', "- = x: y\n      - rel: '='"),
    't.yaml:16:9: unknown key "= x" in a step (allowed: …); if this line is LaTeX, it was read as a YAML mapping because it contains ": ": quote it (\'…\') or write it as a >- block', '= x'],
  ['YAML: a step that starts with "["', edit(`- ${START}`, '- [a, b]'),
    't.yaml:15:9: the start expression must be a string; it was read as a YAML list because it starts with "[": quote it (\'…\')', '[a, b]'],
  ['YAML: a duplicate key', edit('  p_{data}: density(x)', '  p_{data}: density(x)\n  x: constant'),
    't.yaml:8:3: YAML: Map keys must be unique; "x" appears twice in this mapping: give each symbol, hypothesis, alias or key one entry', 'x'],
  ['YAML: a step that starts with ">"', edit("- rel: '='", "- > 0\n      - rel: '='"),
    `t.yaml:16:11: YAML: Not a YAML token: 0; a value that starts with ">" or "|" is read as a YAML block: quote it ('> 0'), or write the step as a mapping with rel: '>'`, '0'],
  ['a misspelt key', edit('    steps:', '    stpes:'),
    't.yaml:14:5: unknown key "stpes" in a chain; did you mean "steps"? (allowed: …)', 'stpes'],
  ['no chains', GOOD.replace(/chains:[^]*$/, ''),
    't.yaml:1:1: chains is a non-empty list of chains', 'id: tiny'],
  ['an unknown kind', edit('x: variable', 'x: varible'),
    't.yaml:4:6: unknown kind "varible"; did you mean "variable"? (kinds: variable, parameter, constant, density, function, vector)', 'varible'],

  // unknown symbols
  ['an unknown symbol (a typo)', edit('\\mathrm{KL}(p_{data} \\,', '\\mathrm{KL}(p_{dta} \\,'),
    't.yaml:17:27: unknown symbol p_{dta}; did you mean `p_{data}`?', 'p_{dta}'],
  ['an unknown symbol (capital letter)', edit('\\,\\|\\, p_\\theta)', '\\,\\|\\, P_\\theta)'),
    't.yaml:17:43: unknown symbol P_{\\theta}; did you mean `p_{\\theta}`? (or declare the alias "P_{\\theta}: p_{\\theta}" under aliases:)', 'P_\\theta'],
  ['an unknown symbol applied like a function', edit('p_\\theta)\n', 'p_\\theta) + f(x)\n'),
    't.yaml:17:55: unknown symbol f; declare it under symbols:, e.g. "f: function(x)" (it is applied to arguments here, so it must be a function)', 'f'],
  ['an unknown symbol in a definition', edit('[\\log p_\\theta(x)]', '[\\log p_\\theta(x) + c]'),
    't.yaml:9:66: unknown symbol c; declare it under symbols:, e.g. "c: constant"', 'c'],
  ['an unknown symbol in a hypothesis', edit('same-densities: p_\\theta = p_{data}', 'same-densities: p_\\theta = q'),
    't.yaml:11:30: unknown symbol q; declare it under symbols:, e.g. "q: constant"', 'q'],
  ['an unknown symbol in a distribution', edit('x: variable', 'x: variable, \\sim \\mathcal{N}(\\mu, 1)'),
    't.yaml:4:33: unknown symbol \\mu; declare it under symbols:, e.g. "\\mu: constant"', '\\mu'],
  ['an unknown symbol in a folded block', edit("expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)", 'expr: >-\n          \\mathrm{KL}(p_{data} \\,\\|\\,\n          p_\\vartheta)'),
    't.yaml:19:11: unknown symbol p_{\\vartheta}; did you mean `p_{\\theta}`?', 'p_\\vartheta'],
  ['an unknown variable of differentiation', edit("expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)", "expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) + \\partial_\\eta L(\\theta)"),
    't.yaml:17:64: the variable of this derivative, \\eta, is not declared; declare it under symbols:, e.g. "\\eta: parameter"', '\\eta'],

  // arity
  ['a density with too many arguments', edit('{p_\\theta(x)}\\right]', '{p_\\theta(x, x)}\\right]'),
    't.yaml:15:66: p_{\\theta} takes 1 argument, not 2 (declared on line 6); remove the extra arguments, or declare "p_{\\theta}: density(x, y)"', 'p_\\theta(x, x)'],
  ['a conditioning argument not declared', edit('{p_\\theta(x)}\\right]', '{p_\\theta(x \\mid x)}\\right]'),
    't.yaml:15:66: p_{\\theta} takes no arguments after \\mid, not 1 (declared on line 6); declare "p_{\\theta}: density(x \\mid y)"', 'p_\\theta(x \\mid x)'],
  ['a definition with two arguments', edit("expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)", "expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) + L(\\theta, x)"),
    't.yaml:17:55: L takes 1 argument, not 2 (defined on line 9)', 'L(\\theta, x)'],
  ['a definition given a conditioning argument', edit("expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)", "expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) + L(\\theta \\mid x)"),
    't.yaml:17:55: L takes no arguments after \\mid, not 1 (defined on line 9)', 'L(\\theta \\mid x)'],
  ['a built-in function with two arguments (found by the parser)', edit('\\log\\frac{p_{data}(x)}{p_\\theta(x)}', '\\log(p_{data}(x), p_\\theta(x))'),
    't.yaml:15:43: \\log takes one argument', '\\log(p_{data}(x), p_\\theta(x))'],
  ['a variable applied to arguments', edit("expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta)", "expr: \\mathrm{KL}(p_{data} \\,\\|\\, p_\\theta) + x'(\\theta)"),
    't.yaml:17:55: x is declared a variable, not a function, but is applied to arguments; to make it a function, declare "x: function(y)"', 'x'],

  // bound variables
  ['an undeclared expectation variable', edit(START, START.replace(/x/g, 'n')),
    't.yaml:15:21: undeclared bound variable n in this expectation; did you mean `x`? (or declare "n: variable" under symbols:)', 'n'],
  ['an undeclared integration variable', edit(START, '\\int p_{data}(t) \\log\\frac{p_{data}(t)}{p_\\theta(t)} \\, dt'),
    't.yaml:15:66: undeclared bound variable t in this integral; did you mean `x`? (or declare "t: variable" under symbols:)', 't'],

  // rules, hypotheses, relations
  ['an unknown rule', edit('by: [kl-definition, log-quotient]', 'by: [kl-definition, log-quotent]'),
    't.yaml:18:13: unknown rule "log-quotent"; did you mean "log-quotient"? (see `rederive rules`)', '[kl-definition, log-quotent]'],
  ['an unknown hypothesis in a step', edit('        by: [kl-definition, log-quotient]', '        given: same-density'),
    't.yaml:18:16: unknown hypothesis "same-density"; did you mean "same-densities"?', 'same-density'],
  ['an unknown hypothesis in a chain', edit('  - name: main', '  - name: main\n    given: [same-densites]'),
    't.yaml:14:12: unknown hypothesis "same-densites"; did you mean "same-densities"?', '[same-densites]'],
];

/** Lists of allowed keys grow with the format: compared as "(allowed: …)". */
const allowedElided = (line: string) => line.replace(/\(allowed: [^)]*\)/, '(allowed: …)');

test.each(CASES)('%s', (_what, text, first, marked) => {
  const m = messageOf(text);
  expect(allowedElided(m.split('\n')[0])).toBe(first);
  expect(underlined(m)).toBe(marked);
});

test('an unsupported relation names the supported ones', () => {
  const m = messageOf(edit("rel: '='", "rel: '\\cong'"));
  expect(m.split('\n')[0]).toMatch(/^t\.yaml:16:9: unsupported relation "\\cong" \(supported: =  \(equal\); .*\\doteq_\\theta  \(equal up to an additive term free of θ\).*\)$/);
  expect(underlined(m)).toBe("rel: '\\cong'");
});

describe('strictness of symbols is an option', () => {
  const loose = { strictSymbols: false };
  test('off: undeclared free symbols and bound variables are accepted', () => {
    const text = edit('\\,\\|\\, p_\\theta)', '\\,\\|\\, p_\\theta) + c \\int f \\, dt');
    expect(messageOf(text)).toMatch(/^t\.yaml:17:\d+: unknown symbol c;/);
    expect(() => loadDerivation(text, 't.yaml', RULES, loose)).not.toThrow();
  });
  test('off: arity is still checked', () => {
    expect(messageOf(edit('{p_\\theta(x)}\\right]', '{p_\\theta(x, x)}\\right]'), loose)).toMatch(/^t\.yaml:15:66: p_\{\\theta\} takes 1 argument, not 2/);
  });
});

describe('duplicates', () => {
  test('two derivations with the same id: the second file, at its id', () => {
    const texts: Record<string, string> = { 'a.yaml': GOOD, 'b.yaml': `# another\n${GOOD}` };
    const ds = Object.keys(texts).map((f) => loadDerivation(texts[f], f));
    expect(() => checkUniqueIds(ds, (f) => texts[f])).toThrow(
      'b.yaml:2:5: duplicate id "tiny" (also the id of a.yaml); ids name the output files, so give this derivation another id, e.g. "tiny-2"\n  id: tiny\n      ^^^^');
  });
  test('two rules with the same name: the second, at its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-rules-'));
    const rule = "rules:\n  - name: log-exp\n    statement: \\log(e^{u}) = u\n    symbols: { u: constant }\n";
    fs.writeFileSync(path.join(dir, 'a.yaml'), rule);
    fs.writeFileSync(path.join(dir, 'b.yaml'), rule);
    expect(() => loadRules(dir)).toThrow(
      `${path.join(dir, 'b.yaml')}:2:11: rule "log-exp" is defined twice (first at ${path.join(dir, 'a.yaml')}:2); rename one or remove it\n    - name: log-exp\n            ^^^^^^^`);
  });
});
