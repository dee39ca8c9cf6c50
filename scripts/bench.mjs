// Prints Interlude's size and speed figures, measured, not asserted:
//   * bytes of every shipped file: raw, gzip -9 and brotli (max quality);
//   * launcher click -> widget interactive, in headless Chromium, through the
//     demo clinic page on two loopback origins (median of RUNS cold opens,
//     each in a fresh profile), at 1x and 4x CPU throttling;
//   * a reference measured in the same run: a minimal Leptos "hello" page
//     (scripts/reference-hello) built with the same profile, its bytes and
//     click -> interactive opened the same way, so results read as ratios;
//   * host page cost: the demo clinic page without and with the embed tag,
//     its total blocking time, layout shift and largest contentful paint,
//     and how many requests go to the widget's origin before it is used;
//   * saving an entry and a mood check-in: click -> next frame (Event
//     Timing) and the longest task, empty and with the journal below, at
//     1x and 4x;
//   * unlocking a passphrase-locked journal: click -> journal shown, and the
//     longest main-thread task meanwhile (PBKDF2 runs in WebCrypto, so this
//     shows whether the page froze), at 1x and 4x.
//   * memory after open (JS heap after a full GC + wasm memory), empty and
//     with the journal below;
//   * with the generated journal of a heavy writer (tests/fixtures/journal.mjs,
//     --years years, default 10: two written entries of about 1,000
//     characters and two mood check-ins a day): restoring it into a fresh
//     profile, the space it then takes in localStorage, launcher click ->
//     interactive with it, a reload until every entry is read (they are
//     read in steps after the widget shows), opening Past entries, search,
//     downloading a backup and the moods CSV, the session summary, Trends,
//     saving an entry, turning on the passphrase lock, the encrypted backup,
//     unlocking, restoring the encrypted backup into a fresh profile, and
//     importing the same years from a Daylio CSV export into another, each
//     with the longest main-thread task meanwhile.
// "Interactive" = the first-run button inside the iframe is visible and
// enabled, i.e. the wasm has loaded, run and rendered.
//
// Usage: scripts/build.sh && node scripts/bench.mjs [--runs 7]
import { execFileSync } from 'node:child_process';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { daylioCsv, generateJournal, plainJsonUnits } from '../tests/fixtures/journal.mjs';
import { startServers } from './serve.mjs';
import { openFileTools } from '../tests/e2e/support.mjs';

