/**
 * Input limits (src/expr/limits.ts): each limit exceeded gives a positioned
 * error that names the limit and how to raise it, never a stack overflow;
 * inputs under the limits still parse and check.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseExpr } from '../../src/parse';
import { SourceError } from '../../src/parse/error';
import { LIMITS, limit, LimitError, checkLimit } from '../../src/expr/limits';
import { readInputFile } from '../../src/semantics/input-file';
import { loadDerivationFile } from '../../src/semantics/load';
import { checkAnswerText } from '../../src/answers/check';
import { addS, atom, atomSum, mulS } from '../../src/check/symbolic/sum';
import { sym } from '../../src/expr/build';

/** The SourceError `f` throws (fails the test when it throws anything else or nothing). */
function sourceError(f: () => unknown): SourceError {
  try {
    f();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw new Error(`expected a SourceError, got ${(e as Error)?.constructor?.name}: ${String((e as Error)?.message).slice(0, 200)}`);
  }
  throw new Error('expected a SourceError, nothing was thrown');
}

const nested = (open: string, close: string, n: number, inner = 'x') => open.repeat(n) + inner + close.repeat(n);

describe('parser: nesting past the limit is a positioned error, not a stack overflow', () => {
  const cases: [string, string][] = [
    ['10,000 nested braces', nested('{', '}', 10000)],
    ['10,000 nested \\frac', nested('\\frac{1}{', '}', 10000)],
    ['10,000 nested parentheses', nested('(', ')', 10000)],
    ['10,000 nested \\left( \\right)', nested('\\left(', '\\right)', 10000)],
    ['10,000 minus signs', '-'.repeat(10000) + 'x'],
    ['10,000 nested exponents', nested('x^{', '}', 10000)],
    ['10,000 nested \\sqrt', nested('\\sqrt{', '}', 10000)],
    ['10,000 nested \\log(', nested('\\log(', ')', 10000)],
    ['10,000 nested subscripts', nested('p_{', '}', 10000)],
    ['10,000 accents', '\\hat '.repeat(10000) + 'x'],
    ['10,000 nested expectations', nested('E_{x\\sim p}[', ']', 10000)],
  ];
  test.each(cases)('%s', (_name, tex) => {
    const prev = process.env.REDERIVE_MAX_LINE_CHARS;
    process.env.REDERIVE_MAX_LINE_CHARS = '1000000';
    try {
      const e = sourceError(() => parseExpr(tex, undefined, { file: 'a.md', line: 3, column: 5 }));
      expect(e.message).toMatch(/^a\.md:3:\d+: too large: more than 100 levels of nesting/);
      expect(e.message).toContain('REDERIVE_MAX_NESTING=');
      expect(e.message).toContain('"nestingDepth"');
      expect(e.message.length).toBeLessThan(600); // the line is shown as a window around the caret
    } finally {
      if (prev === undefined) delete process.env.REDERIVE_MAX_LINE_CHARS;
      else process.env.REDERIVE_MAX_LINE_CHARS = prev;
    }
  });

  test('nesting just under the limit parses; the limit is raised by its environment variable', () => {
    expect(parseExpr(nested('(', ')', 90)).kind).toBe('sym');
    expect(() => parseExpr(nested('(', ')', 150))).toThrow(/nesting/);
    process.env.REDERIVE_MAX_NESTING = '400';
    try {
      expect(parseExpr(nested('(', ')', 150)).kind).toBe('sym');
    } finally {
      delete process.env.REDERIVE_MAX_NESTING;
    }
  });
});

describe('parser: line length, exponent size, binder depth', () => {
  test('a 1 MB line is refused at the first character past the limit, without echoing the line', () => {
    const e = sourceError(() => parseExpr('x+'.repeat(500000) + 'x', undefined, { file: 'big.md', line: 7, column: 1 }));
    expect(e.message.split('\n')).toHaveLength(1);
    expect(e.message).toBe(`big.md:7:${limit('lineChars') + 1}: too large: 1000001 characters in a line, over the limit of ${limit('lineChars')} (limit "lineChars"; raise it with REDERIVE_MAX_LINE_CHARS=${limit('lineChars') * 10} in the environment)`);
  });

  test('(x+1)^{100000} is refused at the exponent; (x+1)^{20} is not', () => {
    const e = sourceError(() => parseExpr('(x+1)^{100000}'));
    expect(e.column).toBe(8);
    expect(e.reason).toMatch(/100000 as a whole-number exponent, over the limit of 1000/);
    expect(sourceError(() => parseExpr('x^{-5000}')).reason).toMatch(/5000 as a whole-number exponent/);
    expect(parseExpr('(x+1)^{20}').kind).toBe('pow');
  });

  test('20 nested expectations are refused at the binder past the limit; 3 are not', () => {
    const tex = (n: number) => nested('\\mathbb{E}_{x\\sim p}[', ']', n, 'x');
    const e = sourceError(() => parseExpr(tex(20)));
    expect(e.reason).toMatch(/9 nested binders .* over the limit of 8/);
    expect(e.column).toBe(1 + 8 * '\\mathbb{E}_{x\\sim p}['.length);
    expect(parseExpr(tex(3)).kind).toBe('expect');
  });
});

