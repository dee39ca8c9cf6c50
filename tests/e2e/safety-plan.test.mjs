// The safety plan: one tap from the crisis panel, pre-filled with the
// clinic and the region's crisis lines, saved as the visitor types, with
// call and text links, printable (only the plan is printed), locked with the
// journal, and carried in the encrypted backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FRAME_TITLE, Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, storedEntries, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

async function openPlanFromCrisisPanel(w) {
  await w.getByRole('button', { name: 'Crisis help' }).click();
  await w.getByRole('dialog').getByRole('button', { name: 'Open my safety plan' }).click();
  await w.getByRole('heading', { name: 'My safety plan', level: 2 }).waitFor();
}

test('the safety plan opens from the crisis panel, starts with the clinic and crisis lines, and keeps what is written', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'plan-clinic', {
    'clinic-name': 'Harbour Clinic', 'booking-phone': '020 7946 0000', 'crisis-region': 'UK',
  });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await openPlanFromCrisisPanel(widget);
  const professionals = widget.getByLabel('5. Professionals and crisis lines I can contact');
  const prefilled = await professionals.inputValue();
  assert.match(prefilled, /^Harbour Clinic: 020 7946 0000$/m);
  assert.match(prefilled, /^Samaritans: Call 116 123$/m);
  assert.match(prefilled, /^Emergency: 999$/m);

  await widget.getByLabel('1. My warning signs').fill('Not sleeping\nAvoiding friends');
  await widget.getByLabel('4. People I can ask for help').fill('Sam 07700 900123');
  await widget.getByLabel('My reasons for living').fill('My niece <b>Ana</b>');
  const call = widget.getByRole('link', { name: 'Call 07700 900123' });
  assert.equal(await call.getAttribute('href'), 'tel:07700900123');
  assert.equal(await widget.getByRole('link', { name: 'Text 07700 900123' }).getAttribute('href'), 'sms:07700900123');
  assert.equal(await widget.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  // Script-like text stays text.
  await widget.getByText('My niece <b>Ana</b>').waitFor();
  await assertAccessible(visitor.page, 'safety plan');

  await visitor.page.reload();
  const reopened = await visitor.openWidget();
  await openPlanFromCrisisPanel(reopened);
  assert.equal(await reopened.getByLabel('1. My warning signs').inputValue(), 'Not sleeping\nAvoiding friends');
  assert.equal(await reopened.getByLabel('5. Professionals and crisis lines I can contact').inputValue(), prefilled);
  assertNoPageErrors(visitor);
  await context.close();
});

test('printing shows only the plan: a full page, or a wallet card with the crisis steps', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await openPlanFromCrisisPanel(page);
  await page.getByLabel('2. Things I can do on my own to cope').fill('Walk by the river');
  await page.getByLabel('3. People and places that take my mind off things').fill('The library');
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });

  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByText('Walk by the river').last().isVisible());
  assert.ok(await page.getByText('The library').last().isVisible());
  for (const chrome of ['Quick exit', 'Crisis help', 'Print or save as PDF']) {
    assert.ok(!(await page.getByRole('button', { name: chrome }).isVisible()), `${chrome} printed`);
  }
  assert.ok(!(await page.getByLabel('2. Things I can do on my own to cope').isVisible()), 'the form printed');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);

  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Print a wallet card' }).click();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByText('Walk by the river').last().isVisible(), 'coping is on the card');
  assert.ok(!(await page.getByText('The library').last().isVisible()), 'step 3 is left off the card');
  const width = await page.locator('.plan-sheet').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width < 340, `card is ${width}px wide`);
  assertNoPageErrors(visitor);
  await context.close();
});

test('the plan is sealed with the journal, unavailable while locked, and restored from the encrypted backup', async () => {
  const passphrase = 'tide pool evening';
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await openPlanFromCrisisPanel(page);
  await page.getByLabel('My reasons for living').fill('canary-plan-4410');
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByText('The lock is on.').waitFor();
  const stored = (await storedEntries(page)).map(([, value]) => value).join('\n');
  assert.doesNotMatch(stored, /canary-plan-4410/);

  await page.getByRole('button', { name: 'Past entries' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download encrypted backup' }).click(),
  ]);
  const path = join(tmpdir(), `interlude-plan-backup-${process.pid}.json`);
  await writeFile(path, await readFile(await download.path()));

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog').getByText('Your safety plan opens once you unlock your journal.').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await context.close();

  const fresh = await newContext(env);
  const restorer = await Visitor.open(fresh, `${env.widgetOrigin}/`);
  await restorer.acknowledge(restorer.page);
  await restorer.page.getByRole('button', { name: 'Past entries' }).click();
  await restorer.page.getByLabel('Restore from a backup').setInputFiles(path);
  await restorer.page.getByLabel('The passphrase this backup was made with').fill(passphrase);
  await restorer.page.getByRole('button', { name: 'Restore', exact: true }).click();
  await restorer.page.getByText('Restored your safety plan from the backup.').waitFor();
  await openPlanFromCrisisPanel(restorer.page);
  assert.equal(await restorer.page.getByLabel('My reasons for living').inputValue(), 'canary-plan-4410');
  assertNoPageErrors(restorer);
  await fresh.close();
});
