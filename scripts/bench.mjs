// Prints Interlude's size and speed figures, measured, not asserted:
//   * bytes of every shipped file: raw, gzip -9 and brotli (max quality);
//   * launcher click -> widget interactive, in headless Chromium, through the
//     demo clinic page on two loopback origins (median of RUNS cold opens,
//     each in a fresh profile), at 1x and 4x CPU throttling;
//   * unlocking a passphrase-locked journal: click -> journal shown, and the
//     longest main-thread task meanwhile (PBKDF2 runs in WebCrypto, so this
//     shows whether the page froze), at 1x and 4x.
//   * with a generated journal of --years years (default 5; two entries of
//     about 900 characters a day, each with a mood): opening Past entries,
//     downloading a backup and the moods CSV, opening the session summary,
//     and restoring that backup into a fresh profile, each with the longest
//     main-thread task meanwhile. Ten years do not fit in localStorage yet
//     (about 5 million UTF-16 units per origin); see the README.
// "Interactive" = the first-run button inside the iframe is visible and
// enabled, i.e. the wasm has loaded, run and rendered.
//
// Usage: scripts/build.sh && node scripts/bench.mjs [--runs 7]
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServers } from './serve.mjs';

const option = (name, fallback) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const runs = option('--runs', 7);
const years = option('--years', 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function bytes() {
  const rows = [];
  for (const name of (await readdir('dist')).sort()) {
    if (!/\.(wasm|js|css|html)$/.test(name)) continue;
    const data = await readFile(`dist/${name}`);
    rows.push({
      file: name,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

async function clickToInteractive(browser, origins, throttle) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${origins.clinicOrigin}/`);
    const launcher = page.getByRole('button', { name: 'Reflect privately' });
    await launcher.waitFor();
    const start = Date.now();
    await launcher.click();
    await page.frameLocator('iframe').getByRole('button', { name: 'I understand, continue' })
      .waitFor({ state: 'visible' });
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

/** A journal of `years` years: two entries a day, realistic lengths. */
function generatedEntries(years) {
  const words = ('slept went walk talked felt work tired calm worried hopeful friend sister ' +
    'rain coffee evening morning plan session breathe noticed anxious better').split(' ');
  const day = 86_400_000;
  const end = Date.now() - day;
  const entries = [];
  let seed = 7;
  const random = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };
  for (let d = years * 365; d > 0; d--) {
    for (const hour of [8, 21]) {
      const at = end - d * day + hour * 3_600_000;
      let text = '';
      while (text.length < 850 + random() * 100) text += `${words[Math.floor(random() * words.length)]} `;
      const tags = ['sleep', 'work', 'family', 'movement'].filter(() => random() < 0.25);
      const emotions = ['calm', 'anxious', 'tired'].filter(() => random() < 0.3);
      entries.push({ id: `gen${d}h${hour}`, created_ms: at, updated_ms: at, prompt: null, text: text.trim(),
        mood: 1 + Math.floor(random() * 5), energy: 1 + Math.floor(random() * 5), emotions, tags });
    }
  }
  return entries;
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

async function journalAtSize(browser, origins, years) {
  const entries = generatedEntries(years);
  const rows = [];
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${origins.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.evaluate((all) => {
    for (const e of all) localStorage.setItem(`interlude.v1.entry.${e.id}`, JSON.stringify(e));
  }, entries);
  const used = await page.evaluate(() => Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0));
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
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
  const backup = await timed(page, () => page.getByRole('button', { name: 'Download a backup (JSON)' }).click(),
    () => page.waitForEvent('download'));
  rows.push(['download a backup (JSON)', backup]);
  // Kept outside the context, which deletes its downloads when closed.
  const backupPath = join(tmpdir(), `interlude-bench-backup-${process.pid}.json`);
  await backup.result.saveAs(backupPath);
  rows.push(['download moods (CSV)', await timed(page, () => page.getByRole('button', { name: 'Download moods (CSV)' }).click(),
    () => page.waitForEvent('download'))]);
  rows.push(['open the session summary (4 weeks)', await timed(page,
    () => page.getByRole('button', { name: 'Prepare a session summary' }).click(),
    () => page.locator('.summary-sheet').waitFor())]);
  rows.push(['open Trends (chart, calendar, weekdays, tags)', await timed(page,
    () => page.getByRole('button', { name: 'Trends' }).click(),
    () => page.locator('.tag-days li').first().waitFor())]);
  await page.getByRole('button', { name: 'Write' }).click();
  await page.locator('#interlude-text').fill('One more entry, today.');
  await page.getByRole('radio', { name: '3 Okay' }).check();
  rows.push(['save an entry (click → "Saved")', await timed(page,
    () => page.getByRole('button', { name: 'Save entry' }).click(),
    () => page.getByText('Saved in this browser.').waitFor())]);
  await context.close();

  const fresh = await browser.newContext();
  const restorer = await fresh.newPage();
  await restorer.goto(`${origins.widgetOrigin}/`);
  await restorer.getByRole('button', { name: 'I understand, continue' }).click();
  await restorer.getByRole('button', { name: 'Past entries' }).click();
  rows.push(['restore that backup into a fresh profile', await timed(restorer,
    () => restorer.getByLabel('Restore from a backup').setInputFiles(backupPath),
    () => restorer.getByText(/^Restored \d+ entries/).waitFor({ timeout: 300_000 }))]);
  await fresh.close();
  return { rows, count: entries.length, used };
}

const origins = await startServers({ dist: 'dist', demo: 'demo' });
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
  const firstUse = rows.filter((r) => /^(interlude-|main-|boot\.js|index\.html)/.test(r.file));
  const sum = (k) => firstUse.reduce((s, r) => s + r[k], 0);
  console.log('widget first use (html+boot+js+wasm+css)'.padEnd(40), String(sum('raw')).padStart(9), String(sum('gzip')).padStart(9), String(sum('brotli')).padStart(9));

  console.log(`\nLauncher click -> widget interactive, empty journal (ms, ${runs} cold runs)`);
  for (const throttle of [1, 4]) {
    const t = await clickToInteractive(browser, origins, throttle);
    console.log(`CPU ${throttle}x: median ${median(t)}  min ${Math.min(...t)}  max ${Math.max(...t)}`);
  }

  console.log(`\nUnlock (PBKDF2-SHA256, 600,000 iterations) -> journal shown (ms, ${runs} runs)`);
  for (const throttle of [1, 4]) {
    const { times, longest } = await unlockTiming(browser, origins, throttle);
    console.log(`CPU ${throttle}x: median ${median(times)}  max ${Math.max(...times)};  ` +
      `longest main-thread task meanwhile: ${Math.round(Math.max(...longest))} ms (0 = none over 50 ms)`);
  }

  const size = await journalAtSize(browser, origins, years);
  console.log(`\n${years} years: ${size.count} entries, ${size.used.toLocaleString('en')} UTF-16 units in localStorage (ms, 1 run, CPU 1x)`);
  for (const [name, { ms, longest }] of size.rows) {
    console.log(`${name.padEnd(44)} ${String(ms).padStart(6)}   longest task ${longest} ms`);
  }
} finally {
  await browser.close();
  await origins.close();
}
