/**
 * A seeded generator of hostile inputs: students' answers (Markdown and
 * LaTeX) and derivation files (YAML), as an attacker or a careless user
 * would write them.
 *
 * Strategy: each input is drawn by one of a fixed table of generators —
 * token soup, deep nesting, huge exponents, long lines, Unicode and control
 * characters, mutated real lines, many `&`, nested binders; for derivation
 * files also YAML alias bombs, wrong types, deep YAML and mutated shipped
 * files — from a small PRNG seeded by (seed, index), so input `i` of seed `s`
 * is the same on every run and can be regenerated alone to reproduce a failure.
 * Sizes are drawn to straddle the limits in `expr/limits.ts`.
 *
 * @example
 *   const g = new HostileInputs({ seed: 1, corpus: ['$$x = 1$$'] });
 *   g.input(17)   // { kind: 'answer', family: 'deep-nesting', name: 'fuzz-17.md', text: '$$((((…' }
 */

/** One generated input. */
export interface HostileInput {
  kind: 'answer' | 'derivation';
  /** Which generator made it. */
  family: string;
  /** A file name for messages (`fuzz-17.md`). */
  name: string;
  text: string;
}

/** A small, fast, seedable PRNG (mulberry32). */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** In [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** A size spread over orders of magnitude in [lo, hi] (log-uniform). */
  size(lo: number, hi: number): number {
    return Math.round(Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo))));
  }
}

const TOKENS = [
  'x', 'y', 'z', 'a', 'b', '\\theta', '\\mu', '\\sigma', 'p_\\theta', 'p_{data}', 'q(z)', 'D_\\phi', 'G_\\theta(z)', '0', '1', '2', '0.5', '10^{9}',
  '+', '-', '=', '\\cdot', '\\times', '/', '^', '_', '{', '}', '(', ')', '[', ']', '\\{', '\\}', '|', '\\|', ',', '.', '&', '\\\\', '$', '$$',
  '\\frac', '\\tfrac', '\\sqrt', '\\log', '\\ln', '\\exp', '\\mathbb{E}', 'E_{x\\sim p}', '\\int', 'dx', '\\partial', '\\nabla', '\\sum_{i=1}^n',
  '\\mathcal{N}', 'KL', '\\mathrm{KL}', '\\left(', '\\right)', '\\left.', '\\right|', '\\doteq_\\theta', '\\iff', '\\Rightarrow', '\\le', '\\ge',
  '\\to', '\\infty', '\\approx', '\\neq', '\\sim', '\\mid', '\\top', "'", '\\hat', '\\tilde', '\\text{ and }', '\\quad', '\\,', '\\!',
  '\\begin{align}', '\\end{align}', '\\begin{aligned}', '\\end{aligned}', '\\tag{1}', '\\label{x}', '\\input{/etc/passwd}', '\\write18{id}',
  '\\gdef\\x{y}', '\\def', '\\catcode', '^^5c', '\\href{javascript:alert(1)}{x}', '<script>', '%', '#', '~', '\\', '\\\\\\\\',
];
const WRAPPERS: [string, string][] = [
  ['{', '}'], ['(', ')'], ['[', ']'], ['\\left(', '\\right)'], ['\\frac{1}{', '}'], ['\\sqrt{', '}'], ['x^{', '}'], ['p_{', '}'],
  ['\\log(', ')'], ['\\exp(', ')'], ['-', ''], ['\\mathbb{E}_{x\\sim p}[', ']'], ['\\int ', ' dx'], ['\\|', '\\|'], ['\\hat ', ''],
  ['\\frac{\\partial}{\\partial\\theta}', ''], ['\\mathcal{N}(x; ', ', 1)'], ['KL(', ' \\| q)'],
];
const ODD_CHARS = [
  '\x00', '\x07', '\x08', '\x1b[2J', '\x1b]0;pwned\x07', '\x1b[32m✓ proved\x1b[0m', '\x7f', '\x9b', '\u202e', '\u200b', '\ufeff', '\r', '\t', '\v', '\f',
  '\ud800', '\udfff', '😀', 'θ', 'μ', '∑', '∫', '≤', '‖', '₀', '²', '\u0301', 'Ａ', 'ﬁ', '\u2028', '\uffff', '𝔼', '∂', '∞',
];

