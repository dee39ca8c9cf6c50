// The snippet builder shipped with the build: a clinic fills in its
// options, sees the real loader in a live preview, and copies the exact
// script tag with the build's integrity hash; the tag works when pasted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

test('the builder makes the exact tag, previews it with the real loader, and the tag works on a clinic page', async () => {
  const context = await newContext(env, { permissions: ['clipboard-read', 'clipboard-write'] });
  const violations = [];
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = visitor.page;
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.getByRole('heading', { name: 'Make your Interlude script tag' }).waitFor();
  await assertAccessible(page, 'snippet builder');

  await page.getByLabel('Clinic name').fill('Quote "&" <Clinic>');
  await page.getByLabel('Booking page (https://…)').fill('https://book.example/now');
  await page.getByLabel('Crisis lines for').selectOption('UK');
  await page.getByLabel('Brand colour').fill('#7a3e9d');
  await page.getByLabel('Button side').selectOption('left');
  await page.getByLabel('Language').selectOption('en');
  await page.getByLabel('Button text').fill('Journal');
  await page.getByRole('checkbox', { name: 'Noticing the good' }).check();
  await page.getByRole('checkbox', { name: 'GAD-7 (worry and anxiety)' }).check();
  await page.getByLabel('Reminder').selectOption('weekly');

  const sri = `sha384-${createHash('sha384').update(await readFile('dist/embed.js')).digest('base64')}`;
  const snippet = await page.locator('#snippet').textContent();
  assert.equal(snippet, [
    `<script src="${env.widgetOrigin}/embed.js"`,
    `        integrity="${sri}" crossorigin="anonymous"`,
    '        data-clinic-name="Quote &quot;&amp;&quot; &lt;Clinic>"',
    '        data-booking-url="https://book.example/now"',
    '        data-crisis-region="UK"',
    '        data-accent="#7a3e9d"',
    '        data-locale="en"',
    '        data-launcher-label="Journal"',
    '        data-position="left"',
    '        data-packs="gratitude"',
    '        data-checkins="gad7"',
    '        data-checkin-reminder="weekly"',
    '        async></script>',
  ].join('\n'));

  await page.getByRole('button', { name: 'Copy the tag' }).click();
  await page.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

  // The preview runs the real loader with these options.
  const preview = page.frameLocator('iframe[title="Preview of your page with the tag"]');
  const launcher = preview.getByRole('button', { name: 'Journal' });
  await launcher.waitFor();
  // Its launcher is fixed inside the preview frame: bring the frame into view.
  await page.locator('#preview').scrollIntoViewIfNeeded();
  assert.equal(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(122, 62, 157)');
  await launcher.click();
  const widget = preview.frameLocator('iframe[title="Private reflection space"]');
  await widget.getByRole('button', { name: 'Crisis help' }).waitFor();
  assert.deepEqual(violations, []);
  assertNoPageErrors(visitor);

  // Pasted into a clinic's page, the same attributes give the same widget.
  const attributes = Object.fromEntries([...snippet.matchAll(/data-([a-z-]+)="([^"]*)"/g)]
    .map(([, name, value]) => [name, value.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&')]));
  const clinic = await Visitor.open(context, customClinicPage(env, 'from-builder', attributes));
  await clinic.page.getByRole('button', { name: 'Journal' }).click();
  const w = clinic.widget();
  await w.getByRole('button', { name: 'Crisis help' }).waitFor();
  await clinic.acknowledge(w);
  const groups = await w.locator('#interlude-prompt optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(groups, ['Noticing the good']);
  await w.getByRole('button', { name: 'Check-ins' }).waitFor();
  assert.deepEqual(clinic.consoleErrors, []);
  await context.close();
});

test("the builder's pack list matches the widget's", async () => {
  const context = await newContext(env);
  const builder = await context.newPage();
  await builder.goto(`${env.widgetOrigin}/builder/`);
  const offered = await builder.locator('#packs label').allTextContents();
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  await visitor.acknowledge(visitor.page);
  const groups = await visitor.page.locator('#interlude-prompt optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(offered.map((t) => t.trim()), groups);
  await context.close();
});
