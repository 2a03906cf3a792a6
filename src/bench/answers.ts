/**
 * Synthetic students' answers for a derivation, for tests and for measuring
 * grading throughput: each answer rewrites the derivation's chains in a
 * student's layout and notation, and some carry one planted mistake.
 * Deterministic: the same seed writes the same files.
 *
 *  - Layouts: Markdown with a `$$ … $$` per line and prose between lines;
 *    Markdown with an `aligned` block per chain; a LaTeX document with
 *    `align*`; LaTeX with a `\[ … \]` per line.
 *  - Notation drift a student may have: `E` for `\mathbb{E}`, `\ln` for
 *    `\log`, brackets without `\left`/`\right`, `\parallel` or `\|` in KL,
 *    `\operatorname{KL}`.
 *  - Planted mistakes, in a chain of `=`/`\doteq` steps: a flipped sign, a
 *    factor 2 or 1/2 (carried through the rest of the chain, as a student
 *    would, so exactly that step is wrong), or two densities swapped in one
 *    line. What was planted, and where, is returned.
 *
 * @example
 *   generateAnswers({ derivation: 'mle-kl', count: 200, dir: '/tmp/class', seed: 1 })
 *   // [{ file: '/tmp/class/student-001.md', layout: 'md-display' }, { …, mistake: { kind: 'sign flipped', line: 9, … } }, …]
 *   // command line: node dist/bench/answers.js mle-kl /tmp/class --count 200 --seed 1
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadDerivationFile } from '../semantics/load';
import type { Derivation } from '../semantics/derivation';
import { derivationFiles, locate } from '../cli/files';
import { idOfFile } from '../cli/watch';

export type Layout = 'md-display' | 'md-aligned' | 'tex-align' | 'tex-display';
export const LAYOUTS: readonly Layout[] = ['md-display', 'md-aligned', 'tex-align', 'tex-display'];

export type MistakeKind = 'sign flipped' | 'factor 2' | 'factor 1/2' | 'densities swapped';

/** One written answer and what was planted in it. */
export interface GeneratedAnswer {
  file: string;
  layout: Layout;
  /** The planted mistake: the chain (0-based), the step within it (1-based) and the file line it is on. */
  mistake?: { kind: MistakeKind; chain: number; step: number; line: number };
}

export interface GenerateOptions {
  /** The derivation id. */
  derivation: string;
  count: number;
  /** The folder to write into (created if missing). */
  dir: string;
  seed?: number;
  derivationsDir?: string;
  /** The share of answers with a planted mistake (default 0.4). */
  mistakeRate?: number;
}

/** A seeded generator (mulberry32): numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Loads a derivation by id from a directory of derivation files. */
export function loadDerivationById(id: string, dir = 'derivations'): Derivation {
  const file = derivationFiles(locate(dir)).find((f) => idOfFile(f) === id);
  if (!file) throw new Error(`no derivation "${id}" in ${dir}`);
  return loadDerivationFile(file);
}

/** A line of an answer: its relation to the line before ('' for a chain's first line) and its LaTeX. */
interface Line {
  rel: string;
  latex: string;
}

/** The notation a student uses, drawn once per answer. */
function notation(random: () => number): (latex: string) => string {
  const bbE = random() < 0.4;
  const ln = random() < 0.25;
  const bareBrackets = random() < 0.5;
  const bareParens = random() < 0.3;
  const klSep = random();
  const opKL = random() < 0.2;
  return (s) => {
    if (bbE) s = s.replace(/\\mathbb\{E\}/g, 'E');
    if (ln) s = s.replace(/\\log(?![A-Za-z])/g, '\\ln');
    if (bareBrackets) s = s.replace(/\\left\[/g, '[').replace(/\\right\]/g, ']');
    if (bareParens) s = s.replace(/\\left\(/g, '(').replace(/\\right\)/g, ')');
    if (klSep < 0.3) s = s.replace(/\s*\\,\\\|\\,\s*/g, ' \\parallel ');
    else if (klSep < 0.6) s = s.replace(/\s*\\,\\\|\\,\s*/g, ' \\| ');
    if (opKL) s = s.replace(/\\mathrm\{KL\}/g, '\\operatorname{KL}');
    return s;
  };
}

const DENSITY = /p_\{data\}|p_\{\\mathrm\{data\}\}|p_\\theta(?![A-Za-z])|p_\{\\theta\}/g;

/** The line with its two densities (p_data, p_θ) exchanged, or null when it does not mention both. */
function swapDensities(latex: string): string | null {
  const seen = new Set((latex.match(DENSITY) ?? []).map((d) => (d.includes('data') ? 'data' : 'theta')));
  if (seen.size < 2) return null;
  return latex.replace(DENSITY, (d) => (d.includes('data') ? 'p_\\theta' : 'p_{data}'));
}

function scale(kind: MistakeKind, latex: string): string {
  if (kind === 'sign flipped') return `-\\left(${latex}\\right)`;
  if (kind === 'factor 2') return `2\\left(${latex}\\right)`;
  return `\\frac{1}{2}\\left(${latex}\\right)`;
}

/** The chains as lines, with a mistake planted when `plant` says where. */
function chainLines(d: Derivation, plant?: { kind: MistakeKind; chain: number; step: number }): Line[][] {
  return d.chains.map((c, ci) => [
    { rel: '', latex: c.start.latex },
    ...c.steps.map((s, si): Line => {
      let latex = s.latex;
      if (plant && plant.chain === ci) {
        if (plant.kind === 'densities swapped') {
          if (si + 1 === plant.step) latex = swapDensities(latex) ?? latex;
        } else if (si + 1 >= plant.step) latex = scale(plant.kind, latex); // carried through the rest of the chain
      }
      return { rel: s.relation.latex, latex };
    }),
  ]);
}

