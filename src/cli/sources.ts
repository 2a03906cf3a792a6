/**
 * Where a command's derivations and rules come from, said at the top of its
 * report: the project's folders (relative to the working directory), the
 * package's own (when the project has none), or one of each, and how many.
 * A course that has its own derivations/ reads only those; saying so is what
 * makes a sudden drop in verified steps explicable.
 *
 * @example
 *   sourcesLine('derivations', 'rules')
 *   // 'derivations: 10 files in derivations/ (this project); rules: 31 in 6 files in rules/ (this project)'
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_ROOT, locate, derivationFiles } from './files';

/** Whose a located folder is: the project's, or the installed package's. */
export function origin(located: string): 'this project' | 'the rederive package' {
  const rel = path.relative(PACKAGE_ROOT, path.resolve(located));
  const inPackage = !rel.startsWith('..') && !path.isAbsolute(rel);
  // a checkout of rederive itself is both: its folders are the project's
  return inPackage && !path.resolve(process.cwd()).startsWith(PACKAGE_ROOT) ? 'the rederive package' : 'this project';
}

function shown(located: string): string {
  return origin(located) === 'this project' ? `${path.relative(process.cwd(), path.resolve(located)) || '.'}/` : located;
}

/** Rules counted by their `name:` entries (a rule file's list items), without loading them. */
function countRules(dir: string): { rules: number; files: number } {
  const files = derivationFiles(dir);
  let rules = 0;
  for (const f of files) rules += (fs.readFileSync(f, 'utf8').match(/^\s*-\s+name:/gm) ?? []).length;
  return { rules, files: files.length };
}

/**
 * The line: derivation files and rules, each with its folder and whose it is.
 *
 * @example sourcesLine('derivations', 'rules').startsWith('derivations: ')   // true
 */
export function sourcesLine(derivations: string | undefined, rules: string): string {
  const parts: string[] = [];
  if (derivations !== undefined) {
    const d = locate(derivations);
    const n = derivationFiles(d).length;
    parts.push(`derivations: ${n} file${n === 1 ? '' : 's'} in ${shown(d)} (${origin(d)})`);
  }
  const r = locate(rules);
  const c = countRules(r);
  parts.push(`rules: ${c.rules} in ${c.files} file${c.files === 1 ? '' : 's'} in ${shown(r)} (${origin(r)})`);
  return parts.join('; ');
}
