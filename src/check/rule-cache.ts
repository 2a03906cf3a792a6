/**
 * The rule self-check, cached: checking every rule numerically costs ~100 ms
 * of every cold start, and its outcome only changes when a rule file or the
 * engine changes.
 *
 * Strategy: the key is a SHA-256 of the content of every file the rules came
 * from, and of the engine (size and modification time of every compiled file
 * under the package's `dist/`, or `src/` when run from sources), and of the
 * seed. Only an all-`ok` outcome is stored: a false or undecided rule is
 * checked afresh every time, so its message and counterexample are always
 * current. The cache lives in `node_modules/.cache/rederive/` when the
 * package has a `node_modules`, else in a directory of the user's own under
 * the system's temporary directory (created 0700, ignored unless owned by the
 * user, so another account cannot plant a result). Reading or writing the
 * cache never fails the command: any problem means the rules are checked.
 *
 * @example
 *   const checks = selfCheckRulesCached(loadRules('rules'));   // fast on the second run
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Rule } from '../semantics/rules';
import { selfCheckRules, type RuleCheck } from './rules';

/** The root of the engine's code (dist/ when compiled, src/ under ts-jest). */
const CODE_ROOT = path.resolve(__dirname, '..');
const PACKAGE_ROOT = path.resolve(CODE_ROOT, '..');

/** Size and mtime of every file under `dir`, sorted: changes when the engine is rebuilt. */
function fingerprint(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) fingerprint(p, out);
    else if (/\.(js|ts)$/.test(e.name)) {
      const st = fs.statSync(p);
      out.push(`${path.relative(CODE_ROOT, p)}:${st.size}:${st.mtimeMs}`);
    }
  }
  return out;
}

/** The cache key of checking `rules` (see the strategy above). */
export function ruleCacheKey(rules: Map<string, Rule>, seed = 7): string {
  const h = crypto.createHash('sha256');
  h.update(`seed ${seed}\n`);
  const files = [...new Set([...rules.values()].map((r) => path.resolve(r.loc.file)))].sort();
  for (const f of files) h.update(`${f}\n`).update(fs.readFileSync(f)).update('\n');
  for (const n of [...rules.keys()].sort()) h.update(`rule ${n}\n`);
  for (const line of fingerprint(CODE_ROOT)) h.update(line + '\n');
  return h.digest('hex');
}

/** The cache directory, or null when there is none that is safe to use. */
function cacheDir(): string | null {
  const nm = path.join(PACKAGE_ROOT, 'node_modules');
  if (fs.existsSync(nm)) return path.join(nm, '.cache', 'rederive');
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = path.join(os.tmpdir(), `rederive-cache-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || (uid !== null && st.uid !== uid) || (st.mode & 0o022) !== 0) return null;
    return dir;
  } catch {
    return null;
  }
}

interface Stored {
  key: string;
  checks: { name: string; message: string; numeric: RuleCheck['numeric'] }[];
}

/**
 * `selfCheckRules`, answered from the cache when the rule files and the
 * engine are unchanged since an all-`ok` check.
 *
 * @example
 *   selfCheckRulesCached(rules).every((c) => c.status === 'ok')
 */
export function selfCheckRulesCached(rules: Map<string, Rule>): RuleCheck[] {
  let key: string | null = null, file: string | null = null;
  try {
    key = ruleCacheKey(rules);
    const dir = cacheDir();
    if (dir) file = path.join(dir, `rules-${key.slice(0, 16)}.json`);
    if (file && fs.existsSync(file)) {
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
      if (stored.key === key && stored.checks.length === rules.size) {
        const byName = new Map(stored.checks.map((c) => [c.name, c]));
        if ([...rules.keys()].every((n) => byName.has(n))) {
          return [...rules.values()].map((rule) => ({ rule, status: 'ok' as const, message: byName.get(rule.name)!.message, numeric: byName.get(rule.name)!.numeric }));
        }
      }
    }
  } catch {
    /* an unreadable or corrupt cache: check the rules */
  }
  const checks = selfCheckRules(rules);
  if (key && file && checks.every((c) => c.status === 'ok')) {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const stored: Stored = { key, checks: checks.map((c) => ({ name: c.rule.name, message: c.message, numeric: c.numeric })) };
      fs.writeFileSync(tmp, JSON.stringify(stored), { flag: 'wx' });
      fs.renameSync(tmp, file);
    } catch {
      // the cache is an optimisation: failing to write it is harmless (and leaves nothing behind)
      try { fs.unlinkSync(tmp); } catch { /* not there */ }
    }
  }
  return checks;
}
