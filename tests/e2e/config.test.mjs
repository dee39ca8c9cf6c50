// Clinic configuration from the script tag: valid values are used, invalid
// ones are reported on the console and replaced by safe defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertNoPageErrors, newContext, customClinicPage, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('a javascript: booking URL is refused with a console error, and phone and email are offered instead', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'custom1', {
    'clinic-name': 'Test Clinic',
    'booking-url': 'javascript:alert(document.domain)',
    'booking-phone': '+44 20 7946 0000',
    'booking-email': 'book@clinic.example',
  });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  assert.ok(visitor.consoleErrors.some((m) => m.startsWith('Interlude: data-booking-url')), visitor.consoleErrors.join('\n'));
  assert.equal(await widget.locator('a[href^="javascript:" i]').count(), 0);
  await visitor.openMenu(widget);
  await widget.getByRole('button', { name: 'Book a session with a person' }).click();
  const dialog = widget.getByRole('dialog', { name: 'Book a session with a person' });
  assert.ok((await dialog.innerText()).includes('To book a session with a person at Test Clinic'));
  assert.equal(await dialog.getByRole('link', { name: 'Call +44 20 7946 0000' }).getAttribute('href'), 'tel:+442079460000');
  assert.equal(await dialog.getByRole('link', { name: 'Email book@clinic.example' }).getAttribute('href'), 'mailto:book@clinic.example');
  assertNoPageErrors(visitor);
  await context.close();
});

test('an unknown crisis region is reported and falls back to international resources', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'custom2', { 'clinic-name': 'Test Clinic', 'crisis-region': 'Narnia' });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  assert.ok(visitor.consoleErrors.some((m) => m.startsWith('Interlude: data-crisis-region') && m.includes('Narnia')));
  await widget.getByRole('button', { name: 'Crisis help' }).click();
  const dialog = widget.getByRole('dialog', { name: 'Help right now' });
  assert.equal(await dialog.getByRole('link', { name: '112' }).getAttribute('href'), 'tel:112');
  const helpline = dialog.getByRole('link', { name: 'Open Find A Helpline' });
  assert.equal(await helpline.getAttribute('rel'), 'noopener noreferrer');
  await context.close();
});

test('a UK clinic gets Samaritans, Shout and 999', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'custom3', {
    'clinic-name': 'Test Clinic', 'crisis-region': 'UK', 'booking-url': 'https://clinic.example/book',
  });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'Crisis help' }).click();
  const dialog = widget.getByRole('dialog', { name: 'Help right now' });
  assert.equal(await dialog.getByRole('link', { name: 'Call 116 123' }).getAttribute('href'), 'tel:116123');
  assert.equal(await dialog.getByRole('link', { name: 'Text SHOUT to 85258' }).getAttribute('href'), 'sms:85258?&body=SHOUT');
  assert.equal(await dialog.getByRole('link', { name: '999' }).getAttribute('href'), 'tel:999');
  assert.deepEqual(visitor.consoleErrors, []);
  await context.close();
});

test('a clinic name with markup is shown as plain text', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'custom4', { 'clinic-name': '<img src=x onerror=alert(1)>Clinic' });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  await visitor.openMenu(widget);
  await widget.getByRole('button', { name: 'Book a session with a person' }).click();
  const dialog = widget.getByRole('dialog', { name: 'Book a session with a person' });
  assert.ok((await dialog.innerText()).includes('<img src=x onerror=alert(1)>Clinic'));
  assert.equal(await widget.locator('img').count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

test('a right-to-left override in a clinic name cannot reorder the widget\'s own words', async () => {
  // Regression: "Please contact … directly to book…" read backwards after a
  // clinic name ending in U+202E (RIGHT-TO-LEFT OVERRIDE).
  const context = await newContext(env);
  const name = 'Harbour Clinic\u202E';
  const visitor = await Visitor.open(context, customClinicPage(env, 'custom-rlo', { 'clinic-name': name, 'crisis-region': 'US' }));
  const widget = await visitor.openWidget();
  await visitor.openMenu(widget);
  await widget.getByRole('button', { name: 'Book a session with a person' }).click();
  const sentence = widget.getByRole('dialog').locator('p', { hasText: 'directly to book' });
  // Where the browser draws the first and last letters of a word after the
  // name: left to right, as written (reversed when the override leaks).
  const [first, last, isolated] = await sentence.evaluate((p) => {
    const text = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.includes('directly'));
    const at = (i) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect().x;
    };
    const start = text.data.indexOf('directly');
    return [at(start), at(start + 'directly'.length - 1), p.querySelector('bdi')?.textContent];
  });
  assert.equal(isolated, name);
  assert.ok(first < last, `the widget's words run left to right (${first} < ${last})`);
  await context.close();
});

test('a clinic can choose which prompt packs appear; an unknown pack is reported and left out', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'packs', { packs: 'gratitude, before-session, tarot' });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  assert.ok(visitor.consoleErrors.some((m) => m.startsWith('Interlude: data-packs') && m.includes('tarot')), visitor.consoleErrors.join('\n'));
  const groups = await widget.locator('#interlude-prompt optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(groups, ['Noticing the good', 'Before my session']);
  await widget.getByLabel('Guided prompt (optional)').selectOption({ label: 'Who made a difference to you recently, and how?' });
  await widget.getByText('Why this helps: Recognising others').waitFor();
  assertNoPageErrors(visitor);
  await context.close();

  // Without data-packs, every pack is offered.
  const all = await newContext(env);
  const other = await Visitor.open(all, `${env.clinicOrigin}/`);
  const w = await other.openWidget();
  await other.acknowledge(w);
  const options = await w.locator('#interlude-prompt optgroup option').count();
  assert.ok(options >= 40, `${options} prompts`);
  assert.ok((await w.locator('#interlude-prompt optgroup').count()) >= 6);
  await all.close();
});
