/**
 * `rederive check a.md b.md …`: several answers in one process, each report
 * in turn, the exit code the largest of theirs.
 */
import * as path from 'path';
import { spawnSync, execFileSync } from 'child_process';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'rederive.js');
const A = (f: string) => path.join(ROOT, 'tests', 'fixtures', 'answers', f);

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'build-if-stale.js')], { cwd: ROOT, stdio: 'inherit' });
});

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('every answer is reported, and one refuted step makes the exit code 1', () => {
  const r = run(['check', A('mle-correct.tex'), A('mle-jensen.md')]);
  const summaries = r.out.split('\n').filter((l) => /\d+ proved, \d+ numeric, \d+ refuted/.test(l));
  expect(summaries).toEqual(['  4 proved, 0 numeric, 0 refuted, 0 unknown, 0 error; 0 not read', '  1 proved, 0 numeric, 1 refuted, 0 unknown, 0 error; 0 not read']);
  expect(r.code).toBe(1);
});

test('answers that all verify exit 0; --out with several answers is refused', () => {
  expect(run(['check', A('mle-correct.tex'), A('mle-correct.tex')]).code).toBe(0);
  const bad = run(['check', A('mle-correct.tex'), A('mle-jensen.md'), '--format', 'html', '--out', '/nonexistent/x.html']);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--out names one page/);
});
