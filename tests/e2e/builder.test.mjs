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

// The builder and the widget must judge every value alike: a value the
// builder lets into the tag must not be refused by the widget, and one the
// widget would refuse must be flagged before it reaches a clinic's page.
// [field (builder id = data-* name), value, reported by the widget's console]
const VERDICTS = [
  ['booking-url', 'https://www.clinic.example/book', false],
  ['booking-url', 'HTTP://clinic.example', false],
  ['booking-url', 'www.clinic.example/book', true],
  ['booking-url', 'javascript:alert(1)', true],
  ['booking-url', 'https://user@evil.example', true],
  ['booking-url', 'https://clinic.example/a b', true],
  ['booking-url', 'https://', true],
  ['booking-phone', '+44 20 7946 0000', false],
  ['booking-phone', '(555) 010-0199', false],
  ['booking-phone', '12', true],
  ['booking-phone', 'call 555 0100', true],
  ['booking-phone', '1'.repeat(21), true],
  ['booking-email', 'hello@clinic.example', false],
  ['booking-email', 'first.last+book@clinic.example', false],
  ['booking-email', 'hello@clinic', true],
  ['booking-email', 'hello@.clinic.example', true],
  ['booking-email', 'hello clinic@clinic.example', true],
  ['booking-email', '@clinic.example', true],
  ['exit-url', 'https://news.example/', false],
  ['exit-url', 'news.example', true],
  ['exit-url', 'javascript:history.back()', true],
  ['content-pack', 'prompts.json', false],
  ['content-pack', 'harbour_prompts-2.json', false],
  ['content-pack', '../prompts.json', true],
  ['content-pack', 'https://evil.example/p.json', true],
  ['content-pack', 'prompts.txt', true],
  ['content-pack', '.json', true],
  // A pale colour is not refused: the builder notes, the widget says, what is used instead.
  ['accent', '#7a3e9d', false],
  ['accent', '#ffcc00', true],
  ['target', '#journal', false],
  ['target', '#journal[', true],
  ['crisis-region', 'UK', false],
  ['crisis-region', '', true],
];

