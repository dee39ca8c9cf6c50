// The plain backup: everything downloads as one JSON file, restores into a
// fresh browser profile exactly, adds nothing the second time, and a broken
// or hostile file changes nothing and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { VERSION, Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, useEnvironment, openFileTools } from './support.mjs';

const env = useEnvironment();
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const URL_WITH_CHECKINS = () => `${env.widgetOrigin}/#checkins=who5&region=UK`;

/** Interlude's stored records, without per-browser bookkeeping. */
async function journalRecords(page) {
  const records = {};
  for (const [key, value] of await storedEntries(page)) {
    if (key.startsWith('interlude.v1.entry.') || key === 'interlude.v1.safety-plan') records[key] = value;
  }
  return records;
}

async function checkInValues(page) {
  return (await storedEntries(page))
    .filter(([key]) => key.startsWith('interlude.v1.checkin.')).map(([, v]) => v).sort();
}

async function restore(page, file) {
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles(file);
}

test('a plain backup restores everything into a fresh browser, and the same file twice adds nothing', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, URL_WITH_CHECKINS());
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: `First, with ${HOSTILE}`, mood: '3 Okay' });
  await page.getByText('Saved in this browser').waitFor();
  await visitor.writeEntry(page, { text: 'Second entry\nover two lines' });
  await page.getByRole('button', { name: 'Check-ins' }).click();
  await page.getByRole('button', { name: 'Start WHO-5' }).click();
  for (let n = 1; n <= 5; n += 1) {
    await page.getByRole('group', { name: new RegExp(`^${n}\\. `) }).getByRole('radio', { name: 'Most of the time', exact: true }).check();
  }
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.getByText('WHO-5: 80%').waitFor();
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open my safety plan' }).click();
  await page.getByLabel('My reasons for living').fill('My garden');

  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByText('Anyone who opens the file can read it').waitFor();
  await assertAccessible(page, 'past entries with backup and restore');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup (JSON)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^notes-\d{4}-\d\d-\d\d\.backup\.json$/);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(file.format, 'interlude-backup');
  assert.equal(file.version, 1);
  assert.equal(file.interlude_version, VERSION);
  assert.equal(file.entries.length, 2);
  assert.equal(file.checkins.length, 1);
  const original = await journalRecords(page);
  const originalCheckIns = await checkInValues(page);
  assertNoPageErrors(visitor);

  const fresh = await newContext(env);
  const restorer = await Visitor.open(fresh, URL_WITH_CHECKINS());
  const r = restorer.page;
  await restorer.acknowledge(r);
  await restore(r, path);
  await r.getByText('Restored 2 entries, 1 check-in and your safety plan from the backup.').waitFor();
  assert.deepEqual(await journalRecords(r), original, 'entries and plan restored exactly');
  assert.deepEqual(await checkInValues(r), originalCheckIns);
  // Script-like text stays text.
  await r.getByText(`First, with ${HOSTILE}`).waitFor();
  assert.equal(await r.evaluate(() => window.__pwned), undefined);

  await restore(r, path);
  await r.getByText('Everything in this backup is already here.').waitFor();
  assert.deepEqual(await journalRecords(r), original);
  assert.deepEqual(await checkInValues(r), originalCheckIns);
  assertNoPageErrors(restorer);
  await fresh.close();
  await context.close();
});

test('broken and hostile files change nothing and say what is wrong', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'Keep me' });
  await page.getByText('Saved in this browser').waitFor();
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const entry = { id: 'a', created_ms: 1000, updated_ms: 2000, prompt: null, text: 'x', mood: 3 };
  const backup = (fields) => JSON.stringify({ format: 'interlude-backup', version: 1, entries: [entry], ...fields });
  const valid = backup({});
  const cases = [
    ['empty.json', '', "This file is damaged or isn't an Interlude backup."],
    ['notes.txt', 'just some words', "This file is damaged or isn't an Interlude backup."],
    ['moods.csv', 'date,mood\r\n2026-01-01,3\r\n', "This file is damaged or isn't an Interlude backup."],
    ['truncated.json', valid.slice(0, valid.length - 9), "This file is damaged or isn't an Interlude backup."],
    ['other.json', JSON.stringify({ format: 'something-else', entries: [] }), "This file isn't an Interlude backup."],
    ['newer.json', backup({ version: 9 }), 'This backup was made by a newer version of Interlude.'],
    ['mood.json', backup({ entries: [{ ...entry, mood: 11 }] }), "This backup has something in it that Interlude can't read"],
    ['dates.json', backup({ entries: [{ ...entry, created_ms: -1 }] }), "This backup has an entry that isn't valid"],
    ['twice.json', backup({ entries: [entry, entry] }), 'This backup lists the same entry twice'],
    ['deep.json', `{"format":"interlude-backup","version":1,"entries":${'['.repeat(5000)}${']'.repeat(5000)}}`, "This backup has something in it that Interlude can't read"],
  ];
  for (const [name, contents, message] of cases) {
    await restore(page, { name, mimeType: 'application/json', buffer: Buffer.from(contents) });
    const status = page.getByRole('status');
    await status.getByText(message).waitFor();
    assert.match(await status.textContent(), /Nothing was changed/, name);
    await assertAccessible(page, `restore problem: ${name}`);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), before);
  await page.getByText('Keep me').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

