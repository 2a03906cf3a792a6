/**
 * The cached rule self-check (src/check/rule-cache.ts): the key follows the
 * rule files' content, a cached outcome equals a fresh one, and a false rule
 * is never answered from the cache.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRules } from '../../src/semantics/rules';
import { ruleCacheKey, selfCheckRulesCached } from '../../src/check/rule-cache';
import { selfCheckRules } from '../../src/check/rules';

const RULES = path.join(__dirname, '..', '..', 'rules');

describe('the rule self-check cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-rule-cache-'));
    fs.copyFileSync(path.join(RULES, 'logarithms.yaml'), path.join(dir, 'logarithms.yaml'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the key changes with a rule file\'s content, and only then', () => {
    const k1 = ruleCacheKey(loadRules(dir));
    expect(ruleCacheKey(loadRules(dir))).toBe(k1);
    fs.appendFileSync(path.join(dir, 'logarithms.yaml'), '\n# a comment\n');
    expect(ruleCacheKey(loadRules(dir))).not.toBe(k1);
  });

  test('a cached outcome is the fresh one', () => {
    const rules = loadRules(dir);
    const fresh = selfCheckRules(rules).map((c) => [c.rule.name, c.status, c.message]);
    selfCheckRulesCached(rules);
    expect(selfCheckRulesCached(loadRules(dir)).map((c) => [c.rule.name, c.status, c.message])).toEqual(fresh);
  });

  test('a false rule is refused every time, never answered from the cache', () => {
    const file = path.join(dir, 'logarithms.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\n  - name: log-false\n    statement: \\log(a + 1) = \\log a\n    symbols: { a: "constant, positive" }\n    description: false on purpose.\n');
    for (let i = 0; i < 2; i++) {
      const bad = selfCheckRulesCached(loadRules(dir)).filter((c) => c.status === 'false');
      expect(bad.map((c) => c.rule.name)).toEqual(['log-false']);
    }
  });
});
