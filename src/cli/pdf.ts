/**
 * `rederive build --pdf`: turns a written .tex handout into a PDF with
 * latexmk or pdflatex, whichever is installed.
 *
 * Strategy: compile in a temporary directory (the output directory gets no
 * .aux or .log litter), then move the PDF into place with a rename, so a
 * failed compile leaves the previous PDF untouched. A PDF is rebuilt only
 * when its .tex changed: the SHA-256 of the .tex it was made from is kept in
 * `<out>/.rederive-pdf.json`. A LaTeX error is reported as
 * `output/handout.tex:LINE: message` from the log (`-file-line-error`).
 *
 * @example
 *   makePdf('output/handout.tex')   // { status: 'written', file: 'output/handout.pdf', tool: 'pdflatex' }
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { sha256, writeBytesIfChanged } from '../emit/assets';
import { writeIfChanged } from './files';

/** What to tell a user whose machine has no LaTeX. */
export const INSTALL_HINT = 'install it with: apt-get install texlive-latex-base (Debian/Ubuntu; other systems: TeX Live or MiKTeX)';

/** The outcome of one PDF. */
export type PdfResult =
  | { status: 'written' | 'unchanged'; file: string; tool: string }
  | { status: 'failed'; file: string; tool: string; message: string }
  | { status: 'missing-tool'; file: string; message: string };

/**
 * The first of `names` found on PATH, as an absolute path.
 *
 * @example
 *   findOnPath(['latexmk', 'pdflatex'])   // '/usr/bin/pdflatex' (when latexmk is not installed)
 */
export function findOnPath(names: string[], envPath = process.env.PATH ?? ''): string | null {
  for (const name of names) {
    for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const MANIFEST = '.rederive-pdf.json';

function readManifest(dir: string): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** `file:line: message` for each error in a LaTeX log written with -file-line-error, naming `texFile`. */
function logErrors(log: string, texFile: string): string[] {
  const errors: string[] = [];
  const lines = log.split('\n');
  lines.forEach((l, i) => {
    const m = /^(?:\.\/)?[^:\s]*\.tex:(\d+): (.*)$/.exec(l);
    if (m) errors.push(`${texFile}:${m[1]}: ${m[2]}${lines[i + 1]?.startsWith('l.') ? ` (${lines[i + 1].trim()})` : ''}`);
  });
  if (!errors.length) {
    const bang = lines.find((l) => l.startsWith('! '));
    if (bang) errors.push(`${texFile}: ${bang.slice(2)}`);
  }
  return errors;
}

/**
 * Compiles `texFile` into the PDF beside it (`handout.tex` → `handout.pdf`).
 *
 * @example
 *   makePdf('output/handout.tex').status   // 'written' | 'unchanged' | 'failed' | 'missing-tool'
 */
export function makePdf(texFile: string, opts: { envPath?: string; force?: boolean } = {}): PdfResult {
  const dir = path.dirname(texFile);
  const base = path.basename(texFile, '.tex');
  const pdfFile = path.join(dir, `${base}.pdf`);
  const exe = findOnPath(['latexmk', 'pdflatex'], opts.envPath);
  if (!exe) return { status: 'missing-tool', file: pdfFile, message: `--pdf needs pdflatex (or latexmk), which is not installed; ${INSTALL_HINT}` };
  const tool = path.basename(exe);
  const tex = fs.readFileSync(texFile);
  const hash = sha256(tex);
  const manifest = readManifest(dir);
  if (!opts.force && manifest[`${base}.pdf`] === hash && fs.existsSync(pdfFile)) return { status: 'unchanged', file: pdfFile, tool };

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-pdf-'));
  try {
    fs.writeFileSync(path.join(work, `${base}.tex`), tex);
    const flags = ['-interaction=nonstopmode', '-halt-on-error', '-file-line-error'];
    const args = tool === 'latexmk' ? ['-pdf', '-quiet', ...flags, `${base}.tex`] : [...flags, `${base}.tex`];
    const env = { ...process.env, TEXMFOUTPUT: work };
    let r = spawnSync(exe, args, { cwd: work, encoding: 'utf8', timeout: 180_000, env });
    const logFile = path.join(work, `${base}.log`);
    const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'latin1') : `${r.stdout ?? ''}${r.stderr ?? ''}`);
    // pdflatex alone: a second pass when the first asks for one (labels, references)
    if (tool === 'pdflatex' && r.status === 0 && /Rerun to get/.test(log())) r = spawnSync(exe, args, { cwd: work, encoding: 'utf8', timeout: 180_000, env });
    const out = path.join(work, `${base}.pdf`);
    if (r.status !== 0 || !fs.existsSync(out)) {
      const errors = logErrors(log(), texFile);
      const why = r.error ? r.error.message : errors.length ? errors.join('\n') : `${tool} exited with ${r.status}`;
      return { status: 'failed', file: pdfFile, tool, message: why };
    }
    writeBytesIfChanged(pdfFile, fs.readFileSync(out));
    manifest[`${base}.pdf`] = hash;
    writeIfChanged(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return { status: 'written', file: pdfFile, tool };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
