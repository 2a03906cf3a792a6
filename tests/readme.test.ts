/**
 * Every command the README shows, run as written. Commands are the lines of
 * the README's ```sh blocks that start with `npx rederive` (blocks marked
 * `sh not-run` are shown only: the quick start's npm scripts, a watch that
 * never ends, a Gradescope path, commands in another folder). Each runs, in
 * README order, in one copy of the project's data (derivations, rules,
 * contexts, examples), through the compiled command line; its exit code must
 * be the one its comment gives (`# exit 1: …`), 0 otherwise.
 */
import * as fs from 'fs';
import * as path from 'path';
import { privateCli, tmpDir, removeTemporaryDirs, PrivateCli, ROOT } from './helpers/private-cli';

jest.setTimeout(900_000);

/** The commands of the README's runnable blocks: arguments and the exit code expected. */
export function readmeCommands(text: string): { line: number; command: string; args: string[]; exit: number }[] {
  const out: { line: number; command: string; args: string[]; exit: number }[] = [];
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    const fence = /^```(.*)$/.exec(raw);
    if (fence) {
      inBlock = !inBlock && fence[1].trim() === 'sh';
      return;
    }
    if (!inBlock || !raw.startsWith('npx rederive')) return;
    const hash = raw.search(/\s#\s/);
    const command = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const comment = hash >= 0 ? raw.slice(hash) : '';
    const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(2);
    const exit = /#\s*exit (\d)/.exec(comment);
    out.push({ line: i + 1, command, args, exit: exit ? Number(exit[1]) : 0 });
  });
  return out;
}

let cli: PrivateCli;
let project: string;
beforeAll(() => {
  cli = privateCli();
  project = tmpDir('rederive-readme-');
  for (const d of ['derivations', 'rules', 'contexts', 'examples']) fs.cpSync(path.join(ROOT, d), path.join(project, d), { recursive: true });
});
afterAll(removeTemporaryDirs);

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const commands = readmeCommands(README);

test('the README shows runnable commands, and every fenced shell block is run or marked not-run', () => {
  expect(commands.length).toBeGreaterThanOrEqual(20);
  const fences = [...README.matchAll(/^```(sh[^\n]*)$/gm)].map((m) => m[1].trim());
  expect(fences.filter((f) => f !== 'sh' && f !== 'sh not-run')).toEqual([]);
  // every example file named in the README exists
  for (const m of README.matchAll(/examples\/[\w.-]+\.(md|tex)/g)) expect(fs.existsSync(path.join(ROOT, m[0]))).toBe(true);
});

test('every README command runs with the exit code it says', () => {
  const failures: string[] = [];
  for (const c of commands) {
    const r = cli.run(c.args, project);
    if (r.code !== c.exit) failures.push(`README.md:${c.line}: ${c.command}: exit ${r.code}, expected ${c.exit}\n${r.err.split('\n').slice(-6).join('\n')}`);
  }
  expect(failures).toEqual([]);
  // what they wrote is there
  for (const f of ['output/index.html', 'output/check.html', 'output/handout.pdf', 'output/sheet.pdf', 'fresh/index.html', 'fresh/check.html', 'grades.csv', 'stats101/answers/flawed.md', 'derivations/my-derivation.yaml']) {
    expect(fs.existsSync(path.join(project, f))).toBe(true);
  }
});
