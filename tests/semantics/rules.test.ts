/**
 * Rules as data: every shipped rule holds numerically; a false rule is
 * refused with its counterexample; a right side with an unbound name is
 * refused; and the engine proves each engine rule's statement using that
 * rule (and cannot without it), so the data and the engine cannot drift apart.
 */
import * as path from 'path';
import { loadRules, loadRuleFile } from '../../src/semantics/rules';
import { selfCheckRule, selfCheckRules } from '../../src/check/rules';
import { proveEqual, ENGINE_RULES } from '../../src/check/symbolic/prove';
import { DATA_RULES } from '../../src/check/symbolic/rulebase';
import { Defs } from '../../src/check/symbolic/defs';

const rules = loadRules(path.join(__dirname, '..', '..', 'rules'));

test('every shipped rule passes its numeric self-check', () => {
  const bad = selfCheckRules(rules).filter((c) => c.status !== 'ok');
  expect(bad.map((b) => b.message)).toEqual([]);
});

test('every engine rule has a statement in rules/, and the rules moved to data are marked unfold', () => {
  for (const r of ENGINE_RULES) expect(rules.has(r)).toBe(true);
  for (const r of DATA_RULES) expect(rules.get(r)?.unfold).toBe(true);
});

const PROVER_RULES = [...ENGINE_RULES, ...DATA_RULES];

const env = (r: { ctx: import('../../src/semantics/context').Context }, enabled?: Set<string>) => ({ ctx: r.ctx, defs: new Defs(), enabled });

test.each(PROVER_RULES.filter((r) => r !== 'differentiate-under-expectation'))('the engine proves %s with that rule and not without it', (name) => {
  const r = rules.get(name)!;
  const all = new Set<string>(PROVER_RULES);
  const res = proveEqual(r.statement.lhs, r.statement.rhs, env(r, all));
  expect(res.status).toBe('proved');
  expect(res.rules).toContain(name);
  const without = new Set([...all].filter((x) => x !== name));
  expect(proveEqual(r.statement.lhs, r.statement.rhs, env(r, without)).status).not.toBe('proved');
});

test('differentiate-under-expectation is proved by the engine', () => {
  const r = rules.get('differentiate-under-expectation')!;
  const res = proveEqual(r.statement.lhs, r.statement.rhs, env(r));
  expect(res.status).toBe('proved');
});

test('a false rule is refused with its counterexample', () => {
  const [r] = loadRuleFile(`rules:
  - name: wrong-sigmoid-derivative
    statement: \\sigma'(u) = \\sigma(u)(1 + \\sigma(u))
    symbols: { u: constant }
`, 'bad.yaml');
  const c = selfCheckRule(r);
  expect(c.status).toBe('false');
  expect(c.message).toMatch(/^bad\.yaml:2:\d+: rule "wrong-sigmoid-derivative" is false: at u = [-\d.e]+ the left side is [-\d.e]+ and the right side [-\d.e]+$/);
});

test('a rule whose right side uses an unbound name is refused', () => {
  expect(() => loadRuleFile(`rules:
  - name: invented
    statement: \\log(a) = \\log(b)
    symbols: { a: 'constant, positive', b: 'constant, positive' }
`, 'unbound.yaml')).toThrow(/^unbound\.yaml:3:16: rule "invented": the right side uses b, which the left side does not bind/);
});