test("the builder's messages agree with the widget's console for good and bad values, and refused values stay out of the tag", async () => {
  const context = await newContext(env);
  const builder = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = builder.page;
  await page.getByLabel('Crisis lines for').selectOption('UK');
  const said = {};
  for (const [field, value, reported] of VERDICTS) {
    const input = page.locator(`#${field}`);
    if (field === 'target') await page.getByLabel('Show it as').selectOption('inline');
    if (field === 'crisis-region') await input.selectOption(value);
    else await input.fill(value);
    await input.blur();
    const message = (await page.locator(`#${field}-problem`).textContent()).trim();
    said[`${field} ${value}`] = message !== '';
    if (field === 'accent' && reported) said.paleAccent = message;
    const tag = await page.locator('#snippet').textContent();
    const described = (await input.getAttribute('aria-describedby')).split(' ');
    assert.ok(described.includes(`${field}-problem`), `${field} is not described by its message`);
    if (reported && field !== 'accent') {
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} "${value}"`);
      assert.ok(!tag.includes(`data-${field}=`), `refused ${field} "${value}" went into the tag:\n${tag}`);
    } else {
      assert.equal(await input.getAttribute('aria-invalid'), null, `${field} "${value}"`);
      assert.ok(tag.includes(`data-${field}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`),
        `${field} "${value}" is missing from the tag:\n${tag}`);
    }
    if (field === 'accent') await input.fill('#2f5d62');
    else if (field === 'crisis-region') await input.selectOption('UK');
    else await input.fill('');
    if (field === 'target') await page.getByLabel('Show it as').selectOption('');
  }
  const builderVerdicts = VERDICTS.map(([field, value]) => [field, value, said[`${field} ${value}`]]);
  assert.deepEqual(builderVerdicts, VERDICTS, "the builder's messages");

  // The widget, given each value on a clinic page: several fields at once, one value each.
  const rounds = [];
  for (const row of VERDICTS) {
    const round = rounds.find((r) => !r.some(([field]) => field === row[0]));
    if (round) round.push(row); else rounds.push([row]);
  }
  const widgetVerdicts = [];
  for (const [i, round] of rounds.entries()) {
    const attributes = { 'crisis-region': 'UK', mode: 'inline', target: '#journal' };
    for (const [field, value] of round) attributes[field] = value;
    if (attributes['crisis-region'] === '') delete attributes['crisis-region'];
    const messages = [];
    const clinic = await context.newPage();
    clinic.on('console', (m) => { if (m.text().startsWith('Interlude: data-')) messages.push(m.text()); });
    await clinic.goto(customClinicPage(env, `verdicts-${i}`, attributes));
    // A container that is not found gives the button instead.
    if (!(await clinic.locator('#journal iframe').count())) await clinic.getByRole('button', { name: 'Reflect privately' }).click();
    await clinic.frameLocator('iframe[title="Private reflection space"]').getByRole('button', { name: 'Crisis help' }).waitFor();
    for (const [field, value] of round) {
      widgetVerdicts.push([field, value, messages.some((m) => m.startsWith(`Interlude: data-${field}`))]);
    }
    // The pale colour: the same contrast and the same darker shade in both.
    const accent = messages.find((m) => m.startsWith('Interlude: data-accent'));
    if (accent) {
      const numbers = (text) => text.match(/\d\.\d\d:1|#[0-9a-f]{6}/g);
      assert.deepEqual(numbers(said.paleAccent), numbers(accent), `${said.paleAccent}\n${accent}`);
    }
    await clinic.close();
  }
  const order = (rows) => [...rows].sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
  assert.deepEqual(order(widgetVerdicts), order(VERDICTS), "the widget's console");
  assertNoPageErrors(builder);
  await context.close();
});

test('the crisis region must be chosen before the tag is offered, and the builder says why', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = visitor.page;
  const region = page.getByLabel('Crisis lines for');
  assert.equal(await region.inputValue(), '');
  assert.equal(await region.locator('option:checked').textContent(), 'Choose your region…');
  assert.equal(await region.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#crisis-region-hint').textContent(), /distress[\s\S]*112[\s\S]*directory/);
  assert.match(await page.locator('#crisis-region-problem').textContent(), /Choose a region/);
  const copy = page.getByRole('button', { name: 'Copy the tag' });
  assert.ok(await copy.isDisabled());
  assert.match(await page.locator('#incomplete').textContent(), /choose a crisis region/);
  let tag = await page.locator('#snippet').textContent();
  assert.match(tag, /^<!-- Not finished: choose a crisis region -->/);
  assert.ok(!tag.includes('data-crisis-region'));
  await assertAccessible(page, 'builder, region not chosen');

  // International is a choice too, made on purpose.
  await region.selectOption('INTL');
  tag = await page.locator('#snippet').textContent();
  assert.ok(tag.startsWith('<script'), tag);
  assert.ok(tag.includes('data-crisis-region="INTL"'));
  assert.ok(await copy.isEnabled());
  assert.equal(await region.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#incomplete').textContent(), '');

  // A refused value elsewhere also holds the tag back, and says so as
  // typing pauses, without leaving the field.
  await page.getByLabel('Booking page (https://…)').pressSequentially('www.clinic.example/book');
  await page.locator('#booking-url-problem', { hasText: 'https://' }).waitFor();
  assert.equal(await page.getByLabel('Booking page (https://…)').getAttribute('aria-invalid'), 'true');
  assert.ok(await copy.isDisabled());
  assert.match(await page.locator('#snippet').textContent(), /^<!-- Not finished: fix the fields/);
  await assertAccessible(page, 'builder, a refused booking address');
  assertNoPageErrors(visitor);
  await context.close();
});

test('on a wide screen the preview sits beside the form and stays in view; at 320 px nothing scrolls sideways', async () => {
  const context = await newContext(env, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.widgetOrigin}/builder/`);
  const preview = page.locator('#preview');
  const form = await page.locator('#options').boundingBox();
  let box = await preview.boundingBox();
  assert.ok(box.x >= form.x + form.width, `preview at x=${box.x}, form ends at ${form.x + form.width}`);
  assert.ok(box.y < 200 && box.y + box.height <= 800, `preview from ${box.y} to ${box.y + box.height}`);
  // Still fully in view with the end of the form on screen.
  await page.getByLabel('Reminder').scrollIntoViewIfNeeded();
  box = await preview.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 800, `scrolled: preview from ${box.y} to ${box.y + box.height}`);
  await assertAccessible(page, 'builder at 1280 px');
  await context.close();

  for (const [width, height] of [[320, 568], [390, 844]]) {
    const phone = await newContext(env, { viewport: { width, height }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await small.goto(`${env.widgetOrigin}/builder/`);
    await small.getByLabel('Booking page (https://…)').fill('https://a-very-long-booking-address.clinic.example/book/an/appointment?with=someone');
    await small.getByLabel('Phone').fill('call me');
    await small.getByLabel('Phone').blur();
    const [scroll, client] = await small.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `the builder scrolls sideways at ${width} px (${scroll} > ${client})`);
    // One column: form, then tag, then preview.
    const formBox = await small.locator('#options').boundingBox();
    const previewBox = await small.locator('#preview').boundingBox();
    assert.ok(previewBox.y > formBox.y + formBox.height);
    await assertAccessible(small, `builder at ${width} px`);
    await phone.close();
  }
});
