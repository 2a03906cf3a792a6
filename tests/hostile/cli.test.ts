/**
 * The resource and filesystem attacks of issue 12 through the command line,
 * as a TA or an autograder runs it: each answers quickly with one clear
 * message and the right exit status (0 verified, 1 not verified or nothing
 * checked, 2 bad input, 3 internal), never a stack trace or minified yargs
 * source; `--out` never replaces what is not a regular file; a build killed
 * at random moments leaves every file complete or absent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { privateCli, tmpDir, removeTemporaryDirs, ROOT, type PrivateCli } from '../helpers/private-cli';

let cli: PrivateCli;
let work: string;
const ANSWER = path.join(ROOT, 'tests', 'fixtures', 'answers', 'mle-correct.tex');

jest.setTimeout(300_000);

beforeAll(() => {
  cli = privateCli();
  work = tmpDir('rederive-hostile-cli-');
});
afterAll(removeTemporaryDirs);

/** No stack trace, no minified source, no raw control character in what the command printed. */
function clean(r: { out: string; err: string }): void {
  const all = r.out + r.err;
  expect(all).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(all).not.toMatch(/node_modules|yargs\/build|RangeError|Maximum call stack/);
}

/** Runs and times the command. */
function timed(args: string[]) {
  const t0 = Date.now();
  const r = cli.run(args, work);
  return { ...r, ms: Date.now() - t0 };
}

