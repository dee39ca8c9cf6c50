// Shared set-up for the end-to-end tests: the two loopback origins (clinic
// page and widget), Debian's Chromium through playwright-core, and a page
// object that drives the widget the way a visitor does.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { startServers } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** This build's version, from Cargo.toml (shown in About, written into every backup and export). */
export const VERSION = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8')
  .match(/^\[package\][^[]*?^version = "([^"]+)"/m)[1];
export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Starts the servers and the browser once for a test file.
 * Returns an object whose fields are filled in before the first test runs
 * (and when its `ready` promise resolves).
 */
export function useEnvironment() {
  // Node runs a file's top-level before() hooks at the same time: a test
  // file's own hook that needs the servers awaits env.ready.
  let started;
  const env = { ready: new Promise((ok, fail) => { started = { ok, fail }; }) };
  env.ready.catch(() => {});
  before(async () => {
    try {
      Object.assign(env, await startServers({ dist: 'dist', demo: 'demo' }));
      env.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      started.ok();
    } catch (error) {
      started.fail(error);
      throw error;
    }
  });
  after(async () => {
    await env.browser?.close();
    await env.close?.();
  });
  return env;
}

/**
 * A Rust string literal's value: escapes and `\` line continuations as the
 * compiler reads them.
 */
function rustString(body) {
  return body
    .replace(/\\\n\s*/g, '')
    .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\(["'\\nt])/g, (_, c) => ({ n: '\n', t: '\t' }[c] ?? c));
}

const catalogs = {};

/**
 * What the widget shows for `english` in `locale` ('en', 'es', 'ar'), read
 * from its catalog (src/i18n/<locale>.rs), so tests follow the wording.
 */
export function t(locale, english) {
  if (locale === 'en') return english;
  if (!catalogs[locale]) {
    const source = readFileSync(new URL(`../../src/i18n/${locale}.rs`, import.meta.url), 'utf8');
    const pairs = source.matchAll(/\(\s*"((?:[^"\\]|\\[\s\S])*)",\s*"((?:[^"\\]|\\[\s\S])*)",?\s*\)/g);
    catalogs[locale] = new Map([...pairs].map(([, key, value]) => [rustString(key), rustString(value)]));
  }
  const text = catalogs[locale].get(english);
  assert.ok(text, `no ${locale} translation of ${JSON.stringify(english)}`);
  return text;
}

/**
 * English sentences from the catalog of `locale` that are on screen in
 * `where` (page or frame locator) although they have a translation: text
 * some code showed without looking it up. Parts between placeholders
 * count when they are long enough not to appear by chance.
 */
export async function englishLeft(where, locale) {
  t(locale, 'Write');
  const shown = await where.locator('body').evaluate((body) => body.innerText);
  const left = new Set();
  for (const [english, translated] of catalogs[locale]) {
    if (english === translated) continue;
    for (const part of english.split(/\{[^}]*\}|\|/)) {
      if (part.trim().length >= 16 && part.includes(' ') && shown.includes(part.trim())) left.add(part.trim());
    }
  }
  return [...left];
}

/** The visible name of the loader's launcher button. */
export const LAUNCHER = 'Reflect privately';
/** The iframe's title. */
export const FRAME_TITLE = 'Private reflection space';

/**
 * A visitor on the clinic page. Collects page errors and console errors so
 * tests can assert there were none.
 */
export class Visitor {
  constructor(page) {
    this.page = page;
    this.errors = [];
    this.consoleErrors = [];
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') this.consoleErrors.push(m.text()); });
  }

  static async open(context, url) {
    const visitor = new Visitor(await context.newPage());
    await visitor.page.goto(url);
    return visitor;
  }

  launcher() { return this.page.getByRole('button', { name: LAUNCHER }); }

  /** The widget's document, inside the iframe. */
  widget() { return this.page.frameLocator(`iframe[title="${FRAME_TITLE}"]`); }

  /** Clicks the launcher and waits until the widget shows its first screen. */
  async openWidget() {
    await this.launcher().click();
    await this.widget().getByRole('button', { name: 'Crisis help' }).waitFor();
    return this.widget();
  }

  /** Acknowledges the first-run explanation if it is showing. */
  async acknowledge(w = this.widget()) {
    const button = w.getByRole('button', { name: 'I understand, continue' });
    await button.click();
    await w.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  }

  /** Writes an entry with an optional prompt and mood, and saves it. */
  async writeEntry(w, { text, prompt, mood }) {
    if (prompt) await w.getByLabel('Guided prompt (optional)').selectOption({ label: prompt });
    if (text) await w.locator('#interlude-text').fill(text);
    if (mood) await w.getByRole('radio', { name: mood }).check();
    await w.getByRole('button', { name: 'Save entry' }).click();
  }

  /**
   * Clicks "Download all entries (JSON)" in `w` (the widget frame or a
   * standalone page) and returns the download and its parsed contents.
   */
  async downloadExport(w) {
    await openFileTools(w);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      w.getByRole('button', { name: 'Download all entries (JSON)' }).click(),
    ]);
    return { download, json: JSON.parse(await readFile(await download.path(), 'utf8')) };
  }

  /** Opens the header's menu (booking, language, lock, close) in `w` when it is folded away (narrow screens). */
  async openMenu(w = this.widget()) { await openMenu(w); }

  /** The text of the live status region. */
  async status(w = this.widget()) {
    return (await w.getByRole('status').textContent()).trim();
  }
}

