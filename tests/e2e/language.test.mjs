// Languages: the clinic's data-locale, else the browser's language, with a
// switch in the widget that the visitor's device remembers. Spanish and
// Arabic are complete (no English sentence left on screen), Arabic lays
// out right to left, and axe finds nothing in either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import {
  Visitor, assertAccessible, assertNoPageErrors, customClinicPage, englishLeft, newContext, openMenu, t,
  useEnvironment,
} from './support.mjs';

const env = useEnvironment();

/** The `lang` and `dir` of the document `where` (page or frame locator) shows. */
function documentLanguage(where) {
  return where.locator('html').evaluate((html) => [html.lang, html.dir]);
}

test("a clinic's data-locale gives the launcher and the whole widget in Spanish", async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, customClinicPage(env, 'es-clinic', { locale: 'es', 'crisis-region': 'UK' }));
  const page = visitor.page;
  await page.getByRole('button', { name: 'Reflexionar en privado' }).click();
  const w = page.frameLocator('iframe[title="Espacio privado de reflexión"]');
  await w.getByRole('heading', { name: t('es', 'Before you start') }).waitFor();
  assert.deepEqual(await documentLanguage(w), ['es', 'ltr']);
  assert.deepEqual(await englishLeft(w, 'es'), [], 'English left on the first-run screen');
  await assertAccessible(page, 'Spanish first run');

  // Crisis lines follow the clinic's region, not the language: Samaritans
  // (UK) in Spanish, with its number as it is dialled there.
  await w.getByRole('button', { name: t('es', 'Crisis help') }).click();
  const help = w.getByRole('dialog', { name: t('es', 'Help right now') });
  await help.getByText('Samaritans', { exact: true }).waitFor();
  await help.getByRole('link', { name: /116 123/ }).first().waitFor();
  assert.deepEqual(await englishLeft(w, 'es'), [], 'English left in the crisis panel');
  await assertAccessible(page, 'Spanish crisis panel');
  await page.keyboard.press('Escape');

  await w.getByRole('button', { name: t('es', 'I understand, continue') }).click();
  await w.getByLabel(t('es', "What's on your mind?")).fill('Hoy caminé junto al río.');
  await w.getByRole('button', { name: t('es', 'Save entry') }).click();
  await w.getByRole('button', { name: t('es', 'Past entries') }).click();
  await w.getByText('Hoy caminé junto al río.').waitFor();
  assert.deepEqual(await englishLeft(w, 'es'), [], 'English left in past entries');
  await assertAccessible(page, 'Spanish past entries');

  for (const view of ['Trends', 'About & privacy']) {
    await w.getByRole('button', { name: t('es', view) }).click();
    await w.getByRole('heading', { level: 2 }).first().waitFor();
    assert.deepEqual(await englishLeft(w, 'es'), [], `English left in ${view}`);
    await assertAccessible(page, `Spanish ${view}`);
  }
  assert.deepEqual(visitor.consoleErrors, []);
  assertNoPageErrors(visitor);
  await context.close();
});