describe('resource attacks answer with a positioned message', () => {
  // a line over the line limit refuses the file (exit 2, on standard error); within a line, the step is not read (exit 1, in the report)
  const cases: [string, string, number, RegExp][] = [
    ['10,000 nested braces', `$$${'{'.repeat(10000)}x${'}'.repeat(10000)} = x$$\n`, 2, /lineChars/],
    ['10,000 nested \\frac', `$$${'\\frac{1}{'.repeat(10000)}x${'}'.repeat(10000)} = x$$\n`, 2, /lineChars/],
    ['10,000 parentheses', `$$${'('.repeat(10000)}x${')'.repeat(10000)} = x$$\n`, 2, /lineChars/],
    ['a 900 KB line', `$$${'x+'.repeat(450000)}x = x$$\n`, 2, /lineChars/],
    ['a 1 MB file', `$$${'x+'.repeat(500000)}x = x$$\n`, 2, /fileBytes/],
    ['80,000 &', `$$x ${'&'.repeat(80000)} = x$$\n`, 2, /lineChars/],
    ['150 nested parentheses in a short line', `$$${'('.repeat(150)}x${')'.repeat(150)} = x$$\n`, 1, /nestingDepth/],
    ['150 nested \\frac in a short line', `$$${'\\frac{1}{'.repeat(150)}x${'}'.repeat(150)} = x$$\n`, 1, /nestingDepth/],
    ['(x+1)^{100000}', '$$(x+1)^{100000} = (x+1)^{100000}$$\n', 1, /exponent/],
    ['20 nested expectations', `$$${'\\mathbb{E}_{x\\sim p}['.repeat(20)}x${']'.repeat(20)} = x$$\n`, 1, /binders/],
  ];
  test.each(cases)('%s', (_name, text, code, limit) => {
    const f = path.join(work, `attack-${Math.random().toString(36).slice(2)}.md`);
    fs.writeFileSync(f, text);
    const r = timed(['check', f]);
    clean(r);
    expect(r.code).toBe(code);
    // the first line of standard error says where the derivations and rules came from
    const message = (code === 2 ? r.err : r.out).replace(/^derivations: .*\n/, '');
    expect(message).toMatch(code === 2 ? /^rederive: .*attack-\w+\.md:1:(4001|1): too large: / : /line 1, column \d+: too large: /);
    expect(message).toMatch(limit);
    expect(message).toMatch(/raise it with REDERIVE_MAX_\w+=/);
    expect(r.ms).toBeLessThan(10_000); // the command's start-up included; the check itself is far faster
  });

  test('an answer with nothing to check exits 1, not 0, and says so', () => {
    const f = path.join(work, 'prose.md');
    fs.writeFileSync(f, 'I think the answer is obvious.\n');
    const r = cli.run(['check', f], work);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no step to check in .*prose\.md/);
  });

  test('a derivation file over the size limit is refused before it is parsed; a YAML alias bomb is refused', () => {
    const big = path.join(work, 'big.yaml');
    fs.writeFileSync(big, `id: big\ntitle: t\n${'# padding\n'.repeat(120_000)}`);
    let r = timed(['check', big]);
    expect([r.code, r.err.trim()]).toEqual([2, `rederive: ${big}:1:1: too large: ${fs.statSync(big).size} bytes in a derivation or rule file, over the limit of 1000000 (limit "derivationBytes"; raise it with REDERIVE_MAX_DERIVATION_BYTES=10000000 in the environment)`]);
    const bomb = path.join(work, 'bomb.yaml');
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];
    fs.writeFileSync(bomb, `id: bomb\ntitle: *a9\n${levels.join('\n')}\nsymbols: *a9\nchains: *a9\n`);
    r = timed(['check', bomb]);
    clean(r);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rederive: .*bomb\.yaml:\d+:\d+: /);
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('--out never replaces what is not a regular file', () => {
  test('check --format html: a FIFO, a symbolic link, a folder and a device node made here are refused (exit 2), untouched', () => {
    const fifo = path.join(work, 'page-fifo.html');
    execFileSync('mkfifo', [fifo]);
    const victim = path.join(work, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(work, 'page-link.html');
    fs.symlinkSync(victim, link);
    const folder = path.join(work, 'page-dir.html');
    fs.mkdirSync(folder);
    const targets = [fifo, link, folder];
    const dev = path.join(work, 'null');
    try {
      execFileSync('mknod', [dev, 'c', '1', '3']);
      targets.push(dev);
    } catch {
      // no mknod rights: the FIFO covers a target that must never be opened
    }
    for (const t of targets) {
      const r = timed(['check', ANSWER, '--format', 'html', '--out', t]);
      clean(r);
      expect([r.code, r.err]).toEqual([2, expect.stringMatching(/^rederive: refusing to write .*: it is (a FIFO|a symbolic link|a folder|a device)/)]);
      expect(r.ms).toBeLessThan(10_000);
    }
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.existsSync(path.join(work, 'katex'))).toBe(false); // nothing was written beside a refused page
  });

  test('grade --out a symbolic link (as /dev/stdout is) is refused before any answer is graded', () => {
    const answers = path.join(work, 'class');
    fs.mkdirSync(answers);
    fs.copyFileSync(ANSWER, path.join(answers, 'alice.tex'));
    const link = path.join(work, 'stdout-link');
    fs.symlinkSync('/proc/self/fd/1', link);
    const r = cli.run(['grade', answers, '--derivation', 'mle-kl', '--out', link, '-q'], work);
    expect([r.code, r.err.trim()]).toEqual([2, `rederive: refusing to write ${link}: it is a symbolic link, not a regular file (only a regular file or a missing path is replaced)`]);
  });

  test('build --out a file: one line, exit 2', () => {
    const file = path.join(work, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const r = cli.run(['build', 'mle-kl', '--out', file], work);
    clean(r);
    expect([r.code, r.err.trim()]).toEqual([2, `rederive: --out ${file} is not a folder (build writes a folder of files)`]);
  });
});

describe('grade loads and self-checks the rules as check does', () => {
  test('a false rule or a malformed rule file stops grade with exit 2 before grading', () => {
    const answers = path.join(work, 'class2');
    fs.mkdirSync(answers);
    fs.copyFileSync(ANSWER, path.join(answers, 'bob.tex'));
    const rules = path.join(work, 'bad-rules');
    fs.cpSync(path.join(ROOT, 'rules'), rules, { recursive: true });
    fs.writeFileSync(path.join(rules, 'zz-broken.yaml'), 'rules:\n  - name: [not, a, name]\n');
    let r = cli.run(['grade', answers, '--derivation', 'mle-kl', '--rules', rules, '-q'], work);
    clean(r);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rederive: .*zz-broken\.yaml:\d+:\d+: /);
    expect(r.out).toBe('');
    const check = cli.run(['check', ANSWER, '--rules', rules], work);
    expect([check.code, check.err]).toEqual([2, r.err]);
    fs.writeFileSync(path.join(rules, 'zz-broken.yaml'), 'rules:\n  - name: false-rule\n    latex: \\log(a b) = \\log a \\cdot \\log b\n    description: wrong\n    symbols: { a: constant, positive; b: constant, positive }\n');
    r = cli.run(['grade', answers, '--derivation', 'mle-kl', '--rules', rules, '-q'], work);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('a build killed at random moments', () => {
  test('leaves every output file complete or absent, and the next build leaves no temporary file', () => {
    const ref = path.join(work, 'ref');
    expect(cli.run(['build', 'variance-identity', 'mle-kl', '--out', ref], work).code).toBe(0);
    const refFiles = new Map(fs.readdirSync(ref).filter((f) => fs.statSync(path.join(ref, f)).isFile()).map((f) => [f, fs.readFileSync(path.join(ref, f))]));
    const out = path.join(work, 'killed');
    for (const delay of [150, 400, 700, 1000, 1400]) {
      const child = cli.start(['build', 'variance-identity', 'mle-kl', '--out', out], work);
      const t = setTimeout(() => child.kill('SIGKILL'), delay);
      execFileSync('sleep', ['2']);
      clearTimeout(t);
      child.kill('SIGKILL');
      if (!fs.existsSync(out)) continue;
      for (const f of fs.readdirSync(out)) {
        const p = path.join(out, f);
        if (!fs.statSync(p).isFile() || /\.tmp-\d+/.test(f)) continue;
        expect([f, fs.readFileSync(p).equals(refFiles.get(f) ?? Buffer.alloc(0))]).toEqual([f, true]);
      }
    }
    expect(cli.run(['build', 'variance-identity', 'mle-kl', '--out', out], work).code).toBe(0);
    const left = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => /\.tmp-\d+/.test(f));
    expect(left).toEqual([]);
  });
});
