/**
 * `path` in the browser bundle: the few POSIX operations the engine's
 * modules use on names (never on a real file system).
 */
export const sep = '/';
export function join(...parts: string[]): string {
  return normalize(parts.filter(Boolean).join('/'));
}
export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(s);
  }
  return (abs ? '/' : '') + out.join('/');
}
export function basename(p: string, ext?: string): string {
  const b = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}
export function dirname(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}
export function extname(p: string): string {
  const m = /\.[^./]*$/.exec(basename(p));
  return m ? m[0] : '';
}
export const isAbsolute = (p: string): boolean => p.startsWith('/');
export const resolve = (...parts: string[]): string => join(...parts);
export const relative = (_from: string, to: string): string => to;
export default { sep, join, normalize, basename, dirname, extname, isAbsolute, resolve, relative };
