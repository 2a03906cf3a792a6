/// <reference lib="dom" />
/**
 * output/check.html in a real browser (Debian's Chromium through
 * playwright-core), opened from file:// with the network off: a student picks
 * a problem, types a correct answer and sees every step verified, then
 * changes one line and sees that step flagged with its diagnosis. Every
 * request the page makes is recorded: nothing may leave the page (only
 * file: and blob: URLs). Screenshots go to output/screenshots/check-*.png.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { build } from '../../src/cli/build';

const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = process.env.REDERIVE_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'output', 'screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

jest.setTimeout(180_000);

const CORRECT = [
  'Maximum likelihood, step by step.',
  '',
  '$$L_{MLE}(\\theta) = -E_{x \\sim p_{data}}[\\log p_\\theta(x)]$$',
  '$$\\doteq_\\theta -E_{x \\sim p_{data}}\\left[\\log \\frac{p_\\theta(x)}{p_{data}(x)}\\right]$$',
  '$$= KL(p_{data} \\| p_\\theta)$$',
].join('\n');

let out: string;
let userData: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed (${CHROMIUM}): apt-get install -y chromium, or set REDERIVE_CHROMIUM`);
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-check-page-'));
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    // one derivation into a fresh folder: the site is complete (index, rules, check.html) all the same
    build({ ids: ['mle-kl'], out, derivations: path.join(ROOT, 'derivations'), rules: path.join(ROOT, 'rules'), seed: 20261124 });
  } finally {
    spy.mockRestore();
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-chromium-'));
  context = await chromium.launchPersistentContext(userData, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1280, height: 900 }, offline: true });
});

afterAll(async () => {
  await context?.close();
  if (userData) fs.rmSync(userData, { recursive: true, force: true });
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

interface Opened { page: Page; requests: string[]; problems: string[] }

async function open(viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  await page.goto(`file://${path.join(out, 'check.html')}`);
  await page.waitForSelector('#status[data-state="ready"], #status[data-state="done"], #status[data-state="failed"]', { timeout: 60_000 });
  return { page, requests, problems };
}

/** Waits until the report is for the text now in the editor. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = document.getElementById('status')!;
    return s.dataset.state === 'done' || s.dataset.state === 'failed';
  }, undefined, { timeout: 60_000 });
}

async function steps(page: Page): Promise<{ line: number; verdict: string; text: string }[]> {
  return page.$$eval("#steps > li:not(.start)", (lis) => lis.map((li) => ({
    line: Number((li as HTMLElement).dataset.line), verdict: (li as HTMLElement).dataset.verdict!, text: li.textContent ?? '',
  })));
}

test('check.html: a correct answer verifies step by step; one changed line is flagged with its diagnosis; nothing leaves the page', async () => {
  const { page, requests, problems } = await open();
  expect(await page.textContent('#status')).toMatch(/Ready/);
  // the picker lists the course's derivations, not only the one built
  const ids = await page.$$eval('#problem option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(ids).toEqual(expect.arrayContaining(['', 'mle-kl', 'gaussian-kl', 'optimal-discriminator']));
  await page.selectOption('#problem', 'mle-kl');
  expect(await page.textContent('#exercise')).toMatch(/Show that/);
  expect(await page.$$eval('#exercise .katex', (k) => k.length)).toBeGreaterThan(0);

  // type the answer: all but its last line at once, the rest key by key (the debounced report follows)
  const cut = CORRECT.lastIndexOf('\n') + 1;
  await page.fill('#answer', CORRECT.slice(0, cut));
  await page.locator('#answer').pressSequentially(CORRECT.slice(cut), { delay: 5 });
  await settled(page);
  const good = await steps(page);
  expect(good.map((s) => s.line)).toEqual([3, 4, 5]);
  for (const s of good) expect(['proved', 'numeric']).toContain(s.verdict);
  expect(await page.textContent('#flagged')).toMatch(/All 3 steps verified/);
  expect(await page.$$eval('#steps .katex', (k) => k.length)).toBeGreaterThanOrEqual(3);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, 'check-verified.png'), fullPage: true });

  // change one line: the arguments of KL swapped
  const wrong = CORRECT.replace('KL(p_{data} \\| p_\\theta)', 'KL(p_\\theta \\| p_{data})');
  expect(wrong).not.toBe(CORRECT);
  await page.fill('#answer', wrong);
  await page.waitForFunction(() => document.querySelector('#steps > li[data-line="5"]')?.getAttribute('data-verdict') === 'refuted', undefined, { timeout: 60_000 });
  await settled(page);
  const bad = await steps(page);
  expect(bad.filter((s) => s.verdict === 'refuted').map((s) => s.line)).toEqual([5]);
  expect(bad.find((s) => s.line === 5)!.text).toMatch(/swapped/);
  expect(bad.find((s) => s.line === 5)!.text).toMatch(/Counterexample/);
  const flagged = await page.textContent('#flagged');
  expect(flagged).toMatch(/1 of 3 steps flagged/);
  expect(flagged).toMatch(/line 5:\d+/);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, 'check-flagged.png'), fullPage: true });

  // nothing but the page's own files and the worker's blob: URL was requested; no error, no CSP violation
  expect(requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});

test('check.html on a phone: the editor above the report, no sideways scrolling; a LaTeX answer is read as LaTeX', async () => {
  const { page, problems } = await open({ width: 390, height: 844 });
  await page.selectOption('#problem', 'mle-kl');
  await page.selectOption('#format', 'tex');
  await page.fill('#answer', [
    '\\begin{align*}',
    'L_{MLE}(\\theta) &= -\\mathbb{E}_{x \\sim p_{data}}[\\log p_\\theta(x)] \\\\',
    '&= -\\mathbb{E}_{x \\sim p_{data}}[\\log p_{data}(x)] \\\\',
    '\\end{align*}',
  ].join('\n'));
  await settled(page);
  const s = await steps(page);
  expect(s.map((x) => x.verdict)).toEqual(['proved', 'refuted']);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SHOTS, 'check-phone.png'), fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

test('build of one derivation into a fresh folder writes a complete site: every local link resolves', () => {
  const pages = fs.readdirSync(out).filter((f) => f.endsWith('.html'));
  expect(pages.sort()).toEqual(['check.html', 'index.html', 'mle-kl.html', 'rules.html']);
  const broken: string[] = [];
  for (const p of pages) {
    const html = fs.readFileSync(path.join(out, p), 'utf8').replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    for (const m of html.matchAll(/(?:href|src)="([^"#]+)(#[^"]*)?"/g)) {
      if (/^[a-z]+:/.test(m[1])) continue;
      if (!fs.existsSync(path.join(out, decodeURIComponent(m[1])))) broken.push(`${p} -> ${m[1]}`);
    }
  }
  expect(broken).toEqual([]);
});
