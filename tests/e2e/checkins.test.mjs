// Standardised check-ins (PHQ-9, GAD-7, WHO-5), offered only when the clinic
// turns them on: PHQ-9 item 9 shows crisis help and the safety plan at once
// and above the score, results are framed as "not a diagnosis" and kept as a
// trend, the reminder is gentle and dismissible, and results travel in the
// encrypted backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, storedEntries, openFileTools, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

function checkInClinic(name, extra = {}) {
  return customClinicPage(env, name, {
    'clinic-name': 'Harbour Clinic', 'crisis-region': 'UK', checkins: 'phq9,gad7,who5', ...extra,
  });
}

/** Answers question `number` (1-based) of the open questionnaire. */
async function answer(w, number, option) {
  await w.getByRole('group', { name: new RegExp(`^${number}\\. `) }).getByRole('radio', { name: option, exact: true }).check();
}

test('PHQ-9 item 9 shows crisis help and the safety plan at once, and above the score', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, checkInClinic('checkin-clinic'));
  const w = await visitor.openWidget();
  await visitor.acknowledge(w);
  await w.getByRole('button', { name: 'Check-ins' }).click();
  await w.getByRole('heading', { name: 'Check-ins', level: 2 }).waitFor();
  await w.getByText('They are not a diagnosis').waitFor();
  await assertAccessible(visitor.page, 'check-ins, none taken');

  await w.getByRole('button', { name: 'Start PHQ-9' }).click();
  await w.getByRole('heading', { name: 'PHQ-9', level: 3 }).waitFor();
  // Unanswered questions are named, and nothing is saved.
  await w.getByRole('button', { name: 'See my result' }).click();
  await w.getByText('Please answer the 9 questions left, then see your result.').waitFor();

  for (let n = 1; n <= 8; n += 1) await answer(w, n, 'Several days');
  const support = w.getByRole('region', { name: 'Thank you for answering honestly' });
  assert.equal(await support.count(), 0, 'support shows only after item 9');
  await answer(w, 9, 'Not at all');
  assert.equal(await support.count(), 0, '"Not at all" does not show it');
  await answer(w, 9, 'Several days');
  await support.waitFor();
  await support.getByRole('link', { name: /116 123/ }).first().waitFor();
  await support.getByRole('button', { name: 'Open my safety plan' }).waitFor();
  await assertAccessible(visitor.page, 'PHQ-9 with item 9 answered');

  await w.getByRole('button', { name: 'See my result' }).click();
  const result = w.locator('.checkin-result');
  await result.getByRole('heading', { name: 'Your result' }).waitFor();
  const order = await result.evaluate((el) => {
    const support = el.querySelector('.support-now');
    const score = el.querySelector('.result-summary');
    return support && score ? support.compareDocumentPosition(score) : 0;
  });
  assert.ok(order & 4, 'the support comes before the score');
  assert.equal(
    (await result.locator('.result-summary').textContent()).trim(),
    'PHQ-9: 9 of 27 (mild range). Not a diagnosis: something to talk about with your clinician.',
  );

  // Only the answers are stored, under the check-in key, and nothing sealed or not carries a flag.
  const stored = await storedEntries(w);
  const checkins = stored.filter(([key]) => key.startsWith('interlude.v1.checkin.'));
  assert.equal(checkins.length, 1);
  assert.deepEqual(Object.keys(JSON.parse(checkins[0][1])).sort(), ['answers', 'questionnaire', 'taken_ms']);
  assert.doesNotMatch(stored.map(([k, v]) => k + v).join('\n'), /harm|item.?9|risk|flag/i);

  await support.getByRole('button', { name: 'Open my safety plan' }).click();
  await w.getByRole('heading', { name: 'My safety plan', level: 2 }).waitFor();

  await w.getByRole('button', { name: 'Check-ins' }).click();
  const caption = w.locator('.checkin-card', { hasText: 'PHQ-9' }).locator('figcaption');
  assert.match(await caption.textContent(), /^PHQ-9 results, oldest to newest: 9 of 27\. Latest on .+: 9 of 27 \(mild range\)\.$/);
  await assertAccessible(visitor.page, 'check-ins with a trend');
  assertNoPageErrors(visitor);
  await context.close();
});

