/**
 * The command line, compiled into a private package root for one test file:
 * `<tmp>/dist` (from src/; dist/browser, the self-check page's scripts, from
 * the project's), with rules/, templates/, derivations/, contexts/ and package.json copied
 * beside it, so a test that spawns `rederive` never races with another test
 * file compiling into the shared dist/. Dependencies resolve from the
 * project's node_modules through NODE_PATH.
 *
 * @example
 *   const cli = privateCli();
 *   cli.run(['new', 'demo', '--derivations', dir])   // { code: 0, out: '', err: 'wrote …' }
 *   afterAll(removeTemporaryDirs);
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, spawnSync, execFileSync, ChildProcess } from 'child_process';
import { browserBundle } from '../../src/web/bundle';

export const ROOT = path.join(__dirname, '..', '..');

export interface PrivateCli {
  /** The private package root (dist/, rules/, templates/, derivations/, contexts/). */
  root: string;
  /** Runs the command to completion. */
  run(args: string[], cwd?: string): { code: number | null; out: string; err: string };
  /** Starts the command (for long-running ones such as build --watch). */
  start(args: string[], cwd?: string): ChildProcess;
}

const created: string[] = [];

/** A fresh temporary directory (removed by `removeTemporaryDirs`). */
export function tmpDir(prefix = 'rederive-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes the temporary directories this test file made (call in afterAll). */
export function removeTemporaryDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Compiles the CLI into a private package root (about 4 s). */
export function privateCli(): PrivateCli {
  const root = tmpDir('rederive-pkg-');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', path.join(root, 'dist')], { stdio: 'inherit' });
  for (const d of ['rules', 'templates', 'derivations', 'contexts', 'package.json']) {
    if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(root, d), { recursive: true });
  }
  // the self-check page's browser scripts, as an installed package has them (rebuilt first if stale)
  browserBundle();
  fs.cpSync(path.join(ROOT, 'dist', 'browser'), path.join(root, 'dist', 'browser'), { recursive: true });
  const script = path.join(root, 'rederive.js');
  fs.writeFileSync(script, "require('./dist/cli/main.js').main(process.argv.slice(2));\n");
  const env = { ...process.env, NO_COLOR: '1', NODE_PATH: path.join(ROOT, 'node_modules') };
  return {
    root,
    run(args, cwd = root) {
      const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
    start(args, cwd = root) {
      return spawn(process.execPath, [script, ...args], { cwd, env });
    },
  };
}
