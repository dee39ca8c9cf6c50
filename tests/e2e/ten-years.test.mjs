// Ten years of a heavy writer (tests/fixtures/journal.mjs: 3,650 days, two
// written entries of about 1,000 characters and two mood check-ins a day):
// restored into a fresh browser, it fits in localStorage (as plain JSON it
// would need twice the room Chromium gives), loads whole after a reload
// (in steps, while the widget is already usable), and the widget stays
// usable: search, Trends, a new entry, a full backup, and another open tab
// keeps up. The same years from Daylio's CSV export come over in steps too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { daylioCsv, generateJournal, plainJsonUnits } from '../fixtures/journal.mjs';
import { Visitor, assertNoPageErrors, newContext, useEnvironment, openFileTools } from './support.mjs';

const env = useEnvironment();

/** Chromium's localStorage limit per origin, in UTF-16 code units (measured). */
const CHROMIUM_LIMIT_UNITS = 5 * 1024 * 1024;

const usedUnits = (page) => page.evaluate(() =>
  Object.entries(localStorage).reduce((n, [key, value]) => n + key.length + value.length, 0));

test('ten years of a heavy writer fit in this browser, load whole and stay usable', async () => {
  const journal = generateJournal({ years: 10 });
  const count = journal.entries.length;
  assert.equal(count, 14_600);
  const asPlainJson = plainJsonUnits(journal);
  assert.ok(asPlainJson > 2 * CHROMIUM_LIMIT_UNITS, `plain JSON would take ${asPlainJson} units`);

  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  // Another tab of the widget is open meanwhile: it sees the restore as
  // 14,600 storage events and must reload once they pause, not per event.
  const other = await Visitor.open(context, `${env.widgetOrigin}/`);
  await other.page.getByRole('button', { name: 'Past entries' }).click();
  await other.page.getByText('Nothing saved yet').waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles({
    name: 'notes-2026-11-23.backup.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(journal)),
  });
  await page.getByText(`Restored ${count.toLocaleString('en')} entries from the backup.`).waitFor({ timeout: 300_000 });
  await other.page.getByText(`${count.toLocaleString('en')} entries, kept only in this browser.`).waitFor({ timeout: 30_000 });
  assertNoPageErrors(other);
  await other.page.close();
  const used = await usedUnits(page);
  assert.ok(used < 0.85 * CHROMIUM_LIMIT_UNITS, `${used} units used of ${CHROMIUM_LIMIT_UNITS}`);

  // After a reload the widget shows at once and the entries are read in
  // steps behind it (slowed down 4x here, so the steps take a while): an
  // entry can be written straight away, the journal's views say they are
  // opening meanwhile, and then everything is there, the new entry too.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  await page.locator('#interlude-text').fill('Written while the years were still being read.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser.').waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  const opening = page.getByRole('progressbar', { name: 'Opening your entries…' });
  await opening.waitFor({ timeout: 5_000 });
  assert.ok(Number(await opening.getAttribute('max')) >= count, 'every stored entry is counted');
  await page.getByText(`${(count + 1).toLocaleString('en')} entries, kept only in this browser.`).waitFor({ timeout: 60_000 });
  assert.match(await page.locator('.entry').first().innerText(), /Written while the years were still being read\./);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // Everything comes back after a reload, newest first, nothing unreadable.
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText(`${(count + 1).toLocaleString('en')} entries, kept only in this browser.`).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByText(/couldn't be read/).count(), 0);
  const newest = journal.entries.reduce((a, b) => (b.created_ms > a.created_ms ? b : a));
  const secondCard = page.locator('.entry').nth(1);
  if (newest.text) assert.match(await secondCard.innerText(), new RegExp(newest.text.slice(0, 30).replace(/[.?*+()[\]\\^$|{}]/g, '\\$&')));
  const space = await page.locator('p.space').innerText();
  assert.match(space, /^Your journal takes about \d+(\.\d)? MB of this browser's storage, \d+% of what it allows\./);

  // Search every entry.
  const searchbox = page.getByRole('searchbox', { name: 'Search your entries' });
  await searchbox.fill('referral');
  await searchbox.press('Enter');
  const expected = journal.entries.filter((e) => /\breferral/i.test(e.text)).length;
  assert.ok(expected > 100);
  await page.getByText(`${expected.toLocaleString('en')} of ${(count + 1).toLocaleString('en')} entries match.`).waitFor({ timeout: 60_000 });

  // Trends draw from all ten years.
  await page.getByRole('button', { name: 'Trends' }).click();
  await page.locator('.tag-days li').first().waitFor({ timeout: 60_000 });

  // There is room for more: a new entry saves.
  await page.getByRole('button', { name: 'Write' }).click();
  await page.locator('#interlude-text').fill('Still writing, ten years on.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser.').waitFor();

  // And a full backup carries every entry.
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByRole('button', { name: 'Download a backup (JSON)' }).click(),
  ]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup.entries.length, count + 2);
  assertNoPageErrors(visitor);
  await context.close();
});

test('ten years from a Daylio export are read in steps, saying how far, and every row comes over', async () => {
  const journal = generateJournal({ years: 10 });
  const count = journal.entries.length;
  const csv = daylioCsv(journal);
  assert.ok(csv.length > 8_000_000, `${csv.length} characters`);

  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Past entries' }).click();
  // Every progress line the import shows, as it changes.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress[id^="interlude-progress-"]');
      const label = bar && document.querySelector(`label[for="${bar.id}"]`);
      const seen = label && `${label.textContent.trim()} [${bar.value}/${bar.max}]`;
      if (seen && window.__progress.at(-1) !== seen) window.__progress.push(seen);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await openFileTools(page);
  await page.getByLabel('Import from Daylio (CSV)').setInputFiles({
    name: 'daylio_export_2026_12_01.csv', mimeType: 'text/csv', buffer: Buffer.from(csv),
  });
  const total = count.toLocaleString('en');
  await page.getByText(`Imported ${total} entries from Daylio.`).waitFor({ timeout: 300_000 });

  // Read in several steps, each saying how many rows of all are read.
  const progress = await page.evaluate(() => window.__progress);
  const reading = progress.filter((p) => p.startsWith('Importing: reading '));
  assert.ok(reading.length >= 3, `read in steps: ${JSON.stringify(progress.slice(0, 5))}`);
  for (const line of reading) assert.match(line, new RegExp(`^Importing: reading [\\d,]+ of ${total} entries… \\[\\d+/${count}\\]$`));
  assert.equal(reading.at(-1), `Importing: reading ${total} of ${total} entries… [${count}/${count}]`);

  // Every row is an entry, the newest first, its note's line breaks kept.
  await page.getByText(`${total} entries, kept only in this browser.`).waitFor({ timeout: 60_000 });
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('interlude.v1.entry.')).length);
  assert.equal(stored, count);
  const newest = journal.entries.reduce((a, b) => (b.created_ms > a.created_ms ? b : a));
  assert.match(newest.text, /\n\n/);
  assert.equal(await page.locator('.entry').first().locator('.entry-text').textContent(), newest.text);

  // The same file again adds nothing.
  await openFileTools(page);
  await page.getByLabel('Import from Daylio (CSV)').setInputFiles({
    name: 'daylio_export_2026_12_01.csv', mimeType: 'text/csv', buffer: Buffer.from(csv),
  });
  await page.getByText('Everything in this file is already here.').waitFor({ timeout: 300_000 });
  assertNoPageErrors(visitor);
  await context.close();
});
