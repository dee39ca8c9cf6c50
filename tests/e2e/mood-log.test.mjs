// Mood check-ins with energy, feelings and tags; editing and deleting
// entries, each with "Undo".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, useEnvironment, openFileTools } from './support.mjs';

const env = useEnvironment();

const storedJournalEntries = async (page) => (await storedEntries(page))
  .filter(([key]) => key.startsWith('interlude.v1.entry.'))
  .map(([, value]) => JSON.parse(value))
  .sort((a, b) => a.created_ms - b.created_ms);

test('a check-in holds mood, energy, feelings and tags, and they show everywhere', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);

  // Folded away at first, so a mood alone takes one tap and a save.
  const more = page.locator('details.more-feelings');
  assert.equal(await more.evaluate((d) => d.open), false);
  await page.getByRole('radio', { name: '2 Low' }).check();
  await more.locator('summary').click();
  await page.getByRole('group', { name: 'Energy (1 is lowest)' }).getByRole('radio', { name: '1 Very low' }).check();
  await page.getByRole('group', { name: 'Unpleasant, more energy' }).getByRole('checkbox', { name: 'anxious' }).check();
  await page.getByRole('checkbox', { name: 'tired' }).check();
  await page.getByRole('checkbox', { name: 'sleep' }).check();
  await page.getByLabel('Add your own tag').fill('  Night   SHIFT ');
  await page.getByLabel('Add your own tag').press('Enter');
  assert.ok(await page.getByRole('checkbox', { name: 'night shift' }).isChecked(), 'a typed tag is added, tidied');
  await page.getByLabel('Add your own tag').fill('x'.repeat(40));
  assert.equal(await page.getByLabel('Add your own tag').inputValue(), 'x'.repeat(40));
  await page.getByLabel('Add your own tag').fill('   ');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText('Type a tag first.').waitFor();
  await assertAccessible(page, 'check-in with feelings open');
  assert.equal(await more.locator('summary').innerText(), 'Energy, feelings and tags (5 chosen)');

  // The draft keeps all of it through a reload.
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await more.evaluate((d) => d.open), true, 'opens when something in it is chosen');
  assert.ok(await page.getByRole('checkbox', { name: 'night shift' }).isChecked());
  await page.locator('#interlude-text').fill('Short night.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  assert.match(await visitor.status(page), /^Saved in this browser/);

  const [stored] = await storedJournalEntries(page);
  assert.equal(stored.mood, 2);
  assert.equal(stored.energy, 1);
  assert.deepEqual(stored.emotions, ['anxious', 'tired']);
  assert.deepEqual(stored.tags, ['sleep', 'night shift']);
  // A second check-in the same day is its own entry; the tag is offered now.
  assert.equal(await more.locator('summary').innerText(), 'Energy, feelings and tags (optional)');
  await page.getByRole('checkbox', { name: 'night shift' }).check();
  await page.getByRole('radio', { name: '4 Good' }).check();
  await page.getByRole('button', { name: 'Save entry' }).click();
  assert.equal((await storedJournalEntries(page)).length, 2);

  await page.getByRole('button', { name: 'Past entries' }).click();
  const card = page.locator('article.entry').nth(1);
  const shown = await card.innerText();
  for (const line of ['Mood: 2 of 5, Low', 'Energy: 1 of 5, Very low', 'Feelings: anxious, tired', 'Tags: sleep, night shift']) {
    assert.ok(shown.includes(line), `card is missing "${line}"`);
  }
  await openFileTools(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download moods (CSV)' }).click(),
  ]);
  const rows = (await readFile(await download.path(), 'utf8')).split('\r\n');
  assert.equal(rows[0], '\uFEFFdate,time,mood,mood_label,energy,emotions,tags,prompt,note');
  assert.match(rows[1], /^\d{4}-\d{2}-\d{2},\d{2}:\d{2},2,Low,1,anxious;tired,sleep;night shift,,Short night\.$/);
  assert.match(rows[2], /,4,Good,,,night shift,,$/);
  assertNoPageErrors(visitor);
  await context.close();
});

