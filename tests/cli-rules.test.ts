/**
 * Rules through the command line: `rederive rules` lists every rule with its
 * statement, side conditions and self-check; a new rule file is picked up
 * with no code change; a false rule is refused with its counterexample; a
 * rule whose right side uses a name its left side does not bind is refused.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli } from './helpers/private-cli';
import { loadRules } from '../src/semantics/rules';

let cli: PrivateCli;
beforeAll(() => {
  cli = privateCli();
});
afterAll(removeTemporaryDirs);

/** A copy of the shipped rules plus `extra` as rules/<name>; returns the directory. */
function rulesWith(extra: string, name = 'extra.yaml'): string {
  const dir = path.join(tmpDir(), 'rules');
  fs.cpSync(path.join(cli.root, 'rules'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), extra);
  return dir;
}

/** A derivation that cites `rule` for the step (a + b)^2 = a^2 + 2ab + b^2. */
function derivationCiting(rule: string): string {
  const dir = tmpDir();
  const file = path.join(dir, 'square.yaml');
  fs.writeFileSync(file, `id: square
title: The square of a sum
symbols:
  a: constant
  b: constant
chains:
  - steps:
      - (a + b)^2
      - rel: '='
        expr: a^2 + 2 a b + b^2
        by: ${rule}
`);
  return file;
}

const SQUARE = `rules:
  - name: square-of-sum
    statement: (a + b)^2 = a^2 + 2 a b + b^2
    symbols: { a: constant, b: 'constant, positive' }
    description: The square of a sum.
`;

describe('rederive rules', () => {
  let r: ReturnType<PrivateCli['run']>;
  beforeAll(() => {
    r = cli.run(['rules']);
  });

  test('lists every rule with its statement, description, side conditions and self-check', () => {
    const rules = loadRules(path.join(cli.root, 'rules'));
    for (const rule of rules.values()) {
      const block = r.out.slice(r.out.indexOf(`${rule.name} `));
      expect(block).toMatch(new RegExp(`^${rule.name} +[✓✗] ${rule.latex.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n +.*\\n +side conditions: .+\\n +self-check: .+\\n +used by the prover: (yes.*|no .*)\\n`));
    }
  });

  test.each<[string, string]>([
    ['log-quotient', 'a > 0; b > 0'],
    ['log-exp', 'none'],
    ['gaussian-mean', 'v ≥ 0'],
    ['kl-definition', 'p is a probability density (positive, integrates to 1); q is a probability density (positive, integrates to 1)'],
    ['differentiate-under-expectation', 'q is a probability density (positive, integrates to 1); q does not depend on \\theta; f depends on \\theta'],
  ])('the side conditions of %s are its symbols\' domains: %s', (name, conditions) => {
    const block = r.out.slice(r.out.indexOf(`${name} `)).split('\n').slice(0, 5).join('\n');
    expect(block).toContain(`side conditions: ${conditions}\n`);
    expect(block).toContain('self-check: holds at 8 random points\n');
    expect(block).toMatch(/used by the prover: yes( \(unfolded left to right wherever it matches\))?$/);
  });
});

describe('a new rule file', () => {
  test('is listed and self-checked with no code change', () => {
    const dir = rulesWith(SQUARE);
    const r = cli.run(['rules', '--rules', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/square-of-sum +✓ \(a \+ b\)\^2 = a\^2 \+ 2 a b \+ b\^2\n +The square of a sum\.\n +side conditions: b > 0\n +self-check: holds at 8 random points\n +used by the prover: no \(the prover's algebra proves it without the rule: a step it alone justifies is verified numerically\)\n/);
  });

  test('may be cited by a derivation; without it, citing it is an error that names it', () => {
    const file = derivationCiting('square-of-sum');
    const withRule = cli.run(['check', file, '--rules', rulesWith(SQUARE)]);
    expect(withRule.err).toBe('');
    expect(withRule.code).toBe(0);
    const without = cli.run(['check', file]);
    expect(without.code).toBe(2);
    expect(without.err).toContain(`${file}:11:13: unknown rule "square-of-sum" (see \`rederive rules\`)`);
  });

  test('with a false rule: refused with its counterexample', () => {
    const dir = rulesWith(SQUARE.replace('2 a b + b^2', '2 a b + 2 b^2').replace('square-of-sum', 'wrong-square'));
    const listed = cli.run(['rules', '--rules', dir]);
    expect(listed.code).toBe(1);
    expect(listed.out).toMatch(new RegExp(`wrong-square +✗ .*\\n.*\\n.*\\n +self-check: ${path.join(dir, 'extra.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:11: rule "wrong-square" is false: at a = [-\\d.e]+, b = [-\\d.e]+ the left side is [-\\d.e]+ and the right side [-\\d.e]+\\n`));
    const checked = cli.run(['check', derivationCiting('log-exp'), '--rules', dir]);
    expect(checked.code).toBe(2);
    expect(checked.err).toMatch(/^rederive: refusing false rules:\n  \S+extra\.yaml:2:11: rule "wrong-square" is false: at a = [-\d.e]+, b = [-\d.e]+ the left side is [-\d.e]+ and the right side [-\d.e]+\n$/);
  });

  test('whose right side uses a name the left side does not bind: refused with its position', () => {
    const dir = rulesWith(`rules:
  - name: invented
    statement: \\log(a) = \\log(b)
    symbols: { a: 'constant, positive', b: 'constant, positive' }
`);
    for (const args of [['rules', '--rules', dir], ['check', derivationCiting('log-exp'), '--rules', dir]]) {
      const r = cli.run(args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`rederive: ${path.join(dir, 'extra.yaml')}:3:16: rule "invented": the right side uses b, which the left side does not bind\n      statement: \\log(a) = \\log(b)\n                 ^^^^^^^^^^^^^^^^^\n`);
    }
  });

  test('defining a rule name twice: refused at the second', () => {
    const dir = rulesWith(`rules:\n  - name: log-exp\n    statement: \\log(e^{u}) = u\n    symbols: { u: constant }\n`, 'zz-more.yaml');
    const r = cli.run(['rules', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rederive: \S+zz-more\.yaml:2:11: rule "log-exp" is defined twice \(first at \S+logarithms\.yaml:\d+\); rename one or remove it\n/);
  });
});
