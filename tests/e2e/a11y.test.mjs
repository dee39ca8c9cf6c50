// Accessibility: axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) reports
// nothing in each state of the widget, in light and dark, and on the clinic
// page with the launcher.
import { test } from 'node:test';
import { Visitor, blockStorage, assertAccessible, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();
for (const colorScheme of ['light', 'dark']) {
  test(`every state of the standalone widget passes axe (${colorScheme})`, async () => {
    const context = await newContext(env, { colorScheme });
    const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
    const page = visitor.page;
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    await assertAccessible(page, 'first run');

    await page.getByRole('button', { name: 'Crisis help' }).click();
    await page.getByRole('dialog', { name: 'Help right now' }).waitFor();
    await assertAccessible(page, 'crisis dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'I understand, continue' }).click();
    await page.getByLabel('Guided prompt (optional)').selectOption({ index: 1 });
    await page.getByRole('radio', { name: '5 Very good' }).check();
    await assertAccessible(page, 'writing');

    await page.getByRole('button', { name: 'Save entry' }).click();
    await assertAccessible(page, 'saved status');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await assertAccessible(page, 'error status');

    await page.getByRole('button', { name: 'Past entries' }).click();
    await page.locator('article.entry').first().waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await assertAccessible(page, 'past entries with delete confirmation');

    await page.getByRole('button', { name: 'About & privacy' }).click();
    await assertAccessible(page, 'about');

    await page.getByRole('button', { name: 'Book a session with a person' }).click();
    await page.getByRole('dialog', { name: 'Book a session with a person' }).waitFor();
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
