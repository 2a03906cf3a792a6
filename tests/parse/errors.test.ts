/** Parse errors: exact reasons, positions, and the caret display. */
import { parseExpr } from '../../src/parse';
import { SourceError } from '../../src/parse/error';
import { GAN } from './cases';

function errorOf(src: string, origin = {}): SourceError {
  try {
    parseExpr(src, GAN, origin);
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error(`no error for ${src}`);
}

/* prettier-ignore */
const ERRORS: [string, string, number][] = [
  // [input, reason, 1-based column]
  ['', 'unexpected end of input: expected an expression', 1],
  ['a +', "unexpected end of input: expected an expression after '+'", 4],
  ['a \\cdot', "unexpected end of input: expected an expression after '\\cdot'", 8],
  ['\\frac{a}{b', "expected '}' to close '{' opened at column 9", 11],
  ['(a + b', "expected ')' to close '(' opened at column 1", 7],
  ['(a + b]', "expected ')' to close '(' opened at column 1", 7],
  ['E[x', "expected ']' to close '[' opened at column 2", 4],
  ['\\|v', "expected '\\|' to close '\\|' opened at column 1", 4],
  ['p_{data', "expected '}' to close '{' opened at column 3", 8],
  ['\\foo x', 'unknown command \\foo', 1],
  ['x $', "unexpected character '$'", 3],
  ['a \\iff b', 'relation \\iff cannot be part of an expression (split the line at relations first)', 3],
  ['a \\approx b', 'relation \\approx cannot be part of an expression (split the line at relations first)', 3],
  ['(a = b)', "'=' can only appear at the top level of an expression", 4],
  ['a = b = c', "only one '=' is allowed in an expression (split an equation chain at '=' first)", 7],
  ['x \\sim p', "'\\sim' is only allowed in an expectation subscript, as in E_{x \\sim p}", 3],
  [')', "unexpected ')'", 1],
  ['a b)', "unexpected ')'", 4],
  ['x^2^3', 'double superscript: use braces, as in {x^{2}}^{3}', 4],
  ['x^', "expected an exponent after '^'", 3],
  ['\\log', "unexpected end of input: expected an expression after '\\log'", 5],
  ['\\log + x', "expected an expression after '\\log', found '+'", 6],
  ['\\log^2 x', 'powers of \\log are not supported: write (\\log x)^2', 5],
  ['\\log(a, b)', '\\log takes one argument', 1],
  ['\\int_0^1 f\\,dx', 'only integrals over the whole line are supported', 5],
  ['\\int_{-\\infty} f\\,dx', 'only integrals over the whole line are supported', 5],
  ['\\int f', "expected a differential such as 'dx' to close the integral opened at column 1", 7],
  ['\\int f d x', "expected a differential such as 'dx' to close the integral opened at column 1", 11],
  ['\\int dx', 'expected the integrand before the differential', 6],
  ['\\partial f', "expected '/ \\partial <variable>' after \\partial f (or write \\partial_\\theta f)", 11],
  ['\\partial + f', "expected '_' after \\partial (write \\partial_\\theta f or \\frac{\\partial}{\\partial \\theta} f)", 10],
  ['\\partial^2 f / \\partial x', "the derivative's orders differ: 2 above, 1 below", 25],
  ['\\frac{d^2}{dx} f', "the derivative's orders differ: 2 above, 1 below", 13],
  ['\\partial_\\theta', "unexpected end of input: expected an expression after '\\partial_\\theta'", 16],
  ['\\frac{\\partial}{\\theta} f', "expected '\\partial' in the denominator of the derivative", 17],
  ['\\frac{\\partial f}', "expected '{\\partial …}' as the denominator of the derivative", 18],
  ['\\frac +', "expected '{' after \\frac", 7],
  ['E_z x', "expected '[' after E_z", 5],
  ['E_{} [x]', "expected a density (a name such as p_\\theta, or \\mathcal{N}(mean, variance))", 4],
  ['E_{x \\sim 2}[x]', "expected a density (a name such as p_\\theta, or \\mathcal{N}(mean, variance))", 11],
  ['KL(p q)', "expected '\\|' between the two arguments of KL", 6],
  ['\\mathcal{N}(0)', "expected ',' between the mean and the covariance of \\mathcal{N}", 14],
  ["f'", "expected '(' after f'", 3],
  ['\\hat', 'expected an argument after \\hat', 5],
  ['\\sqrt[3]{x}', 'only square roots are supported', 6],
  ['|x', "expected '|' to close '|' opened at column 1", 3],
  ['\\mathrm{} x', 'empty name \\mathrm{}', 1],
  ['\\text\\frac12', "unexpected '\\frac' in a name", 6],
  ['\\mathrm{a+b}', "unexpected '+' in a name", 10],
  ['p_)', "expected a subscript after '_'", 3],
  ['\\partial_) f', "expected a variable after '\\partial_'", 10],
];

describe('parse errors', () => {
  test.each(ERRORS)('%j', (src, reason, column) => {
    const e = errorOf(src);
    expect(e.reason).toBe(reason);
    expect(e.line).toBe(1);
    expect(e.column).toBe(column);
  });

  test('a bracket opened on an earlier line is named by line and column', () => {
    const e = errorOf('a +\n(b');
    expect(e.reason).toBe("expected ')' to close '(' opened at line 2, column 1");
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  test('the message shows file, line, column, the source line and a caret', () => {
    const e = errorOf('x + \\frac{1}{2', { file: 'd.yaml', line: 4 });
    expect(e.message).toBe(["d.yaml:4:15: expected '}' to close '{' opened at column 13", '  x + \\frac{1}{2', '  ' + ' '.repeat(14) + '^'].join('\n'));
  });

  test('unknown commands are underlined in full', () => {
    expect(errorOf('a \\therefore b').message).toBe(['1:3: unknown command \\therefore', '  a \\therefore b', '    ^^^^^^^^^^'].join('\n'));
  });
});
