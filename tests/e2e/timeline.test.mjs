// "Your entries": grouped by day, searched by words, and filtered by
// prompt pack, tag, mood and dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('entries are grouped by day and can be found by words, pack, tag, mood and dates', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.evaluate(() => {
    const at = (day, hour) => new Date(2026, 2, day, hour, 0).getTime();
    const put = (id, created, fields) => localStorage.setItem(`interlude.v1.entry.${id}`, JSON.stringify({
      id, created_ms: created, updated_ms: created, prompt: null, text: '', mood: null, ...fields,
    }));
    put('a', at(2, 9), { text: 'Walked to the jardín with Ana.', mood: 4, tags: ['movement'] });
    put('b', at(2, 21), { text: 'Could not sleep.', mood: 2, tags: ['sleep'], emotions: ['anxious'] });
    put('c', at(5, 8), { text: 'Three good things.', mood: 4,
      prompt: { id: 'gratitude.three', text: 'What are three things that went well?' } });
    put('d', at(9, 12), { text: '<b>Walking</b> again', mood: 3 });
  });
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('4 entries, kept only in this browser.').waitFor();

  // Newest day first; two entries on 2 March share one heading.
  const days = page.locator('.days > li.day');
  assert.equal(await days.count(), 3);
  assert.deepEqual(await days.locator('h4 time').evaluateAll((t) => t.map((e) => e.getAttribute('datetime'))),
    ['2026-03-09', '2026-03-05', '2026-03-02']);
  assert.equal(await days.nth(2).locator('article.entry').count(), 2);
  assert.match(await days.nth(2).locator('h4').innerText(), /2026/);
  await assertAccessible(page, 'timeline with search');

  const search = async (words) => {
    await page.getByRole('searchbox', { name: 'Search your entries' }).fill(words);
    await page.getByRole('searchbox', { name: 'Search your entries' }).press('Enter');
  };
  const shownTexts = () => page.locator('article.entry .entry-text').allInnerTexts();

  await search('walk JARDIN');
  await page.getByText('1 of 4 entries matches.').waitFor();
  assert.deepEqual(await shownTexts(), ['Walked to the jardín with Ana.']);
  await search('walk');
  await page.getByText('2 of 4 entries match.').waitFor();
  await search('anxious');
  assert.deepEqual(await shownTexts(), ['Could not sleep.'], 'feelings are searched');
  await search('nothing like this');
  await page.getByText('No entries match this search.').waitFor();
  assert.equal(await page.locator('article.entry').count(), 0);

  await page.getByRole('button', { name: 'Show all' }).click();
  await page.getByText('4 entries, kept only in this browser.').waitFor();
  assert.equal(await page.getByRole('searchbox', { name: 'Search your entries' }).inputValue(), '');

  await page.getByText('Filter by prompt, tag, mood or date').click();
  await page.getByLabel('Prompt pack').selectOption({ label: 'Noticing the good' });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  assert.deepEqual(await shownTexts(), ['Three good things.']);
  await page.getByLabel('Prompt pack').selectOption({ label: 'Free writing' });
  await page.getByLabel('Tag').selectOption('sleep');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  assert.deepEqual(await shownTexts(), ['Could not sleep.']);
  await page.getByLabel('Tag').selectOption('');
  await page.getByLabel('Prompt pack').selectOption('');
  await page.getByLabel('Mood').selectOption('4');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText('2 of 4 entries match.').waitFor();
  await page.getByLabel('First day').fill('2026-03-03');
  await page.getByLabel('Last day').fill('2026-03-05');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  assert.deepEqual(await shownTexts(), ['Three good things.'], 'the last day is included');
  await assertAccessible(page, 'filtered timeline');

  // A match that changes is updated in place: editing keeps the filter.
  await page.locator('article.entry').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Your entry').fill('Three good things, and a fourth.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.deepEqual(await shownTexts(), ['Three good things, and a fourth.']);

  // A match deleted while the search is on goes, and the others stay
  // (the search keeps the entries it found, not their places in the list).
  await page.getByRole('button', { name: 'Show all' }).click();
  await search('walk');
  await page.getByText('2 of 4 entries match.').waitFor();
  await page.locator('article.entry', { hasText: '<b>Walking</b> again' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByText('1 of 3 entries matches.').waitFor();
  assert.deepEqual(await shownTexts(), ['Walked to the jardín with Ana.']);
  assertNoPageErrors(visitor);
  await context.close();
});