test('the visitor switches to Arabic: right to left, focus kept, remembered over the clinic and browser', async () => {
  // The browser prefers Spanish, so the widget starts in Spanish.
  const context = await newContext(env, { locale: 'es-MX', viewport: { width: 320, height: 720 } });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('heading', { name: t('es', 'Before you start') }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['es', 'ltr']);

  await openMenu(page);

  await page.getByLabel(t('es', 'Language')).selectOption('ar');
  await page.getByRole('heading', { name: t('ar', 'Before you start') }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['ar', 'rtl']);
  // The switch was drawn again in Arabic; focus is back on it.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('label')?.className), 'language');
  await page.getByRole('button', { name: t('ar', 'I understand, continue') }).click();
  await page.getByRole('heading', { name: t('ar', 'Write') }).waitFor();
  assert.deepEqual(await englishLeft(page, 'ar'), [], 'English left while writing');
  await assertAccessible(page, 'Arabic writing');

  // Right to left: the name sits at the right, its buttons at the left, the
  // first tab is the rightmost, text fields start at the right; and
  // nothing is wider than a 320 px phone.
  const box = (selector) => page.locator(selector).first().boundingBox();
  const [crisis, menu] = [await box('.bar .crisis'), await box('.menu-toggle')];
  assert.ok(crisis.x > menu.x, 'Crisis help is right of the menu button');
  const tabs = await page.locator('nav.tabs button').evaluateAll((all) => all.map((b) => b.getBoundingClientRect().x));
  assert.ok(tabs[0] > tabs[1], 'the first tab is right of the second');
  assert.equal(await page.locator('#interlude-text').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    'no sideways scrolling at 320 px');
  await mkdir('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/arabic-right-to-left.png', fullPage: true });

  // Kept on this device: a reload, and the clinic's page asking for
  // English, both open in the visitor's Arabic.
  await page.reload();
  await page.getByRole('heading', { name: t('ar', 'Write') }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['ar', 'rtl']);
  const clinic = await Visitor.open(context, customClinicPage(env, 'en-clinic', { locale: 'en' }));
  await clinic.launcher().click();
  assert.deepEqual(await documentLanguage(clinic.widget()), ['ar', 'rtl']);
  await clinic.widget().getByRole('heading', { name: t('ar', 'Write') }).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test("counts and dates use the language's digits, and the lock screen speaks it too", async () => {
  const context = await newContext(env, { locale: 'ar-EG' });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('button', { name: t('ar', 'I understand, continue') }).click();
  await page.getByLabel(t('ar', "What's on your mind?")).fill('كتبت شيئًا اليوم.');
  await page.getByRole('button', { name: t('ar', 'Save entry') }).click();
  await page.getByRole('button', { name: t('ar', 'Past entries') }).click();
  const entry = page.locator('article.entry').first();
  await entry.waitFor();
  const heading = await entry.locator('h3, time').first().textContent();
  assert.match(heading, /[٠-٩]/, `the date is written with Arabic digits: ${heading}`);
  assert.doesNotMatch(heading, /[0-9]/, `no Latin digits in the date: ${heading}`);

  // The lock screen, in Arabic too.
  const passphrase = 'عبارة طويلة للاختبار';
  await page.getByRole('button', { name: t('ar', 'About & privacy') }).click();
  await page.getByLabel(t('ar', 'New passphrase')).fill(passphrase);
  await page.getByLabel(t('ar', 'Type it again')).fill(passphrase);
  await page.getByRole('button', { name: t('ar', 'Turn on the lock') }).click();
  await page.getByText(t('ar', 'The lock is on. Your journal is now stored encrypted.')).waitFor();
  await page.reload();
  await page.getByLabel(t('ar', 'Passphrase'), { exact: true }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['ar', 'rtl']);
  assert.deepEqual(await englishLeft(page, 'ar'), [], 'English left on the lock screen');
  await assertAccessible(page, 'Arabic lock screen');
  await page.getByLabel(t('ar', 'Passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: t('ar', 'Unlock') }).click();
  await page.getByRole('heading', { name: t('ar', 'Write') }).waitFor();
  await context.close();
});

test('only the language a visitor reads is fetched; one that cannot be fetched yet is explained in both languages', async () => {
  // An English visitor fetches no catalog (no service worker here, which
  // would precache them all in the background).
  let context = await newContext(env, { serviceWorkers: 'block' });
  let catalogs = [];
  context.on('request', (request) => {
    if (request.url().includes('/locales/')) catalogs.push(new URL(request.url()).pathname);
  });
  let visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  await visitor.page.getByRole('heading', { name: 'Before you start' }).waitFor();
  await visitor.page.getByLabel('Language').waitFor();
  assert.deepEqual(catalogs, []);
  await context.close();

  // A Spanish browser on a first visit whose connection dropped: the
  // widget is readable in English, crisis help works, and the visitor is
  // told in English and in Spanish.
  context = await newContext(env, { locale: 'es-ES', serviceWorkers: 'block' });
  let failing = true;
  catalogs = [];
  await context.route('**/locales/*.json', (route) => {
    catalogs.push(new URL(route.request().url()).pathname);
    return failing ? route.abort('internetdisconnected') : route.continue();
  });
  visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('heading', { name: 'Before you start' }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['en', 'ltr']);
  assert.deepEqual(catalogs, ['/locales/es.json']);
  const alert = page.getByRole('alert');
  await alert.getByText('Español could not be loaded. It needs a connection the first time;').waitFor();
  const spanish = alert.locator('p[lang="es"]');
  assert.match(await spanish.innerText(), /^No se pudo cargar el español\./);
  await assertAccessible(page, 'a language not loaded');
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog', { name: 'Help right now' }).waitFor();
  await page.keyboard.press('Escape');

  // Chosen again once online, it loads; the notice goes, focus stays on
  // the switch, and the choice is remembered.
  failing = false;
  await openMenu(page);
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { name: t('es', 'Before you start') }).waitFor();
  assert.deepEqual(await documentLanguage(page), ['es', 'ltr']);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('label')?.className), 'language');
  assert.deepEqual(await englishLeft(page, 'es'), [], 'English left after the catalog arrived');

  // Arabic cannot be fetched: Spanish stays, the switch shows it, and the
  // notice is in Spanish and Arabic.
  failing = true;
  await openMenu(page);
  await page.getByLabel(t('es', 'Language')).selectOption('ar');
  await page.getByRole('alert').locator('p[lang="ar"]').waitFor();
  assert.deepEqual(await documentLanguage(page), ['es', 'ltr']);
  assert.equal(await page.getByLabel(t('es', 'Language')).inputValue(), 'es');
  assert.match(await page.getByRole('alert').innerText(), /^No se pudo cargar العربية\./);
  // Only the browser's own reports of the blocked requests.
  assert.deepEqual(visitor.consoleErrors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  assertNoPageErrors(visitor);
  await context.close();
});

test("on a slow connection crisis help does not wait for the language's text: English first, then the language", async () => {
  const context = await newContext(env, { locale: 'es-ES', serviceWorkers: 'block' });
  await context.route('**/locales/*.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 6000));
    return route.continue();
  });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  // Drawn in English about 3 s after starting, well before the text.
  await page.getByRole('button', { name: 'Crisis help' }).waitFor({ timeout: 5000 });
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog', { name: 'Help right now' }).waitFor();
  await page.keyboard.press('Escape');
  // The text arrives: the widget is drawn again in Spanish, with no notice.
  await page.getByRole('heading', { name: t('es', 'Before you start') }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await documentLanguage(page), ['es', 'ltr']);
  assert.equal(await page.getByRole('alert').count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});
