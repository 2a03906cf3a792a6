/**
 * A slice of the fuzz run (src/fuzz/): seeded hostile answers and derivation
 * files, in process. For each input: no exception escapes (a report, or a
 * clean positioned refusal), the printed report holds no control character,
 * the input is answered within the per-answer limit, and memory stays
 * bounded. `npm run fuzz -- --count N` runs more, in a worker with hang and
 * memory guards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HostileInputs, FAMILIES } from '../../src/fuzz/generate';
import { runOne, type RunEnv } from '../../src/fuzz/run';
import { loadRules } from '../../src/semantics/rules';

const ROOT = path.join(__dirname, '..', '..');
const SEED = 20261129;
const COUNT = Number(process.env.REDERIVE_FUZZ_SLICE ?? 30);
/** CPU time an input may take: 2 s per step (the per-step budget, src/check/budget.ts) and 1 s to read it. CPU, not wall, time: the machine may be shared. */
const limitMs = (steps = 0) => 2000 * Math.max(1, steps) + 1000;

jest.setTimeout(120_000);

const read = (dir: string, ext: RegExp) => fs.readdirSync(dir).filter((f) => ext.test(f)).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

test('the generator is seeded: the same input for the same seed and index, every family drawn', () => {
  const a = new HostileInputs({ seed: 5, corpus: ['$$x = x$$'] });
  const b = new HostileInputs({ seed: 5, corpus: ['$$x = x$$'] });
  for (const i of [0, 1, 77, 1234]) expect(a.input(i)).toEqual(b.input(i));
  expect(new HostileInputs({ seed: 6 }).input(0).text).not.toBe(a.input(0).text);
  const seen = new Set(Array.from({ length: 600 }, (_, i) => a.input(i).family));
  expect([...seen].sort()).toEqual([...FAMILIES.answers, ...FAMILIES.derivations].sort());
});

test(`${COUNT} hostile inputs: no exception escapes, each answered within the limit, memory bounded`, () => {
  const env: RunEnv = {
    rules: new Set(loadRules(path.join(ROOT, 'rules')).keys()),
    answer: { derivationsDir: path.join(ROOT, 'derivations'), rulesDir: path.join(ROOT, 'rules'), seed: 1 },
    seed: 1,
  };
  const gen = new HostileInputs({ seed: SEED, corpus: read(path.join(ROOT, 'tests', 'fixtures', 'answers'), /\.(md|tex)$/), derivations: read(path.join(ROOT, 'derivations'), /\.ya?ml$/) });
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const rows: string[] = [];
  const bad: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const input = gen.input(i);
    const o = runOne(input, env);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    rows.push(`#${i} ${input.family} ${o.status} ${o.cpuMs} ms`);
    if (o.status === 'exception' || o.cpuMs > limitMs(o.steps)) bad.push(`#${i} ${input.kind} ${input.family}: ${o.status}, ${o.steps ?? 0} steps in ${o.cpuMs} ms of CPU: ${o.message ?? ''}`);
  }
  expect(bad).toEqual([]);
  expect(peak - heap0).toBeLessThan(1024 * 1024 * 1024);
  // the figures, for whoever runs the suite
  process.stderr.write(`fuzz slice (seed ${SEED}): ${rows.length} inputs, peak heap growth ${((peak - heap0) / 1048576).toFixed(0)} MB, slowest (CPU): ${rows.sort((a, b) => Number(b.split(' ').at(-2)) - Number(a.split(' ').at(-2))).slice(0, 3).join('; ')}\n`);
});
