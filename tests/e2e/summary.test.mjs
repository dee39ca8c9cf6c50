// Bringing it to a session: the printable session summary (dates, what to
// include, a preview that is the printed page, a PDF through Chromium), and
// the CSV files of moods and check-in results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Visitor, assertAccessible, assertNoPageErrors, newContext, useEnvironment, openFileTools } from './support.mjs';

const env = useEnvironment();
const TOPIC_PROMPT = 'What would you like to bring up at your next session?';
const DAY_MS = 86_400_000;

/** The number of pages of a PDF file (poppler's pdfinfo). */
function pdfPages(path) {
  return Number(execFileSync('pdfinfo', [path], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)$/m)[1]);
}

/** The text of each page of a PDF file (poppler's pdftotext), its runs of spaces and line ends made one space. */
function pdfPageTexts(path) {
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, pdfPages(path)).map((p) => p.replace(/\s+/g, ' ').trim());
}

/**
 * Four weeks of a typical month between sessions, as a backup file: twenty
 * short entries on twenty of the last 27 days (one only a mood, one a topic
 * to bring up, some answering a prompt or with feelings and tags) and a
 * GAD-7 result.
 */
function fourWeeks(now = Date.now()) {
  const daysAgo = [26, 25, 24, 22, 21, 20, 18, 17, 15, 14, 13, 11, 10, 8, 7, 6, 4, 3, 1, 0];
  const texts = [
    'Entry 01. Slept badly again and woke at four. Walked to the bakery anyway and the cold air helped a little.',
    'Entry 02. Long day at work. My manager moved the deadline forward and I felt my shoulders tighten all afternoon.',
    'Entry 03. Called my sister for the first time in weeks. We laughed about the holiday with Grandma.',
    'Entry 04. Felt flat most of the day. Did the dishes, watched a film, went to bed early.',
    'Entry 05. Noticed I was replaying the argument with Sam on the bus. Tried naming it: worry, not fact.',
    'Entry 06. Good swim after work. Forty lengths and the head was quieter afterwards.',
    'Entry 07. Payslip came and the rent went out the same day. Money worries all evening.',
    'Entry 08. Sunday. Cooked soup for the week and rang Dad. He sounded tired.',
    'Entry 09. Interview for the new role was moved twice. I kept checking my inbox.',
    'Entry 10. Took the long way home through the park. The dog from next door followed me half the way.',
    '',
    'Entry 12. Tried the breathing exercise before the team meeting. Still anxious, but I spoke up once.',
    'Entry 13. Headache most of the day, probably too much coffee and too little water.',
    'Entry 14. Met Priya for lunch. She asked how I really was, and I told her.',
    'Entry 15. Stayed in bed until eleven. Guilty about it, then less so after a shower.',
    'Entry 16. Why mornings feel so heavy, and what to do about the first hour of the day.',
    'Entry 17. Finished the report. Proud, and surprised how much easier it was once I started.',
    'Entry 18. Quiet evening. Read three chapters and made tea. Nothing much to say, which is fine.',
    'Entry 19. Dreamt about the old house again. Woke up sad but it passed by lunch.',
    'Entry 20. Looking forward to the session. I want to talk about sleep and about Sam.',
  ];
  const entries = daysAgo.map((days, i) => {
    const created = now - days * DAY_MS - 3_600_000;
    const entry = {
      id: `four-weeks-${String(i + 1).padStart(2, '0')}`, created_ms: created, updated_ms: created,
      prompt: null, text: texts[i], mood: [2, 3, 4, 2, 3, 4, 2, 3, 3, 4, 1, 3, 2, 4, 2, null, 4, 3, 3, 4][i],
    };
    if (i === 15) entry.prompt = { id: 'before-session.bring', text: TOPIC_PROMPT };
    if (i % 4 === 1) entry.prompt = { id: 'check-in.today', text: 'What has today been like for you, in a few sentences?' };
    if (i % 5 === 2) Object.assign(entry, { energy: 3, emotions: ['calm', 'tired'], tags: ['sleep', 'family'] });
    if (entry.mood === null) delete entry.mood;
    return entry;
  });
  const checkins = [{ questionnaire: 'gad7', taken_ms: now - 12 * DAY_MS, answers: [1, 1, 2, 1, 1, 1, 1] }];
  return { format: 'interlude-backup', version: 1, exported_at: new Date(now).toISOString(), entries, checkins };
}