/** Where a mistake can be planted: steps of chains whose relations are all = or \doteq. */
function plantable(d: Derivation): { chain: number; step: number; swappable: boolean }[] {
  const out: { chain: number; step: number; swappable: boolean }[] = [];
  d.chains.forEach((c, ci) => {
    if (!c.steps.every((s) => s.relation.kind === 'eq' || s.relation.kind === 'doteq')) return;
    c.steps.forEach((s, si) => out.push({ chain: ci, step: si + 1, swappable: swapDensities(s.latex) !== null }));
  });
  return out;
}

const PROSE = ['By definition,', 'Using the linearity of expectation,', 'Rearranging,', 'which gives', 'Simplifying,', 'so that'];

/** Lays out the chains as an answer file; returns its text and the file line of every answer line. */
function layOut(layout: Layout, title: string, chains: Line[][], fix: (s: string) => string, random: () => number): { text: string; lineOf: number[][] } {
  const out: string[] = [];
  const lineOf: number[][] = [];
  const push = (...s: string[]) => out.push(...s);
  const mark = (ci: number) => (lineOf[ci] ??= []).push(out.length + 1);
  const prose = () => PROSE[Math.floor(random() * PROSE.length)];
  if (layout === 'tex-align' || layout === 'tex-display') {
    push('\\documentclass{article}', '\\usepackage{amsmath,amssymb}', '\\begin{document}', `\\section*{${title.replace(/[_^&%$#{}]/g, ' ')}}`, '');
  } else {
    push(`# ${title}`, '');
  }
  chains.forEach((lines, ci) => {
    if (ci > 0) push(layout.startsWith('tex') ? 'Next,' : 'Next, we show', '');
    if (layout === 'md-aligned' || layout === 'tex-align') {
      push(layout === 'md-aligned' ? '$$' : '\\begin{align*}');
      if (layout === 'md-aligned') push('\\begin{aligned}');
      lines.forEach((l, i) => {
        mark(ci);
        const end = i < lines.length - 1 ? ' \\\\' : '';
        push(l.rel ? `  &${l.rel} ${fix(l.latex)}${end}` : `  ${fix(l.latex)}${end}`);
      });
      if (layout === 'md-aligned') push('\\end{aligned}');
      push(layout === 'md-aligned' ? '$$' : '\\end{align*}', '');
    } else {
      lines.forEach((l, i) => {
        if (i > 1 && random() < 0.3) push(prose(), '');
        mark(ci);
        const body = l.rel ? `${l.rel} ${fix(l.latex)}` : fix(l.latex);
        push(layout === 'md-display' ? `$$${body}$$` : `\\[ ${body} \\]`, '');
      });
    }
  });
  if (layout.startsWith('tex')) push('\\end{document}');
  return { text: out.join('\n') + '\n', lineOf };
}

/** Writes `count` answers for the derivation into `dir`; returns what was written, in file-name order. */
export function generateAnswers(opts: GenerateOptions): GeneratedAnswer[] {
  const d = loadDerivationById(opts.derivation, opts.derivationsDir);
  const random = rng(opts.seed ?? 1);
  const places = plantable(d);
  const rate = opts.mistakeRate ?? 0.4;
  fs.mkdirSync(opts.dir, { recursive: true });
  const width = Math.max(3, String(opts.count).length);
  const answers: GeneratedAnswer[] = [];
  for (let i = 1; i <= opts.count; i++) {
    const layout = LAYOUTS[Math.floor(random() * LAYOUTS.length)];
    let plant: { kind: MistakeKind; chain: number; step: number } | undefined;
    if (places.length && random() < rate) {
      const place = places[Math.floor(random() * places.length)];
      const r = random();
      const kind: MistakeKind = place.swappable && r < 0.25 ? 'densities swapped' : r < 0.5 ? 'sign flipped' : r < 0.75 ? 'factor 2' : 'factor 1/2';
      plant = { kind, chain: place.chain, step: place.step };
    }
    const fix = notation(random);
    const { text, lineOf } = layOut(layout, d.title, chainLines(d, plant), fix, random);
    const file = path.join(opts.dir, `student-${String(i).padStart(width, '0')}.${layout.startsWith('tex') ? 'tex' : 'md'}`);
    fs.writeFileSync(file, text);
    answers.push({ file, layout, ...(plant ? { mistake: { ...plant, line: lineOf[plant.chain][plant.step] } } : {}) });
  }
  return answers;
}

if (require.main === module) {
  const [id, dir, ...rest] = process.argv.slice(2);
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : undefined;
  };
  if (!id || !dir) {
    process.stderr.write('usage: node dist/bench/answers.js <derivation-id> <dir> [--count N] [--seed S] [--mistakes RATE]\n');
    process.exit(2);
  }
  const answers = generateAnswers({ derivation: id, dir, count: flag('--count') ?? 200, seed: flag('--seed') ?? 1, mistakeRate: flag('--mistakes') });
  const planted = answers.filter((a) => a.mistake).length;
  process.stderr.write(`wrote ${answers.length} answers to ${dir} (${planted} with a planted mistake)\n`);
}
