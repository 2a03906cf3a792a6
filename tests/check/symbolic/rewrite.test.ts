/**
 * Rules the prover applies: a rule in a new file under a rules directory (no
 * code change) turns a `numeric` step `proved` and the proof names it; its
 * side conditions are honoured; a wrong step stays refuted with the rule
 * present; the rule's statement is proved with the rule and not without it;
 * and a rule that binds on the right what the left does not, or a false rule,
 * is refused at load. Also the prover's log gaps (issue 10).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRules } from '../../../src/semantics/rules';
import { loadDerivation } from '../../../src/semantics/load';
import { checkDerivation } from '../../../src/check/derivation';
import { loadCheckedRules } from '../../../src/cli/common';
import { ruleBase, recordSelfCheck } from '../../../src/check/symbolic/rulebase';
import { proveEqual } from '../../../src/check/symbolic/prove';
import { Defs } from '../../../src/check/symbolic/defs';
import { latexDocument } from '../../../src/emit/latex-doc';
import { parseExpr } from '../../../src/parse';
import { makeContext } from '../../../src/semantics/context';

const ROOT = path.join(__dirname, '..', '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A rules directory: the shipped rules plus `extra` files. */
function rulesDir(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-rules-'));
  dirs.push(dir);
  fs.cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

const MGF = `rules:
  - name: gaussian-mgf
    statement: \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, s^2)}\\left[e^{t x}\\right] = e^{t \\mu + t^2 s^2 / 2}
    symbols: { x: variable, t: constant, \\mu: constant, s: 'constant, positive' }
    description: The moment-generating function of a Gaussian.
`;

/** A derivation whose one step needs the Gaussian MGF; `eps` declares epsilon. */
function derivation(rhs: string, eps = 'constant, positive', by = ''): string {
  return `id: mgf-demo
title: "An exponential moment"
symbols:
  x: variable
  \\theta: parameter
  \\epsilon: ${eps}
chains:
  - name: main
    steps:
      - \\mathbb{E}_{x \\sim \\mathcal{N}(\\theta, \\epsilon^2)}\\left[4 e^{x/2} - 1\\right]
      - rel: '='
        expr: ${rhs}${by ? `\n        by: [${by}]` : ''}
`;
}

const TRUE_RHS = '4 e^{\\theta/2 + \\epsilon^2/8} - 1';

describe('a rule in a new file is applied by the prover', () => {
  const shipped = loadRules(path.join(ROOT, 'rules'));
  const withMgf = loadRules(rulesDir({ 'moments.yaml': MGF }));

  test('without the rule the step is numeric; with it, proved, and the proof names the rule', () => {
    const d = loadDerivation(derivation(TRUE_RHS), 'mgf.yaml', new Set(withMgf.keys()));
    const before = checkDerivation(d, { rules: shipped }).steps[0];
    expect(before.verdict).toBe('numeric');
    const after = checkDerivation(d, { rules: withMgf });
    const s = after.steps[0];
    expect(s.verdict).toBe('proved');
    expect(s.rules).toContain('gaussian-mgf');
    expect(s.evidence.symbolic).toMatch(/gaussian-mgf/);
    // the handout prints the rules a step needs
    expect(latexDocument([{ derivation: d, report: after }])).toContain('gaussian-mgf');
  });

  test('the side condition holds or the rule does not fire: s must be positive', () => {
    const d = loadDerivation(derivation(TRUE_RHS, 'constant'), 'mgf.yaml', new Set(withMgf.keys()));
    const s = checkDerivation(d, { rules: withMgf }).steps[0];
    expect(s.verdict).toBe('numeric');
    expect(s.rules).toEqual([]);
  });

  test('a wrong step stays refuted with the rule present', () => {
    const d = loadDerivation(derivation('4 e^{\\theta/2 + \\epsilon^2/4} - 1'), 'mgf.yaml', new Set(withMgf.keys()));
    const s = checkDerivation(d, { rules: withMgf }).steps[0];
    expect(s.verdict).toBe('refuted');
    expect(s.rules).toEqual([]);
  });

  test('a cited rule the proof does not need is reported, like a built-in', () => {
    const extra = MGF + `  - name: gaussian-third-moment
    statement: \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, v)}[x^3] = \\mu^3 + 3 \\mu v
    symbols: { x: variable, \\mu: constant, v: 'constant, positive' }
    description: The third moment of a Gaussian.
`;
    const rules = loadRules(rulesDir({ 'moments.yaml': extra }));
    const d = loadDerivation(derivation(TRUE_RHS, 'constant, positive', 'gaussian-mgf, gaussian-third-moment'), 'mgf.yaml', new Set(rules.keys()));
    const s = checkDerivation(d, { rules }).steps[0];
    expect(s.verdict).toBe('proved');
    expect(s.notes).toContain('cited rule "gaussian-third-moment" does not produce this step');
  });

  test("the rule's statement is proved with the rule, in both directions, and not without it", () => {
    const r = withMgf.get('gaussian-mgf')!;
    const base = ruleBase(withMgf);
    expect(base.rewrites.filter((w) => w.name === 'gaussian-mgf').map((w) => w.dir).sort()).toEqual(['←', '→']);
    const env = (enabled?: Set<string>) => ({ ctx: r.ctx, defs: new Defs(), rules: base, enabled });
    expect(proveEqual(r.statement.lhs, r.statement.rhs, env()).rules).toEqual(['gaussian-mgf']);
    expect(proveEqual(r.statement.rhs, r.statement.lhs, env()).status).toBe('proved');
    expect(proveEqual(r.statement.lhs, r.statement.rhs, env(new Set(['expectation-linearity']))).status).toBe('not-proved');
  });

  test('matching is modulo commutativity and associativity, and a quantity metavariable takes a product', () => {
    const ctx = makeContext([
      { name: 'z', kind: 'variable' }, { name: 'a', kind: 'constant' }, { name: 'b', kind: 'constant' }, { name: 'm', kind: 'constant' },
      { name: 'v', kind: 'constant', domain: 'positive' },
    ]);
    const env = { ctx, defs: new Defs(), rules: ruleBase(withMgf) };
    const l = parseExpr('\\mathbb{E}_{z \\sim \\mathcal{N}(m, v^2)}\\left[e^{z b a}\\right]', ctx);
    const rhs = parseExpr('e^{a b m + a^2 b^2 v^2 / 2}', ctx);
    expect(proveEqual(l, rhs, env).rules).toEqual(['gaussian-mgf']);
    expect(proveEqual(l, parseExpr('e^{a b m + a^2 b^2 v^2}', ctx), env).status).toBe('not-proved');
    // t takes nothing: e^{z} is e^{1 z}
    const one = parseExpr('\\mathbb{E}_{z \\sim \\mathcal{N}(m, v^2)}\\left[e^{z}\\right]', ctx);
    expect(proveEqual(one, parseExpr('e^{m + v^2 / 2}', ctx), env).rules).toEqual(['gaussian-mgf']);
    expect(proveEqual(one, parseExpr('e^{m + v^2}', ctx), env).status).toBe('not-proved');
  });
});

const BINDER_RULES = `rules:
  - name: score-mean-zero
    statement: \\mathbb{E}_{x \\sim p}\\left[\\partial_\\theta \\log p(x)\\right] = 0
    symbols: { x: variable, \\theta: parameter, p: 'density(x), depends on \\theta' }
    description: The score has mean zero.
  - name: gaussian-location-shift
    statement: \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, v)}[f(x - \\mu)] = \\mathbb{E}_{z \\sim \\mathcal{N}(0, v)}[f(z)]
    symbols: { x: variable, z: variable, \\mu: constant, v: 'constant, positive', f: 'function(x)' }
    description: A Gaussian expectation of a function of the deviation does not depend on the mean.
`;

describe('density, function and parameter metavariables under binders', () => {
  const rules = loadRules(rulesDir({ 'binders.yaml': BINDER_RULES }));
  const check = (steps: string) => checkDerivation(loadDerivation(`id: binders
title: t
symbols:
  x: variable
  z: variable
  \\theta: parameter
  q_\\theta: density(x), depends on \\theta
  r_\\theta: density(x), depends on \\theta
  g: function(x)
chains:
  - name: main
    steps:
${steps}`, 'binders.yaml', new Set(rules.keys())), { rules }).steps[0];

  test('the score of the sampling density has mean zero (p, theta bound through the derivative)', () => {
    const s = check(`      - \\mathbb{E}_{x \\sim q_\\theta}\\left[2\\,\\partial_\\theta \\log q_\\theta(x)\\right] + 1
      - = 1
`);
    expect(s.verdict).toBe('proved');
    expect(s.rules).toContain('score-mean-zero');
  });

  test('the score of another density is not matched, and the false step is refuted', () => {
    const s = check(`      - \\mathbb{E}_{x \\sim q_\\theta}\\left[\\partial_\\theta \\log r_\\theta(x)\\right]
      - = 0
`);
    expect(s.verdict).toBe('refuted');
  });

  test('a function metavariable binds a named function inside a Gaussian expectation', () => {
    const s = check(`      - \\mathbb{E}_{x \\sim \\mathcal{N}(\\theta, 1)}[g(x - \\theta)]
      - = \\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[g(z)]
`);
    expect(s.verdict).toBe('proved');
    expect(s.rules).toEqual(['gaussian-location-shift']);
  });
});

describe('rules that the engine refuses at load', () => {
  test('a rule whose self-check did not pass is not used as a rewrite', () => {
    const rules = loadRules(rulesDir({ 'moments.yaml': MGF }));
    recordSelfCheck(rules.get('gaussian-mgf')!, 'undecided');
    const base = ruleBase(rules);
    expect(base.rewrites.map((w) => w.name)).not.toContain('gaussian-mgf');
    expect(base.skipped).toContainEqual({ name: 'gaussian-mgf', reason: 'its self-check could not evaluate it' });
    const d = loadDerivation(derivation(TRUE_RHS), 'mgf.yaml', new Set(rules.keys()));
    expect(checkDerivation(d, { rules }).steps[0].verdict).toBe('numeric');
  });


  test('a right side that binds what the left side does not', () => {
    const dir = rulesDir({ 'bad.yaml': `rules:
  - name: invented-moment
    statement: \\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, s^2)}[x] = \\mu + t
    symbols: { x: variable, t: constant, \\mu: constant, s: 'constant, positive' }
` });
    expect(() => loadCheckedRules(dir)).toThrow(/rule "invented-moment": the right side uses t, which the left side does not bind/);
  });

  test('a false rule, with its counterexample', () => {
    const dir = rulesDir({ 'bad.yaml': MGF.replace('t^2 s^2 / 2', 't^2 s^2') });
    expect(() => loadCheckedRules(dir)).toThrow(/refusing false rules:\n.*rule "gaussian-mgf" is false: at /);
  });
});

describe('logs the prover used to leave unproved (issue 10)', () => {
  const ctx = makeContext([
    { name: 'h', kind: 'constant' }, { name: 'a', kind: 'constant', domain: 'positive' },
    { name: 'b', kind: 'constant', domain: 'positive' }, { name: 'c', kind: 'constant', domain: 'positive' },
  ]);
  const env = { ctx, defs: new Defs() };
  const prove = (l: string, r: string) => proveEqual(parseExpr(l, ctx), parseExpr(r, ctx), env).status;
  test.each([
    ['\\log\\frac{e^h(1+e^{-h})}{1+e^{-h}}', '\\log e^h'],
    ['\\log\\frac{e^h(1+e^{-h})}{1+e^{-h}}', 'h'],
    ['\\log(1+e^{h}) - \\log(1+e^{-h})', 'h'],
    ['\\log(e^h + e^{2h})', 'h + \\log(1 + e^h)'],
    ['\\log\\frac{a + a e^h}{a + a e^{-h}}', 'h'],
    ['\\log\\frac{a (1 + b)}{a (1 + c)}', '\\log(1 + b) - \\log(1 + c)'],
    ['\\log\\frac{(1 + b) a}{(1 + b) c}', '\\log a - \\log c'],
  ])('%s = %s is proved', (l, r) => expect(prove(l, r)).toBe('proved'));
  test.each([
    ['\\log(1+e^{h})', '\\log(1+e^{-h})'],
    ['\\log\\frac{e^h(1+e^{-h})}{1+e^{-h}}', '-h'],
    ['\\log(e^h + e^{2h})', 'h + \\log(1 + e^{2h})'],
  ])('%s = %s is not', (l, r) => expect(prove(l, r)).toBe('not-proved'));
});
