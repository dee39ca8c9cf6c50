// The loader on the clinic page: launcher, iframe, closing, message checks,
// and the privacy boundary between the clinic page and the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_TITLE, LAUNCHER, Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('the launcher appears with no layout shift and loads nothing of the widget before a click', async () => {
  const context = await newContext(env);
  await context.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const widgetRequests = [];
  context.on('request', (r) => { if (r.url().startsWith(env.widgetOrigin)) widgetRequests.push(r.url()); });
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  await visitor.launcher().waitFor();
  await visitor.page.waitForTimeout(500);
  assert.deepEqual(widgetRequests, [`${env.widgetOrigin}/embed.js`]);
  assert.equal(await visitor.page.locator('iframe').count(), 0);
  assert.equal(await visitor.page.evaluate(() => window.__shift), 0);
  assert.equal(await visitor.launcher().getAttribute('aria-expanded'), 'false');
  assertNoPageErrors(visitor);
  await context.close();
});

test('clicking the launcher opens the widget in a titled iframe from the widget origin', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  const frame = visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`);
  const src = await frame.getAttribute('src');
  assert.ok(src.startsWith(`${env.widgetOrigin}/index.html#`), src);
  const config = new URLSearchParams(new URL(src).hash.slice(1));
  assert.equal(config.get('clinic'), 'Harbour Street Counselling');
  assert.equal(config.get('host'), env.clinicOrigin);
  assert.equal(config.get('mode'), 'launcher');
  assert.equal(await visitor.launcher().getAttribute('aria-expanded'), 'true');
  await widget.getByRole('heading', { name: 'Before you start' }).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('closing the widget, by its button or Escape, returns focus to the launcher', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const frame = visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`);
  const focusedLabel = () => visitor.page.evaluate(() => document.activeElement?.textContent?.trim());

  let widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'Close' }).click();
  await frame.waitFor({ state: 'hidden' });
  assert.equal(await focusedLabel(), LAUNCHER);
  assert.equal(await visitor.launcher().getAttribute('aria-expanded'), 'false');

  widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'I understand, continue' }).focus();
  await visitor.page.keyboard.press('Escape');
  await frame.waitFor({ state: 'hidden' });
  assert.equal(await focusedLabel(), LAUNCHER);

  // Escape straight after opening, before focus has reached any control.
  await visitor.launcher().press('Enter');
  await frame.waitFor();
  await visitor.page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
  await visitor.page.keyboard.press('Escape');
  await frame.waitFor({ state: 'hidden' });
  assert.equal(await focusedLabel(), LAUNCHER);
  await context.close();
});

test('Escape inside the crisis dialog closes only the dialog', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'Crisis help' }).click();
  await widget.getByRole('dialog', { name: 'Help right now' }).waitFor();
  await visitor.page.keyboard.press('Escape');
  await widget.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.ok(await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).isVisible());
  await context.close();
});

test('the loader ignores messages from other windows and messages outside the schema', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  await visitor.openWidget();
  const frameLocator = visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`);
  const frame = await (await frameLocator.elementHandle()).contentFrame();

  // Another script on the clinic page forging the widget's message.
  await visitor.page.evaluate(() => window.postMessage({ interlude: 1, type: 'close' }, '*'));
  // The widget's own window sending something outside the schema.
  await frame.evaluate(() => parent.postMessage({ interlude: 2, type: 'close' }, '*'));
  await frame.evaluate(() => parent.postMessage('close', '*'));
  await visitor.page.waitForTimeout(300);
  assert.ok(await frameLocator.isVisible(), 'a forged or malformed message closed the widget');

  // The real message from the real widget does close it.
  await frame.evaluate(() => parent.postMessage({ interlude: 1, type: 'close' }, '*'));
  await frameLocator.waitFor({ state: 'hidden' });
  await context.close();
});

