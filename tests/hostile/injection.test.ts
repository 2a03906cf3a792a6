/// <reference lib="dom" />
/**
 * Injection from hostile input: a derivation file whose prose tries to reach
 * the .tex (`\gdef`, `\input`, `\write18`, `^^5c`, hypothesis names in
 * `\tag*{…}`) or the page (`<script>`, `on*=`, `\href{javascript:…}`), and
 * an answer with terminal escape sequences, HTML and TeX primitives. What is
 * checked: the .tex carries none of those commands and still compiles; the
 * terminal, JSON and HTML reports carry no control character; CSV cells are
 * defused; the pages run no script in headless Chromium.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, BrowserContext } from 'playwright-core';
import { loadDerivationFile } from '../../src/semantics/load';
import { checkDerivation } from '../../src/check/derivation';
import { latexDocument } from '../../src/emit/latex-doc';
import { proseSegments } from '../../src/emit/prose';
import { isSafeTexMath, escapeControls, neutraliseCsvCell } from '../../src/emit/escape';
import { lookupNotation } from '../../src/notation/table';
import { gradeCsv } from '../../src/emit/grade-csv';
import { parseExpr } from '../../src/parse';
import { check } from '../../src/cli/check';
import { build } from '../../src/cli/build';
import { makePdf } from '../../src/cli/pdf';

const ROOT = path.join(__dirname, '..', '..');
const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile');
const CHROMIUM = process.env.REDERIVE_CHROMIUM ?? '/usr/bin/chromium';
const DANGEROUS = /\\(gdef|edef|xdef|def|let|input|include|write|immediate|openout|openin|read|catcode|csname|href|url|htmlClass|special|newcommand|renewcommand)(?![A-Za-z])/;
/** Control characters a terminal acts on (tab and newline aside). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;

jest.setTimeout(180_000);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-injection-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `f` with standard output and error captured. */
function capture(f: () => number): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: f(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('LaTeX from derivation files', () => {
  const texOf = () => {
    const d = loadDerivationFile(path.join(HOSTILE, 'injected.yaml'));
    return latexDocument([{ derivation: d, report: checkDerivation(d, { seed: 1 }) }]);
  };

  test('no \\gdef, \\input, \\write, \\catcode, \\href or ^^ from prose, notes or hypothesis names reaches the .tex', () => {
    const tex = texOf();
    const body = tex.slice(tex.indexOf('\\begin{document}'));
    // what the printer escaped is shown as \textbackslash{}: take that out and nothing dangerous is left
    const unescaped = body.replace(/\\textbackslash\\?\{\\?\}/g, '');
    expect(unescaped).not.toMatch(DANGEROUS);
    expect(body).not.toMatch(/\^\^/);
    // the hypothesis name in \tag*{…} is escaped text: the tag's braces still balance
    const tag = body.slice(body.indexOf('\\tag*{'));
    expect(tag).toContain('given unit\\}\\textbackslash\\{\\}input\\{/etc/hostname\\}');
    // the honest mathematics is still printed and proved
    expect(body).toMatch(/\\tag\*\{.*\\proved\}/);
  });

  test('the .tex compiles with pdflatex (the escaped prose is valid LaTeX)', () => {
    const file = path.join(tmp, 'injected.tex');
    fs.writeFileSync(file, texOf());
    const r = makePdf(file, { force: true });
    if (r.status === 'missing-tool') throw new Error(r.message);
    expect([r.status, r.status === 'failed' ? r.message : '']).toEqual(['written', '']);
  });

  test('math in prose passes only with known commands; every shipped derivation\'s prose math still passes', () => {
    const known = (c: string) => !!lookupNotation(c);
    expect(isSafeTexMath('p_{\\theta}(x) \\neq \\mathbb{E}_{x}[x]', known)).toBe(true);
    for (const bad of ['\\gdef\\proved{x}', '\\input{/etc/hostname}', '\\write18{id}', '^^5cinput{x}', 'a # b', '50 % c', 'x \\\\ y', 'x}{', '\\csname x\\endcsname']) {
      expect([bad, isSafeTexMath(bad, known)]).toEqual([bad, false]);
    }
    const dir = path.join(ROOT, 'derivations');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const d = loadDerivationFile(path.join(dir, f));
      const prose = [d.title, d.summary ?? '', ...d.chains.flatMap((c) => c.steps.map((s) => s.note ?? ''))];
      for (const p of prose) for (const seg of proseSegments(p)) if (seg.kind === 'math') expect([f, seg.tex, isSafeTexMath(seg.tex, known)]).toEqual([f, seg.tex, true]);
    }
  });

  test('students\' \\input and \\write18 are not mathematics: the parser refuses them, so no tree (and no .tex) carries them', () => {
    expect(() => parseExpr('\\input{/etc/passwd}')).toThrow(/unknown command \\input/);
    expect(() => parseExpr('\\write18{id}')).toThrow(/unknown command \\write/);
  });
});

