/**
 * KaTeX's stylesheet and fonts, copied into the output directory
 * (`output/katex/katex.min.css`, `output/katex/fonts/*`), so the HTML pages
 * render their formulas with no network and from file://.
 *
 * Strategy: copy exactly the files the stylesheet refers to (every `url(…)`
 * in it), from the installed katex package, so the set always matches the
 * KaTeX version that rendered the pages. Each copy is skipped when the
 * destination already has the same bytes (compared by SHA-256), and written
 * through a temporary file and a rename, so an interrupted build never leaves
 * a half-written font.
 *
 * @example
 *   copyKatexAssets('output')   // ['output/katex/katex.min.css', 'output/katex/fonts/KaTeX_Main-Regular.woff2', …] (those written)
 */
import { writeFileSafely } from './safe-write';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Where the installed katex package keeps its built stylesheet and fonts. */
export function katexDistDir(): string {
  return path.dirname(require.resolve('katex/dist/katex.min.css'));
}

/**
 * SHA-256 of some bytes, hex.
 *
 * @example
 *   sha256('abc').slice(0, 8)   // 'ba7816bf'
 */
export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Writes `data` to `file` unless it already holds the same bytes; through
 * the safe writer (`safe-write.ts`: regular files only, temporary file and rename).
 *
 * @example
 *   writeBytesIfChanged('output/katex/fonts/a.woff2', buf)   // 'written' | 'unchanged'
 */
export function writeBytesIfChanged(file: string, data: Buffer): 'written' | 'unchanged' {
  return writeFileSafely(file, data, { ifChanged: true });
}

/**
 * The files KaTeX's stylesheet refers to, relative to its directory.
 *
 * @example
 *   katexAssetFiles()   // ['katex.min.css', 'fonts/KaTeX_AMS-Regular.woff2', …]
 */
export function katexAssetFiles(): string[] {
  const css = fs.readFileSync(path.join(katexDistDir(), 'katex.min.css'), 'utf8');
  const urls = [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]).filter((u) => !/^(data:|[a-z]+:\/\/)/i.test(u));
  return ['katex.min.css', ...new Set(urls)];
}

/**
 * Copies KaTeX's stylesheet and the fonts it refers to into `<out>/katex/`;
 * returns the files written (unchanged ones are left alone).
 *
 * @example
 *   copyKatexAssets('output')   // [] on a second run
 */
export function copyKatexAssets(out: string): string[] {
  const src = katexDistDir();
  const written: string[] = [];
  for (const rel of katexAssetFiles()) {
    const dest = path.join(out, 'katex', rel);
    if (writeBytesIfChanged(dest, fs.readFileSync(path.join(src, rel))) === 'written') written.push(dest);
  }
  return written;
}