test('a script on the clinic page cannot read the widget document or its storage', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'canary-7f3a private words' });
  await widget.getByText('Saved in this browser').waitFor();

  const attempts = await visitor.page.evaluate(() => {
    const iframe = document.querySelector('iframe');
    const tryRead = (read) => { try { return String(read()); } catch (e) { return `blocked: ${e.name}`; } };
    return {
      contentDocument: String(iframe.contentDocument),
      document: tryRead(() => iframe.contentWindow.document.body.innerText),
      storage: tryRead(() => iframe.contentWindow.localStorage.length),
      ownStorage: JSON.stringify({ ...localStorage }),
      pageText: document.body.innerText,
    };
  });
  assert.equal(attempts.contentDocument, 'null');
  assert.equal(attempts.document, 'blocked: SecurityError');
  assert.equal(attempts.storage, 'blocked: SecurityError');
  assert.ok(!attempts.ownStorage.includes('canary-7f3a'));
  assert.ok(!attempts.pageText.includes('canary-7f3a'));
  await context.close();
});

test('inline mode puts the widget in the clinic container without a launcher', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/inline.html`);
  const frame = visitor.page.locator(`#journal iframe[title="${FRAME_TITLE}"]`);
  await frame.waitFor();
  assert.equal(await visitor.launcher().count(), 0);
  const widget = visitor.widget();
  await widget.getByRole('heading', { name: 'Before you start' }).waitFor();
  // Loading inline never takes focus from the clinic page.
  await visitor.page.waitForTimeout(300);
  assert.equal(await visitor.page.evaluate(() => document.activeElement.tagName), 'BODY');
  // Inline has nothing to close.
  assert.equal(await widget.getByRole('button', { name: 'Close' }).count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

test('the demo tag carries a Subresource Integrity hash, and a wrong hash blocks the loader', async () => {
  const context = await newContext(env);
  const demo = await context.newPage();
  await demo.goto(`${env.clinicOrigin}/`);
  const integrity = await demo.locator('script[src$="/embed.js"]').getAttribute('integrity');
  assert.match(integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
  await demo.getByRole('button', { name: LAUNCHER }).waitFor();

  env.clinicPages.set('/tampered.html', `<!DOCTYPE html><html lang="en"><title>Clinic</title><main><h1>Clinic</h1></main>
<script src="{{WIDGET_ORIGIN}}/embed.js" integrity="sha384-${'A'.repeat(64)}" crossorigin="anonymous" async></script>`);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/tampered.html`);
  await visitor.page.waitForTimeout(500);
  assert.equal(await visitor.launcher().count(), 0);
  assert.ok(visitor.consoleErrors.some((m) => /integrity/i.test(m)), visitor.consoleErrors.join('\n'));
  await context.close();
});

test('a hostile script on the clinic page hears no keystrokes typed in the widget and cannot steer it by message', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  await visitor.page.evaluate(() => {
    window.__heard = [];
    for (const type of ['keydown', 'keypress', 'keyup', 'input']) {
      window.addEventListener(type, (e) => window.__heard.push(e.key || e.data || type), true);
      document.addEventListener(type, (e) => window.__heard.push(e.key || e.data || type), true);
    }
  });
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await widget.locator('#interlude-text').pressSequentially('secret words');
  assert.deepEqual(await visitor.page.evaluate(() => window.__heard), []);

  // Forged messages into the widget: it listens to none, so nothing changes.
  await visitor.page.evaluate(() => {
    const target = document.querySelector('iframe').contentWindow;
    for (const m of [{ interlude: 1, type: 'close' }, { interlude: 1, type: 'exit' }, { type: 'export' }, 'delete']) {
      target.postMessage(m, '*');
    }
  });
  await visitor.page.waitForTimeout(300);
  assert.ok(visitor.page.url().startsWith(env.clinicOrigin));
  assert.equal(await widget.locator('#interlude-text').inputValue(), 'secret words');
  assert.ok(await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).isVisible());
  await context.close();
});
