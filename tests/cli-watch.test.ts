/**
 * `rederive build --watch` as an author uses it: it builds, then rebuilds a
 * derivation when its file is saved and prints the new verdicts (a mistake is
 * refuted, the fix verifies again), keeps watching past a file it cannot
 * read, rebuilds when a rule file changes, and exits cleanly (code 0) on SIGINT.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ChildProcess } from 'child_process';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli } from './helpers/private-cli';

let cli: PrivateCli;
let work: string;
let file: string;
let proc: ChildProcess;
let err = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

/** Waits until standard error, after `from`, matches `re`; returns the new output. */
async function waitFor(re: RegExp, from: number, ms = 20000): Promise<string> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const fresh = err.slice(from);
    if (re.test(fresh)) return fresh;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${re} in:\n${err.slice(from)}`);
}

/** The 1-based number of the first line of the watched file that starts with `start`. */
function lineOf(start: string): number {
  return fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(start)) + 1;
}

/** Edits the watched derivation file as an editor would (write in place). */
function edit(from: string, to: string): number {
  const mark = err.length;
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`not in the file: ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
  return mark;
}

beforeAll(async () => {
  cli = privateCli();
  work = tmpDir();
  fs.cpSync(path.join(cli.root, 'rules'), path.join(work, 'rules'), { recursive: true });
  expect(cli.run(['new', 'demo', '--derivations', 'derivations'], work).code).toBe(0);
  file = path.join(work, 'derivations', 'demo.yaml');
  proc = cli.start(['build', '--watch', '--out', 'out'], work);
  proc.stderr!.on('data', (d) => { err += d; });
  exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  await waitFor(/watching derivations and rules \(Ctrl-C stops\)/, 0);
});

afterAll(() => {
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  removeTemporaryDirs();
});

test('builds once at the start and prints the verdicts', () => {
  expect(err).toMatch(/\[1\/1\] ✓ demo: 4 proved, 0 numeric, 0 refuted, 0 unknown, 0 error/);
  expect(err).toContain('all verified');
  expect(fs.existsSync(path.join(work, 'out', 'demo.tex'))).toBe(true);
});

test('a saved mistake is rebuilt and its refutation printed', async () => {
  const line = lineOf('      - rel: \\doteq_\\theta') + 1;
  const mark = edit('rel: \\doteq_\\theta', "rel: '='");
  const out = await waitFor(/some steps did not verify[^]*watching/, mark);
  expect(out).toContain('derivations/demo.yaml changed: rebuilding demo');
  expect(out).toMatch(/✗ demo: 3 proved, 0 numeric, 1 refuted/);
  expect(out).toContain(`derivations/demo.yaml:${line}:15: step 3 refuted: `);
});

test('the fix is rebuilt and verifies again', async () => {
  const mark = edit("rel: '='\n        expr: \\mathbb{E}_{x \\sim p_\\theta}[\\log p_\\theta(x)]\n        note: drop", 'rel: \\doteq_\\theta\n        expr: \\mathbb{E}_{x \\sim p_\\theta}[\\log p_\\theta(x)]\n        note: drop');
  const out = await waitFor(/all verified[^]*watching/, mark);
  expect(out).toMatch(/✓ demo: 4 proved, 0 numeric, 0 refuted/);
});

test('a file it cannot read is reported with its position, and watching goes on', async () => {
  const line = lineOf('  x: variable');
  let mark = edit('  x: variable', '  x: varible');
  let out = await waitFor(/watching/, mark);
  expect(out).toContain(`✗ derivations/demo.yaml could not be read:\n    derivations/demo.yaml:${line}:6: unknown kind "varible"; did you mean "variable"?`);
  mark = edit('  x: varible', '  x: variable');
  out = await waitFor(/all verified[^]*watching/, mark);
  expect(out).toMatch(/✓ demo: 4 proved/);
});

test('a change to a rule file rebuilds', async () => {
  const mark = err.length;
  fs.appendFileSync(path.join(work, 'rules', 'logarithms.yaml'), '# touched\n');
  const out = await waitFor(/all verified[^]*watching/, mark);
  expect(out).toContain('a rule file changed: rebuilding every derivation');
  expect(out).toMatch(/✓ demo: 4 proved/);
});

test('SIGINT stops it cleanly, with exit code 0', async () => {
  const mark = err.length;
  proc.kill('SIGINT');
  const { code, signal } = await exited;
  expect(signal).toBeNull();
  expect(code).toBe(0);
  expect(err.slice(mark)).toBe('\nstopped watching (SIGINT)\n');
});
