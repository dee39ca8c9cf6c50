// The loader on the clinic page: launcher, iframe, closing, message checks,
// and the privacy boundary between the clinic page and the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  FRAME_TITLE, LAUNCHER, Visitor, assertNoPageErrors, customClinicPage, focusedOnPage, newContext, useEnvironment,
} from './support.mjs';

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
  // The launcher is in the loader's shadow root: look inside it.
  const focusedLabel = async () => (await focusedOnPage(visitor.page)).text;

  let widget = await visitor.openWidget();
  await visitor.openMenu(widget);
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
  await visitor.page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.tagName === 'IFRAME');
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
    // The open shadow root hides nothing from a script on the page.
    const iframe = document.querySelector('interlude-widget').shadowRoot.querySelector('iframe');
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
    const target = document.querySelector('interlude-widget').shadowRoot.querySelector('iframe').contentWindow;
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

/** The launcher's look, as computed: what a clinic stylesheet must not change. */
function launcherLook(launcher) {
  return launcher.evaluate((el) => {
    const s = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      box: [box.x, box.y, box.width, box.height].map(Math.round),
      ...Object.fromEntries(['backgroundColor', 'color', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle',
        'letterSpacing', 'wordSpacing', 'textTransform', 'lineHeight', 'textShadow', 'textDecorationLine',
        'paddingTop', 'paddingLeft', 'borderTopWidth', 'borderTopColor', 'borderTopLeftRadius', 'visibility'].map((p) => [p, s[p]])),
    };
  });
}

// Regression: a clinic's `button { background: hotpink !important }` used to
// restyle the launcher (white on pink, 2.64:1).
test('the launcher keeps its look and contrast under a clinic stylesheet that restyles buttons and text', async () => {
  const context = await newContext(env, { viewport: { width: 1280, height: 800 } });
  const plain = await Visitor.open(context, customClinicPage(env, 'plain', { 'crisis-region': 'US' }));
  const expected = await launcherLook(plain.launcher());
  assert.equal(expected.backgroundColor, 'rgb(47, 93, 98)');

  const hostile = `<style>
button { background: hotpink !important; color: #fff !important; font: italic 30px/3 serif !important;
  padding: 0 !important; border: 0 !important; border-radius: 0 !important; text-transform: uppercase !important; }
* { font-family: serif !important; letter-spacing: 3px !important; word-spacing: 9px !important;
  text-shadow: 0 0 4px red !important; line-height: 4 !important; color: hotpink !important; }
html, body { font-size: 30px !important; text-transform: uppercase; text-decoration: underline; }
iframe { border: 12px solid red !important; width: 10px !important; }
</style>`;
  const visitor = await Visitor.open(context, customClinicPage(env, 'hostile', { 'crisis-region': 'US' }, { head: hostile }));
  assert.deepEqual(await launcherLook(visitor.launcher()), expected);

  // axe checks the launcher's own text contrast (and finds nothing wrong with it).
  const results = await new AxeBuilder({ page: visitor.page }).withRules(['color-contrast']).analyze();
  // The launcher is the page's only element with aria-expanded (axe cuts its text short).
  const ours = (list) => list.flatMap((r) => r.nodes).filter((n) => n.html.includes('aria-expanded'));
  assert.deepEqual(ours(results.violations), []);
  assert.equal(ours(results.passes).length, 1, 'axe did not check the launcher');

  // The panel is out of the stylesheet's reach too.
  await visitor.launcher().click();
  const frame = visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`);
  await visitor.widget().getByRole('button', { name: 'Crisis help' }).waitFor();
  const box = await frame.boundingBox();
  assert.deepEqual([box.width, box.height], [416, 672]);
  assert.equal(await frame.evaluate((el) => getComputedStyle(el).borderTopWidth), '0px');
  assertNoPageErrors(visitor);
  await context.close();
});

test('the launcher is styled under a clinic page policy that forbids inline styles', async () => {
  const context = await newContext(env);
  const violations = [];
  // A strict policy, as a careful clinic may send: no inline <style> or style="…".
  const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; ` +
    `script-src {{WIDGET_ORIGIN}}; frame-src {{WIDGET_ORIGIN}}; img-src data:">`;
  const page = await context.newPage();
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)));
  const visitor = new Visitor(page);
  await page.goto(customClinicPage(env, 'strict', { 'crisis-region': 'UK', accent: '#7a3e9d' }, { head: policy }));
  const launcher = visitor.launcher();
  await launcher.waitFor();
  const look = await launcherLook(launcher);
  assert.equal(look.backgroundColor, 'rgb(122, 62, 157)');
  assert.equal(await launcher.evaluate((el) => getComputedStyle(el).position), 'fixed');
  const widget = await visitor.openWidget();
  await widget.getByRole('heading', { name: 'Before you start' }).waitFor();
  assert.deepEqual(violations, []);
  assertNoPageErrors(visitor);
  await context.close();
});

/** The panel's iframe and the viewport, as the visitor sees them. */
async function panelAndViewport(page) {
  const box = await page.locator(`iframe[title="${FRAME_TITLE}"]`).boundingBox();
  const viewport = await page.evaluate(() => [innerWidth, innerHeight]);
  return { panel: [box.x, box.y, box.width, box.height].map(Math.round), viewport };
}

// A phone-ready page long enough to scroll.
const LONG_PAGE = {
  head: '<meta name="viewport" content="width=device-width, initial-scale=1">',
  body: '<p style="height: 3000px">Clinic news</p>',
};

