/**
 * `rederive build`: checks derivations and writes the handouts — per
 * derivation `<id>.tex` and `<id>.html`; for a full build also `handout.tex`,
 * `index.html`, `rules.html`, `style.css` and KaTeX's stylesheet and fonts;
 * with `--pdf`, `handout.pdf` (or `<id>.pdf` for the derivations named).
 *
 * Strategy: each derivation is one unit — loaded, checked, and rendered to
 * strings (LaTeX and HTML, every formula through KaTeX) before anything of it
 * is written. A unit that fails at any stage (a mistake in its file, a
 * formula KaTeX refuses, an exception in the checker) writes nothing, keeps
 * its previous files, and is reported with `file:line:column`; the other
 * derivations are built all the same. Every file is written through a
 * temporary file and a rename, and only when its content changed, so a
 * second build of unchanged input writes nothing. Pages hold nothing
 * time-dependent, which is what makes that true.
 *
 * Exit code: 0 when every derivation was built and every step verified;
 * 1 when a step did not verify, or a page or the PDF could not be made;
 * 2 when a derivation file could not be read, an output file could not be
 * written (or --pdf has no LaTeX).
 *
 * @example
 *   build({ ids: [], out: 'output', derivations: 'derivations', rules: 'rules', seed: 1, pdf: false })  // exit code
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkDerivation, allVerified, DerivationReport } from '../check/derivation';
import { latexDocument, Checked } from '../emit/latex-doc';
import { derivationPage } from '../emit/html-derivation';
import { indexPage, rulesPage, BuildFailure } from '../emit/html-index';
import { STYLE_CSS } from '../emit/html-style';
import { STYLESHEET } from '../emit/html-page';
import { copyKatexAssets } from '../emit/assets';
import { loadDerivationFile } from '../semantics/load';
import type { Derivation } from '../semantics/derivation';
import type { Rule } from '../semantics/rules';
import { SourceError } from '../parse/error';
import { writeIfChanged, derivationFiles, locate } from './files';
import { loadCheckedRules, log, UsageError } from './common';
import { makePdf } from './pdf';
import { sourcesLine } from './sources';
import { latexSheet } from '../emit/latex-sheet';
import { parseHandoutMeta, DEFAULT_META, type HandoutMeta } from '../emit/handout-meta';
import { selfCheckPage, CHECK_PAGE } from '../web/check-page';
import { userError } from './errors';
import { escapeControlsDeep } from '../emit/escape';

/** Write errors that no other file would escape: the build stops at the first. */
const STOP_WRITING = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

/** Options of `rederive build`. */
export interface BuildOptions {
  ids: string[];
  out: string;
  derivations: string;
  rules: string;
  seed: number;
  pdf?: boolean;
  /** Also write the exercise sheet (sheet.tex, or <id>-sheet.tex for the ids named). */
  sheet?: boolean;
  /** Verdict marks in the LaTeX handouts (false: --no-marks). */
  marks?: boolean;
}

/** The course file: handout title page and paper size (course.yaml in the working directory). */
export const COURSE_FILE = 'course.yaml';

function readMeta(): HandoutMeta {
  return fs.existsSync(COURSE_FILE) ? parseHandoutMeta(fs.readFileSync(COURSE_FILE, 'utf8'), COURSE_FILE) : DEFAULT_META;
}

/** The first line of an error message (a SourceError's message continues with the source line and a caret). */
function firstLine(msg: string): string {
  return msg.split('\n')[0];
}

/**
 * Loads every derivation file, keeping going past a file with a mistake;
 * refuses a duplicate id, and selects `ids` when given.
 *
 * @example
 *   loadEach('derivations', rules, [])   // { loaded: [...], failed: [] }
 */
