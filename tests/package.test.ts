/**
 * The package as a user gets it: `npm pack` in a copy of the project (its
 * `prepare` compiles dist/ and bundles the browser scripts there), then
 * `npm install ./rederive-*.tgz` in an empty folder, then the installed
 * command: `--version`, `check answer.md` (the package's own derivations and
 * rules, said so in the header), `build` (handouts and check.html), and
 * `init` followed by `check` in the new course. One test: it takes a minute
 * (tsc, and npm fetching the dependencies from the registry).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync, spawnSync } from 'child_process';

const ROOT = path.join(__dirname, '..');
jest.setTimeout(600_000);

const created: string[] = [];
afterAll(() => {
  for (const d of created) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(d);
  return d;
}

function npx(cwd: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('npx', ['--no-install', 'rederive', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('npm pack, npm install in an empty folder, and the installed command runs: --version, check, build, init', () => {
  // a copy of the project, so packing compiles into its own dist/ (never the shared one)
  const project = tmp('rederive-pack-src-');
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'ARCHITECTURE.md', 'bin', 'src', 'scripts', 'docs', 'derivations', 'rules', 'contexts', 'templates']) {
    if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(project, f), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  const packs = tmp('rederive-packs-');
  execFileSync('npm', ['pack', '--pack-destination', packs, '--loglevel', 'error'], { cwd: project, stdio: 'pipe' });
  const tgz = fs.readdirSync(packs).filter((f) => /^rederive-.*\.tgz$/.test(f));
  expect(tgz).toHaveLength(1);
  const listed = execFileSync('tar', ['tzf', path.join(packs, tgz[0])], { encoding: 'utf8' }).split('\n');
  for (const f of ['package/dist/cli/main.js', 'package/dist/browser/check-engine.js', 'package/dist/browser/check-page.js', 'package/rules/logarithms.yaml',
    'package/derivations/mle-kl.yaml', 'package/contexts/course.yaml', 'package/templates/derivation.yaml', 'package/templates/course/answers/flawed.md']) {
    expect(listed).toContain(f);
  }
  expect(listed.filter((f) => f.startsWith('package/src/') || f.startsWith('package/tests/'))).toEqual([]);

  const user = tmp('rederive-user-');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error', path.join(packs, tgz[0])], { cwd: user, stdio: 'pipe' });

  const v = npx(user, ['--version']);
  expect(v.code).toBe(0);
  expect(v.out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);

  fs.writeFileSync(path.join(user, 'answer.md'), [
    'Mean square minus squared mean, with $\\mu = E_{x \\sim p}[x]$:',
    '',
    '$$E_{x \\sim p}[(x - \\mu)^2] = E_{x \\sim p}[x^2] - 2\\mu E_{x \\sim p}[x] + \\mu^2$$',
    '$$= E_{x \\sim p}[x^2] - \\mu^2$$',
    '',
  ].join('\n'));
  const c = npx(user, ['check', 'answer.md']);
  expect(c.err).toMatch(/derivations: \d+ files in \S+node_modules\/rederive\/derivations \(the rederive package\)/);
  expect(c.out).toMatch(/2 proved, 0 numeric, 0 refuted, 0 unknown, 0 error/);
  expect(c.code).toBe(0);

  const b = npx(user, ['build']);
  expect(b.code).toBe(0);
  for (const f of ['index.html', 'rules.html', 'check.html', 'handout.tex', 'mle-kl.html', 'katex/katex.min.css']) expect(fs.existsSync(path.join(user, 'output', f))).toBe(true);

  const i = npx(user, ['init', 'course']);
  expect(i.code).toBe(0);
  const flawed = npx(path.join(user, 'course'), ['check', 'answers/flawed.md', '--derivation', 'variance']);
  expect(flawed.code).toBe(1);
  expect(flawed.out).toMatch(/✗ answers\/flawed\.md:6:\d+ .*refuted/);
});
