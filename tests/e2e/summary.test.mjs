// Bringing it to a session: the printable session summary (dates, what to
// include, a preview that is the printed page, a PDF through Chromium), and
// the CSV files of moods and check-in results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();
const TOPIC_PROMPT = 'What would you like to bring up at your next session?';

/** A standalone widget page with check-ins on, and some history in it. */
async function visitorWithHistory(context) {
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/#clinic=Harbour%20Clinic&checkins=gad7&region=UK`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await visitor.writeEntry(page, { text: 'Slept badly, long day', mood: '2 Low' });
  await page.getByText('Saved in this browser').waitFor();
  await visitor.writeEntry(page, { text: 'Private: the argument with my brother', mood: '4 Good' });
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('Private: the argument with my brother').waitFor();
  await page.getByRole('button', { name: 'Write' }).click();
  await visitor.writeEntry(page, { text: 'Why mornings feel so heavy', prompt: TOPIC_PROMPT });
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('Why mornings feel so heavy').waitFor();
  await page.getByRole('button', { name: 'Check-ins' }).click();
  await page.getByRole('button', { name: 'Start GAD-7' }).click();
  for (let n = 1; n <= 7; n += 1) {
    await page.getByRole('group', { name: new RegExp(`^${n}\\. `) }).getByRole('radio', { name: 'Several days', exact: true }).check();
  }
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.getByText('GAD-7: 7 of 21 (mild range).').waitFor();
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open my safety plan' }).click();
  await page.getByLabel('My reasons for living').fill('canary-reasons-2231');
  return visitor;
}

test('the session summary shows what was chosen, in the chosen dates, and prints only that', async () => {
  const context = await newContext(env);
  const visitor = await visitorWithHistory(context);
  const page = visitor.page;
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByRole('button', { name: 'Prepare a session summary' }).click();
  await page.getByRole('heading', { name: 'Session summary', level: 2 }).waitFor();
  const sheet = page.locator('.summary-sheet');
  await sheet.getByRole('heading', { name: 'Notes to bring to Harbour Clinic' }).waitFor();
  const text = async () => sheet.innerText();
  let shown = await text();
  // Topics come first, then mood, check-ins, entries; the plan only when ticked.
  const order = ['Topics I want to bring up', 'Why mornings feel so heavy', 'Mood', 'Check-in results', 'Entries', 'Slept badly'];
  const positions = order.map((s) => shown.indexOf(s));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])), `order in:\n${shown}`);
  assert.match(shown, /2 moods logged\. Average 3\.0 of 5; lowest 2 \(Low\), highest 4 \(Good\)\./);
  assert.match(shown, /GAD-7: 7 of 21 \(mild range\)\. Not a diagnosis/);
  assert.match(shown, /Written by me, for my own session\./);
  assert.doesNotMatch(shown, /canary-reasons-2231/, 'the safety plan is left out unless chosen');
  await assertAccessible(page, 'session summary');

  await page.getByRole('checkbox', { name: 'My safety plan' }).check();
  await page.getByRole('checkbox', { name: /Private: the argument with my brother/ }).uncheck();
  await page.getByRole('checkbox', { name: 'Mood chart' }).uncheck();
  shown = await text();
  assert.match(shown, /canary-reasons-2231/);
  assert.doesNotMatch(shown, /argument with my brother/);
  assert.doesNotMatch(shown, /moods logged/);

  // Printing: only the sheet, one entry per page, nothing of the widget.
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await sheet.getByText('Slept badly, long day').isVisible());
  assert.ok(await sheet.getByText('canary-reasons-2231').isVisible());
  for (const chrome of ['Quick exit', 'Crisis help', 'Print or save as PDF']) {
    assert.ok(!(await page.getByRole('button', { name: chrome }).isVisible()), `${chrome} printed`);
  }
  assert.ok(!(await page.getByRole('checkbox', { name: 'Entries' }).isVisible()), 'the choices printed');
  // The PDF Chromium makes, read back as text (poppler's pdftotext): the
  // chosen things are on it, the unticked entry and the widget are not.
  const pdfPath = join(tmpdir(), `interlude-summary-${process.pid}.pdf`);
  await page.pdf({ path: pdfPath, format: 'A4' });
  const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const expected of ['Notes to bring to Harbour Clinic', 'Why mornings feel so heavy', 'Slept badly, long day',
    'GAD-7: 7 of 21 (mild range)', 'canary-reasons-2231', 'Written by me, for my own session.']) {
    assert.ok(pdfText.includes(expected), `"${expected}" missing from the PDF:\n${pdfText}`);
  }
  for (const absent of ['argument with my brother', 'Quick exit', 'Crisis help', 'Print or save as PDF', 'Entries to include']) {
    assert.ok(!pdfText.includes(absent), `"${absent}" is in the PDF`);
  }
  const pages = pdfText.split('\f').filter((p) => p.trim()).length;
  assert.ok(pages >= 2, `expected the entries on separate pages, got ${pages} page(s)`);
  await page.emulateMedia({ media: 'screen' });

  // Dates that exclude everything (the plan has no date, so it is unticked
  // first), then dates the wrong way round.
  await page.getByRole('checkbox', { name: 'My safety plan' }).uncheck();
  await page.getByLabel('First day').fill('2020-01-01');
  await page.getByLabel('Last day').fill('2020-01-31');
  await sheet.getByText('Nothing to show for these dates and choices.').waitFor();
  await page.getByText('No entries in these dates.').waitFor();
  await page.getByLabel('First day').fill('2020-02-01');
  await page.getByText('The first day is after the last day. Please swap them.').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Print or save as PDF' }).isDisabled());
  assert.equal(await sheet.count(), 0);
  await assertAccessible(page, 'session summary with a date problem');
  assertNoPageErrors(visitor);
  await context.close();
});