/** Joins `n` picks of `xs` with `sep`. */
function soup(r: Prng, n: number, xs: readonly string[], sep = ' '): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(xs));
  return out.join(sep);
}

/** One line of math in a display, as students write it. */
const display = (r: Prng, body: string) => r.pick([`$$${body}$$`, `\\[${body}\\]`, `$${body}$`, `\\begin{align}${body}\\end{align}`, body]);

/** Applies random edits (delete, insert, duplicate, swap, hostile token) to a line. */
function mutate(r: Prng, line: string): string {
  let s = line;
  const edits = r.int(1, 6);
  for (let k = 0; k < edits; k++) {
    const i = r.int(0, s.length);
    switch (r.int(0, 5)) {
      case 0: s = s.slice(0, i) + s.slice(i + r.int(1, 5)); break;
      case 1: s = s.slice(0, i) + r.pick(TOKENS) + s.slice(i); break;
      case 2: s = s.slice(0, i) + s.slice(i, i + r.int(1, 20)).repeat(r.int(2, 50)) + s.slice(i); break;
      case 3: s = s.slice(0, i) + r.pick(ODD_CHARS) + s.slice(i); break;
      case 4: { const j = r.int(0, s.length); s = s.slice(0, Math.min(i, j)) + s.slice(Math.max(i, j)) + s.slice(Math.min(i, j), Math.max(i, j)); break; }
      default: s = s.slice(0, i) + r.pick(WRAPPERS)[0] + s.slice(i); break;
    }
  }
  return s;
}

/** Answer generators, by family. */
const ANSWER_FAMILIES: Record<string, (r: Prng, corpus: readonly string[]) => string> = {
  'token-soup': (r) => Array.from({ length: r.int(1, 8) }, () => display(r, soup(r, r.size(1, 400), TOKENS, r.pick([' ', '', ' = '])))).join('\n\n'),
  'deep-nesting': (r) => {
    const [open, close] = r.pick(WRAPPERS);
    const n = r.size(5, 20000);
    return display(r, `${open.repeat(n)}x${close.repeat(n)} = x`);
  },
  'mixed-nesting': (r) => {
    let e = 'x';
    const n = r.size(3, 400);
    for (let i = 0; i < n; i++) {
      const [o, c] = r.pick(WRAPPERS);
      e = `${o}${e}${c}`;
    }
    return display(r, `${e} = ${r.pick(['x', e, '0'])}`);
  },
  'huge-exponent': (r) => {
    const n = r.pick([r.size(2, 200), r.size(100, 10_000_000), 1e300]);
    const base = r.pick(['(x+1)', '(a+b+c)', '\\left(\\mu + \\sigma z\\right)', 'x', '(x-y)', '10', '2', 'e']);
    const lhs = `${base}^{${n}}`;
    return r.pick([display(r, `${lhs} = ${lhs}`), display(r, `\\mathbb{E}_{z\\sim \\mathcal{N}(0,1)}[${lhs}] = 0`), `${display(r, `${lhs} = x`)}\n\n${display(r, `= ${base}^{${n + 1}}`)}`]);
  },
  'long-line': (r) => {
    const unit = r.pick(['x+', '&', 'a', '(x)', '\\theta ', '1', '= x ', 'x \\cdot ', '\\,']);
    return display(r, unit.repeat(r.size(100, 1_000_000 / unit.length)) + 'x = x');
  },
  'unicode-control': (r) => Array.from({ length: r.int(1, 6) }, () => display(r, soup(r, r.size(1, 60), [...ODD_CHARS, ...TOKENS], r.pick(['', ' '])))).join('\n'),
  'mutated-real': (r, corpus) => {
    const text = corpus.length ? r.pick(corpus) : '$$x = x$$';
    return text.split('\n').map((l) => (r.next() < 0.3 ? mutate(r, l) : l)).join('\n');
  },
  'many-lines': (r) => Array.from({ length: r.size(10, 6000) }, (_, i) => (i % 2 ? `$$= x + ${i}$$` : r.pick(['', 'text', '$$x$$']))).join('\n'),
  'nested-binders': (r) => {
    const n = r.int(1, 12);
    let e = 'x';
    for (let i = 0; i < n; i++) e = r.pick([`\\mathbb{E}_{x\\sim p}[${e}]`, `\\int ${e} \\, dx`, `\\frac{\\partial}{\\partial\\theta} ${e}`, `E_z[${e}]`]);
    return `${display(r, `${e} = ${e}`)}\n\n${display(r, `\\Rightarrow h = \\log(p_\\theta/p_{data})`)}`;
  },
  'product-rule': (r) => {
    const n = r.size(2, 300);
    const prod = Array.from({ length: n }, (_, i) => `(x+${i})`).join('');
    return display(r, `\\frac{\\partial}{\\partial x} ${prod} = 0`);
  },
};