/**
 * Opens the header's menu in `where` (page, frame or frame locator) when
 * the screen is narrow enough to fold booking, language, lock and close
 * into it; on a wide screen they are in the bar and this does nothing.
 */
export async function openMenu(where) {
  const toggle = where.locator('.menu-toggle');
  await where.locator('.bar').waitFor();
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/**
 * Unfolds Past entries' file tools (downloads, backups, restore, import) in
 * `where`, which shows Past entries.
 */
export async function openFileTools(where) {
  const tools = where.locator('details.file-tools');
  await tools.waitFor({ state: 'attached' });
  if (!(await tools.evaluate((d) => d.open))) await tools.locator('summary').click();
}

/** A fresh, isolated browser profile (its own storage). */
export async function newContext(env, options = {}) {
  return env.browser.newContext({ acceptDownloads: true, ...options });
}

/**
 * What has focus on the page, looking into shadow roots (the loader draws
 * its launcher and panel in one): its tag name and trimmed text.
 */
export function focusedOnPage(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName, text: el?.textContent?.trim() };
  });
}

/** Fails if the visitor saw an uncaught error. */
export function assertNoPageErrors(visitor) {
  assert.deepEqual(visitor.errors, [], 'uncaught errors in the page');
}

/**
 * Serves, at `${clinicOrigin}/<name>.html`, a clinic page whose script tag
 * has the given data-* attributes, as a clinic would paste it. The page comes
 * from the real clinic server: Chromium blocks a page fulfilled by the test
 * from loading scripts off a loopback address (Local Network Access).
 * `head` is added to the page's <head> (the clinic's own styles or policy)
 * and `body` after its heading.
 */
export function customClinicPage(env, name, attributes, { head = '', body = '' } = {}) {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` data-${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  env.clinicPages.set(`/${name}.html`, `<!DOCTYPE html><html lang="en"><head><title>Clinic</title><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">${head}</head>
<body><main><h1>A clinic</h1>${body}<div id="journal"></div></main>
<script src="{{WIDGET_ORIGIN}}/embed.js"${attrs} async></script></body></html>`);
  return `${env.clinicOrigin}/${name}.html`;
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with axe-core's findings (WCAG 2.0–2.2, A and AA) for the page as it is now. */
export async function assertAccessible(page, state) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const problems = results.violations.map((v) =>
    `${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(problems, [], `axe found problems in state "${state}"`);
}

/** Makes the localStorage getter throw in every frame, as cookie blocking does. */
export async function blockStorage(context) {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
}

/**
 * Every localStorage entry of the page's, frame's or frame locator's origin
 * as [key, value],
 * with packed records (`z1:` + 15 bits per UTF-16 unit of raw DEFLATE, see
 * src/packing.rs) unpacked to their JSON by the browser's own decoder, not
 * the widget's. Packing is compression, not protection: tests that check
 * what is stored read through it.
 */
export function storedEntries(where) {
  // A page or frame evaluates directly; a frame locator through its body.
  const target = typeof where.evaluate === 'function' ? where : where.locator('body');
  return target.evaluate(async () => {
    const unpack = async (value) => {
      const padding = value.charCodeAt(3) - 97;
      const units = value.slice(4);
      const bytes = [];
      let acc = 0;
      let held = 0;
      for (let i = 0; i < units.length; i++) {
        acc = (acc << 15) | (units.charCodeAt(i) - 0x4000);
        held += 15;
        while (held >= 8) {
          held -= 8;
          bytes.push((acc >> held) & 0xff);
          acc &= (1 << held) - 1;
        }
      }
      const data = new Uint8Array(bytes.slice(0, (units.length * 15 - padding) / 8));
      const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return new Response(stream).text();
    };
    const entries = [];
    for (const [key, value] of Object.entries(localStorage)) {
      entries.push([key, value.startsWith('z1:') ? await unpack(value) : value]);
    }
    return entries;
  });
}

/**
 * Runs the snippet builder's "Check my deployment" on `page`, opened at
 * `${widgetOrigin}/builder/`, with `site` (the clinic's origin, or '') in
 * its field. Returns the summary line and each item as
 * { id, verdict ('ok', 'fix', 'improve', 'unknown'), text }.
 */
export async function checkDeployment(page, site = '') {
  await page.getByLabel("Your website's address, where the tag goes (optional)").fill(site);
  const status = page.locator('#check-status');
  // The click sets "Checking…" at once, so an earlier result is never read.
  await page.getByRole('button', { name: 'Check my deployment' }).click();
  await status.filter({ hasText: /^Checked / }).waitFor();
  const items = await page.locator('#check-results > li').evaluateAll((all) => all.map((li) => ({
    id: li.dataset.item, verdict: li.dataset.verdict, text: li.innerText,
  })));
  return { status: (await status.textContent()).trim(), items };
}

/** The items of a `checkDeployment` result that are not "Right", as "id: verdict: text". */
export function notRight(result) {
  return result.items.filter((item) => item.verdict !== 'ok').map((item) => `${item.id}: ${item.verdict}: ${item.text}`);
}
