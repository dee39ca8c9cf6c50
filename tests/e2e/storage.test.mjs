// When storage misbehaves the visitor is told plainly and loses nothing:
// blocked storage, a cross-site embed, a full quota, corrupt records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, blockStorage, assertNoPageErrors, newContext, openFileTools, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('with storage blocked the widget still works for the visit and says it cannot keep anything', async () => {
  const context = await newContext(env);
  await blockStorage(context);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await widget.getByText("Your browser doesn't let this embedded window keep anything").waitFor();
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'only for now', mood: '3 Okay' });
  assert.match(await visitor.status(widget), /^Saved for this visit only/);
  await widget.getByRole('button', { name: 'Past entries' }).click();
  await widget.getByText('only for now').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('embedded cross-site, where the browser denies storage, the visitor can continue in a new tab that saves', async () => {
  const context = await newContext(env);
  // Clinic page on localhost, widget on 127.0.0.1: different sites.
  const visitor = await Visitor.open(context, `${env.crossSiteClinicOrigin}/`);
  const widget = await visitor.openWidget();
  const link = widget.getByRole('link', { name: 'Continue in a new tab, where your entries can be saved' });
  await link.waitFor();
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  assert.ok(tab.url().startsWith(`${env.widgetOrigin}/index.html#`), tab.url());
  assert.ok(!tab.url().includes('mode='), 'the new tab is standalone');
  await tab.getByRole('button', { name: 'I understand, continue' }).click();
  await tab.locator('#interlude-text').fill('saved in my own tab');
  await tab.getByRole('button', { name: 'Save entry' }).click();
  await tab.getByText('Saved in this browser').waitFor();
  await tab.reload();
  await tab.getByRole('button', { name: 'Past entries' }).click();
  await tab.getByText('saved in my own tab').waitFor();
  // The clinic's booking link came along.
  const book = tab.getByRole('link', { name: 'Book a session with a person' });
  assert.equal(await book.getAttribute('href'), `${env.crossSiteClinicOrigin}/book.html`);
  assertNoPageErrors(visitor);
  await context.close();
});

test('when saving entries fails for lack of room, the draft still survives a reload', async () => {
  const context = await newContext(env);
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('interlude.v1.entry.')) {
        throw new DOMException('quota', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('words I must not lose');
  await page.getByRole('button', { name: 'Save entry' }).click();
  const status = await visitor.status(page);
  assert.match(status, /storage for Interlude is full/);
  assert.match(status, /still here in the editor/);
  assert.equal(await page.locator('#interlude-text').inputValue(), 'words I must not lose');
  // And it is still there after a reload, as a draft.
  await page.reload();
  assert.equal(await page.locator('#interlude-text').inputValue(), 'words I must not lose');
  assertNoPageErrors(visitor);
  await context.close();
});

test('with storage really full, the entry stays in the editor, and saves once there is room', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  // Fill every last unit of this origin's localStorage with someone else's data.
  await page.evaluate(() => {
    let n = 0;
    for (const size of [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]) {
      const chunk = 'f'.repeat(size);
      try {
        for (;;) localStorage.setItem(`other.filler.${size}.${n++}`, chunk);
      } catch {
        // Full at this size: try a smaller one.
      }
    }
  });
  const words = 'Nothing I write here may be lost, even when the browser has no room left.';
  await page.locator('#interlude-text').fill(words);
  await page.getByRole('button', { name: 'Save entry' }).click();
  const status = await visitor.status(page);
  assert.match(status, /storage for Interlude is full/);
  assert.match(status, /still here in the editor/);
  assert.equal(await page.locator('#interlude-text').inputValue(), words);

  // Room made (here by removing some of the filler): the same click saves it.
  await page.evaluate(() => localStorage.removeItem(Object.keys(localStorage).find((k) => k.startsWith('other.filler.1000000.'))));
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser.').waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText(words).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('a corrupt record is reported, kept, and included in the export', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('a good entry');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser').waitFor();
  await page.evaluate(() => localStorage.setItem('interlude.v1.entry.broken', '{"id":"broken","text":"half'));
  await page.reload();
  await page.getByText("1 saved item couldn't be read").waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('a good entry').waitFor();
  const { json: exported } = await visitor.downloadExport(page);
  assert.equal(exported.entries.length, 1);
  assert.equal(exported.unreadable[0].raw, '{"id":"broken","text":"half');
  assertNoPageErrors(visitor);
  await context.close();
});

test('a journal from a newer version opens read-only and is not changed', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.evaluate(() => {
    localStorage.setItem('interlude.v1.meta', '{"schema":9}');
    localStorage.setItem('interlude.v1.settings', '{"disclosure_acknowledged_ms":1}');
  });
  await page.reload();
  await page.getByText('last used with a newer version of Interlude').waitFor();
  const before = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  await page.locator('#interlude-text').fill('new words');
  await page.getByRole('button', { name: 'Save entry' }).click();
  assert.match(await visitor.status(page), /saving is paused/);
  assert.equal(await page.locator('#interlude-text').inputValue(), 'new words');
  assert.equal(await page.evaluate(() => JSON.stringify({ ...localStorage })), before);
  await context.close();
});

test('Past entries says how much space the journal takes, and warns calmly when it is nearly full', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'x'.repeat(2000), mood: '3 Okay' });
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  const space = page.locator('p.space');
  assert.match(await space.innerText(), /^Your journal takes about \d+ KB of this browser's storage, 1% of what it allows\.$/);
  assert.equal(await space.evaluate((p) => p.classList.contains('notice')), false);

  // Fill most of the space with a set-aside value (it counts as Interlude's).
  await page.evaluate(() => localStorage.setItem('interlude.v1.quarantine.filler', 'y'.repeat(4_100_000)));
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  assert.match(await space.innerText(), /about 8\.2 MB .* 82% of what it allows\. Space is running low: download a backup/);
  assert.equal(await space.evaluate((p) => p.classList.contains('notice')), true);
  // Running low unfolds the file tools by itself, so the warning is seen.
  await space.waitFor();
  assert.equal(await page.locator('details.file-tools').evaluate((d) => d.open), true);
  assertNoPageErrors(visitor);
  await context.close();
});
