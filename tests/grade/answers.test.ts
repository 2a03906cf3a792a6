/**
 * The generator of synthetic answers (src/bench/answers.ts): deterministic,
 * every layout and planted mistake present, every line of mathematics one the
 * parser reads in the derivation's context, and each planted mistake recorded
 * at the line that carries it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateAnswers, loadDerivationById, LAYOUTS } from '../../src/bench/answers';
import { parseExpr } from '../../src/parse';
import { tmpDir, removeTemporaryDirs } from '../helpers/private-cli';

/** The mathematics of each line of an answer written by the generator, with its file line. */
function mathLines(text: string): { line: number; body: string }[] {
  const out: { line: number; body: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = /^\$\$(.+)\$\$$/.exec(raw) ?? /^\\\[ (.*) \\\]$/.exec(raw) ?? /^ {2}&?(.*?)(?: \\\\)?$/.exec(raw);
    if (m) out.push({ line: i + 1, body: m[1] });
  });
  return out;
}

const RELATION = /^(=|\\doteq_\{\\theta\}|\\neq|\\iff|\\to|>|<|\\geq|\\leq)\s+/;

afterAll(removeTemporaryDirs);

describe('generated answers', () => {
  test('the same seed writes the same files; another seed other files', () => {
    const [a, b, c] = [tmpDir(), tmpDir(), tmpDir()];
    const ga = generateAnswers({ derivation: 'mle-kl', count: 12, dir: a, seed: 7 });
    generateAnswers({ derivation: 'mle-kl', count: 12, dir: b, seed: 7 });
    generateAnswers({ derivation: 'mle-kl', count: 12, dir: c, seed: 8 });
    const read = (d: string) => fs.readdirSync(d).sort().map((f) => [f, fs.readFileSync(path.join(d, f), 'utf8')]);
    expect(read(a)).toEqual(read(b));
    expect(read(a)).not.toEqual(read(c));
    expect(ga.map((x) => path.basename(x.file).replace(/\.(md|tex)$/, ''))).toEqual(Array.from({ length: 12 }, (_, i) => `student-${String(i + 1).padStart(3, '0')}`));
  });

  test.each(['mle-kl', 'gaussian-kl', 'optimal-discriminator'])('%s: every layout and mistake kind; every line parses; mistakes recorded where they are', (id) => {
    const d = loadDerivationById(id);
    const dir = tmpDir();
    const answers = generateAnswers({ derivation: id, count: 40, dir, seed: 3 });
    expect(new Set(answers.map((a) => a.layout))).toEqual(new Set(LAYOUTS));
    const planted = answers.filter((a) => a.mistake);
    expect(planted.length).toBeGreaterThan(8);
    expect(planted.length).toBeLessThan(30);
    expect([...new Set(planted.map((a) => a.mistake!.kind))]).toEqual(expect.arrayContaining(['sign flipped', 'factor 2', 'factor 1/2']));
    for (const a of answers) {
      const text = fs.readFileSync(a.file, 'utf8');
      const lines = mathLines(text);
      expect(lines.length).toBe(d.chains.reduce((n, c) => n + c.steps.length + 1, 0));
      for (const l of lines) expect(() => parseExpr(l.body.replace(RELATION, ''), d.ctx)).not.toThrow();
      if (a.mistake) {
        const at = lines.find((l) => l.line === a.mistake!.line)!;
        expect(at).toBeDefined();
        const correct = d.chains[a.mistake.chain].steps[a.mistake.step - 1];
        expect(at.body.startsWith(correct.relation.latex)).toBe(true);
        if (a.mistake.kind === 'densities swapped') expect(at.body).toMatch(/p_\{data\}|p_\\theta/);
        else expect(at.body).toMatch(a.mistake.kind === 'sign flipped' ? /^\S+ -(\\left)?\(/ : a.mistake.kind === 'factor 2' ? /^\S+ 2(\\left)?\(/ : /^\S+ \\frac\{1\}\{2\}(\\left)?\(/);
      }
    }
  });
});
