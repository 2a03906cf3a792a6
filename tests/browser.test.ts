/// <reference lib="dom" />
/**
 * The HTML handouts in a real browser: Debian's Chromium, headless, through
 * playwright-core (which never downloads a browser of its own). The pages are
 * opened from disk (file://), as a reader who downloaded output/ would.
 * Checked: every formula rendered with KaTeX's own fonts (copied beside the
 * pages), no KaTeX error and no raw LaTeX in what a reader sees, a verdict
 * badge on every step, evidence that opens on click, no sideways scrolling
 * on a phone. Screenshots go to output/screenshots/ for a person to look at.
 *
 * Chromium missing is a failure, not a skip: `.ci/run` installs it
 * (apt-get install chromium); REDERIVE_CHROMIUM names another executable.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { build } from '../src/cli/build';

const ROOT = path.join(__dirname, '..');
const CHROMIUM = process.env.REDERIVE_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'output', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(120_000);

let out: string;
let userData: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed (${CHROMIUM}): .ci/run installs it with "apt-get install -y chromium"; or set REDERIVE_CHROMIUM`);
  }
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-browser-'));
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    build({ ids: [], out, derivations: path.join(ROOT, 'derivations'), rules: path.join(ROOT, 'rules'), seed: 20261124 });
  } finally {
    spy.mockRestore();
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-chromium-'));
  context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 900 }, offline: true,
  });
});

afterAll(async () => {
  await context?.close();
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
});

async function open(file: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`file://${path.join(out, file)}`);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** What a reader sees as text: without KaTeX's hidden MathML copy and without source shown as code. */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('.katex-mathml, code').forEach((n) => n.remove());
    return body.textContent ?? '';
  });
}

/** The derivation pages the index links to. */
async function derivationLinks(): Promise<string[]> {
  const page = await open('index.html');
  const links = await page.$$eval('table.derivations td > a', (as) => as.map((a) => a.getAttribute('href')!));
  await page.close();
  return links;
}

test('index.html: every derivation listed with a status badge; formulas rendered; screenshot', async () => {
  const page = await open('index.html');
  expect(await page.locator('.katex-error').count()).toBe(0);
  const rows = page.locator('table.derivations tbody tr');
  const n = await rows.count();
  expect(n).toBe(fs.readdirSync(path.join(ROOT, 'derivations')).filter((f) => f.endsWith('.yaml')).length);
  for (let i = 0; i < n; i++) expect(await rows.nth(i).locator('.badge').first().isVisible()).toBe(true);
  const text = await visibleText(page);
  expect(text).not.toMatch(/\\frac|\\[A-Za-z]+|\$/);
  await page.screenshot({ path: path.join(SHOTS, 'index.png'), fullPage: true });
  await page.close();
});

test('every derivation page: formulas rendered with KaTeX fonts, a badge per step, no raw LaTeX', async () => {
  for (const href of await derivationLinks()) {
    const page = await open(href);
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.katex').count()).toBeGreaterThan(3);
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math'))).toBe(true);
    const fontFamily = await page.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
    expect(fontFamily).toContain('KaTeX_Main');
    const steps = page.locator('li.step:not(.start)');
    const n = await steps.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await expect(steps.nth(i).locator('.badge').count()).resolves.toBe(1);
      expect(await steps.nth(i).locator('.badge').isVisible()).toBe(true);
    }
    expect(await visibleText(page)).not.toMatch(/\\frac|\\left|\\mathbb|\$/);
    await page.close();
  }
});

test('a step\'s evidence opens on click; screenshots on a laptop, a phone, and in print', async () => {
  const links = await derivationLinks();
  const href = links.includes('mle-kl.html') ? 'mle-kl.html' : links[0];
  const page = await open(href);
  const closed = page.locator('li.step details.evidence:not([open])').first();
  expect(await closed.locator('dl').isVisible()).toBe(false);
  await closed.locator('summary').click();
  const opened = page.locator('li.step details.evidence[open]').first();
  await expect(opened.locator('dl').isVisible()).resolves.toBe(true);
  const evidence = await opened.locator('dl').innerText();
  expect(evidence).toMatch(/Numeric test/);
  expect(evidence).toMatch(/Seed/);
  await page.screenshot({ path: path.join(SHOTS, href.replace(/\.html$/, '.png')), fullPage: true });

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(SHOTS, href.replace(/\.html$/, '-print.png')), fullPage: true });
  await page.close();

  const phone = await open(href, { width: 390, height: 844 });
  const sideways = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: path.join(SHOTS, href.replace(/\.html$/, '-phone.png')), fullPage: true });
  await phone.close();
});

test('rules.html: every rule statement rendered', async () => {
  const page = await open('rules.html');
  expect(await page.locator('.katex-error').count()).toBe(0);
  expect(await page.locator('section.rule .katex-display').count()).toBe(await page.locator('section.rule').count());
  await page.close();
});
