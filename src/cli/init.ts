/**
 * `rederive init <folder>`: scaffolds a course — derivations/ with one
 * example derivation, rules/ (a copy of the package's rules, to edit and add
 * to), contexts/course.yaml (notation aliases), course.yaml (handout title,
 * course, author, term, date, paper), rubric.yaml (grading), and answers/
 * with a correct and a flawed answer to the example, which `check` and
 * `grade` run on.
 *
 * Strategy: the files come from the package's templates/course/ and rules/;
 * `{{course}}` is filled with the folder's name. Nothing is overwritten: a
 * folder that exists and is not empty is refused before anything is written.
 *
 * @example
 *   init({ folder: 'stats101' })   // writes stats101/…; returns 0
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_ROOT } from './files';
import { UsageError, log } from './common';

/** Options of `rederive init`. */
export interface InitOptions {
  folder: string;
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => (e.isDirectory()
    ? filesUnder(path.join(dir, e.name), path.join(prefix, e.name))
    : [path.join(prefix, e.name)]));
}

/** Scaffolds a course; returns the exit code (throws UsageError when refused). */
export function init(argv: InitOptions): number {
  const dest = argv.folder;
  if (fs.existsSync(dest) && (!fs.statSync(dest).isDirectory() || fs.readdirSync(dest).length)) {
    throw new UsageError(`${dest} exists and is not an empty folder; refusing to write a course into it`);
  }
  const course = path.basename(path.resolve(dest));
  const plan = new Map<string, string>();
  const tpl = path.join(PACKAGE_ROOT, 'templates', 'course');
  for (const f of filesUnder(tpl)) plan.set(f, fs.readFileSync(path.join(tpl, f), 'utf8').replace(/\{\{course\}\}/g, course.replace(/["\\]/g, '')));
  const rules = path.join(PACKAGE_ROOT, 'rules');
  for (const f of filesUnder(rules)) if (/\.ya?ml$/.test(f)) plan.set(path.join('rules', f), fs.readFileSync(path.join(rules, f), 'utf8'));
  for (const [f, text] of plan) {
    const file = path.join(dest, f);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' });
  }
  const cd = path.relative(process.cwd(), path.resolve(dest)) || '.';
  log(`wrote a course in ${cd}/: ${[...new Set([...plan.keys()].map((f) => f.split(path.sep)[0]))].join(', ')}`);
  log(`next:\n  cd ${cd}\n  npx rederive check answers/flawed.md --derivation variance\n  npx rederive build`);
  return 0;
}
