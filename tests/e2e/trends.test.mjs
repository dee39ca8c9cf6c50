// Trends: mood over time with its caption, the calendar, weekday averages
// and tag comparisons, from moods logged across several weeks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('trends show mood over time, a calendar, weekdays and tag days, each in words', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Trends' }).click();
  await page.getByText('Trends appear here once you have logged a few moods.').waitFor();

  // Today 2, yesterday 4 and 5 (with "sleep"), 40 days ago 1.
  await page.evaluate(() => {
    const now = new Date();
    const at = (daysAgo, hour) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour).getTime();
    const put = (id, created, mood, tags) => localStorage.setItem(`interlude.v1.entry.${id}`, JSON.stringify({
      id, created_ms: created, updated_ms: created, prompt: null, text: '', mood, tags,
    }));
    put('t', at(0, 1), 2, []);
    put('y1', at(1, 9), 4, ['sleep']);
    put('y2', at(1, 20), 5, []);
    put('old', at(40, 9), 1, ['sleep']);
  });
  await page.reload();
  await page.getByRole('button', { name: 'Trends' }).click();
  assert.equal(await page.locator(':focus').innerText(), 'Trends');

  const caption = () => page.locator('figure.trend figcaption').innerText();
  assert.match(await caption(), /^Last 30 days: 3 moods on 2 days, average 3\.7 of 5\. Lowest 2\.0 \(.+\), highest 4\.5 \(.+\)\.$/);
  assert.equal(await page.locator('figure.trend circle').count(), 2);
  await page.getByRole('radio', { name: 'Last 12 months' }).check();
  assert.match(await caption(), /^Last 12 months: 4 moods on (1 month|2 months), average 3\.0 of 5\./);
  await page.getByRole('radio', { name: 'Last 7 days' }).check();
  assert.match(await caption(), /^Last 7 days: 3 moods on 2 days/);

  // The calendar shows this month, each day with a mood has its average.
  const calendar = page.locator('table.calendar');
  const month = await page.evaluate(() => new Date().toLocaleDateString(document.documentElement.lang || 'en', { month: 'long', year: 'numeric' }));
  assert.ok((await calendar.locator('caption').innerText()).startsWith(month));
  assert.ok(await page.getByRole('button', { name: 'Next month' }).isDisabled());
  const today = await page.evaluate(() => new Date().getDate());
  const todayCell = calendar.locator('td').filter({ has: page.locator('.day-number', { hasText: new RegExp(`^${today}$`) }) });
  assert.equal(await todayCell.locator('.day-mood').innerText(), '2.0');
  await page.getByRole('button', { name: 'Previous month' }).click();
  assert.ok(!(await page.getByRole('button', { name: 'Next month' }).isDisabled()));
  await page.getByRole('button', { name: 'Next month' }).click();

  const weekdays = await page.locator('table.weekdays tbody tr').allInnerTexts();
  assert.equal(weekdays.length, 7);
  assert.match(weekdays[0], /^Monday/);
  const tagLine = await page.locator('.tag-days li').first().innerText();
  assert.match(tagLine, /^Days with “sleep” averaged 2\.8 \(2 days\); other days 2\.0 \(1 day\)\.$/);
  await assertAccessible(page, 'trends');
  await page.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(page, 'trends, dark');
  assertNoPageErrors(visitor);
  await context.close();
});