export function loadEach(dir: string, rules: Map<string, Rule>, ids: string[]): { loaded: Derivation[]; failed: BuildFailure[] } {
  const files = derivationFiles(locate(dir));
  if (!files.length) throw new UsageError(`no derivation files (*.yaml) in ${dir}`);
  const loaded: Derivation[] = [];
  const failed: BuildFailure[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const d = loadDerivationFile(file, new Set(rules.keys()));
      const prev = seen.get(d.id);
      if (prev) throw new UsageError(`${d.file}: duplicate id "${d.id}" (also in ${prev})`);
      seen.set(d.id, d.file);
      loaded.push(d);
    } catch (e) {
      if (!(e instanceof SourceError || e instanceof UsageError)) throw e;
      failed.push({ file, message: (e as Error).message });
    }
  }
  if (!ids.length) return { loaded, failed };
  const pick = ids.map((id) => {
    const d = loaded.find((x) => x.id === id);
    if (!d) throw new UsageError(`no derivation "${id}" (have: ${loaded.map((x) => x.id).join(', ')})${failed.length ? `; unreadable: ${failed.map((f) => f.file).join(', ')}` : ''}`);
    return d;
  });
  return { loaded: pick, failed: [] };
}

/** One derivation rendered: its files' contents, not yet written. */
interface Unit extends Checked {
  files: Map<string, string>;
}

/** Checks and renders one derivation; throws on any failure, having written nothing. */
function buildUnit(d: Derivation, seed: number, out: string, meta: HandoutMeta, marks: boolean, rules?: Map<string, Rule>): Unit {
  const report: DerivationReport = escapeControlsDeep(checkDerivation(d, { seed, rules })); // nothing echoed carries a control character
  const c: Checked = { derivation: d, report };
  const files = new Map<string, string>([
    [path.join(out, `${d.id}.tex`), latexDocument([c], { meta: { ...meta, title: undefined }, marks })],
    [path.join(out, `${d.id}.html`), derivationPage(c)],
  ]);
  return { ...c, files };
}