/** Seeds an entry written `days` ago, as an earlier visit would have. */
async function seedOldEntry(page, days) {
  await page.evaluate((ms) => {
    localStorage.setItem('interlude.v1.entry.old1', JSON.stringify({
      id: 'old1', created_ms: ms, updated_ms: ms, prompt: null, text: 'Written a while ago', mood: null,
    }));
  }, Date.now() - days * 86_400_000);
  await page.reload();
}

test('a gentle backup reminder appears for entries without a copy for a week, and goes when asked or after a backup', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  const reminder = page.getByRole('region', { name: 'Backup reminder' });
  await seedOldEntry(page, 3);
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await reminder.count(), 0, 'not within the first week');
  await seedOldEntry(page, 10);
  await reminder.waitFor();
  await assertAccessible(page, 'backup reminder');
  await reminder.getByRole('button', { name: 'Not now' }).click();
  assert.equal(await reminder.count(), 0);
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await reminder.count(), 0, 'put away for a week');
  await context.close();

  const second = await newContext(env);
  const other = await Visitor.open(second, `${env.widgetOrigin}/`);
  const p = other.page;
  await other.acknowledge(p);
  await seedOldEntry(p, 10);
  await p.getByRole('region', { name: 'Backup reminder' }).getByRole('button', { name: 'Go to backups' }).click();
  await p.getByRole('heading', { name: 'Past entries', level: 2 }).waitFor();
  await p.getByText('No copy downloaded from this browser yet.').waitFor();
  await openFileTools(p);
  await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: 'Download a backup (JSON)' }).click(),
  ]);
  await p.getByText('Last copy downloaded today.').waitFor();
  await p.reload();
  await p.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await p.getByRole('region', { name: 'Backup reminder' }).count(), 0, 'the copy has everything');
  assertNoPageErrors(other);
  await second.close();
});

test('where the browser can share files, a backup and the summary text can be shared; elsewhere there is no Share button', async () => {
  // A browser without the API (desktop Linux Chromium has none; removed in
  // case this one does).
  const plain = await newContext(env);
  await plain.addInitScript(() => { delete Navigator.prototype.canShare; delete Navigator.prototype.share; });
  const without = await Visitor.open(plain, `${env.widgetOrigin}/`);
  await without.acknowledge(without.page);
  await without.page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(without.page);
  await without.page.getByRole('button', { name: 'Download a backup (JSON)' }).waitFor();
  assert.equal(await without.page.getByRole('button', { name: /^Share/ }).count(), 0);
  await plain.close();

  const context = await newContext(env);
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'canShare', {
      configurable: true, value: (data) => Boolean(data && data.files && data.files.length),
    });
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data) => {
        window.__shared = await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text() })));
      },
    });
  });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'Shared only by choice' });
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByRole('button', { name: 'Share backup…' }).click();
  await page.getByText('Shared with the app you chose.').waitFor();
  const [file] = await page.evaluate(() => window.__shared);
  assert.match(file.name, /^notes-\d{4}-\d\d-\d\d\.backup\.json$/);
  assert.equal(file.type, 'application/json');
  assert.equal(JSON.parse(file.text).entries[0].text, 'Shared only by choice');
  await page.getByText('Last copy downloaded today.').waitFor();

  await page.getByRole('button', { name: 'Prepare a session summary' }).click();
  await page.getByRole('button', { name: 'Share as text…' }).click();
  await page.waitForFunction(() => window.__shared && window.__shared[0].name.endsWith('.summary.md'));
  const [text] = await page.evaluate(() => window.__shared);
  assert.equal(text.type, 'text/markdown');
  assert.match(text.text, /^# Notes to bring to your clinic\n/);
  assert.match(text.text, /\nShared only by choice\n/);
  assertNoPageErrors(visitor);
  await context.close();
});

test('a large restore saves in steps with a progress bar, and everything arrives', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Past entries' }).click();
  const entries = Array.from({ length: 1000 }, (_, i) => ({
    id: `bulk${i}`, created_ms: 1_700_000_000_000 + i * 3_600_000, updated_ms: 1_700_000_000_000 + i * 3_600_000,
    prompt: null, text: `Entry number ${i}, with a little text.`, mood: 1 + (i % 5), tags: ['sleep'],
  }));
  // Notes every progress bar that appears, however briefly.
  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress');
      if (bar) window.__progress.push(`${bar.value}/${bar.max}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles({
    name: 'notes-2026-11-23.backup.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'interlude-backup', version: 1, entries })),
  });
  await page.getByText('Restored 1,000 entries from the backup.').waitFor();
  const seen = await page.evaluate(() => window.__progress);
  assert.ok(seen.some((p) => /^\d+\/1000$/.test(p) && !p.startsWith('0/')), `no progress shown: ${seen.slice(0, 5)}`);
  assert.equal(await page.locator('progress').count(), 0, 'the bar goes when done');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('interlude.v1.entry.')).length), 1000);
  await page.getByText('1,000 entries, kept only in this browser.').waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});