test('an entry can be edited, and "Undo" brings the earlier version back', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'First words.', mood: '3 Okay' });
  await page.getByRole('button', { name: 'Past entries' }).click();
  const [before] = await storedJournalEntries(page);

  await page.getByRole('button', { name: 'Edit' }).click();
  assert.equal(await page.locator(':focus').getAttribute('id'), `edit-${before.id}-text`, 'focus goes to the text');
  assert.equal(await page.getByRole('button', { name: 'Edit' }).getAttribute('aria-expanded'), 'true');
  await page.getByLabel('Your entry').fill('Better words.');
  const form = page.locator('form.edit-entry');
  await form.getByRole('radio', { name: '5 Very good' }).check();
  await form.locator('summary').click();
  await form.getByRole('checkbox', { name: 'relieved' }).check();
  await assertAccessible(page, 'editing an entry');
  await form.getByRole('button', { name: 'Save changes' }).click();
  assert.equal(await visitor.status(page), 'Changes saved.');
  assert.equal(await page.locator(':focus').textContent(), 'Undo', 'focus goes to Undo');
  const card = page.locator('article.entry');
  assert.ok((await card.innerText()).includes('Better words.'));
  assert.ok((await card.innerText()).includes('Feelings: relieved'));
  const [edited] = await storedJournalEntries(page);
  assert.equal(edited.id, before.id);
  assert.equal(edited.created_ms, before.created_ms);
  assert.ok(edited.updated_ms > before.updated_ms);
  assert.equal(edited.mood, 5);

  await page.keyboard.press('Enter');
  assert.equal(await visitor.status(page), 'Change undone.');
  assert.ok((await card.innerText()).includes('First words.'));
  const [undone] = await storedJournalEntries(page);
  assert.equal(undone.text, 'First words.');
  assert.equal(undone.mood, 3);
  assert.equal(undone.emotions, undefined);
  assert.ok(undone.updated_ms > edited.updated_ms, 'the undo is the newest version');

  // Cancel changes nothing and returns focus to "Edit".
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Your entry').fill('never saved');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator(':focus').textContent(), 'Edit');
  assert.equal((await storedJournalEntries(page))[0].text, 'First words.');

  // Emptying an entry is refused; it is still there.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Your entry').fill('');
  await page.locator('form.edit-entry').getByRole('button', { name: 'Clear mood' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await visitor.status(page), /^Write something or pick a mood first/);
  assert.equal((await storedJournalEntries(page))[0].text, 'First words.');
  assertNoPageErrors(visitor);
  await context.close();
});

test('deleting an entry is immediate and "Undo" puts it back', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'keep me after all', mood: '2 Low' });
  await visitor.writeEntry(page, { text: 'to be deleted' });
  await page.getByRole('button', { name: 'Past entries' }).click();
  const [kept] = await storedJournalEntries(page);

  await page.locator('article.entry', { hasText: 'keep me after all' }).getByRole('button', { name: 'Delete' }).click();
  assert.equal(await visitor.status(page), 'Entry deleted.');
  assert.equal(await page.locator(':focus').textContent(), 'Undo');
  assert.equal((await storedJournalEntries(page)).length, 1);
  await assertAccessible(page, 'after deleting, with Undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await visitor.status(page), 'Entry restored.');
  assert.deepEqual((await storedJournalEntries(page))[0], kept, 'restored exactly as it was');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);

  await page.locator('article.entry', { hasText: 'to be deleted' }).getByRole('button', { name: 'Delete' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  // The view's code may still be on its way after the reload.
  await page.locator('article.entry').first().waitFor();
  assert.equal(await page.locator('article.entry').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0, 'no undo after leaving');
  assertNoPageErrors(visitor);
  await context.close();
});
