import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { generateJournal } from './tests/fixtures/journal.mjs';
import { startServers } from './scripts/serve.mjs';
const origins = await startServers({ dist: process.argv[2] || '/tmp/dist-prof', demo: 'demo' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const file = '/tmp/ten.json';
await writeFile(file, JSON.stringify(generateJournal({ years: 10 })));
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${origins.widgetOrigin}/`);
await page.getByRole('button', { name: 'I understand, continue' }).click();
await page.getByRole('button', { name: 'Past entries' }).click();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await page.evaluate(() => { window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); });
if (process.argv.includes('restore')) {
  await profile('restore', () => page.getByLabel('Restore from a backup').setInputFiles(file), () => page.getByText(/^Restored [\d,]+ entries/).waitFor({ timeout: 600_000 }));
  console.log('long tasks', await page.evaluate(() => window.__tasks));
} else {
  await page.getByLabel('Restore from a backup').setInputFiles(file);
  await page.getByText(/^Restored [\d,]+ entries/).waitFor({ timeout: 600_000 });
}
async function profile(name, act, done) {
  await cdp.send('Profiler.start');
  const t = Date.now();
  await act(); await done();
  const ms = Date.now() - t;
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas; const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
  for (const [id, us] of counts) { const n = byId.get(id); const k = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`; self.set(k, (self.get(k) || 0) + us); }
  // Busy stretches (no idle sample) over 40 ms, with what they ran.
  let clock = profile.startTime, group = null; const groups = [];
  profile.samples.forEach((id, i) => {
    clock += dt[i] || 0; const n = byId.get(id); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
    if (name === '(idle)') { if (group) groups.push(group); group = null; return; }
    if (!group) group = { start: clock, end: clock, fns: new Map() };
    group.end = clock; group.fns.set(name, (group.fns.get(name) || 0) + (dt[i] || 0));
  });
  if (group) groups.push(group);
  for (const g of groups.filter((g) => g.end - g.start > 40000)) {
    console.log(`  busy ${((g.end - g.start) / 1000).toFixed(0)} ms:`, [...g.fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k.slice(0, 60)} ${(v / 1000).toFixed(0)}`).join(' | '));
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log(`\n== ${name}: ${ms} ms`);
  for (const [k, us] of top) console.log((us / 1000).toFixed(1).padStart(8), k.slice(0, 150));
}
await page.reload();
await page.getByRole('button', { name: 'Past entries' }).click();
await page.getByRole('button', { name: 'Show 50 older entries' }).waitFor({ timeout: 120000 });
await page.getByRole('button', { name: 'Write' }).click();
for (const mode of process.argv.slice(3)) {
  if (mode === 'save') {
    await page.locator('#interlude-text').fill('One more entry.');
    await profile('save', () => page.getByRole('button', { name: 'Save entry' }).click(), () => page.getByText('Saved in this browser.').waitFor());
    await page.waitForTimeout(300);
  }
  if (mode === 'summary') {
    await page.getByRole('button', { name: 'Past entries' }).click();
    await profile('summary', () => page.getByRole('button', { name: 'Prepare a session summary' }).click(), () => page.locator('.summary-sheet').waitFor());
  }
  if (mode === 'backup' || mode === 'encrypted') {
    if (mode === 'encrypted') {
      await page.getByRole('button', { name: 'About & privacy' }).click();
      await page.getByLabel('New passphrase').fill('bench passphrase words');
      await page.getByLabel('Type it again').fill('bench passphrase words');
      await page.getByRole('button', { name: 'Turn on the lock' }).click();
      await page.getByText('The lock is on.').waitFor({ timeout: 600_000 });
    }
    await page.getByRole('button', { name: 'Past entries' }).click();
    await page.evaluate(() => { window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); });
    const name = mode === 'encrypted' ? 'Download encrypted backup' : 'Download a backup (JSON)';
    await profile(mode, () => page.getByRole('button', { name }).click(), () => page.waitForEvent('download', { timeout: 120000 }));
    console.log('long tasks', await page.evaluate(() => window.__tasks));
  }
  if (mode === 'reload') {
    await profile('reload', () => page.reload(), () => page.getByRole('heading', { name: 'Write', level: 2 }).waitFor({ timeout: 120000 }));
  }
}
await browser.close(); await origins.close();
