// The passphrase lock: encryption at rest (a canary string is never
// readable in storage or in a locked page), unlocking, auto-lock, changing
// and removing the passphrase, tamper quarantine, and the encrypted backup
// restored into a fresh browser profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJournal } from '../fixtures/journal.mjs';
import {
  FRAME_TITLE, VERSION, Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, openFileTools, useEnvironment,
} from './support.mjs';

const env = useEnvironment();
const PASSPHRASE = 'river lantern quietly';
const CANARY = 'canary-5b1e-persimmon';
const DRAFT_CANARY = 'canary-draft-0c9d';

/** Every localStorage value of the widget's origin, joined. */
async function storedText(frameOrPage) {
  return (await storedEntries(frameOrPage)).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** Everything the page shows or holds in its DOM, including input values. */
function pageText(frameOrPage) {
  return frameOrPage.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea')].map((el) => el.value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

/** Turns the lock on from "About & privacy". */
async function setPassphrase(w, passphrase = PASSPHRASE) {
  await w.getByRole('button', { name: 'About & privacy' }).click();
  await w.getByLabel('New passphrase').fill(passphrase);
  await w.getByLabel('Type it again').fill(passphrase);
  await w.getByRole('button', { name: 'Turn on the lock' }).click();
  await w.getByText('The lock is on.').waitFor();
}

async function unlock(w, passphrase = PASSPHRASE) {
  await w.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await w.getByRole('button', { name: 'Unlock' }).click();
}

async function lockScreen(w) {
  await w.getByRole('heading', { name: 'Your journal is locked' }).waitFor();
}

/** A standalone widget page with one saved entry and an unsaved draft. */
async function journalWithCanary(context) {
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: CANARY, mood: '2 Low' });
  await page.getByText('Saved in this browser').waitFor();
  await page.locator('#interlude-text').fill(DRAFT_CANARY);
  return visitor;
}

test('with a passphrase nothing readable is stored, and after a reload nothing is in the page until it is unlocked', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  const frame = await (await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle()).contentFrame();
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: CANARY });
  await widget.getByText('Saved in this browser').waitFor();
  await widget.locator('#interlude-text').fill(DRAFT_CANARY);
  assert.match(await storedText(frame), new RegExp(CANARY));

  await setPassphrase(widget);
  const stored = await storedText(frame);
  assert.doesNotMatch(stored, new RegExp(`${CANARY}|${DRAFT_CANARY}|${PASSPHRASE}`));
  assert.match(stored, /interlude\.v1\.lock=\{"v":1,"kdf":"PBKDF2-SHA256","iterations":600000/);

  await visitor.page.reload();
  const reopened = await visitor.openWidget();
  await lockScreen(reopened);
  const lockedFrame = await (await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle()).contentFrame();
  assert.doesNotMatch(await pageText(lockedFrame), new RegExp(`${CANARY}|${DRAFT_CANARY}`));
  assert.doesNotMatch(await storedText(lockedFrame), new RegExp(`${CANARY}|${DRAFT_CANARY}`));
  // Crisis help and quick exit work while locked.
  await reopened.getByRole('button', { name: 'Crisis help' }).waitFor();
  await reopened.getByRole('button', { name: 'Quick exit' }).waitFor();
  await assertAccessible(visitor.page, 'locked');

  await unlock(reopened, 'river lantern quietlY');
  await reopened.getByText("That passphrase didn't open it.").waitFor();
  await lockScreen(reopened);

  await unlock(reopened);
  await reopened.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await reopened.locator('#interlude-text').inputValue(), DRAFT_CANARY, 'the draft was kept');
  assert.equal(await reopened.getByLabel('Passphrase', { exact: true }).count(), 0);
  await reopened.getByRole('button', { name: 'Past entries' }).click();
  await reopened.getByText(CANARY).waitFor();
  await assertAccessible(visitor.page, 'unlocked, past entries');
  assertNoPageErrors(visitor);
  await context.close();
});