/** A standalone widget holding `fourWeeks()`, opened on its session summary. */
async function summaryOfFourWeeks(context) {
  const journal = fourWeeks();
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/#clinic=Harbour%20Clinic&region=UK`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Past entries' }).click();
  await page.getByLabel('Restore from a backup').setInputFiles({
    name: 'notes.backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(journal)),
  });
  await page.getByText(/^Restored 20 entries .*from the backup\./).waitFor();
  await page.getByRole('button', { name: 'Prepare a session summary' }).click();
  await page.locator('.summary-sheet').getByRole('heading', { name: 'Notes to bring to Harbour Clinic' }).waitFor();
  return { visitor, page, journal };
}

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
  await page.getByText('Choose entries (3 included)').click();
  await page.getByRole('checkbox', { name: /Private: the argument with my brother/ }).uncheck();
  await page.getByText('Choose entries (2 of 3 included)').waitFor();
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
  // Entries follow one another (they used to be one per page), and no page is blank.
  const pages = pdfText.split('\f').slice(0, pdfPages(pdfPath));
  assert.ok(pages.length <= 2, `three entries and the plan took ${pages.length} pages`);
  assert.ok(pages.every((p) => p.trim()), 'a blank page was printed');
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
  await page.getByText(/^Choose entries/).click();
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
  await openFileTools(page);
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

test('twenty short entries over four weeks print on a few pages, one after another, with a dated mood chart', async () => {
  // Guards against one entry per page (these twenty printed on 19 pages), a
  // chart without dates, and a mood-only entry known only by its date.
  const context = await newContext(env);
  const { visitor, page, journal } = await summaryOfFourWeeks(context);
  const sheet = page.locator('.summary-sheet');
  // The period comes first, with the number of days; then topics, mood, check-ins, entries.
  const shown = await sheet.innerText();
  assert.match(shown, /^Notes to bring to Harbour Clinic\n+.+ to .+ \(28 days\)\n/);
  const order = ['Topics I want to bring up', 'Entry 16.', 'Mood', 'Check-in results', 'GAD-7', 'Entries', 'Entry 01.'];
  const positions = order.map((text) => shown.indexOf(text));
  assert.ok(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])), `order in:\n${shown}`);

  // The chart has dates along its axis, from the first day to the last.
  const labels = await sheet.locator('svg text.axis-label').allTextContents();
  const dates = labels.slice(2);
  assert.ok(dates.length >= 3 && dates.length <= 6, `axis labels: ${labels}`);
  const dayLabel = (ms) => page.evaluate((at) => new Intl.DateTimeFormat(navigator.language, { day: 'numeric', month: 'short' }).format(new Date(at)), ms);
  assert.equal(dates[0], await dayLabel(Date.now() - 27 * DAY_MS));
  assert.equal(dates.at(-1), await dayLabel(Date.now()));
  assert.match(shown, /19 moods logged\. Average .+ From .+ to .+\./, 'the caption says when the moods were logged');

  // A check-in alone says its mood: on the page and in the list of entries to tick.
  const moodOnly = sheet.locator('.summary-entry', { hasText: 'Mood: 1 of 5, Very low' });
  assert.equal(await moodOnly.count(), 1);
  assert.match(await moodOnly.innerText(), /^.+\n*Mood: 1 of 5, Very low$/);
  await page.getByText('Choose entries (20 included)').click();
  await page.getByRole('checkbox', { name: /: Mood: 1 of 5, Very low$/ }).waitFor();

  // Printed (Chromium's PDF, print media): a few pages, none blank, every entry on them.
  await page.getByText('Choose entries (20 included)').click();
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const pdfPath = join(tmpdir(), `interlude-four-weeks-${format}-${process.pid}.pdf`);
    await page.pdf({ path: pdfPath, format });
    const pages = pdfPageTexts(pdfPath);
    console.log(`# four weeks, ${format}: ${pages.length} page(s)`);
    assert.ok(pages.length <= 6, `${format}: twenty short entries took ${pages.length} pages`);
    pages.forEach((text, i) => assert.ok(text, `${format}: page ${i + 1} of ${pages.length} is blank`));
    const all = pages.join(' ');
    for (const entry of journal.entries.filter((e) => e.text)) {
      assert.ok(all.includes(entry.text), `${format}: "${entry.text}" is not in the PDF:\n${all}`);
    }
    for (const date of [dates[0], dates.at(-1)]) {
      assert.match(all, new RegExp(`(^|[^\\p{L}\\d])${date}(?![\\p{L}\\d])`, 'u'), `${format}: the chart's date ${date} is not in the PDF`);
    }
    assert.match(all, /Mood: 1 of 5, Very low/);
    assert.match(all, /GAD-7: 8 of 21/);
    for (const absent of ['Quick exit', 'Crisis help', 'Print or save as PDF', 'Choose entries']) {
      assert.ok(!all.includes(absent), `${format}: "${absent}" is in the PDF`);
    }
  }
  // Paper colours also when the device is in dark mode (light text on white paper before).
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  assert.equal(await sheet.evaluate((el) => getComputedStyle(el).color), 'rgb(0, 0, 0)');
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await assertAccessible(page, 'session summary of four weeks');
  assertNoPageErrors(visitor);
  await context.close();
});

