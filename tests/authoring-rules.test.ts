/**
 * docs/authoring.md, "Writing a rule the prover uses": the guide's rule file,
 * put in a rules directory beside the shipped rules, turns the guide's step
 * from `numeric` into `proved`, naming the rule, as the guide says; and the
 * side condition it describes keeps the rule from firing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRules } from '../src/semantics/rules';
import { loadDerivation } from '../src/semantics/load';
import { checkDerivation } from '../src/check/derivation';
import { selfCheckRules } from '../src/check/rules';

const ROOT = path.join(__dirname, '..');
const GUIDE = fs.readFileSync(path.join(ROOT, 'docs', 'authoring.md'), 'utf8');

/** The fenced block that follows `<!-- marker -->` in the guide. */
function block(marker: string): string {
  const at = GUIDE.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`no block marked ${marker}`);
  return /```[a-z]*\n([^]*?)```/.exec(GUIDE.slice(at))![1];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-guide-rules-'));
  fs.cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'moments.yaml'), block('doc-test: a rule the prover uses'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the guide's rule passes its self-check, and its step goes from numeric to proved, naming it", () => {
  const rules = loadRules(dir);
  expect(selfCheckRules(rules).filter((c) => c.status !== 'ok').map((c) => c.message)).toEqual([]);
  const source = block('doc-test: a step the rule proves');
  const shipped = loadRules(path.join(ROOT, 'rules'));
  const uncited = loadDerivation(source.replace(/\n *by: \[gaussian-mgf\]/, ''), 'guide.yaml', new Set(shipped.keys()));
  expect(checkDerivation(uncited, { rules: shipped }).steps[0].verdict).toBe('numeric');
  const d = loadDerivation(source, 'guide.yaml', new Set(rules.keys()));
  const s = checkDerivation(d, { rules }).steps[0];
  expect(s.verdict).toBe('proved');
  expect(s.rules).toContain('gaussian-mgf');
  // the guide shows the rules as `rederive check` prints them
  expect(GUIDE).toContain(`is \`proved\` \`[${s.rules.join(', ')}]\``);
  expect(s.notes).toEqual([`the step also uses: ${s.rules.filter((r) => r !== 'gaussian-mgf').join(', ')}`]);
});

test('with epsilon declared without a domain the side condition fails and the step stays numeric', () => {
  const rules = loadRules(dir);
  const source = block('doc-test: a step the rule proves').replace('\\epsilon: constant, positive', '\\epsilon: constant');
  const s = checkDerivation(loadDerivation(source, 'guide.yaml', new Set(rules.keys())), { rules }).steps[0];
  expect(s.verdict).toBe('numeric');
});
