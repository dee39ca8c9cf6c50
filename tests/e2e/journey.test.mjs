// A visitor's whole journey through the widget on the demo clinic page:
// disclosure, writing, mood, saving, history after reload, export, booking,
// crisis help, and zero network traffic after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_TITLE, VERSION, Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();

test('a first-time visitor sees what Interlude is before being asked anything, once', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  let widget = await visitor.openWidget();
  const text = await widget.locator('body').innerText();
  for (const phrase of ['Not therapy, not a diagnosis, and not an AI', 'Not for emergencies',
    'Your entries stay in this browser', 'download your entries', 'delete any of them']) {
    assert.ok(text.includes(phrase), `disclosure is missing "${phrase}"`);
  }
  assert.equal(await widget.locator('textarea').count(), 0, 'asked to write before the disclosure');
  await visitor.acknowledge(widget);

  await visitor.page.reload();
  widget = await visitor.openWidget();
  await widget.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  assert.equal(await widget.getByRole('heading', { name: 'Before you start' }).count(), 0);

  // It stays reachable, and focus follows the visitor to the new view.
  await widget.getByRole('button', { name: 'About & privacy' }).click();
  assert.equal(await widget.locator(':focus').textContent(), 'About & privacy');
  assert.equal(await widget.locator(':focus').evaluate((el) => el.tagName), 'H2');
  assert.ok((await widget.locator('main').innerText()).includes('Not therapy, not a diagnosis, and not an AI'));
  // Which release this is, for the visitor and their clinic.
  await widget.getByText(`Interlude version ${VERSION}`).waitFor();
  assertNoPageErrors(visitor);
  await context.close();
});

test('a visitor writes to a prompt, logs a mood, saves, and finds it after a reload and in the export', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  let widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await widget.getByLabel('Guided prompt (optional)').selectOption({ label: 'What went well today, however small?' });
  await widget.getByText('Why this helps:').waitFor();
  // The prompt becomes the label of the writing box.
  await widget.getByLabel('What went well today, however small?').fill('A walk by the river.\n<img src=x onerror=alert(1)>');
  await widget.getByRole('radio', { name: '4 Good' }).check();
  await widget.getByRole('button', { name: 'Save entry' }).click();
  assert.match(await visitor.status(widget), /^Saved in this browser/);
  assert.equal(await widget.locator('textarea').inputValue(), '', 'the editor is cleared after saving');

  await visitor.page.reload();
  widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'Past entries' }).click();
  const entry = widget.locator('article.entry').first();
  await entry.waitFor();
  const shown = await entry.innerText();
  assert.ok(shown.includes('What went well today, however small?'));
  assert.ok(shown.includes('Mood: 4 of 5, Good'));
  assert.ok(shown.includes('<img src=x onerror=alert(1)>'), 'hostile text is shown as text');
  assert.equal(await entry.locator('img').count(), 0, 'hostile text became markup');

  const { download, json: exported } = await visitor.downloadExport(widget);
  assert.match(download.suggestedFilename(), /^notes-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(exported.format, 'interlude-journal');
  assert.equal(exported.version, 1);
  assert.equal(exported.interlude_version, VERSION);
  assert.equal(exported.entries.length, 1);
  assert.equal(exported.entries[0].text, 'A walk by the river.\n<img src=x onerror=alert(1)>');
  assert.deepEqual(exported.entries[0].mood, { value: 4, label: 'Good' });
  assert.equal(exported.entries[0].prompt.text, 'What went well today, however small?');
  assertNoPageErrors(visitor);
  await context.close();
});

test('a draft survives a reload', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  let widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await widget.locator('#interlude-text').fill('half-finished thought');
  await widget.getByRole('radio', { name: '2 Low' }).check();
  await visitor.page.reload();
  widget = await visitor.openWidget();
  assert.equal(await widget.locator('#interlude-text').inputValue(), 'half-finished thought');
  assert.ok(await widget.getByRole('radio', { name: '2 Low' }).isChecked());
  await context.close();
});

test('crisis help is one tap away on every screen, with the region defaults', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  const checkCrisis = async (screen) => {
    await widget.getByRole('button', { name: 'Crisis help' }).click();
    const dialog = widget.getByRole('dialog', { name: 'Help right now' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('link', { name: 'Call 988' }).getAttribute('href'), 'tel:988', screen);
    assert.equal(await dialog.getByRole('link', { name: 'Text 988' }).getAttribute('href'), 'sms:988', screen);
    assert.equal(await dialog.getByRole('link', { name: '911' }).getAttribute('href'), 'tel:911', screen);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const focused = await widget.locator(':focus').textContent();
    assert.equal(focused.trim(), 'Crisis help', `focus did not return on ${screen}`);
  };
  await checkCrisis('first run');
  await visitor.acknowledge(widget);
  for (const screen of ['Write', 'Past entries', 'About & privacy']) {
    await widget.getByRole('button', { name: screen }).click();
    await checkCrisis(screen);
  }
  await context.close();
});