test('the summary prints whole inside a frame of fixed height whose main part scrolls', async () => {
  // The widget's frame may be a column as high as the window, with only its
  // main part scrolling; on paper nothing of the summary may be cut off.
  const context = await newContext(env, { bypassCSP: true });
  const { visitor, page, journal } = await summaryOfFourWeeks(context);
  await page.addStyleTag({
    content: `html, body { height: 100%; overflow: hidden; }
      .interlude { display: flex; flex-direction: column; height: 100dvh; overflow: hidden; }
      .interlude > * { flex: none; }
      .interlude main, .interlude :has(.summary-sheet):not(.summary-preview) {
        flex: 1 1 auto; min-height: 0; max-height: 60vh; overflow: auto; }`,
  });
  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(tmpdir(), `interlude-framed-${process.pid}.pdf`);
  await page.pdf({ path: pdfPath, format: 'A4' });
  const pages = pdfPageTexts(pdfPath);
  assert.ok(pages.length <= 6, `${pages.length} pages`);
  pages.forEach((text, i) => assert.ok(text, `page ${i + 1} of ${pages.length} is blank`));
  const all = pages.join(' ');
  for (const entry of journal.entries.filter((e) => e.text)) {
    assert.ok(all.includes(entry.text), `"${entry.text}" was cut off:\n${all}`);
  }
  assert.ok(all.includes('Written by me, for my own session.'), 'the footer was cut off');
  assertNoPageErrors(visitor);
  await context.close();
});

test('on a phone the print button is on the first screen and the entries to tick are folded away', async () => {
  // Guards against the button sitting under a tick for every entry (2,700 px down here).
  const context = await newContext(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { visitor, page } = await summaryOfFourWeeks(context);
  const print = page.getByRole('button', { name: 'Print or save as PDF' });
  const box = await print.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `the print button is at ${JSON.stringify(box)}`);
  // Before the choices of entries, which are folded (closed) until asked for.
  const folded = page.locator('details.summary-choose');
  assert.equal(await folded.evaluate((d) => d.open), false);
  assert.ok(await print.evaluate((button, details) => Boolean(button.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING),
    await folded.elementHandle()));
  assert.equal(await page.getByRole('checkbox', { name: /^.+: Entry \d\d\./ }).count(), 0, 'entry ticks are shown');
  await page.getByText('Choose entries (20 included)').click();
  assert.equal(await page.getByRole('checkbox', { name: /^.+: Entry \d\d\./ }).count(), 19);
  await page.getByRole('checkbox', { name: /Entry 07\./ }).uncheck();
  await page.getByText('Choose entries (19 of 20 included)').waitFor();
  assert.equal(await page.locator('.summary-sheet').getByText(/^Entry 07\./).count(), 0);
  await assertAccessible(page, 'session summary on a phone, entries unfolded');
  assertNoPageErrors(visitor);
  await context.close();
});