/** Runs a build; returns the exit code. */
export function build(argv: BuildOptions): number {
  const t0 = Date.now();
  const out = argv.out;
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is not a folder (build writes a folder of files)`);
  const rules = loadCheckedRules(argv.rules);
  const meta = readMeta();
  const marks = argv.marks !== false;
  log(sourcesLine(argv.derivations, argv.rules));
  const { loaded, failed } = loadEach(argv.derivations, rules, argv.ids);
  const unreadable = failed.length > 0;
  for (const f of failed) log(`✗ ${f.file}: could not be read:\n    ${f.message.split('\n').join('\n    ')}`);

  const built: Unit[] = [];
  const unverified: { id: string; file: string; lines: string[] }[] = [];
  loaded.forEach((d, i) => {
    const t1 = Date.now();
    let unit: Unit;
    try {
      unit = buildUnit(d, argv.seed, out, meta, marks, rules);
    } catch (e) {
      const msg = (e as Error).message;
      failed.push({ file: d.file, id: d.id, message: msg.startsWith(d.file) || /^\S+:\d+:\d+: /.test(msg) ? msg : `${d.file}: ${msg}` });
      log(`[${i + 1}/${loaded.length}] ✗ ${d.id}: not built: ${firstLine(failed[failed.length - 1].message)}`);
      return;
    }
    built.push(unit);
    const good = allVerified(unit.report);
    const m = unit.report.summary;
    log(`[${i + 1}/${loaded.length}] ${good ? '✓' : '✗'} ${d.id}: ${m.proved} proved, ${m.numeric} numeric, ${m.refuted} refuted, ${m.unknown} unknown, ${m.error} error (${Date.now() - t1} ms)`);
    if (!good) {
      const lines = unit.report.steps.filter((x) => x.verdict !== 'proved' && x.verdict !== 'numeric')
        .map((s) => `${d.file}:${s.line}:${s.column}: step ${s.index} ${s.verdict}${s.diagnosis ? `: ${s.diagnosis.message}` : ''}${s.message ? `: ${s.message}` : ''}`);
      for (const l of lines) log(`    ${l}`);
      unverified.push({ id: d.id, file: d.file, lines });
    }
  });

  // The whole-site files, from what was built; with ids, only those derivations' own files,
  // unless the output folder has no site yet: then a complete one, of the derivations named.
  const files = new Map<string, string>();
  for (const u of built) for (const [f, text] of u.files) files.set(f, text);
  let siteError: string | null = null;
  const site = !argv.ids.length || !fs.existsSync(path.join(out, 'index.html'));
  if (argv.sheet) {
    try {
      if (argv.ids.length) for (const u of built) files.set(path.join(out, `${u.derivation.id}-sheet.tex`), latexSheet([u.derivation], { meta }));
      else files.set(path.join(out, 'sheet.tex'), latexSheet(built.map((u) => u.derivation), { meta }));
    } catch (e) {
      siteError = (e as Error).message;
      log(`✗ the exercise sheet could not be made: ${siteError}`);
    }
  }
  if (site) {
    try {
      files.set(path.join(out, 'handout.tex'), latexDocument(built, { meta, marks }));
      files.set(path.join(out, 'rules.html'), rulesPage(rules, built));
      files.set(path.join(out, 'index.html'), indexPage({ built, failed, files: { pdf: !!argv.pdf, sheet: !!argv.sheet } }));
    } catch (e) {
      siteError = (e as Error).message;
      log(`✗ the index, rules page or handout.tex could not be made: ${siteError}`);
    }
  }
  // the self-check page: the course's files and the engine, for the browser
  if (site) {
    try {
      const all = argv.ids.length ? undefined : { derivations: loaded, failed: failed.filter((f) => !f.id).map((f) => ({ file: f.file, message: f.message })) };
      files.set(path.join(out, CHECK_PAGE), selfCheckPage(locate(argv.derivations), locate(argv.rules), locate(path.join('contexts', 'course.yaml')), all));
    } catch (e) {
      siteError = (e as Error).message;
      log(`✗ ${CHECK_PAGE} could not be made: ${siteError}`);
    }
  }
  files.set(path.join(out, STYLESHEET), STYLE_CSS);
  const written: string[] = [];
  let writeFailed = false;
  for (const [f, text] of files) {
    try {
      if (writeIfChanged(f, text) === 'written') written.push(f);
    } catch (e) {
      // a file that cannot be written is reported; a full or read-only disk stops the build (one line, exit 2)
      const u = userError(e);
      if (!u || STOP_WRITING.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
      log(`✗ ${u.message}`);
      writeFailed = true;
    }
  }
  written.push(...copyKatexAssets(out));

  let pdfCode = 0;
  if (argv.pdf) {
    const texs = argv.ids.length ? built.map((u) => path.join(out, `${u.derivation.id}.tex`)) : siteError ? [] : [path.join(out, 'handout.tex')];
    if (argv.sheet && !siteError) texs.push(...(argv.ids.length ? built.map((u) => path.join(out, `${u.derivation.id}-sheet.tex`)) : [path.join(out, 'sheet.tex')]));
    for (const tex of texs) {
      const r = makePdf(tex);
      if (r.status === 'written') written.push(r.file);
      else if (r.status === 'missing-tool') {
        log(`rederive: ${r.message}`);
        pdfCode = 2;
        break;
      } else if (r.status === 'failed') {
        log(`✗ ${r.file} not made (${r.tool} failed):\n    ${r.message.split('\n').join('\n    ')}`);
        pdfCode = Math.max(pdfCode, 1);
      }
    }
  }

  const fonts = written.filter((f) => f.includes(`${path.sep}katex${path.sep}`)).length;
  const named = written.filter((f) => !f.includes(`${path.sep}katex${path.sep}`));
  if (!written.length) log(`output up to date (${out})`);
  else log(`wrote ${named.join(', ')}${fonts ? `${named.length ? ', and ' : ''}${fonts} KaTeX stylesheet and font files` : ''}`);
  if (failed.length || unverified.length) {
    log(`failed: ${failed.length + unverified.length} of ${loaded.length + (unreadable ? failed.length : 0)} derivations`);
    for (const f of failed) log(`  ${f.id ?? path.basename(f.file)}: ${f.id ? 'not built' : 'unreadable'}: ${firstLine(f.message)}`);
    for (const u of unverified) {
      log(`  ${u.id}: ${u.lines.length} step${u.lines.length > 1 ? 's' : ''} did not verify, first ${u.lines[0]}`);
    }
  }
  log(`done in ${Date.now() - t0} ms`);
  const code = unreadable || writeFailed ? 2 : failed.length || unverified.length || siteError ? 1 : 0;
  return Math.max(code, pdfCode);
}