test('booking opens the clinic booking page with no journal data, and nothing else goes on the network', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/`);
  const widget = await visitor.openWidget();
  await widget.getByRole('heading', { name: 'Before you start' }).waitFor();
  // Let the service worker finish its one-time precache download first,
  // and the widget fetch the code of the views opened later (it does, a
  // second after it is ready; the thought record's comes last).
  const frame = await (await visitor.page.locator(`iframe[title="${FRAME_TITLE}"]`).elementHandle()).contentFrame();
  await frame.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null);
  await frame.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.includes('/interlude-later-thought-record-')));

  // From here on, a full session must not touch the network.
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));

  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'secret-words-42', mood: '3 Okay' });
  await widget.getByText('Saved in this browser').waitFor();
  await widget.getByRole('button', { name: 'Past entries' }).click();
  await visitor.downloadExport(widget);
  await widget.getByRole('button', { name: 'Crisis help' }).click();
  await widget.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await widget.getByRole('button', { name: 'About & privacy' }).click();

  await visitor.openMenu(widget);
  const book = widget.getByRole('link', { name: 'Book a session with a person' });
  assert.equal(await book.getAttribute('href'), `${env.clinicOrigin}/book.html`);
  assert.equal(await book.getAttribute('target'), '_blank');
  assert.deepEqual((await book.getAttribute('rel')).split(' ').sort(), ['noopener', 'noreferrer']);
  const handoff = [];
  await context.route(`${env.clinicOrigin}/book.html*`, (route) => {
    handoff.push({ url: route.request().url(), referer: route.request().headers().referer });
    return route.fulfill({ contentType: 'text/html', body: '<title>Book</title>' });
  });
  const [popup] = await Promise.all([context.waitForEvent('page'), book.click()]);
  await popup.waitForLoadState();
  assert.equal(handoff.length, 1);
  assert.equal(handoff[0].url, `${env.clinicOrigin}/book.html`);
  assert.equal(handoff[0].referer, undefined);
  assert.equal(await popup.evaluate(() => window.opener), null);

  const others = requests.filter((url) => /^https?:/.test(url) && !url.startsWith(`${env.clinicOrigin}/book.html`));
  assert.deepEqual(others, [], 'the widget made network requests during a session');
  assert.ok(!requests.some((url) => url.includes('secret-words-42')));
  assertNoPageErrors(visitor);
  await context.close();
});

test('the widget works as a standalone page', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await page.getByRole('heading', { name: 'Before you start' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Close' }).count(), 0, 'nothing to close standalone');
  await page.getByRole('button', { name: 'I understand, continue' }).click();
  await page.locator('#interlude-text').fill('standalone entry');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved in this browser').waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('standalone entry').waitFor();
  // No configuration: international crisis resources, and a way to reach the clinic.
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('link', { name: 'Open Find A Helpline' }).waitFor();
  assertNoPageErrors(visitor);
  assert.deepEqual(visitor.consoleErrors, []);
  await context.close();
});

test('an entry saved in one tab appears in another', async () => {
  const context = await newContext(env);
  const first = await Visitor.open(context, `${env.widgetOrigin}/`);
  await first.page.getByRole('button', { name: 'I understand, continue' }).click();
  const second = await Visitor.open(context, `${env.widgetOrigin}/`);
  await second.page.getByRole('button', { name: 'Past entries' }).click();
  await second.page.getByText('Nothing saved yet').waitFor();
  await first.page.locator('#interlude-text').fill('written in the first tab');
  await first.page.getByRole('button', { name: 'Save entry' }).click();
  await second.page.getByText('written in the first tab').waitFor();
  await context.close();
});

test('two tabs saving at the same moment both keep their entry, and each shows the other\'s', async () => {
  const context = await newContext(env);
  const first = await Visitor.open(context, `${env.widgetOrigin}/`);
  await first.page.getByRole('button', { name: 'I understand, continue' }).click();
  const second = await Visitor.open(context, `${env.widgetOrigin}/`);
  await second.page.getByRole('heading', { name: 'Write', level: 2 }).waitFor();
  await first.page.locator('#interlude-text').fill('saved at once, from the first tab');
  await second.page.locator('#interlude-text').fill('saved at once, from the second tab');
  await Promise.all([
    first.page.getByRole('button', { name: 'Save entry' }).click(),
    second.page.getByRole('button', { name: 'Save entry' }).click(),
  ]);
  for (const tab of [first, second]) {
    await tab.page.getByRole('button', { name: 'Past entries' }).click();
    await tab.page.getByText('saved at once, from the first tab').waitFor();
    await tab.page.getByText('saved at once, from the second tab').waitFor();
    await tab.page.getByText('2 entries, kept only in this browser.').waitFor();
  }
  assertNoPageErrors(first);
  assertNoPageErrors(second);
  await context.close();
});

test('Past entries shows the newest 50 and more on request, so years of entries open quickly', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.evaluate(() => {
    for (let i = 1; i <= 101; i += 1) {
      const t = Date.UTC(2026, 0, 1) + i * 3_600_000;
      localStorage.setItem(`interlude.v1.entry.n${i}`, JSON.stringify({ id: `n${i}`, created_ms: t, updated_ms: t, prompt: null, text: `Numbered entry ${i}.`, mood: null }));
    }
  });
  await page.reload();
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('101 entries, kept only in this browser.').waitFor();
  const entries = page.locator('.entries > li');
  assert.equal(await entries.count(), 50);
  assert.match(await entries.first().textContent(), /Numbered entry 101\./);
  await page.getByRole('button', { name: 'Show 50 older entries' }).click();
  assert.equal(await entries.count(), 100);
  await page.getByRole('button', { name: 'Show 1 older entry' }).click();
  assert.equal(await entries.count(), 101);
  assert.match(await entries.last().textContent(), /Numbered entry 1\./);
  assert.equal(await page.getByRole('button', { name: /older entr/ }).count(), 0);
  assertNoPageErrors(visitor);
  await context.close();
});

