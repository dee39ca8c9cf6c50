// A clinic's own prompts from a JSON file next to the widget, and what
// happens when that file is missing or wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, storedEntries, useEnvironment } from './support.mjs';

const env = useEnvironment();

/** Console errors of a page (all its frames), as they come. */
function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

const optgroups = (scope) => scope.locator('#interlude-prompt optgroup').evaluateAll((g) => g.map((e) => e.label));

test("a clinic's content pack is offered first, and its prompts are saved with entries", async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'own-prompts', {
    'clinic-name': 'Harbour Clinic', 'content-pack': 'prompts.example.json', packs: 'gratitude',
  });
  const visitor = await Visitor.open(context, url);
  const errors = visitor.consoleErrors;
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await widget.locator('optgroup[label="Grief and loss"]').waitFor({ state: 'attached' });
  assert.deepEqual(await optgroups(widget), ['Grief and loss', 'Winding down for sleep', 'Noticing the good']);
  await widget.getByLabel('Guided prompt (optional)').selectOption({ label: 'What memory of them came to you today?' });
  await widget.getByText('Why this helps: Giving a memory some words').waitFor();
  await widget.getByLabel('What memory of them came to you today?').fill('Her laugh in the kitchen.');
  await widget.getByRole('button', { name: 'Save entry' }).click();
  assert.match(await visitor.status(widget), /^Saved in this browser/);
  const stored = (await storedEntries(widget))
    .filter(([k]) => k.startsWith('interlude.v1.entry.')).map(([, v]) => JSON.parse(v));
  assert.deepEqual(stored[0].prompt, { id: 'example-grief.memory', text: 'What memory of them came to you today?' });
  await assertAccessible(visitor.page, 'clinic content pack');

  // Its pack is a filter in Past entries.
  await widget.getByRole('button', { name: 'Past entries' }).click();
  await widget.getByText('Filter by prompt, tag, mood or date').click();
  await widget.getByLabel('Prompt pack').selectOption({ label: 'Grief and loss' });
  await widget.getByRole('button', { name: 'Search', exact: true }).click();
  await widget.getByText('The only entry matches.').waitFor();
  assert.deepEqual(errors, []);
  assertNoPageErrors(visitor);
  await context.close();
});

test('a missing or invalid content pack is explained on the console and the built-in prompts stay', async () => {
  // Without the service worker, so the test's answer for bad.json is the one the widget gets.
  const context = await newContext(env, { serviceWorkers: 'block' });
  await context.route(`${env.widgetOrigin}/bad.json`, (route) => route.fulfill({
    status: 200, contentType: 'application/json',
    body: JSON.stringify({ format: 'interlude-content-pack', version: 1, packs: [{ id: 'gratitude', title: 'Mine', prompts: [] }] }),
  }));
  for (const [name, expected] of [
    ['bad.json', 'the content pack "bad.json" was not used because pack id "gratitude" is already used'],
    ['missing.json', 'the content pack "missing.json" was not used because the server answered 404'],
    ['../elsewhere.json', 'is not a file name next to the widget'],
  ]) {
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${env.widgetOrigin}/#content=${encodeURIComponent(name)}&packs=none`);
    await page.getByRole('button', { name: 'Crisis help' }).waitFor();
    const deadline = Date.now() + 5000;
    while (!errors.some((e) => e.includes(expected)) && Date.now() < deadline) await page.waitForTimeout(50);
    assert.ok(errors.some((e) => e.includes(expected)), `${name}: ${JSON.stringify(errors)}`);
    if (!name.startsWith('..')) {
      assert.ok(errors.some((e) => e.includes('The built-in prompts are offered instead.')));
    }
    await page.close();
  }
  // A bad pack never leaves the visitor without prompts: with packs=none
  // and no usable pack, free writing still works.
  const page = await context.newPage();
  await page.goto(`${env.widgetOrigin}/#content=bad.json`);
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  assert.ok((await optgroups(page)).includes('Noticing the good'));
  await page.locator('#interlude-text').fill('still works');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser').waitFor();
  await context.close();
});
