// The safety plan: one tap from the crisis panel, pre-filled with the
// clinic and the region's crisis lines, saved as the visitor types, with
// call and text links, printable (only the plan is printed), locked with the
// journal, and carried in the encrypted backup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FRAME_TITLE, Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, storedEntries, openFileTools, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

/** The text of each page of a PDF file (poppler's pdfinfo and pdftotext), whitespace made single spaces. */
function pdfPageTexts(path) {
  const pages = Number(execFileSync('pdfinfo', [path], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)$/m)[1]);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, pages).map((p) => p.replace(/\s+/g, ' ').trim());
}

async function openPlanFromCrisisPanel(w) {
  await w.getByRole('button', { name: 'Crisis help' }).click();
  await w.getByRole('dialog').getByRole('button', { name: 'Open my safety plan' }).click();
  await w.getByRole('heading', { name: 'My safety plan', level: 2 }).waitFor();
}

test('the safety plan opens from the crisis panel, starts with the clinic and crisis lines, and keeps what is written', async () => {
  const context = await newContext(env);
  const url = customClinicPage(env, 'plan-clinic', {
    'clinic-name': 'Harbour Clinic', 'booking-phone': '020 7946 0000', 'crisis-region': 'UK',
  });
  const visitor = await Visitor.open(context, url);
  const widget = await visitor.openWidget();
  await visitor.acknowledge(widget);
  await openPlanFromCrisisPanel(widget);
  const professionals = widget.getByLabel('5. Professionals and crisis lines I can contact');
  const prefilled = await professionals.inputValue();
  assert.match(prefilled, /^Harbour Clinic: 020 7946 0000$/m);
  assert.match(prefilled, /^Samaritans: Call 116 123$/m);
  assert.match(prefilled, /^Emergency: 999$/m);

  await widget.getByLabel('1. My warning signs').fill('Not sleeping\nAvoiding friends');
  await widget.getByLabel('4. People I can ask for help').fill('Sam 07700 900123');
  await widget.getByLabel('My reasons for living').fill('My niece <b>Ana</b>');
  const call = widget.getByRole('link', { name: 'Call 07700 900123' });
  assert.equal(await call.getAttribute('href'), 'tel:07700900123');
  assert.equal(await widget.getByRole('link', { name: 'Text 07700 900123' }).getAttribute('href'), 'sms:07700900123');
  assert.equal(await widget.getByRole('link', { name: 'Call 999' }).getAttribute('href'), 'tel:999');
  // Script-like text stays text.
  await widget.getByText('My niece <b>Ana</b>').waitFor();
  await assertAccessible(visitor.page, 'safety plan');

  await visitor.page.reload();
  const reopened = await visitor.openWidget();
  await openPlanFromCrisisPanel(reopened);
  assert.equal(await reopened.getByLabel('1. My warning signs').inputValue(), 'Not sleeping\nAvoiding friends');
  assert.equal(await reopened.getByLabel('5. Professionals and crisis lines I can contact').inputValue(), prefilled);
  assertNoPageErrors(visitor);
  await context.close();
});

test('printing shows only the plan: a full page, or a wallet card with the crisis steps', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await openPlanFromCrisisPanel(page);
  await page.getByLabel('2. Things I can do on my own to cope').fill('Walk by the river');
  await page.getByLabel('3. People and places that take my mind off things').fill('The library');
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });

  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByText('Walk by the river').last().isVisible());
  assert.ok(await page.getByText('The library').last().isVisible());
  for (const chrome of ['Quick exit', 'Crisis help', 'Print or save as PDF']) {
    assert.ok(!(await page.getByRole('button', { name: chrome }).isVisible()), `${chrome} printed`);
  }
  assert.ok(!(await page.getByLabel('2. Things I can do on my own to cope').isVisible()), 'the form printed');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);

  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Print a wallet card' }).click();
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByText('Walk by the river').last().isVisible(), 'coping is on the card');
  assert.ok(!(await page.getByText('The library').last().isVisible()), 'step 3 is left off the card');
  const width = await page.locator('.plan-sheet').evaluate((el) => el.getBoundingClientRect().width);
  assert.ok(width < 340, `card is ${width}px wide`);
  assertNoPageErrors(visitor);
  await context.close();
});

