// The CBT thought record: step by step, the original thought in view at
// every later step, kept as a draft, saved, shown, summarised and edited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, storedEntries, useEnvironment } from './support.mjs';

const env = useEnvironment();

const storedJournalEntries = async (page) => (await storedEntries(page))
  .filter(([key]) => key.startsWith('interlude.v1.entry.'))
  .map(([, value]) => JSON.parse(value));

test('a thought record goes step by step and keeps the original thought in view', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).click();
  const heading = page.locator('.thought-record h3');
  assert.equal(await heading.innerText(), 'Step 1 of 7: The situation');
  await page.getByLabel('What happened?').fill('My manager walked past without saying hello.');
  await page.getByRole('button', { name: 'Next: Feelings' }).click();
  assert.equal(await heading.innerText(), 'Step 2 of 7: Feelings');
  assert.equal(await page.locator(':focus').innerText(), 'Step 2 of 7: Feelings', 'focus moves to the new step');
  await page.getByLabel('Feeling 1').fill('anxious');
  await page.locator('#interlude-record-feeling-0-rating').fill('80');
  await page.getByLabel('How strong: 80 of 100').waitFor();
  await page.getByRole('button', { name: 'Add another feeling' }).click();
  await page.getByLabel('Feeling 2').fill('ashamed');
  await page.locator('#interlude-record-feeling-1-rating').fill('60');
  await assertAccessible(page, 'thought record: feelings');

  // Kept as a draft: a reload brings it all back.
  await page.reload();
  await page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await page.getByLabel('What happened?').inputValue(), 'My manager walked past without saying hello.');
  await page.getByRole('button', { name: 'Next: Feelings' }).click();
  assert.equal(await page.getByLabel('Feeling 2').inputValue(), 'ashamed');
  await page.getByRole('button', { name: 'Next: The thought' }).click();
  assert.equal(await page.getByRole('complementary', { name: 'Your thought' }).count(), 0);
  await page.getByLabel('What went through your mind?').fill('They think I am useless.');
  for (const [next, label, text] of [
    ['Next: What supports the thought', 'What facts support this thought?', 'I made a mistake last week.'],
    ["Next: What doesn't fit with it", "What facts don't fit with it?", 'She thanked me on Monday.'],
    ['Next: A more balanced thought', 'more balanced way to see it', 'She may simply have been busy.'],
  ]) {
    await page.getByRole('button', { name: next }).click();
    const original = page.getByRole('complementary', { name: 'Your thought' });
    assert.ok((await original.innerText()).includes('They think I am useless.'), `thought not in view at "${next}"`);
    await page.getByLabel(label).fill(text);
  }
  await page.getByRole('button', { name: 'Next: Feelings now' }).click();
  assert.ok((await page.getByRole('complementary', { name: 'Your thought' }).innerText()).includes('They think I am useless.'));
  await page.getByText('She may simply have been busy.').waitFor();
  await page.locator('#interlude-record-rerate-0').fill('40');
  await page.getByLabel('anxious now: 40 of 100 (it was 80)').waitFor();
  await assertAccessible(page, 'thought record: re-rating');
  await page.getByRole('button', { name: 'Save thought record' }).click();
  assert.match(await visitor.status(page), /^Saved in this browser/);
  assert.equal(await page.locator(':focus').innerText(), 'Write');
  await page.getByLabel("What's on your mind?").waitFor();

  const [stored] = await storedJournalEntries(page);
  assert.equal(stored.text, '');
  assert.deepEqual(stored.thought_record, {
    situation: 'My manager walked past without saying hello.',
    feelings: [{ name: 'anxious', before: 80, after: 40 }, { name: 'ashamed', before: 60, after: null }],
    thought: 'They think I am useless.',
    evidence_for: 'I made a mistake last week.',
    evidence_against: 'She thanked me on Monday.',
    balanced: 'She may simply have been busy.',
  });

  await page.getByRole('button', { name: 'Past entries' }).click();
  const card = await page.locator('article.entry').innerText();
  for (const line of ['Thought record', 'The situation', 'anxious 80 → 40', 'ashamed 60', 'A more balanced thought']) {
    assert.ok(card.includes(line), `card is missing "${line}"`);
  }
  await page.getByRole('button', { name: 'Prepare a session summary' }).click();
  const sheet = page.locator('.summary-sheet');
  await sheet.getByRole('heading', { name: 'Thought records' }).waitFor();
  assert.ok((await sheet.innerText()).includes('They think I am useless.'));

  // Editing opens the same steps.
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  assert.equal(await page.locator(':focus').getAttribute('id'), `edit-${stored.id}-record-field`);
  await page.getByLabel('What happened?').fill('My manager walked past me in the corridor.');
  await page.getByRole('button', { name: 'Next: Feelings' }).click();
  await page.getByLabel('Feeling 1').press('Enter');
  assert.equal(await page.locator('form.edit-entry').count(), 1, 'Enter in a feeling does not submit the form');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.equal((await storedJournalEntries(page))[0].thought_record.situation, 'My manager walked past me in the corridor.');
  assertNoPageErrors(visitor);
  await context.close();
});

test('leaving a thought record asks before discarding it, and crisis words in it are noticed', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  // Writing in progress comes first.
  await page.locator('#interlude-text').fill('half a thought');
  assert.ok(await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).isDisabled());
  await page.locator('#interlude-text').fill('');

  await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).click();
  await page.getByRole('button', { name: 'Leave the thought record' }).click();
  await page.getByLabel("What's on your mind?").waitFor();

  await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).click();
  await page.getByLabel('What happened?').fill('Another argument.');
  await page.getByRole('button', { name: 'Leave the thought record' }).click();
  await page.getByRole('button', { name: 'Keep going' }).click();
  assert.equal(await page.getByLabel('What happened?').inputValue(), 'Another argument.');
  await page.getByRole('button', { name: 'Next: Feelings' }).click();
  await page.getByRole('button', { name: 'Next: The thought' }).click();
  await page.getByLabel('What went through your mind?').fill('I want to kill myself.');
  await page.getByRole('button', { name: 'Save thought record' }).click();
  await page.getByRole('heading', { name: 'Would some support help right now?' }).waitFor();
  const [stored] = await storedJournalEntries(page);
  assert.deepEqual(stored.thought_record.feelings, [], 'an unnamed feeling row is not kept');

  await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).click();
  await page.getByLabel('What happened?').fill('to be discarded');
  await page.getByRole('button', { name: 'Leave the thought record' }).click();
  await page.getByRole('button', { name: 'Discard it' }).click();
  await page.getByLabel("What's on your mind?").waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('interlude.v1.draft')), null);
  assertNoPageErrors(visitor);
  await context.close();
});