for (const [width, height] of [[390, 844], [320, 568]]) {
  test(`on a ${width}×${height} phone the open widget fills the screen, the launcher hides and the page stays still`, async () => {
    const context = await newContext(env, { viewport: { width, height }, isMobile: true, hasTouch: true });
    const visitor = await Visitor.open(context, customClinicPage(env, `phone-${width}`, { 'crisis-region': 'US' }, LONG_PAGE));
    const { page } = visitor;
    // An overflow of the page's own, to be given back on closing.
    await page.evaluate(() => { document.documentElement.style.overflow = 'auto'; });
    const widget = await visitor.openWidget();
    const { panel, viewport } = await panelAndViewport(page);
    assert.deepEqual(panel, [0, 0, ...viewport]);
    assert.deepEqual(viewport, [width, height]);
    // Its content clears a notch (no notch here, so the inset is 0).
    const padding = await page.locator('iframe').evaluate((el) => el.style.padding);
    for (const side of ['top', 'right', 'bottom', 'left']) assert.ok(padding.includes(`env(safe-area-inset-${side})`), padding);
    // Hidden, not only covered: no one can tab or tap to it.
    const launcher = page.getByRole('button', { name: LAUNCHER, includeHidden: true });
    assert.ok(await launcher.isHidden(), 'the launcher shows under the full-screen panel');
    assert.equal(await visitor.launcher().count(), 0, 'the launcher is still in the accessibility tree');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
    await page.mouse.move(width / 2, height / 2);
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the page behind scrolled');

    // Closing (the widget's Close, in its menu on a phone, then Escape)
    // brings the launcher back, with focus.
    await visitor.openMenu(widget);
    await widget.getByRole('button', { name: 'Close' }).click();
    await visitor.launcher().waitFor();
    assert.deepEqual(await focusedOnPage(page), { tag: 'BUTTON', text: LAUNCHER });
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'auto');
    await visitor.openWidget();
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.tagName === 'IFRAME');
    await page.keyboard.press('Escape');
    await visitor.launcher().waitFor();
    assert.deepEqual(await focusedOnPage(page), { tag: 'BUTTON', text: LAUNCHER });
    assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'auto');
    assertNoPageErrors(visitor);
    await context.close();
  });
}

test('turning the phone keeps the widget full screen; a desktop-sized window makes it a floating card again', async () => {
  const context = await newContext(env, { viewport: { width: 390, height: 844 } });
  const visitor = await Visitor.open(context, customClinicPage(env, 'turning', { 'crisis-region': 'US' }, LONG_PAGE));
  const { page } = visitor;
  await visitor.openWidget();
  await page.setViewportSize({ width: 844, height: 390 });
  let { panel, viewport } = await panelAndViewport(page);
  assert.deepEqual(panel, [0, 0, ...viewport], 'landscape, 390 high');
  await page.setViewportSize({ width: 1280, height: 800 });
  await visitor.launcher().waitFor();
  ({ panel } = await panelAndViewport(page));
  assert.equal(panel[2], 416);
  assert.equal(await page.evaluate(() => document.documentElement.style.overflow), '');
  await context.close();
});

test('on a desktop screen the widget is a floating card above the launcher, which toggles it', async () => {
  const context = await newContext(env, { viewport: { width: 1280, height: 800 } });
  const visitor = await Visitor.open(context, customClinicPage(env, 'desktop', { 'crisis-region': 'US' }, LONG_PAGE));
  const { page } = visitor;
  await visitor.openWidget();
  const { panel } = await panelAndViewport(page);
  const launcher = await visitor.launcher().boundingBox();
  const scrollbar = await page.evaluate(() => innerWidth - document.documentElement.clientWidth);
  // 16 px from the right, 80 px from the bottom, 26rem by 42rem.
  assert.deepEqual(panel, [1280 - scrollbar - 16 - 416, 800 - 80 - 672, 416, 672]);
  assert.ok(launcher.y > 800 - 80, 'the launcher is below the card');
  assert.equal(await page.locator('iframe').evaluate((el) => getComputedStyle(el).borderTopLeftRadius), '12px');
  // The page can still scroll behind a card.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  await visitor.launcher().click();
  await page.locator('iframe').waitFor({ state: 'hidden' });
  assert.equal(await visitor.launcher().getAttribute('aria-expanded'), 'false');
  assert.deepEqual(await focusedOnPage(page), { tag: 'BUTTON', text: LAUNCHER });
  await context.close();
});

test('a tag without data-crisis-region gets a console warning that visitors see only international lines', async () => {
  const context = await newContext(env);
  const messages = async (attributes, name) => {
    const page = await context.newPage();
    const seen = [];
    page.on('console', (m) => seen.push([m.type(), m.text()]));
    await page.goto(customClinicPage(env, name, attributes));
    await page.getByRole('button', { name: LAUNCHER }).waitFor();
    return seen.filter(([, text]) => text.startsWith('Interlude: data-crisis-region'));
  };
  const missing = await messages({ 'clinic-name': 'No Region Clinic' }, 'no-region');
  assert.equal(missing.length, 1);
  assert.equal(missing[0][0], 'warning');
  assert.match(missing[0][1], /is missing.*international.*112.*helpline directory.*data-crisis-region="US"/);
  assert.deepEqual(await messages({ 'crisis-region': 'NZ' }, 'with-region'), []);
  // International on purpose is a choice, not a mistake.
  assert.deepEqual(await messages({ 'crisis-region': 'INTL' }, 'intl-region'), []);
  await context.close();
});
