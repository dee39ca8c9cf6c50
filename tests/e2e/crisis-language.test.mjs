// Gentle crisis awareness in free text: an entry saved with clear self-harm
// or suicide language (English or Spanish) brings a calm offer of crisis
// lines and the safety plan, once per visit; writing is never blocked and
// nothing about it is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, useEnvironment } from './support.mjs';

const env = useEnvironment();
const OFFER = 'Would some support help right now?';

/** Every stored value, with its key. */
async function storedValues(w) {
  return Object.fromEntries(await storedEntries(w));
}

test('an entry with clear self-harm language is saved, then support is offered once, and nothing is stored about it', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const w = await visitor.openWidget();
  await visitor.acknowledge(w);
  const offer = w.getByRole('region', { name: OFFER });

  // An idiom does not trigger it.
  await visitor.writeEntry(w, { text: 'This commute is killing me, but I killed it at work.' });
  await w.getByText('Saved in this browser').waitFor();
  await w.getByRole('button', { name: 'Past entries' }).click();
  await w.getByText('This commute is killing me').waitFor();
  await w.getByRole('button', { name: 'Write' }).click();
  assert.equal(await offer.count(), 0);

  const before = await storedValues(w);
  await visitor.writeEntry(w, { text: 'Some nights I just want to kill myself.', mood: 'Very low' });
  await offer.waitFor();
  // Saved first, never blocked; the offer says so itself, and no status
  // message shows beside it (on a phone it covered the offer).
  await offer.getByText('Your entry is saved.').waitFor();
  assert.equal(await visitor.status(w), '');
  assert.equal(await w.locator('#interlude-text').inputValue(), '');
  // Focus moves to the offer, so it is read before anything else.
  assert.equal(await w.locator(':focus').textContent(), OFFER);
  await offer.getByRole('link', { name: /988/ }).first().waitFor();
  await assertAccessible(visitor.page, 'support offered after saving');

  // Only the entry itself was added: no flag, no note, no changed setting.
  const after = await storedValues(w);
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  assert.equal(changed.length, 1, `changed: ${changed}`);
  assert.match(changed[0], /^interlude\.v1\.entry\./);
  assert.deepEqual(Object.keys(before).filter((key) => !(key in after)), []);

  await offer.getByRole('button', { name: 'Close' }).click();
  assert.equal(await offer.count(), 0);
  // Once per visit: the next entry like it is saved without asking again.
  await visitor.writeEntry(w, { text: 'I still feel suicidal tonight.' });
  await w.getByRole('button', { name: 'Past entries' }).click();
  await w.getByText('I still feel suicidal tonight.').waitFor();
  await w.getByRole('button', { name: 'Write' }).click();
  await w.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await offer.count(), 0);

  // A new visit may offer it again, because nothing was remembered.
  await visitor.page.reload();
  const again = await visitor.openWidget();
  await visitor.writeEntry(again, { text: 'A veces me quiero morir.' });
  const offerAgain = again.getByRole('region', { name: OFFER });
  await offerAgain.waitFor();
  await offerAgain.getByRole('button', { name: 'Open my safety plan' }).click();
  await again.getByRole('heading', { name: 'My safety plan', level: 2 }).waitFor();
  await again.getByRole('button', { name: 'Past entries' }).click();
  for (const text of ['A veces me quiero morir.', 'I still feel suicidal tonight.', 'Some nights I just want to kill myself.']) {
    await again.getByText(text).waitFor();
  }
  assertNoPageErrors(visitor);
  await context.close();
});

test('locking takes the offer away with the journal', async () => {
  const passphrase = 'slow river morning';
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByText('The lock is on.').waitFor();
  await page.getByRole('button', { name: 'Write' }).click();
  await visitor.writeEntry(page, { text: 'I have been thinking about ending my life.' });
  await page.getByRole('region', { name: OFFER }).waitFor();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).waitFor();
  assert.doesNotMatch(await page.locator('body').innerText(), /support help|painful/);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await page.getByRole('region', { name: OFFER }).count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});
