/**
 * `rederive new <id>`: writes a commented derivation file that verifies as
 * written, from `templates/derivation.yaml`, for an author to replace with
 * their own. It never overwrites: an existing file, or another derivation
 * with the same id, is refused.
 *
 * Strategy: fill the template's `{{id}}`, `{{title}}`, `{{file}}` and `{{build}}`, load
 * the result with the derivation loader before writing (so a title that
 * would break the YAML is caught here, not by the author), and create the
 * file with the exclusive flag, so a file that appears meanwhile is not
 * clobbered either.
 *
 * @example
 *   newDerivation({ id: 'variance', title: 'The variance identity', derivations: 'derivations' })
 *   // writes derivations/variance.yaml; returns 0
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadDerivation } from '../semantics/load';
import { PACKAGE_ROOT, derivationFiles } from './files';
import { UsageError, log } from './common';
import { makeFolder } from '../emit/safe-write';

/** Options of `rederive new`. */
export interface NewOptions {
  id: string;
  title?: string;
  /** Directory the file is written to (created if missing). */
  derivations: string;
  /** Template file (default: the package's templates/derivation.yaml). */
  template?: string;
}

/** The longest id (it names files: <id>.yaml, <id>.tex, <id>.html). */
const MAX_ID = 100;

/** The package's derivation template. */
export const TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'derivation.yaml');

/** A title from an id: `variance-identity` -> `Variance identity`. */
export function titleFromId(id: string): string {
  const words = id.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The template with its placeholders filled in. */
export function fillTemplate(template: string, id: string, title: string, file: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  const dir = path.dirname(file);
  const buildCmd = `npx rederive build ${id}${path.normalize(dir) === 'derivations' ? '' : ` --derivations ${dir}`}`;
  // a YAML double-quoted scalar accepts JSON string escapes
  return template
    .replace(/^# \{\{title\}\}$/m, `# ${oneLine}`)
    .replace(/\{\{title\}\}/g, JSON.stringify(oneLine))
    .replace(/\{\{build\}\}/g, buildCmd)
    .replace(/\{\{id\}\}/g, id)
    .replace(/\{\{file\}\}/g, file);
}

/** Writes a new derivation file; returns the exit code (throws UsageError when refused). */
export function newDerivation(argv: NewOptions): number {
  const { id } = argv;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    const fixed = id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    throw new UsageError(`invalid id "${id}": an id is lower-case letters, digits and dashes (it names the output file)${fixed ? `; e.g. "${fixed}"` : ''}`);
  }
  if (id.length > MAX_ID) throw new UsageError(`id "${id.slice(0, 40)}…" is ${id.length} characters long; an id names a file and has at most ${MAX_ID}`);
  const dir = argv.derivations;
  const file = path.join(dir, `${id}.yaml`);
  if (fs.existsSync(file)) throw new UsageError(`${file} already exists; refusing to overwrite it (choose another id, or edit the file)`);
  for (const other of derivationFiles(dir)) {
    const m = /^id:[ \t]*['"]?([a-z0-9-]+)/m.exec(fs.readFileSync(other, 'utf8'));
    if (m && m[1] === id) throw new UsageError(`${other} already has the id "${id}"; choose another id`);
  }
  const title = argv.title?.trim() || titleFromId(id);
  const text = fillTemplate(fs.readFileSync(argv.template ?? TEMPLATE, 'utf8'), id, title, file);
  loadDerivation(text, file); // the template must load as written
  makeFolder(dir);
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists; refusing to overwrite it`);
    throw e;
  }
  log(`wrote ${file}\nnext: edit it (guide: docs/authoring.md), then run  rederive check ${file}`);
  return 0;
}
