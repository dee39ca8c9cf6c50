// Offline and installable: the service worker, the manifest, updates, and
// a widget that still works where no service worker is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { startServers } from '../../scripts/serve.mjs';
import {
  ARGS, CHROMIUM, FRAME_TITLE, Visitor, assertAccessible, assertNoPageErrors, newContext, openMenu, t, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

/** Waits until the service worker is active and controls the page or frame. */
async function untilControlled(target) {
  await target.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** A copy of dist/ that a test may change, served on its own two origins. */
async function deployCopy(change = async () => {}) {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-deploy-'));
  await cp('dist', dir, { recursive: true });
  await change(dir);
  const servers = await startServers({ dist: dir, demo: 'demo' });
  return { dir, ...servers, close: async () => { await servers.close(); await rm(dir, { recursive: true }); } };
}

test('the standalone page is an installable web app', async () => {
  // Chromium never offers installation in an off-the-record profile, which
  // is what ordinary test contexts are; use a real, throwaway profile.
  const profile = await mkdtemp(join(tmpdir(), 'interlude-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const page = context.pages()[0] || await context.newPage();
  await page.goto(`${env.widgetOrigin}/`);
  await untilControlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = JSON.parse(await (await page.request.get(`${env.widgetOrigin}/manifest.webmanifest`)).text());
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.theme_color, '#2f5d62');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
  await context.close();
  await rm(profile, { recursive: true });
});

test('the service worker precaches exactly the files of this build', async () => {
  const context = await newContext(env);
  const page = await context.newPage();
  await page.goto(`${env.widgetOrigin}/`);
  await untilControlled(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() };
  });
  assert.equal(cached.keys.length, 1);
  const html = await readFile('dist/index.html', 'utf8');
  for (const asset of html.match(/interlude-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css/g)) {
    assert.ok(cached.urls.includes(`/${asset}`), `${asset} is not precached`);
  }
  assert.ok(cached.urls.includes('/index.html'));
  assert.ok(!cached.urls.includes('/sw.js'));
  // The views opened later: their loader, and every chunk it names.
  const [loader] = html.match(/interlude-split-[0-9a-f]+\.js/);
  assert.ok(cached.urls.includes(`/${loader}`), `${loader} is not precached`);
  const chunks = (await readFile(`dist/${loader}`, 'utf8')).match(/interlude-later-[a-z0-9-]+\.wasm/g);
  assert.ok(chunks.length >= 5, `only ${chunks.length} chunks named in ${loader}`);
  for (const chunk of chunks) assert.ok(cached.urls.includes(`/${chunk}`), `${chunk} is not precached`);
  // Every language's catalog, so switching language works offline too.
  for (const tag of ['es', 'ar']) {
    assert.ok(cached.urls.includes(`/locales/${tag}.json`), `locales/${tag}.json is not precached`);
  }
  await context.close();
});

test('a view that cannot be fetched yet says so calmly, and opens when it can (saying so meanwhile)', async () => {
  // No service worker (nothing cached yet), and every chunk of the views
  // opened later fails, as on a first visit whose connection dropped.
  const context = await newContext(env, { serviceWorkers: 'block' });
  let failing = true;
  const fetched = [];
  await context.route('**/interlude-later-*.wasm', (route) => {
    fetched.push(new URL(route.request().url()).pathname);
    if (failing) return route.abort('internetdisconnected');
    // A slow connection: the view says it is opening meanwhile.
    return new Promise((resolve) => setTimeout(resolve, 1000)).then(() => route.continue());
  });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('kept while a view could not load');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser').waitFor();
  // The widget tried to fetch the chunks in the background once ready.
  for (let i = 0; i < 100 && !fetched.some((path) => path.includes('interlude-later-history-')); i++) {
    await page.waitForTimeout(50);
  }
  assert.ok(fetched.some((path) => path.includes('interlude-later-history-')), `fetched: ${fetched}`);

  await page.getByRole('button', { name: 'Past entries' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Your entries are safe\./);
  await assertAccessible(page, 'a view not loaded');

  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  const opening = page.getByRole('status').filter({ hasText: 'Opening…' });
  await opening.waitFor();
  await page.getByText('kept while a view could not load').waitFor();
  assert.equal(await alert.count(), 0);
  assert.equal(await opening.count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

test('offline, the standalone page reloads and every feature works', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await untilControlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.getByLabel('Guided prompt (optional)').selectOption({ label: 'What went well today, however small?' });
  await page.locator('#interlude-text').fill('written offline');
  await page.getByRole('radio', { name: '2 Low' }).check();
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser').waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('written offline').waitFor();
  await page.getByText('Mood: 2 of 5, Low').waitFor();
  const { json: exported } = await visitor.downloadExport(page);
  assert.equal(exported.entries[0].text, 'written offline');
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('link', { name: 'Open Find A Helpline' }).waitFor();
  await page.keyboard.press('Escape');
  // Another language, never fetched by this English visitor: precached.
  await openMenu(page);
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { name: t('es', 'Past entries') }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

test('offline, the embedded widget keeps working and re-opens from cache', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  let widget = await visitor.openWidget();
  const frame = await (await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle()).contentFrame();
  await untilControlled(frame);
  await context.setOffline(true);

  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'embedded and offline', mood: '3 Okay' });
  await widget.getByText('Saved in this browser').waitFor();
  await visitor.openMenu(widget);
  await widget.getByRole('button', { name: 'Close' }).click();
  widget = await visitor.openWidget();

  // A fresh load of the widget page, as on the next visit, comes from the cache.
  await visitor.page.evaluate(() => {
    const old = document.querySelector('interlude-widget').shadowRoot.querySelector('iframe');
    old.replaceWith(old.cloneNode());
  });
  widget = visitor.widget();
  await widget.getByRole('button', { name: 'Past entries' }).click();
  await widget.getByText('embedded and offline').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('going offline in the middle of writing loses nothing', async () => {
  const context = await newContext(env);
  const page = await context.newPage();
  await page.goto(`${env.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await untilControlled(page);
  await page.locator('#interlude-text').pressSequentially('Half of it online, ');
  await context.setOffline(true);
  await page.locator('#interlude-text').pressSequentially('half of it offline.');
  await page.reload();
  assert.equal(await page.locator('#interlude-text').inputValue(), 'Half of it online, half of it offline.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('Half of it online, half of it offline.').waitFor();
  await context.close();
});

test('a new version waits, is offered, keeps the open session working, and keeps the data', async () => {
  const site = await deployCopy();
  const context = await newContext(env);
  try {
    const visitor = await Visitor.open(context, `${site.widgetOrigin}/`);
    const page = visitor.page;
    await page.getByRole('button', { name: 'I understand, continue' }).click();
    await untilControlled(page);
    await page.locator('#interlude-text').fill('written under version N');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Saved in this browser').waitFor();
    const oldCaches = await page.evaluate(() => caches.keys());

    // Deploy version N+1 over the same origin: a changed page, a new precache list.
    const index = join(site.dir, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('<head>', '<head><meta name="interlude-build" content="N+1">'));
    await promisify(execFile)('node', ['scripts/precache.mjs', site.dir]);

    // The next open notices it, but still runs version N.
    await page.reload();
    const notice = page.getByText('A new version of Interlude is ready');
    await notice.waitFor();
    await assertAccessible(page, 'update ready');
    assert.equal(await page.locator('meta[name="interlude-build"]').count(), 0);
    await page.getByRole('button', { name: 'Past entries' }).click();
    await page.getByText('written under version N').waitFor();
    // The open session keeps working while the update waits.
    await page.getByRole('button', { name: 'Write' }).click();
    await page.locator('#interlude-text').fill('still written under N');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Saved in this browser').waitFor();

    await page.getByRole('button', { name: 'Reload to update' }).click();
    await page.locator('meta[name="interlude-build"][content="N+1"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Past entries' }).click();
    await page.getByText('written under version N', { exact: true }).waitFor();
    await page.getByText('still written under N').waitFor();
    assert.equal(await notice.count(), 0);
    const newCaches = await page.evaluate(() => caches.keys());
    assert.equal(newCaches.length, 1, `old caches were kept: ${newCaches}`);
    assert.notDeepEqual(newCaches, oldCaches);
    assertNoPageErrors(visitor);
  } finally {
    await context.close();
    await site.close();
  }
});

test('without service workers the widget works the same, just not offline', async () => {
  const context = await newContext(env, { serviceWorkers: 'block' });
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'no worker here' });
  await widget.getByText('Saved in this browser').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('a host that serves no sw.js still gets a working widget', async () => {
  const site = await deployCopy((dir) => rm(join(dir, 'sw.js')));
  const context = await newContext(env);
  try {
    const visitor = await Visitor.open(context, `${site.clinicOrigin}/`);
    const widget = await visitor.openWidget();
    await visitor.acknowledge(widget);
    await visitor.writeEntry(widget, { text: 'no worker served' });
    await widget.getByText('Saved in this browser').waitFor();
    await widget.getByRole('button', { name: 'Past entries' }).click();
    await widget.getByText('no worker served').waitFor();
    assertNoPageErrors(visitor);
  } finally {
    await context.close();
    await site.close();
  }
});

test('the installed app, which starts without configuration, remembers the clinic', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  await visitor.openWidget();
  // The manifest's start_url: no #fragment.
  const app = await context.newPage();
  await app.goto(`${env.widgetOrigin}/index.html`);
  const book = app.getByRole('link', { name: 'Book a session with a person' });
  assert.equal(await book.getAttribute('href'), `${env.clinicOrigin}/book.html`);
  await app.getByRole('button', { name: 'Crisis help' }).click();
  await app.getByRole('link', { name: 'Call 988' }).waitFor();
  assert.equal(await app.getByRole('button', { name: 'Close' }).count(), 1, 'only the dialog has Close');
  await context.close();
});
