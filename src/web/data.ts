/**
 * The course as data for the browser: the texts of the derivation files, the
 * rule files and the notation table, read from disk by `rederive build` and
 * embedded in output/check.html. Nothing is parsed here; the page parses the
 * texts with the same loaders the command line uses (engine.ts).
 *
 * @example
 *   const data = readCourseData('derivations', 'rules', 'contexts/course.yaml');
 *   data.derivations.map((f) => f.file)   // ['derivations/gaussian-kl.yaml', …]
 */
import * as fs from 'fs';
import * as path from 'path';

/** One file: the name it is reported under, and its text. */
export interface DataFile {
  file: string;
  text: string;
}

/** Everything the self-check page needs to check an answer. */
export interface CourseBundle {
  derivations: DataFile[];
  rules: DataFile[];
  /** The notation table (contexts/course.yaml), when there is one. */
  course?: DataFile;
}

function yamlFiles(dir: string): DataFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
    .map((f) => ({ file: path.join(path.basename(dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Reads the course's files (already located: project or package folders).
 * Files are named `derivations/x.yaml`, `rules/y.yaml` in the page, never by
 * the builder's absolute paths.
 *
 * @example readCourseData('/abs/derivations', '/abs/rules', '/abs/contexts/course.yaml').rules.length
 */
export function readCourseData(derivationsDir: string, rulesDir: string, courseFile?: string): CourseBundle {
  const out: CourseBundle = { derivations: yamlFiles(derivationsDir), rules: yamlFiles(rulesDir) };
  if (courseFile && fs.existsSync(courseFile)) out.course = { file: path.join('contexts', path.basename(courseFile)), text: fs.readFileSync(courseFile, 'utf8') };
  return out;
}