test('Lock, a hidden page and quick exit lock at once and take the journal out of the page', async () => {
  const context = await newContext(env);
  await context.route('https://www.bbc.com/weather*', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  await setPassphrase(page);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await lockScreen(page);
  assert.doesNotMatch(await pageText(page), new RegExp(`${CANARY}|${DRAFT_CANARY}`));

  await unlock(page);
  // Back where the visitor was.
  await page.getByRole('heading', { name: 'About & privacy', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Write' }).click();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await lockScreen(page);
  assert.doesNotMatch(await pageText(page), new RegExp(`${CANARY}|${DRAFT_CANARY}`));
  await page.evaluate(() => { delete document.visibilityState; });

  await unlock(page);
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await page.locator('#interlude-text').inputValue(), DRAFT_CANARY);
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('https://www.bbc.com/weather*');
  assertNoPageErrors(visitor);
  await context.close();
});

test('with no passphrase, a hidden page and leaving for the back-forward cache leave the journal open', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
  });
  await page.evaluate(() => {
    delete document.visibilityState;
    // Whatever those events changed has been drawn by the next frame.
    return new Promise((drawn) => requestAnimationFrame(() => setTimeout(drawn)));
  });
  assert.equal(await page.getByRole('heading', { name: 'Your journal is locked' }).count(), 0,
    'no lock screen that no passphrase could open');
  assert.equal(await page.locator('#interlude-text').inputValue(), DRAFT_CANARY);
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText(CANARY).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('the journal locks itself after the chosen time without use', async () => {
  const context = await newContext(env);
  const page = await context.newPage();
  await page.clock.install();
  const visitor = new Visitor(page);
  await page.goto(`${env.widgetOrigin}/`);
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: CANARY });
  await setPassphrase(page);
  await page.getByLabel('Lock after this long unused').selectOption({ label: '1 minute' });
  await page.clock.runFor(40_000);
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  await page.clock.runFor(30_000);
  await lockScreen(page);
  assert.doesNotMatch(await pageText(page), new RegExp(CANARY));
  // The choice is kept (sealed) with the journal.
  await unlock(page);
  await page.getByRole('button', { name: 'About & privacy' }).click();
  assert.equal(await page.getByLabel('Lock after this long unused').inputValue(), '1');
  await context.close();
});

test('changing the passphrase retires the old one; removing it stores everything plain again', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  await setPassphrase(page);
  const NEW = 'a different, longer passphrase';

  await page.locator('summary', { hasText: 'Change passphrase' }).click();
  await page.getByLabel('Current passphrase').first().fill('not the passphrase');
  await page.getByLabel('New passphrase').fill(NEW);
  await page.getByLabel('Type the new one again').fill(NEW);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText("That passphrase didn't open it.").waitFor();
  await page.getByLabel('Current passphrase').first().fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText('Passphrase changed.').waitFor();

  await page.reload();
  await lockScreen(page);
  await unlock(page);
  await page.getByText("That passphrase didn't open it.").waitFor();
  await unlock(page, NEW);
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();

  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.locator('summary', { hasText: 'Remove the lock' }).click();
  await page.getByLabel('Current passphrase').last().fill(NEW);
  await page.getByRole('button', { name: 'Remove the lock' }).click();
  await page.getByRole('button', { name: 'Turn on the lock' }).waitFor();
  const stored = await storedText(page);
  assert.match(stored, new RegExp(CANARY));
  assert.doesNotMatch(stored, /interlude\.v1\.lock=|sealed\.v1\./);
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await page.locator('#interlude-text').inputValue(), DRAFT_CANARY);
  assertNoPageErrors(visitor);
  await context.close();
});

test('locking while the lock is being removed keeps the lock, and every record is sealed again', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  // Years of entries, so that removing the lock takes many steps.
  const journal = generateJournal({ years: 3 });
  const count = journal.entries.length + 1;
  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles({
    name: 'notes.backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(journal)),
  });
  await page.getByText(/^Restored [\d,]+ entries/).waitFor({ timeout: 120_000 });
  await setPassphrase(page);
  await page.locator('summary', { hasText: 'Remove the lock' }).click();
  await page.getByLabel('Current passphrase').last().fill(PASSPHRASE);

  // "Lock" is pressed once the first records are stored plain, before the
  // last step removes the lock record.
  const lockedMidway = await page.evaluate(() => new Promise((done) => {
    const isPlainRecord = ([key, value]) => key.startsWith('interlude.v1.entry.') && !value.startsWith('sealed.v');
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Remove the lock').click();
    const look = () => {
      if (!Object.entries(localStorage).some(isPlainRecord)) return requestAnimationFrame(look);
      const lockStillSet = localStorage.getItem('interlude.v1.lock') !== null;
      document.querySelector('button.lock').click();
      done(lockStillSet);
    };
    requestAnimationFrame(look);
  }));
  assert.ok(lockedMidway, 'the removal ended before the lock was pressed: the journal is too small for this test');
  await lockScreen(page);
  assert.doesNotMatch(await pageText(page), new RegExp(`${CANARY}|${DRAFT_CANARY}`));

  // Sealed again in steps, in the background; the lock record stays.
  await page.waitForFunction(() => Object.entries(localStorage)
    .filter(([key]) => /^interlude\.v1\.(entry|checkin)\.|^interlude\.v1\.(draft|settings|safety-plan)$/.test(key))
    .every(([, value]) => value.startsWith('sealed.v')), null, { timeout: 60_000 });
  const stored = await storedText(page);
  assert.match(stored, /interlude\.v1\.lock=/);
  assert.doesNotMatch(stored, new RegExp(`${CANARY}|${DRAFT_CANARY}`));

  await page.reload();
  await lockScreen(page);
  await unlock(page);
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await page.locator('#interlude-text').inputValue(), DRAFT_CANARY);
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText(`${count.toLocaleString('en')} entries, kept only in this browser.`).waitFor({ timeout: 60_000 });
  await page.getByText(CANARY).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('a changed ciphertext is set aside and reported, never shown as garbage', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  await visitor.writeEntry(page, { text: 'a second entry' });
  await page.getByText('Saved in this browser').waitFor();
  await setPassphrase(page);
  const key = await page.evaluate(() => {
    const entryKey = Object.keys(localStorage).find((k) => k.startsWith('interlude.v1.entry.'));
    const value = localStorage.getItem(entryKey);
    // Flip one bit of the ciphertext (each unit after the header carries
    // 15 bits; the 20th is past the nonce).
    const at = 'sealed.v2.'.length + 1 + 20;
    const flipped = String.fromCharCode(value.charCodeAt(at) ^ 0x04);
    localStorage.setItem(entryKey, value.slice(0, at) + flipped + value.slice(at + 1));
    return entryKey;
  });
  await page.reload();
  await unlock(page);
  await page.getByText("1 saved item couldn't be read.").waitFor();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('1 entry, kept only in this browser.').waitFor();
  const stored = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(!stored.includes(key));
  assert.ok(stored.includes(key.replace('interlude.v1.entry.', 'interlude.v1.quarantine.entry.')));
  assertNoPageErrors(visitor);
  await context.close();
});

