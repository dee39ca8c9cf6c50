// Clinic theming: a brand colour (adjusted when it would make text hard to
// read, with a console message), a forced light or dark scheme, and the
// launcher's side, on the clinic page and inside the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

/** WCAG contrast of an "rgb(r, g, b)" colour against white. */
function contrastWithWhite(css) {
  const [r, g, b] = css.match(/\d+/g).map(Number);
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return 1.05 / (l + 0.05);
}

const background = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

test('a readable brand colour is used as given on the launcher and in the widget', async () => {
  const context = await newContext(env, { colorScheme: 'light' });
  const visitor = await Visitor.open(context, customClinicPage(env, 'brand', { accent: '#7a3e9d', 'clinic-name': 'Violet Clinic' }));
  assert.equal(await background(visitor.launcher()), 'rgb(122, 62, 157)');
  const w = await visitor.openWidget();
  await visitor.acknowledge(w);
  assert.equal(await background(w.getByRole('button', { name: 'Save entry' })), 'rgb(122, 62, 157)');
  assert.ok(!visitor.consoleErrors.some((m) => m.includes('data-accent')), visitor.consoleErrors.join('\n'));
  await assertAccessible(visitor.page, 'brand colour, light');
  assertNoPageErrors(visitor);
  await context.close();
});

test('a pale brand colour is darkened until text on it reads, and the clinic is told; dark and left are honoured', async () => {
  const context = await newContext(env, { colorScheme: 'light' });
  const visitor = await Visitor.open(context, customClinicPage(env, 'pale', { accent: '#ffcc00', theme: 'dark', position: 'left' }));
  const launcher = visitor.launcher();
  const box = await launcher.boundingBox();
  assert.ok(box.x < 100, `launcher at x=${box.x}`);
  const launcherColour = await background(launcher);
  assert.notEqual(launcherColour, 'rgb(255, 204, 0)');
  assert.ok(contrastWithWhite(launcherColour) >= 4.5, `${launcherColour} on the launcher`);

  const w = await visitor.openWidget();
  const message = visitor.consoleErrors.find((m) => m.startsWith('Interlude: data-accent'));
  assert.match(message || '', /#ffcc00 has 1\.\d\d:1 contrast .* uses #[0-9a-f]{6} \(4\.\d\d:1\)/, visitor.consoleErrors.join('\n'));
  assert.equal(await w.locator('html').getAttribute('data-theme'), 'dark');
  assert.equal(await background(w.locator('body')), 'rgb(21, 24, 28)', 'dark although the device is light');
  await visitor.acknowledge(w);
  await assertAccessible(visitor.page, 'pale brand colour, forced dark');
  assertNoPageErrors(visitor);
  await context.close();
});

test('light can be forced on a device set to dark', async () => {
  const context = await newContext(env, { colorScheme: 'dark' });
  const visitor = await Visitor.open(context, customClinicPage(env, 'light', { theme: 'light', accent: '#2f5d62' }));
  const w = await visitor.openWidget();
  assert.equal(await background(w.locator('body')), 'rgb(251, 250, 247)');
  await visitor.acknowledge(w);
  assert.equal(await background(w.getByRole('button', { name: 'Save entry' })), 'rgb(47, 93, 98)');
  await assertAccessible(visitor.page, 'forced light on a dark device');

  // Without data-theme the device decides.
  const auto = await Visitor.open(context, customClinicPage(env, 'auto', {}));
  const a = await auto.openWidget();
  assert.equal(await background(a.locator('body')), 'rgb(21, 24, 28)');
  await context.close();
});