const YAML_FAMILIES: Record<string, (r: Prng, corpus: readonly string[]) => string> = {
  'alias-bomb': (r) => {
    const levels = r.int(3, 12);
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
    return `id: bomb\ntitle: *a${levels - 1}\n${lines.join('\n')}\nsymbols: *a${levels - 1}\nchains: *a${levels - 1}\n`;
  },
  'wrong-types': (r) => {
    const value = () => r.pick(['[]', '{}', '1', '-1e999', 'null', 'true', '"x"', '[1, [2, [3]]]', '{a: {b: c}}', '!!binary aGVsbG8=', '2026-01-01', '.nan', '~']);
    return ['id', 'title', 'summary', 'symbols', 'aliases', 'definitions', 'hypotheses', 'chains'].map((k) => `${k}: ${r.next() < 0.7 ? value() : 'x'}`).join('\n') + '\n';
  },
  'deep-yaml': (r) => {
    const n = r.size(10, 20000);
    return `id: deep\ntitle: t\nsymbols: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  },
  'mutated-derivation': (r, corpus) => {
    const text = corpus.length ? r.pick(corpus) : 'id: x\n';
    return text.split('\n').map((l) => (r.next() < 0.15 ? mutate(r, l) : l)).join('\n');
  },
  'hostile-steps': (r, corpus) => {
    const text = corpus.length ? r.pick(corpus) : 'id: x\n';
    const inner = ANSWER_FAMILIES[r.pick(['deep-nesting', 'huge-exponent', 'token-soup', 'nested-binders'])](r, []).replace(/^\$\$|\$\$$/g, '').replace(/\n/g, ' ');
    return text.replace(/^(\s*)- = (.*)$/m, (_m, sp: string) => `${sp}- ${JSON.stringify(`= ${inner.slice(0, 200_000)}`)}`);
  },
};

/** What the generator draws from: a seed, real answers and derivation files to mutate, the share of derivation files. */
export interface GeneratorOptions {
  seed: number;
  /** Real answers (texts) for the `mutated-real` family. */
  corpus?: readonly string[];
  /** Real derivation files (texts) for the mutated families. */
  derivations?: readonly string[];
  /** Fraction of inputs that are derivation files (default 0.2). */
  derivationShare?: number;
}

/** The hostile inputs of one seed, by index. */
export class HostileInputs {
  constructor(private readonly opts: GeneratorOptions) {}

  /** Input `i`: the same text for the same seed and index. */
  input(i: number): HostileInput {
    const r = new Prng((Math.imul(this.opts.seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
    if (r.next() < (this.opts.derivationShare ?? 0.2)) {
      const family = r.pick(Object.keys(YAML_FAMILIES));
      return { kind: 'derivation', family, name: `fuzz-${i}.yaml`, text: YAML_FAMILIES[family](r, this.opts.derivations ?? []) };
    }
    const family = r.pick(Object.keys(ANSWER_FAMILIES));
    return { kind: 'answer', family, name: `fuzz-${i}.${r.next() < 0.5 ? 'md' : 'tex'}`, text: ANSWER_FAMILIES[family](r, this.opts.corpus ?? []) };
  }
}

/** The names of the generator families (answers, then derivation files). */
export const FAMILIES = { answers: Object.keys(ANSWER_FAMILIES), derivations: Object.keys(YAML_FAMILIES) };
