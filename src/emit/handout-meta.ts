/**
 * The course file (`course.yaml` at the project's root): what the handouts
 * print on their first page — title, course, author, term, date — and the
 * paper size (A4 or Letter). Every key is optional; a mistake is a
 * SourceError with file, line and column.
 *
 *   title: Worked derivations
 *   course: STAT 201
 *   author: A. Lecturer
 *   term: Autumn 2026
 *   date: 1 December 2026      (printed as written; none when empty)
 *   paper: a4                  (a4 or letter; default a4)
 *
 * @example
 *   parseHandoutMeta('course: STAT 201\npaper: letter\n', 'course.yaml')   // { course: 'STAT 201', paper: 'letter' }
 */
import { isMap, isScalar } from 'yaml';
import { YamlSource, pairs, checkKeys } from '../semantics/yaml-source';

/** What the course file sets. */
export interface HandoutMeta {
  title?: string;
  course?: string;
  author?: string;
  term?: string;
  date?: string;
  paper: 'a4' | 'letter';
  /** The file it came from, when there was one. */
  file?: string;
}

/** The keys of the course file. */
export const META_KEYS = ['title', 'course', 'author', 'term', 'date', 'paper'] as const;

/** No course file: A4, nothing else. */
export const DEFAULT_META: HandoutMeta = { paper: 'a4' };

/**
 * Reads the course file's text.
 *
 * @example parseHandoutMeta('paper: A5', 'course.yaml')   // throws: course.yaml:1:8: paper is a4 or letter …
 */
export function parseHandoutMeta(text: string, file: string): HandoutMeta {
  const L = new YamlSource(text, file);
  const root = L.parse();
  const meta: HandoutMeta = { ...DEFAULT_META, file };
  if (!root) return meta;
  if (!isMap(root)) throw L.errorNode(`the course file is a mapping with keys ${META_KEYS.join(', ')}`, root);
  checkKeys(L, root, [...META_KEYS], 'the course file');
  for (const p of pairs(root)) {
    const key = String((p.key as { value?: unknown }).value) as (typeof META_KEYS)[number];
    if (!p.value || (isScalar(p.value) && (p.value.value === null || p.value.value === ''))) continue;
    const v = isScalar(p.value) && typeof p.value.value !== 'object' ? String(p.value.value).trim() : L.str(p.value, key).value;
    if (key === 'paper') {
      const paper = v.toLowerCase();
      if (paper !== 'a4' && paper !== 'letter') throw L.errorNode(`paper is a4 or letter, not "${v}"`, p.value);
      meta.paper = paper;
    } else if (v) meta[key] = v;
  }
  return meta;
}