test('GAD-7 and WHO-5 score by their published rules and build a trend', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, checkInClinic('checkin-trend'));
  const w = await visitor.openWidget();
  await visitor.acknowledge(w);
  await w.getByRole('button', { name: 'Check-ins' }).click();

  await w.getByRole('button', { name: 'Start GAD-7' }).click();
  for (let n = 1; n <= 7; n += 1) await answer(w, n, 'More than half the days');
  await w.getByRole('button', { name: 'See my result' }).click();
  await w.getByText('GAD-7: 14 of 21 (moderate range).').waitFor();
  assert.equal(await w.locator('.support-now').count(), 0, 'GAD-7 never shows the item-9 panel');
  await w.getByRole('button', { name: 'Back to check-ins' }).click();

  for (const option of ['Some of the time', 'Most of the time']) {
    await w.getByRole('button', { name: 'Start WHO-5' }).click();
    for (let n = 1; n <= 5; n += 1) await answer(w, n, option);
    await w.getByRole('button', { name: 'See my result' }).click();
    await w.getByRole('heading', { name: 'Your result' }).waitFor();
    await w.getByRole('button', { name: 'Back to check-ins' }).click();
  }
  const caption = w.locator('.checkin-card', { hasText: 'WHO-5' }).locator('figcaption');
  assert.match(await caption.textContent(), /^WHO-5 results, oldest to newest: 20%, 80%\. Latest on .+: 80% \(typical range\)\.$/);
  assert.equal(await w.locator('.checkin-card', { hasText: 'WHO-5' }).locator('svg circle').count(), 2);

  // Each result can be deleted, and "Undo" puts it back.
  const who5 = w.locator('.checkin-card', { hasText: 'WHO-5' });
  await who5.getByText('Each result (2)').click();
  const storedCount = () => w.locator('body').evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('interlude.v1.checkin.')).length);
  assert.equal(await storedCount(), 3);
  await assertAccessible(visitor.page, 'check-in results listed');
  await who5.getByRole('button', { name: /^Delete the result of / }).first().click();
  assert.equal(await visitor.status(w), 'Check-in result deleted.');
  assert.equal(await w.locator(':focus').textContent(), 'Undo');
  assert.equal(await storedCount(), 2);
  assert.equal(await who5.locator('svg circle').count(), 1);
  await w.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await visitor.status(w), 'Check-in result restored.');
  assert.equal(await storedCount(), 3);
  assert.equal(await who5.locator('svg circle').count(), 2);

  // "Not now" leaves without saving anything.
  await w.getByRole('button', { name: 'Start PHQ-9' }).click();
  await answer(w, 1, 'Nearly every day');
  await w.getByRole('button', { name: 'Not now' }).click();
  assert.equal(await w.locator('.checkin-card', { hasText: 'PHQ-9' }).locator('figcaption').count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

test('the reminder appears only when the clinic turned it on, and "Not now" puts it away', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, checkInClinic('checkin-reminder', { 'checkin-reminder': 'weekly' }));
  let w = await visitor.openWidget();
  await visitor.acknowledge(w);
  const reminder = (frame) => frame.getByRole('region', { name: 'Check-in reminder' });
  await reminder(w).getByText('Time for a short check-in? Harbour Clinic suggests one now and then.').waitFor();
  await assertAccessible(visitor.page, 'check-in reminder');
  await reminder(w).getByRole('button', { name: 'Not now' }).click();
  assert.equal(await reminder(w).count(), 0);
  await visitor.page.reload();
  w = await visitor.openWidget();
  assert.equal(await reminder(w).count(), 0, 'dismissed for this week');
  await context.close();

  const second = await newContext(env);
  const other = await Visitor.open(second, checkInClinic('checkin-reminder', { 'checkin-reminder': 'weekly' }));
  w = await other.openWidget();
  await other.acknowledge(w);
  await reminder(w).getByRole('button', { name: 'Take a check-in' }).click();
  await w.getByRole('heading', { name: 'Check-ins', level: 2 }).waitFor();
  await w.getByRole('button', { name: 'Start GAD-7' }).click();
  for (let n = 1; n <= 7; n += 1) await answer(w, n, 'Not at all');
  await w.getByRole('button', { name: 'See my result' }).click();
  await w.getByText('GAD-7: 0 of 21 (minimal range).').waitFor();
  assert.equal(await reminder(w).count(), 0, 'a check-in taken means no reminder');
  await second.close();

  // Without data-checkin-reminder there is no reminder; without data-checkins no tab.
  const third = await newContext(env);
  const quiet = await Visitor.open(third, checkInClinic('checkin-quiet'));
  w = await quiet.openWidget();
  await quiet.acknowledge(w);
  await w.getByRole('button', { name: 'Check-ins' }).waitFor();
  assert.equal(await reminder(w).count(), 0);
  await third.close();

  const fourth = await newContext(env);
  const plain = await Visitor.open(fourth, customClinicPage(env, 'no-checkins', { 'checkin-reminder': 'weekly' }));
  w = await plain.openWidget();
  await plain.acknowledge(w);
  assert.equal(await w.getByRole('button', { name: 'Check-ins' }).count(), 0);
  assert.equal(await reminder(w).count(), 0);
  await fourth.close();
});

