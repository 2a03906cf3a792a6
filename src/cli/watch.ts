/**
 * `rederive build --watch`: builds once, then rebuilds a derivation whenever
 * its file changes, and every derivation when a rule file changes, printing
 * the new verdicts (through `build`), until SIGINT or SIGTERM.
 *
 * Strategy: one `fs.watch` on the derivations directory and one on the rules
 * directory (a directory watch also sees editors that save by writing a new
 * file and renaming it over the old one). Events for `*.yaml` files are
 * collected and acted on after a quiet period (`debounceMs`), so the several
 * events of one save make one rebuild. A changed derivation file is rebuilt
 * by its id (read from its `id:` line; the file name when there is none),
 * after loading it once so that a mistake in it is printed with its file,
 * line and column; watching goes on after any error.
 * On a signal the watchers and the pending timer are closed, so the process
 * exits with code 0.
 *
 * @example
 *   const w = watchBuild({ ids: [], out: 'output', derivations: 'derivations', rules: 'rules', seed: 1 });
 *   // … later
 *   w.close();
 */
import * as fs from 'fs';
import * as path from 'path';
import { SourceError } from '../parse/error';
import { loadDerivationFile } from '../semantics/load';
import { loadRules } from '../semantics/rules';
import { build, BuildOptions } from './build';
import { log } from './common';
import { reportFailure } from './errors';
import { locate } from './files';

/** Options of `rederive build --watch`. */
export interface WatchOptions extends BuildOptions {
  /** Quiet period after the last change before rebuilding (ms). */
  debounceMs?: number;
}

/** A running watch. */
export interface Watcher {
  /** Stops watching; no rebuild starts afterwards. */
  close(): void;
}

/** The id a derivation file declares (its `id:` line), else its file name without extension. */
export function idOfFile(file: string): string {
  try {
    const m = /^id:[ \t]*['"]?([A-Za-z0-9_-]+)/m.exec(fs.readFileSync(file, 'utf8'));
    if (m) return m[1];
  } catch {
    // unreadable: fall back to the name
  }
  return path.basename(file).replace(/\.ya?ml$/, '');
}

/** The mistake that keeps a derivation file from loading (with its position), or null. */
function readProblem(file: string, rulesDir: string): string | null {
  let ruleNames: Set<string> | undefined;
  try {
    ruleNames = new Set(loadRules(rulesDir).keys());
  } catch {
    // a broken rule file is reported by the build itself
  }
  try {
    loadDerivationFile(file, ruleNames);
    return null;
  } catch (e) {
    if (e instanceof SourceError) return e.message;
    return null; // anything else: let the build report it
  }
}

/** Runs one build, printing (not throwing) the problems an author can fix. */
function buildAndReport(opts: BuildOptions): void {
  try {
    const code = build(opts);
    log(code === 0 ? 'all verified' : 'some steps did not verify, or a file could not be read: see above');
  } catch (e) {
    // the same words as a single build (errors.ts): a user's mistake in one line, an internal error as a bug
    reportFailure(e);
  }
}

/**
 * Builds, then watches the derivations and rules directories and rebuilds on
 * change. Returns at once; the watchers keep the process alive until `close`.
 */
export function watchBuild(opts: WatchOptions): Watcher {
  const derivDir = locate(opts.derivations);
  const rulesDir = locate(opts.rules);
  const delay = opts.debounceMs ?? 200;
  const build1 = (ids: string[]) => buildAndReport({ ...opts, ids });
  const changed = new Set<string>();
  let rulesChanged = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    if (closed) return;
    const stamp = new Date().toTimeString().slice(0, 8);
    if (rulesChanged) {
      log(`\n[${stamp}] a rule file changed: rebuilding ${opts.ids.length ? opts.ids.join(', ') : 'every derivation'}`);
      rulesChanged = false;
      changed.clear();
      build1(opts.ids);
    } else {
      const files = [...changed].sort();
      changed.clear();
      for (const file of files) {
        if (!fs.existsSync(file)) {
          log(`\n[${stamp}] ${file} was removed`);
          continue;
        }
        const id = idOfFile(file);
        if (opts.ids.length && !opts.ids.includes(id)) continue;
        log(`\n[${stamp}] ${file} changed: rebuilding ${id}`);
        const problem = readProblem(file, rulesDir);
        if (problem) log(`✗ ${file} could not be read:\n    ${problem.split('\n').join('\n    ')}`);
        else build1([id]);
      }
    }
    if (!closed) log(`watching ${derivDir} and ${rulesDir} (Ctrl-C stops)`);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delay);
  };
  const onEvent = (dir: string, isRules: boolean) => (_event: string, name: string | Buffer | null) => {
    const f = name?.toString();
    if (closed || !f || !/\.ya?ml$/.test(f) || f.startsWith('.')) return;
    if (isRules) rulesChanged = true;
    else changed.add(path.join(dir, f));
    schedule();
  };

  build1(opts.ids);
  const watchers = [fs.watch(derivDir, onEvent(derivDir, false))];
  if (path.resolve(rulesDir) !== path.resolve(derivDir) && fs.existsSync(rulesDir)) watchers.push(fs.watch(rulesDir, onEvent(rulesDir, true)));
  log(`watching ${derivDir} and ${rulesDir} (Ctrl-C stops)`);
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/**
 * The command: watch until SIGINT or SIGTERM, then stop cleanly (exit 0).
 *
 * @example
 *   runWatch({ ids: [], out: 'output', derivations: 'derivations', rules: 'rules', seed: 1 });
 */
export function runWatch(opts: WatchOptions): void {
  const w = watchBuild(opts);
  const stop = (signal: NodeJS.Signals) => {
    w.close();
    log(`\nstopped watching (${signal})`);
    process.exitCode = 0;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