test('an encrypted backup restores into a fresh browser only with its passphrase, and only once', async () => {
  const first = await newContext(env);
  const visitor = await journalWithCanary(first);
  await setPassphrase(visitor.page);
  await visitor.page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(visitor.page);
  const [download] = await Promise.all([
    visitor.page.waitForEvent('download'),
    visitor.page.getByRole('button', { name: 'Download encrypted backup' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^notes-\d{4}-\d{2}-\d{2}\.backup\.json$/);
  const file = await readFile(await download.path(), 'utf8');
  assert.doesNotMatch(file, new RegExp(CANARY));
  assert.equal(JSON.parse(file).format, 'interlude-encrypted-backup');
  assert.equal(JSON.parse(file).interlude_version, VERSION);
  const path = join(tmpdir(), `interlude-backup-${process.pid}.json`);
  await writeFile(path, file);
  await first.close();

  const fresh = await newContext(env);
  const restorer = await Visitor.open(fresh, `${env.widgetOrigin}/`);
  const page = restorer.page;
  await restorer.acknowledge(page);
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('Nothing saved yet').waitFor();

  const notBackup = join(tmpdir(), `interlude-not-backup-${process.pid}.json`);
  await writeFile(notBackup, '{"format":"interlude-journal","version":1,"entries":[]}');
  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles(notBackup);
  await page.getByText('This is the readable export of your entries, which can\'t be restored. Please choose a backup file instead. Nothing was changed here.').waitFor();

  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles(path);
  await page.getByLabel('The passphrase this backup was made with').fill('wrong passphrase');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText("That passphrase didn't open it.").waitFor();
  await page.getByLabel('The passphrase this backup was made with').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText('Restored 1 entry from the backup.').waitFor();
  await page.getByText(CANARY).waitFor();

  await openFileTools(page);
  await page.getByLabel('Restore from a backup').setInputFiles(path);
  await page.getByLabel('The passphrase this backup was made with').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByText('Everything in this backup is already here.').waitFor();
  await page.getByText('1 entry, kept only in this browser.').waitFor();
  await assertAccessible(page, 'restore');
  assertNoPageErrors(restorer);
  await fresh.close();
});

test('a forgotten passphrase: the locked journal can be deleted after typed confirmation', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const page = visitor.page;
  await setPassphrase(page);
  await page.reload();
  await lockScreen(page);
  await page.getByText('Forgot your passphrase?').click();
  const button = page.getByRole('button', { name: 'Delete all my data on this device' });
  assert.ok(await button.isDisabled());
  await page.getByLabel('To confirm, type DELETE').fill('DELETE');
  await button.click();
  await page.getByRole('heading', { name: 'Before you start' }).waitFor();
  assert.doesNotMatch(await storedText(page), /interlude\.v1\.(lock|entry|draft)/);
  assertNoPageErrors(visitor);
  await context.close();
});

test('a lock set in one tab locks the other at once, and both see each other\'s entries once unlocked', async () => {
  const context = await newContext(env);
  const visitor = await journalWithCanary(context);
  const first = visitor.page;
  const second = await context.newPage();
  await second.goto(`${env.widgetOrigin}/`);
  await second.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  await second.locator('#interlude-text').fill('typed in the second tab');

  await setPassphrase(first);
  await lockScreen(second);
  assert.doesNotMatch(await pageText(second), new RegExp(`${CANARY}|typed in the second tab`));
  await unlock(second);
  // Its unsaved text could not be stored while locked; it was held in memory.
  await second.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await second.locator('#interlude-text').inputValue(), 'typed in the second tab');
  await visitor.writeEntry(second, { text: 'from the second tab' });
  await second.getByText('Saved in this browser').waitFor();

  await first.getByRole('button', { name: 'Past entries' }).click();
  await first.getByText('from the second tab').waitFor();
  assert.doesNotMatch(await storedText(first), /from the second tab/);
  assertNoPageErrors(visitor);
  await context.close();
});
