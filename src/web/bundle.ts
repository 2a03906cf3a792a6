/**
 * The self-check page's two scripts, bundled for the browser by esbuild
 * (IIFE, platform browser, minified): `check-engine.js`, the engine run in a
 * Web Worker (browser/worker.ts), and `check-page.js`, the page itself
 * (browser/page.ts, with KaTeX). Node's `fs` and `path` are replaced by
 * browser/shims (the engine is fed texts, so they are never reached).
 *
 * Strategy: an installed package ships the bundles in dist/browser/ (built
 * by `prepare`, so `npm pack` includes them) and has no esbuild. In a
 * checkout with esbuild installed, the bundles are rebuilt when a file under
 * src/ is newer than them, so the page never runs stale code.
 *
 * @example
 *   const { engine, page } = browserBundle();   // the two scripts' texts
 */
import * as fs from 'fs';
import * as path from 'path';

/** The package root: src/web → two up, dist/web → two up. */
const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'dist', 'browser');
const ENTRIES = { engine: 'worker.ts', page: 'page.ts' } as const;

/** The two scripts' texts. */
export interface BrowserBundle {
  engine: string;
  page: string;
}

/** Why the bundle is not there (no dist/browser and no esbuild to make it). */
export class BundleMissing extends Error {}

function newestUnder(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestUnder(p) : /\.ts$/.test(e.name) ? fs.statSync(p).mtimeMs : 0);
  }
  return t;
}

function outFile(k: keyof typeof ENTRIES): string {
  return path.join(OUT, `check-${k}.js`);
}

/**
 * Bundles both scripts into dist/browser/ with esbuild (a dev dependency).
 *
 * @example bundleBrowser()   // writes dist/browser/check-engine.js, check-page.js
 */
export function bundleBrowser(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const esbuild = require('esbuild') as typeof import('esbuild');
  const shims = path.join(ROOT, 'src', 'web', 'browser', 'shims');
  fs.mkdirSync(OUT, { recursive: true });
  for (const k of Object.keys(ENTRIES) as (keyof typeof ENTRIES)[]) {
    const r = esbuild.buildSync({
      entryPoints: [path.join(ROOT, 'src', 'web', 'browser', ENTRIES[k])], bundle: true, format: 'iife', platform: 'browser',
      target: ['es2020'], minify: true, legalComments: 'none', write: false, logLevel: 'silent',
      alias: { fs: path.join(shims, 'fs.ts'), path: path.join(shims, 'path.ts') },
    });
    const tmp = `${outFile(k)}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, r.outputFiles[0].text);
    fs.renameSync(tmp, outFile(k));
  }
}

function esbuildAvailable(): boolean {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/**
 * The scripts, rebuilt first when the sources are newer (checkout with esbuild).
 *
 * @example browserBundle().engine.length   // about 280 000
 */
export function browserBundle(): BrowserBundle {
  const src = path.join(ROOT, 'src');
  const have = (Object.keys(ENTRIES) as (keyof typeof ENTRIES)[]).every((k) => fs.existsSync(outFile(k)));
  if (fs.existsSync(path.join(src, 'web', 'browser', ENTRIES.page)) && esbuildAvailable()) {
    const built = have ? Math.min(...(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[]).map((k) => fs.statSync(outFile(k)).mtimeMs)) : 0;
    if (!have || newestUnder(src) > built) bundleBrowser();
  } else if (!have) {
    throw new BundleMissing(`the self-check page's scripts are missing (${OUT}): run "npm run build:web" in the rederive checkout`);
  }
  return { engine: fs.readFileSync(outFile('engine'), 'utf8'), page: fs.readFileSync(outFile('page'), 'utf8') };
}
