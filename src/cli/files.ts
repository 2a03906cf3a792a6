/**
 * Where the CLI finds derivations and rules, and how it writes output:
 * atomically (a temporary file renamed into place), so a failure never leaves
 * a half-written file, and only when the content changed.
 *
 * @example
 *   writeIfChanged('output/mle-kl.tex', text)   // 'written' | 'unchanged'
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileSafely } from '../emit/safe-write';

/** The package root (where the shipped rules/ and derivations/ live). */
export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** `dir` relative to the working directory if it exists there, else the package's own. */
export function locate(dir: string): string {
  if (path.isAbsolute(dir) || fs.existsSync(dir)) return dir;
  const own = path.join(PACKAGE_ROOT, dir);
  return fs.existsSync(own) ? own : dir;
}

/** The derivation files in a directory, sorted. */
export function derivationFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

/**
 * Writes `text` to `file` through the safe writer (`emit/safe-write.ts`):
 * only a regular file or a missing path is replaced, through a temporary
 * file and a rename; identical content is skipped.
 */
export function writeIfChanged(file: string, text: string): 'written' | 'unchanged' {
  return writeFileSafely(file, text, { ifChanged: true });
}