describe('control characters and formulas in echoed input', () => {
  test('escapeControls writes ESC, BEL, C1 and bidi overrides visibly; tab and newline stay', () => {
    expect(escapeControls('a\x1b]0;t\x07b\x9b\u202e\tc\n')).toBe('a\\x1b]0;t\\x07b\\x9b\\u202e\tc\n');
  });

  test('CSV cells that a spreadsheet would run as formulas start with \'', () => {
    for (const name of ['=HYPERLINK("http://evil","x").md', '+cmd|calc!A0.md', '-2+3.md', '@SUM(A1).md', '\tx.md', '\rx.md']) {
      expect(neutraliseCsvCell(name).startsWith(`'`)).toBe(true);
    }
    const csv = gradeCsv([{ name: '=HYPERLINK("http://evil","x").md', result: { status: 'error', message: '+cmd|calc!A0' } } as never]);
    const row = csv.split('\r\n')[1];
    expect(row.startsWith(`"'=HYPERLINK(""http://evil"",""x"").md"`)).toBe(true);
    expect(row).toContain(`'+cmd|calc!A0`);
    expect(neutraliseCsvCell('alice.md')).toBe('alice.md');
  });

  const answer = path.join(HOSTILE, 'attack.md');
  const args = { file: answer, rules: path.join(ROOT, 'rules'), seed: 1, derivations: path.join(ROOT, 'derivations') };

  test('terminal and JSON reports of an answer with escape sequences carry no control character', () => {
    const text = capture(() => check({ ...args, format: 'text' }));
    expect(text.out).toContain('\\x1b');
    expect(text.out).not.toMatch(CONTROL);
    expect(text.err).not.toMatch(CONTROL);
    const json = capture(() => check({ ...args, format: 'json' }));
    expect(json.out).not.toMatch(CONTROL);
    expect(JSON.stringify(JSON.parse(json.out))).not.toMatch(/\\u001b|\\u0007/);
  });

  describe('pages built from hostile input run no script in headless Chromium', () => {
    let context: BrowserContext;
    let userData: string;
    const pages: string[] = [];

    beforeAll(async () => {
      const ders = path.join(tmp, 'derivations');
      fs.mkdirSync(ders);
      for (const f of ['injected.yaml', 'html-attack.yaml']) fs.copyFileSync(path.join(HOSTILE, f), path.join(ders, f));
      const site = path.join(tmp, 'site');
      capture(() => build({ ids: [], out: site, derivations: ders, rules: path.join(ROOT, 'rules'), seed: 1 }));
      // injected.yaml's \\write is refused by KaTeX (the unit is not built, the index says why); html-attack.yaml is built
      pages.push(...['index.html', 'html-attack.html', 'rules.html'].map((f) => path.join(site, f)));
      const page = path.join(tmp, 'answer', 'attack.html');
      const r = capture(() => check({ ...args, format: 'html', out: page }));
      expect(r.err).toContain('wrote');
      pages.push(page);
      for (const p of pages) expect(fs.existsSync(p)).toBe(true);
      userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-chromium-'));
      context = await chromium.launchPersistentContext(userData, {
        executablePath: CHROMIUM, offline: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
    });

    afterAll(async () => {
      await context?.close();
      if (userData) fs.rmSync(userData, { recursive: true, force: true });
    });

    test('no dialog, no script element, no on* attribute, no javascript: link; the hostile text is shown as text', async () => {
      for (const file of pages) {
        const html = fs.readFileSync(file, 'utf8');
        expect(html).not.toMatch(CONTROL);
        const page = await context.newPage();
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(`file://${file}`);
        await page.waitForTimeout(300);
        const found = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
          scripts: document.querySelectorAll('script').length,
          handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
          jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
          text: document.body.textContent ?? '',
        }));
        await page.close();
        expect({ file: path.basename(file), dialogs, pwned: found.pwned, scripts: found.scripts, handlers: found.handlers, jsLinks: found.jsLinks })
          .toEqual({ file: path.basename(file), dialogs: [], pwned: 0, scripts: 0, handlers: [], jsLinks: 0 });
        if (/html-attack/.test(file)) expect(found.text).toMatch(/<script>/); // shown as text, not run
      }
    });
  });
});