test('the summary downloads as Markdown text with the same choices', async () => {
  const context = await newContext(env);
  const visitor = await visitorWithHistory(context);
  const page = visitor.page;
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByRole('button', { name: 'Prepare a session summary' }).click();
  await page.getByRole('checkbox', { name: /Private: the argument with my brother/ }).uncheck();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as text (Markdown)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^notes-\d{4}-\d\d-\d\d\.summary\.md$/);
  const text = await readFile(await download.path(), 'utf8');
  assert.match(text, /^# Notes to bring to Harbour Clinic\n\n.+ to .+\n\n## Topics I want to bring up\n/);
  assert.match(text, /\nWhy mornings feel so heavy\n/);
  assert.match(text, /\n- .+: GAD-7: 7 of 21 \(mild range\)\./);
  assert.match(text, /\nSlept badly, long day\n\nMood: 2 of 5, Low  \n/);
  assert.doesNotMatch(text, /argument with my brother/);
  assert.doesNotMatch(text, /canary-reasons-2231/);
  assert.match(text, /\nWritten by me, for my own session\./);
  assertNoPageErrors(visitor);
  await context.close();
});

test('moods and check-in results download as CSV files a spreadsheet opens cleanly', async () => {
  const context = await newContext(env);
  const visitor = await visitorWithHistory(context);
  const page = visitor.page;
  await page.getByRole('button', { name: 'Past entries' }).click();
  const [moods] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download moods (CSV)' }).click(),
  ]);
  assert.match(moods.suggestedFilename(), /^notes-\d{4}-\d\d-\d\d\.moods\.csv$/);
  const moodRows = (await readFile(await moods.path(), 'utf8')).split('\r\n');
  assert.equal(moodRows[0], '\uFEFFdate,time,mood,mood_label,energy,emotions,tags,prompt,note');
  assert.match(moodRows[1], /^\d{4}-\d\d-\d\d,\d\d:\d\d,2,Low,,,,,"Slept badly, long day"$/);
  assert.match(moodRows[2], /^\d{4}-\d\d-\d\d,\d\d:\d\d,4,Good,,,,,Private: the argument with my brother$/);
  assert.equal(moodRows[3], '', 'only entries with a mood, then a final line end');

  await page.getByRole('button', { name: 'Check-ins' }).click();
  const [scores] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download results (CSV)' }).click(),
  ]);
  assert.match(scores.suggestedFilename(), /^notes-\d{4}-\d\d-\d\d\.scores\.csv$/);
  const scoreRows = (await readFile(await scores.path(), 'utf8')).split('\r\n');
  assert.equal(scoreRows[0], '\uFEFFdate,time,questionnaire,score,scale,range,answers');
  assert.match(scoreRows[1], /^\d{4}-\d\d-\d\d,\d\d:\d\d,GAD-7,7,0-21,mild,1;1;1;1;1;1;1$/);
  assertNoPageErrors(visitor);
  await context.close();
});
