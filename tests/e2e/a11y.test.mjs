// Accessibility: axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) reports
// nothing in each state of the widget, in light and dark, in each language
// (chosen by the browser's language), and on the clinic page with the
// launcher; every view reflows at 320 CSS px and 200% zoom; forced colours
// keep controls outlined; reduced motion leaves nothing moving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, blockStorage, assertAccessible, newContext, t, useEnvironment } from './support.mjs';

const env = useEnvironment();
for (const [locale, colorScheme] of [['en', 'light'], ['en', 'dark'], ['es', 'light'], ['ar', 'dark']]) {
  test(`every state of the standalone widget passes axe (${locale}, ${colorScheme})`, async () => {
    const context = await newContext(env, { colorScheme, locale });
    const _ = (english) => t(locale, english);
    const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
    const page = visitor.page;
    await page.getByRole('heading', { name: _('Before you start') }).waitFor();
    await assertAccessible(page, 'first run');

    await page.getByRole('button', { name: _('Crisis help') }).click();
    await page.getByRole('dialog', { name: _('Help right now') }).waitFor();
    await assertAccessible(page, 'crisis dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: _('I understand, continue') }).click();
    await page.getByLabel(_('Guided prompt (optional)')).selectOption({ index: 1 });
    await page.getByRole('group', { name: _('How are you feeling? (optional, 1 is lowest)') }).locator('input[value="5"]').check();
    await assertAccessible(page, 'writing');

    await page.getByRole('button', { name: _('Save entry') }).click();
    await assertAccessible(page, 'saved status');
    await page.getByRole('button', { name: _('Save entry') }).click();
    await assertAccessible(page, 'error status');

    await page.getByRole('button', { name: _('Past entries') }).click();
    await page.locator('article.entry').first().waitFor();
    await page.getByRole('button', { name: _('Delete') }).click();
    await assertAccessible(page, 'past entries with delete confirmation');

    await page.getByRole('button', { name: _('Trends') }).click();
    await page.getByRole('heading', { level: 2, name: _('Trends') }).waitFor();
    await assertAccessible(page, 'trends');

    await page.getByRole('button', { name: _('About & privacy') }).click();
    await assertAccessible(page, 'about');

    await page.getByRole('button', { name: _('Book a session with a person') }).click();
    await page.getByRole('dialog', { name: _('Book a session with a person') }).waitFor();
    await assertAccessible(page, 'booking dialog');
    await context.close();
  });
}

test('the storage notice passes axe', async () => {
  const context = await newContext(env);
  await blockStorage(context);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  await visitor.page.getByText('Your browser is not letting this page store anything').waitFor();
  await assertAccessible(visitor.page, 'storage blocked');
  await context.close();
});

test('the clinic page with the launcher and the open widget passes axe', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  await visitor.launcher().waitFor();
  await assertAccessible(visitor.page, 'launcher');
  await visitor.openWidget();
  await assertAccessible(visitor.page, 'launcher with widget open');
  await context.close();
});

/** Shows each main view of the widget in turn (in `locale`) and runs `check` on it. */
async function eachView(page, check, locale = 'en') {
  const _ = (english) => t(locale, english);
  await page.getByRole('button', { name: _('I understand, continue') }).click();
  await page.getByLabel(_("What's on your mind?")).fill('A long word: Donaudampfschifffahrtsgesellschaftskapitänsmütze, and a link-like one: https://example.org/a/very/long/path/that/does/not/break');
  await page.getByRole('button', { name: _('Save entry') }).click();
  await check('write');
  for (const view of ['Past entries', 'Trends', 'About & privacy']) {
    await page.getByRole('button', { name: _(view) }).click();
    await page.locator('main h2').first().waitFor();
    await check(view);
  }
}

test('content reflows at 320 CSS px and at 200% zoom in every language: no sideways scrolling in any view', async () => {
  // 320 CSS px is a 1280 px window at 400%; 640 CSS px at twice the pixels is 200%.
  for (const locale of ['en', 'es', 'ar']) {
    for (const [width, deviceScaleFactor] of [[320, 1], [640, 2]]) {
      const context = await newContext(env, { viewport: { width, height: 700 }, deviceScaleFactor, locale });
      const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
      const page = visitor.page;
      await eachView(page, async (view) => {
        const [scroll, client] = await page.evaluate(() =>
          [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(scroll <= client, `${view} (${locale}) at ${width} px scrolls sideways (${scroll} > ${client})`);
      }, locale);
      await context.close();
    }
  }
});

test('forced colours keep every control outlined, and reduced motion leaves nothing moving', async () => {
  const context = await newContext(env, { forcedColors: 'active', reducedMotion: 'reduce' });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await eachView(page, async (view) => {
    // Radio buttons and checkboxes are drawn by the system in its own colours.
    const unoutlined = await page.evaluate(() => [...document.querySelectorAll(
      'button, select, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), a.button, a.book')]
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => { const s = getComputedStyle(el); return s.borderStyle === 'none' || parseFloat(s.borderWidth) === 0; })
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unoutlined, [], `controls without a border in forced colours (${view})`);
    assert.equal(await page.evaluate(() => document.getAnimations().length), 0, `something moves in ${view}`);
  });
  await context.close();
});