const option = (name, fallback) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const runs = option('--runs', 7);
const years = option('--years', 10);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function bytes(dir = 'dist') {
  const rows = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    if (!/\.(wasm|js|css|html)$|^locales\//.test(name) || name.startsWith('builder/')) continue;
    const data = await readFile(`${dir}/${name}`);
    rows.push({
      file: name,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

/**
 * A page in a fresh profile, its CPU throttled `throttle` times; `init`
 * runs first in it; the browser prefers `locale`.
 */
async function throttledPage(browser, throttle, init, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page };
}

/** `english` in `locale`'s catalog (the file the widget fetches). */
async function translated(locale, english) {
  if (locale.startsWith('en')) return english;
  const catalog = JSON.parse(await readFile(`dist/locales/${locale.slice(0, 2)}.json`, 'utf8'));
  return catalog[english];
}

async function clickToInteractive(browser, origins, throttle, locale = 'en-US') {
  const times = [];
  const ready = await translated(locale, 'I understand, continue');
  for (let i = 0; i < runs; i++) {
    const { context, page } = await throttledPage(browser, throttle, undefined, locale);
    await page.goto(`${origins.clinicOrigin}/`);
    // The launcher follows the browser too (public/embed.js has its words).
    const launcher = page.getByRole('button', { name: /^(Reflect privately|Reflexionar en privado)$/ });
    await launcher.waitFor();
    const start = Date.now();
    await launcher.click();
    await page.frameLocator('iframe').getByRole('button', { name: ready })
      .waitFor({ state: 'visible' });
    times.push(Date.now() - start);
    await context.close();
  }
  return times;
}

/**
 * Builds the reference page (scripts/reference-hello: a Leptos "hello"
 * with one button, Interlude's release profile and wasm-opt settings, and
 * the standard library built the same way, scripts/release-env.sh) into
 * its own dist/, sharing Interlude's target directory so the dependencies
 * already built for the widget are reused.
 */
function buildReference() {
  console.log('\n==> building the reference page (scripts/reference-hello)');
  execFileSync('sh', ['-c', '. ../release-env.sh && exec trunk build --release --offline'], {
    cwd: 'scripts/reference-hello',
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CARGO_TARGET_DIR: join(process.cwd(), 'target'), PATH: `${join(process.cwd(), 'node_modules/.bin')}:${process.env.PATH}` },
  });
}

/**
 * The reference measured like the launcher: a page on the clinic origin
 * whose button adds an iframe of the hello page; click -> its button is
 * visible. Same runs, fresh profiles and throttling as clickToInteractive.
 */
async function referenceClickToInteractive(browser, reference, throttle) {
  reference.clinicPages.set('/reference.html', `<!DOCTYPE html><html lang="en"><head><title>Reference</title>
<link rel="icon" href="data:,"></head><body><button id="open" type="button">Open</button><script>
document.getElementById('open').addEventListener('click', function () {
  var frame = document.createElement('iframe');
  frame.title = 'Reference';
  frame.src = '{{WIDGET_ORIGIN}}/index.html';
  document.body.appendChild(frame);
});</script></body></html>`);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await throttledPage(browser, throttle);
    await page.goto(`${reference.clinicOrigin}/reference.html`);
    const start = Date.now();
    await page.getByRole('button', { name: 'Open' }).click();
    await page.frameLocator('iframe').getByRole('button', { name: /Clicked/ }).waitFor({ state: 'visible' });
    times.push(Date.now() - start);
    await context.close();
  }
  return times;
}

async function unlockTiming(browser, origins, throttle) {
  const passphrase = 'bench passphrase words';
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origins.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('An entry to lock.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByText('The lock is on.').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const times = [];
  const longest = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const start = Date.now();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    times.push(Date.now() - start);
    longest.push(await page.evaluate(() => window.__longest));
  }
  await context.close();
  return { times, longest };
}

/**
 * Keeps the widget's wasm memory where the benchmark can read its size
 * (the app does not expose it). Runs in the page before anything else.
 */
function captureWasmMemory() {
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original(...args);
      const instance = result.instance || result;
      if (instance.exports && instance.exports.memory) window.__wasmMemory = instance.exports.memory;
      return result;
    };
  }
}

/** JS heap in use after a full garbage collection, and the wasm memory, in bytes. */
async function memoryAfterOpen(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0));
  await cdp.detach();
  return { js: usedSize, wasm };
}

