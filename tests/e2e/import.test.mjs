// Importing Daylio's CSV export: moods, notes and activities become
// entries at their local dates; the same file twice adds nothing; a file
// that isn't one changes nothing and says which line is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, useEnvironment, openFileTools } from './support.mjs';

const env = useEnvironment();
const FIXTURE = fileURLToPath(new URL('../fixtures/daylio-export.csv', import.meta.url));

async function importFile(page, file) {
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByLabel('Import from Daylio (CSV)').setInputFiles(file);
}

test('a Daylio export comes over as entries with their moods, once', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await importFile(page, FIXTURE);
  await page.getByText("Imported 3 entries from Daylio. 1 mood had a name Interlude doesn't know, so that entry has no mood.").waitFor();
  await assertAccessible(page, 'after a Daylio import');

  const stored = (await storedEntries(page))
    .filter(([key]) => key.startsWith('interlude.v1.entry.')).map(([, value]) => JSON.parse(value))
    .sort((a, b) => a.created_ms - b.created_ms);
  assert.equal(stored.length, 3);
  const local = await page.evaluate(() => [
    new Date(2026, 1, 28, 18, 30).getTime(), new Date(2026, 2, 1, 8, 0).getTime(), new Date(2026, 2, 2, 21, 15).getTime(),
  ]);
  assert.deepEqual(stored.map((e) => e.created_ms), local);
  assert.deepEqual(stored.map((e) => e.mood), [null, 1, 4]);
  assert.equal(stored[2].text, 'Dinner out\n\nLaughed a lot\nHome by ten');
  assert.deepEqual(stored[2].tags, ['friends', 'walk']);
  assert.equal(stored[1].text, 'Woke at 4 again, mind racing');
  assert.deepEqual(stored[1].tags, ['bad sleep']);
  // Script-like text stays text.
  await page.getByText('<img src=x onerror="window.__pwned=1">').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  await importFile(page, FIXTURE);
  await page.getByText('Everything in this file is already here.').waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('interlude.v1.entry.')).length), 3);
  assertNoPageErrors(visitor);
  await context.close();
});

test('a file that is not a usable Daylio export changes nothing and says why', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  const header = 'full_date,date,weekday,time,mood,activities,note_title,note\n';
  const cases = [
    ['notes.csv', 'date,time,mood\n2026-01-01,10:00,3\n', "This file doesn't look like a Daylio export"],
    ['backup.json', '{"format":"interlude-backup","version":1,"entries":[]}', "This file doesn't look like a Daylio export"],
    ['empty.csv', header, 'This Daylio file has no entries in it.'],
    ['quote.csv', `${header}2026-01-01,x,x,10:00,rad,"","","never closed\n`, 'Line 2 of this file is broken'],
    ['date.csv', `${header}2026-01-01,x,x,10:00,rad,"","","ok"\n2026-02-31,x,x,10:00,rad,"","","no such day"\n`, "Line 3 of this file has a date or time that doesn't exist."],
  ];
  for (const [name, contents, message] of cases) {
    await importFile(page, { name, mimeType: 'text/csv', buffer: Buffer.from(contents) });
    const status = page.getByRole('status');
    await status.getByText(message).waitFor();
    assert.match(await status.textContent(), /Nothing was changed\.$/, name);
  }
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('interlude.v1.entry.')).length), 0);
  assertNoPageErrors(visitor);
  await context.close();
});
