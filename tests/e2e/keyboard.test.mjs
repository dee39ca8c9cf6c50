// The whole journey by keyboard alone, as a visitor who cannot use a mouse:
// open the launcher, acknowledge, pick a prompt, write, pick a mood, save,
// open past entries, export, and close back to the launcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAUNCHER, Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

/** What identifies the focused element inside `scope`: its text, label or id. */
function focusedName(scope) {
  // Short timeout: when nothing in `scope` has focus there is nothing to wait for.
  // The last match: the loader's shadow host matches :focus too, before its launcher.
  return scope.locator(':focus').last().evaluate((el) =>
    (el.labels?.[0]?.textContent || el.textContent || el.id).trim(), null, { timeout: 250 }).catch(() => null);
}

/** Presses Tab (or Shift+Tab) until `scope`'s focused element is `name`. */
async function tabTo(page, scope, name, { back = false, max = 30 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await focusedName(scope) === name) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach "${name}" by keyboard; focus is on "${await focusedName(scope)}"`);
}

test('the whole journey works by keyboard alone', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const { page } = visitor;
  await visitor.launcher().waitFor();

  await tabTo(page, page, LAUNCHER);
  await page.keyboard.press('Enter');
  const widget = visitor.widget();
  await widget.getByRole('heading', { name: 'Before you start' }).waitFor();

  await tabTo(page, widget, 'I understand, continue');
  await page.keyboard.press('Enter');
  await widget.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await focusedName(widget), 'Write', 'focus moves to the new view');

  await tabTo(page, widget, 'Guided prompt (optional)');
  await page.keyboard.press('ArrowDown');
  await widget.getByText('Why this helps:').waitFor();

  await page.keyboard.press('Tab');
  await page.keyboard.type('Typed without a mouse.');
  // Back up to the mood scale above the text (one stop for the group),
  // choose with Space and move with the arrow keys.
  for (let i = 0; i < 10 && await widget.locator(':focus').getAttribute('type') !== 'radio'; i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await page.keyboard.press('Space');
  const good = widget.getByRole('radio', { name: '4 Good' });
  for (let i = 0; i < 5 && !(await good.isChecked()); i++) {
    const chosen = Number(await widget.locator('input[type="radio"]:checked').getAttribute('value'));
    await page.keyboard.press(chosen < 4 ? 'ArrowRight' : 'ArrowLeft');
  }
  assert.ok(await good.isChecked());

  await tabTo(page, widget, 'Save entry');
  await page.keyboard.press('Enter');
  assert.match(await visitor.status(widget), /^Saved in this browser/);

  await tabTo(page, widget, 'Past entries', { back: true });
  await page.keyboard.press('Enter');
  await widget.getByText('Typed without a mouse.').waitFor();
  assert.equal(await focusedName(widget), 'Past entries');

  // The file tools are folded under one line, above the entries.
  await tabTo(page, widget, 'Download, back up or restore');
  await page.keyboard.press('Enter');
  await tabTo(page, widget, 'Download all entries (JSON)');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.json$/);

  await page.keyboard.press('Escape');
  await page.locator('iframe').waitFor({ state: 'hidden' });
  assert.equal(await focusedName(page), LAUNCHER, 'focus returns to the launcher');
  assertNoPageErrors(visitor);
  await context.close();
});