describe('the normal form: past the term limit a LimitError, which the step checker leaves to the numeric test', () => {
  test('mulS refuses a product with more terms than the limit', () => {
    const big = (name: string, n: number) => addS(...Array.from({ length: n }, (_, i) => atomSum(atom(sym(`${name}_{${i}}`)))));
    expect(() => mulS(big('a', 200), big('b', 200))).toThrow(LimitError);
    expect(mulS(big('a', 20), big('b', 20)).terms).toHaveLength(400);
  });

  test('an answer whose expansion is too large still gets a verdict from the numeric test', () => {
    const text = '$$(a+b+c+d+e+f+g+h)^{6}(a+b+c+d+e+f+g+h)^{6} = (a+b+c+d+e+f+g+h)^{12}$$\n';
    const t0 = Date.now();
    const r = checkAnswerText(text, 'expand.md', {});
    expect(Date.now() - t0).toBeLessThan(30000);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0].verdict).not.toBe('refuted');
    expect(r.steps[0].verdict).not.toBe('proved');
  });
});

describe('files over the size limits are refused before they are parsed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-limits-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a derivation file over the byte limit: file:1:1 and the limit, before YAML is read', () => {
    const f = path.join(dir, 'huge.yaml');
    fs.writeFileSync(f, 'id: huge\n' + '#'.repeat(limit('derivationBytes') + 10));
    const t0 = Date.now();
    const e = sourceError(() => loadDerivationFile(f));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e.message).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: too large: \\d+ bytes in a derivation or rule file, over the limit of 1000000 .*REDERIVE_MAX_DERIVATION_BYTES=`));
  });

  test('a derivation file with more steps than the limit is refused at its chains', () => {
    const f = path.join(dir, 'steps.yaml');
    const steps = Array.from({ length: 30 }, (_, i) => `      - = x + ${i} - ${i}`).join('\n');
    fs.writeFileSync(f, `id: steps\ntitle: t\nsymbols:\n  x: variable\nchains:\n  - name: main\n    steps:\n      - x\n${steps}\n`);
    process.env.REDERIVE_MAX_STEPS = '20';
    try {
      const e = sourceError(() => loadDerivationFile(f));
      expect(e.line).toBe(6);
      expect(e.reason).toMatch(/^too large: 30 steps in one derivation file, over the limit of 20/);
    } finally {
      delete process.env.REDERIVE_MAX_STEPS;
    }
    expect(loadDerivationFile(f).chains[0].steps).toHaveLength(30);
  });

  test('an answer line longer than the limit refuses the file at that line, before anything parses it', () => {
    const f = path.join(dir, 'wide.md');
    fs.writeFileSync(f, `ok\n$$${'x+'.repeat(3000)}x = x$$\n`);
    const e = sourceError(() => readInputFile(f, 'fileBytes', { lines: true }));
    expect([e.line, e.column]).toEqual([2, limit('lineChars') + 1]);
    expect(e.reason).toMatch(/characters in a line/);
  });

  test('an answer with more lines than the limit is refused at the first line past it', () => {
    const f = path.join(dir, 'long.md');
    fs.writeFileSync(f, 'x\n'.repeat(limit('answerLines') + 5));
    const e = sourceError(() => readInputFile(f, 'fileBytes', { lines: true }));
    expect(e.line).toBe(limit('answerLines') + 1);
    expect(e.reason).toMatch(/lines in an answer/);
    fs.writeFileSync(f, 'x\n'.repeat(limit('answerLines')));
    expect(readInputFile(f, 'fileBytes', { lines: true }).length).toBe(2 * limit('answerLines'));
  });

  test('a FIFO is refused without waiting for a writer', () => {
    const fifo = path.join(dir, 'pipe.md');
    require('child_process').execFileSync('mkfifo', [fifo]);
    const e = sourceError(() => readInputFile(fifo, 'fileBytes'));
    expect(e.reason).toMatch(/not a regular file/);
  });
});

test('every limit has a default, a description and an environment variable; checkLimit names it', () => {
  for (const [name, spec] of Object.entries(LIMITS)) {
    expect(spec.default).toBeGreaterThan(0);
    expect(spec.env).toMatch(/^REDERIVE_MAX_[A-Z_]+$/);
    expect(() => checkLimit(name as keyof typeof LIMITS, spec.default + 1)).toThrow(new RegExp(`limit "${name}"`));
    expect(() => checkLimit(name as keyof typeof LIMITS, spec.default)).not.toThrow();
  }
});
