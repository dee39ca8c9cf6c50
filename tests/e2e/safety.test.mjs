// Leaving fast and deleting for good: quick exit (button and Shift x3, from
// the widget and from the clinic page), delete everything, and the widget's
// Content-Security-Policy holding through a whole session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_TITLE, Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();
const EXIT = 'https://www.bbc.com/weather';

/** A context where the neutral exit site answers without the network. */
async function exitContext() {
  const context = await newContext(env);
  await context.route(`${EXIT}*`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' }));
  return context;
}

/** Opens the clinic page after a neutral first page, so Back has somewhere to go. */
async function clinicAfterAnotherPage(context) {
  const visitor = new Visitor(await context.newPage());
  await visitor.page.goto(`${env.clinicOrigin}/book.html`);
  await visitor.page.goto(`${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'canary-exit-91' });
  await widget.getByText('Saved in this browser').waitFor();
  return { visitor, widget };
}

async function assertLeftAndBackShowsNothing(page) {
  await page.waitForURL(`${EXIT}*`);
  await page.goBack();
  await page.waitForLoadState();
  assert.ok(!page.url().endsWith(':' + new URL(env.clinicOrigin).port + '/'), `Back returned to ${page.url()}`);
  const texts = await Promise.all(page.frames().map((f) => f.locator('body').innerText().catch(() => '')));
  assert.ok(!texts.join(' ').includes('canary-exit-91'), 'journal text visible after Back');
}

test('the Quick exit button replaces the clinic page, and Back does not return to the widget', async () => {
  const context = await exitContext();
  const { visitor, widget } = await clinicAfterAnotherPage(context);
  await widget.getByRole('button', { name: 'Quick exit' }).click();
  await assertLeftAndBackShowsNothing(visitor.page);
  assertNoPageErrors(visitor);
  await context.close();
});

test('Shift pressed three times inside the widget exits', async () => {
  const context = await exitContext();
  const { visitor, widget } = await clinicAfterAnotherPage(context);
  await widget.locator('#interlude-text').focus();
  for (let i = 0; i < 3; i++) await visitor.page.keyboard.press('Shift');
  await assertLeftAndBackShowsNothing(visitor.page);
  await context.close();
});

test('Shift pressed three times on the clinic page exits', async () => {
  const context = await exitContext();
  const { visitor } = await clinicAfterAnotherPage(context);
  await visitor.launcher().focus();
  for (let i = 0; i < 3; i++) await visitor.page.keyboard.press('Shift');
  await assertLeftAndBackShowsNothing(visitor.page);
  await context.close();
});

test('Shift used for capitals never exits', async () => {
  const context = await exitContext();
  const { visitor, widget } = await clinicAfterAnotherPage(context);
  await widget.locator('#interlude-text').focus();
  await visitor.page.keyboard.type('I Am Okay Today, And Also Tomorrow ABC');
  await visitor.page.waitForTimeout(300);
  assert.ok(visitor.page.url().startsWith(env.clinicOrigin));
  assert.match(await widget.locator('#interlude-text').inputValue(), /ABC$/);
  await context.close();
});

test('standalone, quick exit replaces the widget page itself', async () => {
  const context = await exitContext();
  const page = await context.newPage();
  await page.goto(`${env.clinicOrigin}/book.html`);
  await page.goto(`${env.widgetOrigin}/`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('canary-exit-91');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(`${EXIT}*`);
  await page.goBack();
  await page.waitForLoadState();
  assert.equal(page.url(), `${env.clinicOrigin}/book.html`);
  await context.close();
});

test('delete everything needs the typed word, then removes only Interlude data', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.evaluate(() => localStorage.setItem('someone-else', 'keep'));
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('to be erased');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('button', { name: 'About & privacy' }).click();

  const button = page.getByRole('button', { name: 'Delete all my data on this device' });
  assert.ok(await button.isDisabled(), 'one click must never delete everything');
  await button.click({ force: true });
  await page.getByLabel('To confirm, type DELETE').fill('delet');
  assert.ok(await button.isDisabled());
  assert.ok((await page.evaluate(() => Object.keys(localStorage))).some((k) => k.startsWith('interlude.v1.entry.')));

  await page.getByLabel('To confirm, type DELETE').fill('DELETE');
  await button.click();
  assert.match(await visitor.status(page), /has been deleted/);
  await page.getByRole('heading', { name: 'Before you start' }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'interlude.v1.meta')), ['someone-else']);
  await page.reload();
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('Nothing saved yet').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('a whole session runs under the strict Content-Security-Policy without a violation', async () => {
  const context = await newContext(env);
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  const frame = await (await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle()).contentFrame();
  const response = await visitor.page.request.get(`${env.widgetOrigin}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(response.headers()['content-security-policy'], /'unsafe-inline'|'unsafe-eval'/);
  await visitor.acknowledge(widget);
  await widget.getByLabel('Guided prompt (optional)').selectOption({ index: 1 });
  await visitor.writeEntry(widget, { text: 'under CSP', mood: '4 Good' });
  await widget.getByRole('button', { name: 'Past entries' }).click();
  await visitor.downloadExport(widget);
  await widget.getByRole('button', { name: 'Crisis help' }).click();
  await widget.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await widget.getByRole('button', { name: 'About & privacy' }).click();
  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
  assert.deepEqual(visitor.consoleErrors.filter((m) => /Content Security Policy/i.test(m)), []);
  await context.close();
});
