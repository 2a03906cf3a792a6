/**
 * KaTeX's stylesheet and fonts travel with the pages: every file the
 * stylesheet refers to is copied, and a second copy writes nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyKatexAssets, katexAssetFiles, writeBytesIfChanged } from '../../src/emit/assets';

describe('copyKatexAssets', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-assets-'));
  let first: string[];
  beforeAll(() => {
    first = copyKatexAssets(out);
  });

  test('copies the stylesheet and every font it refers to', () => {
    const files = katexAssetFiles();
    expect(files[0]).toBe('katex.min.css');
    expect(files.filter((f) => f.endsWith('.woff2')).length).toBeGreaterThan(15);
    expect(first).toHaveLength(files.length);
    const css = fs.readFileSync(path.join(out, 'katex', 'katex.min.css'), 'utf8');
    for (const m of css.matchAll(/url\(([^)]+)\)/g)) expect(fs.existsSync(path.join(out, 'katex', m[1]))).toBe(true);
  });

  test('a second copy writes nothing', () => {
    expect(copyKatexAssets(out)).toEqual([]);
  });

  test('writes through a temporary file and leaves none behind', () => {
    const f = path.join(out, 'x.bin');
    expect(writeBytesIfChanged(f, Buffer.from([1, 2, 3]))).toBe('written');
    expect(writeBytesIfChanged(f, Buffer.from([1, 2, 3]))).toBe('unchanged');
    expect(writeBytesIfChanged(f, Buffer.from([1, 2, 4]))).toBe('written');
    expect(fs.readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
