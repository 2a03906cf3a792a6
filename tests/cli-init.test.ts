/**
 * The command line's conventions and `rederive init`: `--version` prints the
 * package's version; an unknown command gets the list of commands and the
 * nearest one; `init` scaffolds a course whose example answers `check` and
 * `grade` run on (the correct one verified in every step, the flawed one
 * flagged at its wrong line), whose reports say where the derivations and
 * rules came from; `init` never writes into a folder that has files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli, ROOT } from './helpers/private-cli';

let cli: PrivateCli;
beforeAll(() => {
  cli = privateCli();
});
afterAll(removeTemporaryDirs);

test('--version prints the version of package.json and nothing else', () => {
  const r = cli.run(['--version']);
  expect(r.code).toBe(0);
  expect(r.out).toBe(`${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  expect(r.err).toBe('');
});

test('an unknown command: the commands listed, the nearest suggested, exit 2', () => {
  const typo = cli.run(['chekc', 'a.md']);
  expect(typo.code).toBe(2);
  expect(typo.err).toContain('unknown command "chekc"; did you mean "check"?');
  expect(typo.err).toContain('commands: build, check, grade, init, list, new, rules');
  const far = cli.run(['frobnicate']);
  expect(far.code).toBe(2);
  expect(far.err).not.toContain('did you mean');
  expect(far.err).not.toMatch(/Unknown argument/);
});

describe('rederive init', () => {
  let course: string;
  beforeAll(() => {
    course = path.join(tmpDir(), 'stats101');
    const r = cli.run(['init', course]);
    expect(r.code).toBe(0);
  });

  test('scaffolds derivations, rules, contexts, the course file, a rubric and two answers', () => {
    for (const f of ['derivations/variance.yaml', 'contexts/course.yaml', 'course.yaml', 'rubric.yaml', 'answers/correct.md', 'answers/flawed.md', 'README.md']) {
      expect(fs.existsSync(path.join(course, f))).toBe(true);
    }
    expect(fs.readdirSync(path.join(course, 'rules')).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml')).sort());
    expect(fs.readFileSync(path.join(course, 'README.md'), 'utf8')).toContain('# stats101');
  });

  test('its derivation verifies; the correct answer verifies; the flawed one is flagged at its wrong line; the header says where things came from', () => {
    const d = cli.run(['check', 'derivations/variance.yaml'], course);
    expect(d.code).toBe(0);
    const good = cli.run(['check', 'answers/correct.md', '--derivation', 'variance'], course);
    expect(good.code).toBe(0);
    expect(good.err).toMatch(/^derivations: 1 file in derivations\/ \(this project\); rules: \d+ in \d+ files in rules\/ \(this project\)$/m);
    expect(good.out).toMatch(/4 proved, 0 numeric, 0 refuted/);
    const bad = cli.run(['check', 'answers/flawed.md', '--derivation', 'variance', '--format', 'json'], course);
    expect(bad.code).toBe(1);
    const steps = (JSON.parse(bad.out) as { steps: { line: number; verdict: string }[] }).steps;
    expect(steps.filter((s) => s.verdict === 'refuted').map((s) => s.line)).toEqual([6]);
    expect(steps.filter((s) => s.verdict !== 'refuted').every((s) => s.verdict === 'proved' || s.verdict === 'numeric')).toBe(true);
  });

  test('grade runs on the answers folder: one answer verified, one with its first wrong line', () => {
    const g = cli.run(['grade', 'answers', '--derivation', 'variance', '--jobs', '1', '--quiet'], course);
    expect(g.code).toBe(0);
    const rows = g.out.trim().split(/\r?\n/);
    expect(rows[0]).toMatch(/^file,status,/);
    const header = rows[0].split(',');
    const cell = (row: string, col: string) => row.split(',')[header.indexOf(col)];
    const correct = rows.find((r) => r.startsWith('correct.md'))!;
    const flawed = rows.find((r) => r.startsWith('flawed.md'))!;
    expect(cell(correct, 'refuted')).toBe('0');
    expect(cell(flawed, 'first_wrong_line')).toBe('6');
  });

  test('without a project folder the package\'s derivations are used, and the header says so', () => {
    const empty = tmpDir();
    fs.copyFileSync(path.join(course, 'answers', 'correct.md'), path.join(empty, 'answer.md'));
    const r = cli.run(['check', 'answer.md'], empty);
    expect(r.err).toMatch(/derivations: \d+ files in \S+ \(the rederive package\)/);
  });

  test('refuses a folder that already has files', () => {
    const r = cli.run(['init', course]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not an empty folder/);
  });
});