async function emptyMemory(browser, origins) {
  const context = await browser.newContext();
  await context.addInitScript(captureWasmMemory);
  await context.addInitScript(() => {
    window.__sincePageStart = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__sincePageStart = Math.max(window.__sincePageStart, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(`${origins.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).waitFor();
  const memory = await memoryAfterOpen(page);
  await context.close();
  return memory;
}

/** Runs `action` and returns [ms until `done` resolves, longest task ms]. */
async function timed(page, action, done) {
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const start = Date.now();
  const [result] = await Promise.all([done(), action()]);
  const ms = Date.now() - start;
  return { ms, longest: Math.round(await page.evaluate(() => window.__longest)), result };
}

/**
 * Records, from the very start of the page, what the host page's visitors
 * would feel: long tasks (total blocking time: the part of each over
 * 50 ms), layout shifts not caused by input, and the largest contentful
 * paint. Runs in the page before anything else.
 */
function observeHostCost() {
  window.__host = { tbt: 0, cls: 0, lcp: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__host.tbt += Math.max(0, e.duration - 50);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__host.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__host.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

/** The demo clinic page as served, without the widget's script tag. */
async function clinicPageWithoutWidget(origins) {
  const page = await readFile('demo/index.html', 'utf8');
  const withoutTag = page.replace(/<script src="{{WIDGET_ORIGIN}}\/embed\.js"[\s\S]*?<\/script>/, '');
  if (withoutTag === page) throw new Error('bench: no embed tag found in demo/index.html');
  origins.clinicPages.set('/without-widget.html', withoutTag);
  return `${origins.clinicOrigin}/without-widget.html`;
}

/** Blocking time, layout shift and LCP of loading `url`, once the page has settled. */
async function hostCost(browser, url, throttle) {
  const { context, page } = await throttledPage(browser, throttle, observeHostCost);
  await page.goto(url, { waitUntil: 'load' });
  // Settle: the loader runs after load (async), and may draw late.
  await page.waitForTimeout(1500);
  const cost = await page.evaluate(() => window.__host);
  const widgetRequests = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => !r.name.endsWith('/embed.js') && new URL(r.name).port !== location.port).length);
  await context.close();
  return { ...cost, widgetRequests };
}

/**
 * Waits until the widget's work after opening is done: the later views'
 * chunks fetched and the date formatter made (both start a moment after
 * the journal is read). Writing an entry takes longer than that, and a
 * save measured while they ran would measure them too.
 */
async function settled(page) {
  const chunks = (await readdir('dist')).filter((f) => /^interlude-later-.*\.wasm$/.test(f)).length;
  await page.waitForFunction((n) => performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/interlude-later-')).length >= n, chunks, { timeout: 60_000 });
  await page.waitForTimeout(1000);
}

/**
 * Click -> next frame for saving: the Event Timing API's duration of the
 * click (from the click to the first frame painted after its handlers;
 * Chromium reports only those of 16 ms or more), and the longest task.
 * A written entry, then a mood check-in (a mood and nothing else).
 */
async function saveTimings(page, throttle) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.evaluate(() => {
    window.__clicks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__clicks.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
    // The click's own task: from the first listener (capturing, on the
    // window) to the start of the next task, so everything the click ran
    // synchronously, microtasks included.
    window.addEventListener('click', () => {
      const start = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__clickTask = performance.now() - start; };
      channel.port2.postMessage(0);
    }, true);
  });
  const save = async (prepare) => {
    await prepare();
    await page.evaluate(() => { window.__clicks = []; });
    const { longest } = await timed(page, () => page.getByRole('button', { name: 'Save entry' }).click(),
      () => page.getByText('Saved in this browser.').waitFor());
    await page.waitForTimeout(300);
    const [frame, task] = await page.evaluate(() => [Math.max(0, ...window.__clicks), window.__clickTask]);
    return { frame, task, longest };
  };
  const entry = await save(() => page.locator('#interlude-text').fill('One more entry, today.'));
  const checkIn = await save(() => page.getByRole('radio', { name: '3 Okay' }).check());
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return { entry, checkIn };
}

/** The widget in a fresh profile, past its first-run note, on Past entries. */
async function pastEntriesInFreshProfile(browser, origins) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origins.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  return { context, page };
}

async function journalAtSize(browser, origins, years) {
  const journal = generateJournal({ years });
  const file = join(tmpdir(), `interlude-bench-journal-${process.pid}.json`);
  await writeFile(file, JSON.stringify(journal));
  const rows = [];
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(captureWasmMemory);
  await context.addInitScript(() => {
    window.__sincePageStart = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__sincePageStart = Math.max(window.__sincePageStart, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(`${origins.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  rows.push(['restore it into a fresh profile', await timed(page,
    () => page.getByLabel('Restore from a backup').setInputFiles(file),
    () => page.getByText(/^Restored [\d,]+ entries/).waitFor({ timeout: 600_000 }))]);
  const used = await page.evaluate(() => Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0));
  const asJson = plainJsonUnits(journal);

  // Through the clinic page's launcher, as a visitor opens it.
  const clinic = await context.newPage();
  await clinic.goto(`${origins.clinicOrigin}/`);
  const launcher = clinic.getByRole('button', { name: 'Reflect privately' });
  await launcher.waitFor();
  const start = Date.now();
  await launcher.click();
  await clinic.frameLocator('iframe').getByRole('heading', { name: 'Write', level: 2 }).waitFor({ timeout: 120_000 });
  // The iframe's tasks cannot be observed from before it exists.
  rows.push(['launcher click -> interactive (clinic page)', { ms: Date.now() - start, longest: null }]);
  await clinic.close();

  // The entries are read in steps after the widget shows: how long until
  // all are, with the longest task since the page started.
  const reloaded = Date.now();
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor({ timeout: 120_000 });
  const shown = Date.now() - reloaded;
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByRole('button', { name: 'Show 50 older entries' }).waitFor({ timeout: 120_000 });
  rows.push(['reload -> widget shown', { ms: shown, longest: null }]);
  rows.push(['reload -> every entry read (Past entries)', {
    ms: Date.now() - reloaded, longest: Math.round(await page.evaluate(() => window.__sincePageStart)),
  }]);
  const memory = await memoryAfterOpen(page);
  await page.getByRole('button', { name: 'Write' }).click();
  const open = await timed(page, () => page.getByRole('button', { name: 'Past entries' }).click(),
    () => page.getByRole('button', { name: 'Show 50 older entries' }).waitFor({ timeout: 120_000 }));
  rows.push(['open Past entries (newest 50 shown)', open]);
  rows.push(['show 50 more', await timed(page, () => page.getByRole('button', { name: 'Show 50 older entries' }).click(),
    () => page.locator('.entry').nth(99).waitFor({ state: 'attached' }))]);
  const searchbox = page.getByRole('searchbox', { name: 'Search your entries' });
  await searchbox.fill('hopeful sister');
  rows.push(['search every entry for two words', await timed(page, () => searchbox.press('Enter'),
    () => page.getByText(/ entries match\.$/).waitFor({ timeout: 120_000 }))]);
  await page.getByRole('button', { name: 'Show all' }).click();
  await openFileTools(page);
  rows.push(['download a backup (JSON)', await timed(page,
    () => page.getByRole('button', { name: 'Download a backup (JSON)' }).click(),
    () => page.waitForEvent('download', { timeout: 120_000 }))]);
  rows.push(['download moods (CSV)', await timed(page, () => page.getByRole('button', { name: 'Download moods (CSV)' }).click(),
    () => page.waitForEvent('download', { timeout: 120_000 }))]);
  rows.push(['open the session summary (4 weeks)', await timed(page,
    () => page.getByRole('button', { name: 'Prepare a session summary' }).click(),
    () => page.locator('.summary-sheet').waitFor())]);
  rows.push(['open Trends (chart, calendar, weekdays, tags)', await timed(page,
    () => page.getByRole('button', { name: 'Trends' }).click(),
    () => page.locator('.tag-days li').first().waitFor())]);
  await page.getByRole('button', { name: 'Write' }).click();
  const saves = {};
  for (const throttle of [1, 4]) saves[throttle] = await saveTimings(page, throttle);

  // With a passphrase lock: turning it on seals every record; then the
  // encrypted backup, unlocking after a reload until every entry is read,
  // and removing the lock.
  const passphrase = 'bench passphrase words';
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  rows.push(['turn on the passphrase lock (seals each record)', await timed(page,
    () => page.getByRole('button', { name: 'Turn on the lock' }).click(),
    () => page.getByText('The lock is on.').waitFor({ timeout: 600_000 }))]);
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  const encrypted = await timed(page,
    () => page.getByRole('button', { name: 'Download encrypted backup' }).click(),
    () => page.waitForEvent('download', { timeout: 120_000 }));
  rows.push(['download an encrypted backup', encrypted]);
  const encryptedFile = join(tmpdir(), `interlude-bench-encrypted-${process.pid}.json`);
  await encrypted.result.saveAs(encryptedFile);
  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  rows.push(['unlock -> every entry read (Past entries)', await timed(page, async () => {
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Past entries' }).click();
  }, () => page.getByRole('button', { name: 'Show 50 older entries' }).waitFor({ timeout: 120_000 }))]);
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.locator('summary', { hasText: 'Remove the lock' }).click();
  await page.getByLabel('Current passphrase').last().fill(passphrase);
  rows.push(['remove the lock (stores each record plain)', await timed(page,
    () => page.getByRole('button', { name: 'Remove the lock' }).click(),
    () => page.getByText('The lock is off.').waitFor({ timeout: 600_000 }))]);
  await context.close();

  // The encrypted backup restored into a fresh profile: choosing the file,
  // then the passphrase (its derivation is WebCrypto's, off the thread).
  const { context: fresh, page: restoring } = await pastEntriesInFreshProfile(browser, origins);
  rows.push(['choose the encrypted backup to restore', await timed(restoring,
    () => restoring.getByLabel('Restore from a backup').setInputFiles(encryptedFile),
    () => restoring.getByLabel('The passphrase this backup was made with').waitFor({ timeout: 120_000 }))]);
  await restoring.getByLabel('The passphrase this backup was made with').fill(passphrase);
  rows.push(['restore it with its passphrase', await timed(restoring,
    () => restoring.getByLabel('The passphrase this backup was made with').press('Enter'),
    () => restoring.getByText(/^Restored [\d,]+ entries/).waitFor({ timeout: 600_000 }))]);
  await fresh.close();
  await unlink(encryptedFile);

  // The same years brought over from Daylio's CSV export, into a fresh
  // profile (on top of the restored journal they would not fit).
  const daylioFile = join(tmpdir(), `interlude-bench-daylio-${process.pid}.csv`);
  await writeFile(daylioFile, daylioCsv(journal));
  const { context: importing, page: importPage } = await pastEntriesInFreshProfile(browser, origins);
  rows.push(['import the same years from Daylio (CSV)', await timed(importPage,
    () => importPage.getByLabel('Import from Daylio (CSV)').setInputFiles(daylioFile),
    () => importPage.getByText(/^Imported [\d,]+ entries from Daylio\.$/).waitFor({ timeout: 600_000 }))]);
  await importing.close();
  await unlink(daylioFile);
  return { rows, count: journal.entries.length, used, asJson, memory, saves };
}

function printSaves(saves) {
  const frame = (ms) => (ms === 0 ? '<16' : String(Math.round(ms)));
  for (const [throttle, { entry, checkIn }] of Object.entries(saves)) {
    for (const [name, r] of [['entry', entry], ['mood check-in', checkIn]]) {
      console.log(`CPU ${throttle}x ${name.padEnd(14)} click task ${r.task.toFixed(1).padStart(5)} ms   ` +
        `next frame ${frame(r.frame).padStart(4)} ms   longest task ${r.longest} ms (0 = none over 50 ms)`);
    }
  }
}

buildReference();
const origins = await startServers({ dist: 'dist', demo: 'demo' });
const reference = await startServers({ dist: 'scripts/reference-hello/dist', demo: 'demo' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const rows = await bytes();
  console.log('\nBytes shipped (dist/)');
  console.log('file'.padEnd(40), 'raw'.padStart(9), 'gzip'.padStart(9), 'brotli'.padStart(9));
  for (const r of rows) console.log(r.file.padEnd(40), String(r.raw).padStart(9), String(r.gzip).padStart(9), String(r.brotli).padStart(9));
  // The chunks of the views opened later (interlude-later-*) are fetched
  // once the widget is ready, not for its first use.
  const later = rows.filter((r) => r.file.startsWith('interlude-later-'));
  const firstUse = rows.filter((r) => /^(interlude-|main-|boot\.js|index\.html|snippets\/)/.test(r.file) && !later.includes(r));
  const sum = (k) => firstUse.reduce((s, r) => s + r[k], 0);
  const sumLater = (k) => later.reduce((s, r) => s + r[k], 0);
  console.log('widget first use (html, js, wasm, css)'.padEnd(40), String(sum('raw')).padStart(9), String(sum('gzip')).padStart(9), String(sum('brotli')).padStart(9));
  // Spanish and Arabic readers also fetch their language's catalog.
  for (const r of rows.filter((x) => x.file.startsWith('locales/'))) {
    console.log(`  + ${r.file} (its readers)`.padEnd(40), String(sum('raw') + r.raw).padStart(9),
      String(sum('gzip') + r.gzip).padStart(9), String(sum('brotli') + r.brotli).padStart(9));
  }
  console.log(`views opened later (${later.length} chunks)`.padEnd(40), String(sumLater('raw')).padStart(9), String(sumLater('gzip')).padStart(9), String(sumLater('brotli')).padStart(9));

  const referenceRows = await bytes('scripts/reference-hello/dist');
  const referenceGzip = referenceRows.filter((r) => /\.(wasm|js|html)$/.test(r.file)).reduce((n, r) => n + r.gzip, 0);
  console.log(`reference Leptos "hello" page (same profile)`.padEnd(40), ''.padStart(9), String(referenceGzip).padStart(9),
    `   (Interlude = ${(sum('gzip') / referenceGzip).toFixed(1)}x)`);

  console.log(`\nLauncher click -> widget interactive, empty journal (ms, ${runs} cold runs), ` +
    'and the reference page opened the same way');
  const referenceMedian = {};
  for (const throttle of [1, 4]) {
    const t = await clickToInteractive(browser, origins, throttle);
    const r = await referenceClickToInteractive(browser, reference, throttle);
    referenceMedian[throttle] = median(r);
    console.log(`CPU ${throttle}x: median ${median(t)}  min ${Math.min(...t)}  max ${Math.max(...t)};  ` +
      `reference median ${median(r)};  ratio ${(median(t) / median(r)).toFixed(2)} (budget 2)`);
    const es = await clickToInteractive(browser, origins, throttle, 'es-ES');
    console.log(`CPU ${throttle}x, a Spanish browser (its catalog fetched too): median ${median(es)}  ` +
      `min ${Math.min(...es)}  max ${Math.max(...es)};  ratio ${(median(es) / median(r)).toFixed(2)}`);
  }

  console.log(`\nHost page cost: the demo clinic page loaded without and with the embed tag (median of ${runs})`);
  console.log('CPU'.padEnd(6), 'page'.padEnd(16), 'blocking ms'.padStart(12), 'layout shift'.padStart(13),
    'LCP ms'.padStart(8), 'widget requests'.padStart(16));
  const without = await clinicPageWithoutWidget(origins);
  for (const throttle of [1, 4]) {
    for (const [name, url] of [['without the tag', without], ['with the tag', `${origins.clinicOrigin}/`]]) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await hostCost(browser, url, throttle));
      const m = (k) => median(samples.map((x) => x[k]));
      console.log(`${throttle}x`.padEnd(6), name.padEnd(16), String(Math.round(m('tbt'))).padStart(12),
        m('cls').toFixed(3).padStart(13), String(Math.round(m('lcp'))).padStart(8), String(m('widgetRequests')).padStart(16));
    }
  }

  console.log('\nSave, empty journal: the click\'s task, click -> next frame (Event Timing; "<16" = under 16 ms), longest task');
  const emptySaves = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origins.widgetOrigin}/`);
    await page.getByRole('button', { name: 'I understand, continue' }).click();
    await settled(page);
    const out = {};
    for (const throttle of [1, 4]) out[throttle] = await saveTimings(page, throttle);
    await context.close();
    return out;
  })();
  printSaves(emptySaves);

  console.log(`\nUnlock (PBKDF2-SHA256, 600,000 iterations) -> journal shown (ms, ${runs} runs)`);
  for (const throttle of [1, 4]) {
    const { times, longest } = await unlockTiming(browser, origins, throttle);
    console.log(`CPU ${throttle}x: median ${median(times)}  max ${Math.max(...times)};  ` +
      `longest main-thread task meanwhile: ${Math.round(Math.max(...longest))} ms (0 = none over 50 ms)`);
  }

  const mb = (bytes) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  const empty = await emptyMemory(browser, origins);
  const size = await journalAtSize(browser, origins, years);
  console.log('\nMemory after open (JS heap in use after garbage collection + wasm memory)');
  console.log(`empty journal: JS ${mb(empty.js)} + wasm ${mb(empty.wasm)}`);
  console.log(`${years} years:      JS ${mb(size.memory.js)} + wasm ${mb(size.memory.wasm)} ` +
    `= ${((size.memory.js + size.memory.wasm) / (size.used * 2)).toFixed(1)}x the stored data (${mb(size.used * 2)} as UTF-16)`);
  console.log(`\n${years} years: ${size.count} entries; localStorage holds ${size.used.toLocaleString('en')} UTF-16 units ` +
    `(${(size.used / 5_242_880 * 100).toFixed(0)}% of Chromium's 5,242,880; as plain JSON ${size.asJson.toLocaleString('en')}) ` +
    '(ms, 1 run, CPU 1x)');
  console.log(`(launcher click -> interactive with ${years} years is ` +
    `${(size.rows.find(([n]) => n.startsWith('launcher'))[1].ms / referenceMedian[1]).toFixed(2)}x the reference at 1x; budget 2)`);
  for (const [name, { ms, longest }] of size.rows) {
    console.log(`${name.padEnd(44)} ${String(ms).padStart(6)}   ${longest === null ? '' : `longest task ${longest} ms`}`);
  }
  console.log(`\nSave, ${years} years: click -> next frame and longest task`);
  printSaves(size.saves);
} finally {
  await browser.close();
  await origins.close();
  await reference.close();
}