test('the plan is sealed with the journal, unavailable while locked, and restored from the encrypted backup', async () => {
  const passphrase = 'tide pool evening';
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await openPlanFromCrisisPanel(page);
  await page.getByLabel('My reasons for living').fill('canary-plan-4410');
  await page.getByRole('button', { name: 'About & privacy' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByText('The lock is on.').waitFor();
  const stored = (await storedEntries(page)).map(([, value]) => value).join('\n');
  assert.doesNotMatch(stored, /canary-plan-4410/);

  await page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download encrypted backup' }).click(),
  ]);
  const path = join(tmpdir(), `interlude-plan-backup-${process.pid}.json`);
  await writeFile(path, await readFile(await download.path()));

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Crisis help' }).click();
  await page.getByRole('dialog').getByText('Your safety plan opens once you unlock your journal.').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await context.close();

  const fresh = await newContext(env);
  const restorer = await Visitor.open(fresh, `${env.widgetOrigin}/`);
  await restorer.acknowledge(restorer.page);
  await restorer.page.getByRole('button', { name: 'Past entries' }).click();
  await openFileTools(restorer.page);
  await restorer.page.getByLabel('Restore from a backup').setInputFiles(path);
  await restorer.page.getByLabel('The passphrase this backup was made with').fill(passphrase);
  await restorer.page.getByRole('button', { name: 'Restore', exact: true }).click();
  await restorer.page.getByText('Restored your safety plan from the backup.').waitFor();
  await openPlanFromCrisisPanel(restorer.page);
  assert.equal(await restorer.page.getByLabel('My reasons for living').inputValue(), 'canary-plan-4410');
  assertNoPageErrors(restorer);
  await fresh.close();
});

test('a typical plan prints on one page, and the wallet card on one, with no blank pages', async () => {
  // The whole widget used to stay in the layout, invisible, behind the
  // plan: two more blank pages. And the card was laid out as a page when
  // print() was called; it became a card only a moment later.
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/#clinic=Harbour%20Clinic&phone=020%207946%200000&region=UK`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await openPlanFromCrisisPanel(page);
  const plan = {
    '1. My warning signs': 'Not sleeping\nAvoiding friends\nSkipping meals',
    '2. Things I can do on my own to cope': 'Walk by the river\nHot shower\nMusic with headphones',
    '3. People and places that take my mind off things': 'The library\nCoffee with Priya',
    '4. People I can ask for help': 'Sam 07700 900123\nMum 07700 900456',
    '6. Making my surroundings safer': 'Ask Sam to keep my medication',
    'My reasons for living': 'My niece Ana\nThe allotment in spring',
  };
  for (const [label, text] of Object.entries(plan)) await page.getByLabel(label).fill(text);
  const professionals = await page.getByLabel('5. Professionals and crisis lines I can contact').inputValue();
  assert.match(professionals, /Samaritans/);
  await page.evaluate(() => {
    window.print = () => { window.__printedAs = document.querySelector('.plan-sheet').className; };
  });
  for (const [button, card] of [['Print a wallet card', true], ['Print or save as PDF', false]]) {
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: button }).click();
    const printedAs = await page.evaluate(() => window.__printedAs);
    assert.equal(printedAs.split(' ').includes('card'), card, `"${button}" printed the sheet as "${printedAs}"`);
    await page.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter']) {
      const path = join(tmpdir(), `interlude-plan-${card ? 'card' : 'page'}-${format}-${process.pid}.pdf`);
      await page.pdf({ path, format });
      const pages = pdfPageTexts(path);
      console.log(`# safety plan ${card ? 'wallet card' : 'page'}, ${format}: ${pages.length} page(s)`);
      assert.equal(pages.length, 1, `${button} (${format}) printed ${pages.length} pages: ${JSON.stringify(pages)}`);
      assert.ok(pages[0].includes('My safety plan'), 'the title is printed');
      for (const line of ['Not sleeping', 'Walk by the river', 'Sam 07700 900123', 'Harbour Clinic: 020 7946 0000', 'Samaritans', 'The allotment in spring']) {
        assert.ok(pages[0].includes(line), `${button} (${format}): "${line}" is not printed`);
      }
      for (const line of ['The library', 'Ask Sam to keep my medication']) {
        assert.equal(pages[0].includes(line), !card, `${button} (${format}): "${line}"`);
      }
      for (const chrome of ['Quick exit', 'Crisis help', 'Print a wallet card', 'Write one thing per line']) {
        assert.ok(!pages[0].includes(chrome), `${button} (${format}): "${chrome}" is printed`);
      }
    }
  }
  assertNoPageErrors(visitor);
  await context.close();
});