test('check-in results are sealed by the lock and come back from the encrypted backup', async () => {
  const passphrase = 'quiet harbour light';
  const context = await newContext(env);
  const visitor = await Visitor.open(context, checkInClinic('checkin-backup'));
  const w = await visitor.openWidget();
  await visitor.acknowledge(w);
  await w.getByRole('button', { name: 'Check-ins' }).click();
  await w.getByRole('button', { name: 'Start GAD-7' }).click();
  for (let n = 1; n <= 7; n += 1) await answer(w, n, 'Several days');
  await w.getByRole('button', { name: 'See my result' }).click();
  await w.getByText('GAD-7: 7 of 21 (mild range).').waitFor();

  await w.getByRole('button', { name: 'About & privacy' }).click();
  await w.getByLabel('New passphrase').fill(passphrase);
  await w.getByLabel('Type it again').fill(passphrase);
  await w.getByRole('button', { name: 'Turn on the lock' }).click();
  await w.getByText('The lock is on.').waitFor();
  const stored = await w.locator('body').evaluate(() => Object.entries(localStorage)
    .filter(([key]) => key.startsWith('interlude.v1.checkin.')).map(([, value]) => value));
  assert.equal(stored.length, 1);
  assert.match(stored[0], /^sealed\.v2\./);

  await w.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(w);
  const [download] = await Promise.all([
    visitor.page.waitForEvent('download'),
    w.getByRole('button', { name: 'Download encrypted backup' }).click(),
  ]);
  const path = join(tmpdir(), `interlude-checkin-backup-${process.pid}.json`);
  await writeFile(path, await readFile(await download.path()));
  await context.close();

  const fresh = await newContext(env);
  const restorer = await Visitor.open(fresh, checkInClinic('checkin-backup'));
  const r = await restorer.openWidget();
  await restorer.acknowledge(r);
  await r.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(r);
  await r.getByLabel('Restore from a backup').setInputFiles(path);
  await r.getByLabel('The passphrase this backup was made with').fill(passphrase);
  await r.getByRole('button', { name: 'Restore', exact: true }).click();
  await r.getByText('Restored 1 check-in from the backup.').waitFor();
  await r.getByRole('button', { name: 'Check-ins' }).click();
  const caption = r.locator('.checkin-card', { hasText: 'GAD-7' }).locator('figcaption');
  assert.match(await caption.textContent(), /oldest to newest: 7 of 21\./);
  // The same file again adds nothing.
  await r.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(r);
  await r.getByLabel('Restore from a backup').setInputFiles(path);
  await r.getByLabel('The passphrase this backup was made with').fill(passphrase);
  await r.getByRole('button', { name: 'Restore', exact: true }).click();
  await r.getByText('Everything in this backup is already here.').waitFor();
  assertNoPageErrors(restorer);
  await fresh.close();
});
