/**
 * The HTML handouts, rendered in-process from every shipped derivation:
 * every formula goes through KaTeX (an error fails the test), no raw LaTeX
 * is left in the text a reader sees, every step has a badge and its evidence,
 * and every link to a rule or a hypothesis lands on an anchor.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadRules } from '../../src/semantics/rules';
import { loadDerivation, loadDerivationFile } from '../../src/semantics/load';
import { checkDerivation } from '../../src/check/derivation';
import type { Checked } from '../../src/emit/latex-doc';
import { derivationPage } from '../../src/emit/html-derivation';
import { indexPage, rulesPage } from '../../src/emit/html-index';
import { renderMath, renderCount, MathRenderError, proseHtml, escapeHtml } from '../../src/emit/html-math';

const ROOT = path.join(__dirname, '..', '..');
const rules = loadRules(path.join(ROOT, 'rules'));
const files = fs.readdirSync(path.join(ROOT, 'derivations')).filter((f) => f.endsWith('.yaml')).sort();
const checked: Checked[] = files.map((f) => {
  const derivation = loadDerivationFile(path.join('derivations', f), new Set(rules.keys()));
  return { derivation, report: checkDerivation(derivation) };
});

/** The text a reader sees: no tags, no MathML annotations (the TeX source KaTeX keeps for copying), no code. */
function visibleText(html: string): string {
  return html
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe.each(checked.map((c) => [c.derivation.id, c] as const))('%s.html', (_id, c) => {
  let html: string;
  let rendered: number;
  beforeAll(() => {
    const before = renderCount.value;
    html = derivationPage(c);
    rendered = renderCount.value - before;
  });

  test('every formula went through KaTeX, and none failed', () => {
    const formulas = c.derivation.chains.reduce((n, ch) => n + 1 + 2 * ch.steps.length, 0);
    expect(rendered).toBeGreaterThanOrEqual(formulas);
    expect(html).not.toContain('katex-error');
    expect((html.match(/class="katex"/g) ?? []).length).toBeGreaterThanOrEqual(formulas);
  });

  test('no raw LaTeX or dollar signs in the text a reader sees', () => {
    const text = visibleText(html);
    expect(text).not.toMatch(/\\[A-Za-z]+/);
    expect(text).not.toContain('$');
  });

  test('every step has one verdict badge, its evidence, and an anchor', () => {
    const steps = html.match(/<li class="step v-[a-z]+" id="step-\d+">[\s\S]*?<\/li>/g) ?? [];
    expect(steps).toHaveLength(c.report.steps.length);
    c.report.steps.forEach((s, i) => {
      expect(steps[i]).toContain(`id="step-${s.index}"`);
      expect(steps[i].match(/class="badge v-/g)).toHaveLength(1);
      expect(steps[i]).toContain(`class="badge v-${s.verdict}"`);
      expect(steps[i]).toMatch(/<details class="evidence"( open)?><summary>Evidence<\/summary>/);
      expect(steps[i]).toContain(`<dt>Seed</dt><dd><code>${s.seed}</code></dd>`);
      expect(steps[i]).toContain('<dt>Numeric test</dt>');
    });
  });

  test('a step that did not verify shows its evidence open', () => {
    for (const s of c.report.steps) {
      const li = html.match(new RegExp(`<li class="step v-[a-z]+" id="step-${s.index}">[\\s\\S]*?</li>`))![0];
      expect(li.includes('<details class="evidence" open>')).toBe(s.verdict !== 'proved' && s.verdict !== 'numeric');
    }
  });

  test('rule links land on rules.html anchors, hypothesis links on this page', () => {
    const rulesHtml = rulesPage(rules, checked);
    const ruleIds = ids(rulesHtml);
    for (const m of html.matchAll(/href="rules\.html#([^"]+)"/g)) expect(ruleIds).toContain(decodeURIComponent(m[1]));
    const here = ids(html);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(here).toContain(m[1]);
  });

  test('links the stylesheets by relative path (works from file://)', () => {
    expect(html).toContain('<link rel="stylesheet" href="katex/katex.min.css">');
    expect(html).toContain('<link rel="stylesheet" href="style.css">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script');
  });
});

describe('index.html and rules.html', () => {
  test('the index lists every derivation with a link and a status badge, and the failures with file:line', () => {
    const failure = { file: 'derivations/broken.yaml', message: 'derivations/broken.yaml:4:9: unknown symbol <q>' };
    const html = indexPage({ built: checked, failed: [failure], files: { pdf: true } });
    for (const c of checked) {
      const row = html.match(new RegExp(`<tr><td><a href="${c.derivation.id}\\.html">[\\s\\S]*?</tr>`));
      expect(row).not.toBeNull();
      expect(row![0]).toMatch(/class="badge v-[a-z]+"/);
    }
    expect(html).toContain('derivations/broken.yaml:4:9: unknown symbol &lt;q&gt;');
    expect(html).toContain('href="handout.pdf"');
    expect(visibleText(html)).not.toMatch(/\\[A-Za-z]+|\$/);
  });

  test('the rules page lists every rule with its statement rendered', () => {
    const html = rulesPage(rules, checked);
    for (const r of rules.values()) {
      const sec = html.match(new RegExp(`<section class="rule" id="rule-${r.name}">[\\s\\S]*?</section>`));
      expect(sec).not.toBeNull();
      expect(sec![0]).toContain('class="katex-display"');
    }
    expect(html).not.toContain('katex-error');
    expect(visibleText(html)).not.toMatch(/\\[A-Za-z]+|\$/);
  });
});

describe('renderMath', () => {
  test.each([
    ['\\frac{1}{', /^here\.yaml:3:4: KaTeX cannot render "\\\\frac\{1\}\{": /],
    ['\\href{javascript:alert(1)}{x}', /\\href is not allowed \(trust: false\)/],
    ['\\includegraphics{x.png}', /\\includegraphics is not allowed/],
    ['é', /LaTeX-incompatible input/],
  ])('refuses %s with the place it came from', (tex, message) => {
    expect(() => renderMath(tex, { where: 'here.yaml:3:4' })).toThrow(MathRenderError);
    expect(() => renderMath(tex, { where: 'here.yaml:3:4' })).toThrow(message);
  });

  test('display and inline', () => {
    expect(renderMath('\\frac{a}{b}', { display: true, where: 'x' })).toMatch(/^<span class="katex-display">/);
    expect(renderMath('a', { where: 'x' })).toMatch(/^<span class="katex">/);
  });

  test('prose: text escaped, math rendered', () => {
    const html = proseHtml('<script>alert(1)</script> & p_data', 'x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <span class="katex">');
    expect(html).not.toContain('<script>');
  });
});

describe('a derivation with markup in its prose', () => {
  test('titles, notes and names are escaped, never interpreted', () => {
    const yaml = [
      'id: markup',
      'title: "<img src=x onerror=alert(1)> & p_data"',
      'summary: "a <b>bold</b> claim"',
      'symbols:',
      '  x: variable',
      'chains:',
      '  - name: "<main>"',
      '    steps:',
      '      - x + x',
      '      - rel: "="',
      '        expr: 2 x',
      '        note: "doubling <em>x</em>"',
    ].join('\n');
    const derivation = loadDerivation(yaml, 'derivations/markup.yaml', new Set(rules.keys()));
    const html = derivationPage({ derivation, report: checkDerivation(derivation) });
    expect(html).not.toMatch(/<img|<b>|<em>|<main>\n<\/main>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; ');
    expect(html).toContain('doubling &lt;em&gt;x&lt;/em&gt;');
  });
});
