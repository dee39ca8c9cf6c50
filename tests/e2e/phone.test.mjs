// Phone first, crisis first: every main view at 320×568, 390×844, 390×400
// (a phone with its keyboard open), 768×1024 and 1280×800, in English,
// Spanish and Arabic, standalone and embedded through the launcher. In each:
// Crisis help and Quick exit are inside the viewport and not covered
// (elementFromPoint) at the top and after scrolling to the bottom; nothing
// scrolls sideways; every control is at least 24×24 CSS px, and crisis,
// call and text controls at least 44×44. Screenshots of each view at each
// size go to test-results/phone/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import {
  Visitor, assertAccessible, assertNoPageErrors, customClinicPage, newContext, openMenu, t, useEnvironment,
} from './support.mjs';

const env = useEnvironment();
const SIZES = [[320, 568], [390, 844], [390, 400], [768, 1024], [1280, 800]];
const SHOTS = 'test-results/phone';
const PASSPHRASE = 'harbour lights at dusk';
/** The loader's launcher in the clinic's language (public/embed.js). */
const LAUNCHERS = { en: 'Reflect privately', es: 'Reflexionar en privado', ar: 'تأمّل بخصوصية' };
const CLINIC = {
  'clinic-name': 'Harbour Clinic', 'crisis-region': 'US', 'booking-url': 'https://example.org/book', checkins: 'phq9,gad7',
};

/** A phone-like browser profile for a size (touch below 1024 px wide). */
function phone(locale, [width, height]) {
  const touch = width < 1024;
  return newContext(env, { locale, viewport: { width, height }, hasTouch: touch, isMobile: touch });
}

/**
 * What is wrong with the header's Crisis help and Quick exit in `w` (the
 * widget's page or frame) as it is scrolled now: outside the viewport, or
 * covered by something else at their centre. Embedded, the frame itself
 * must also be inside the clinic page's viewport and on top there.
 */
async function crisisProblems(page, w, frame) {
  const problems = await w.locator('body').evaluate((body) => {
    const found = [];
    const header = [...body.querySelectorAll('.bar-main > .crisis, .bar-main > .exit')];
    if (header.length !== 2) found.push(`${header.length} of Crisis help and Quick exit in the header`);
    for (const el of header) {
      const r = el.getBoundingClientRect();
      const name = el.textContent.trim();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth || r.width === 0) {
        found.push(`${name} outside the viewport (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !el.contains(hit)) found.push(`${name} covered by ${hit?.outerHTML.slice(0, 80)}`);
    }
    return found;
  });
  if (frame) {
    const box = await frame.boundingBox();
    const view = page.viewportSize();
    if (!box || box.y < 0 || box.x < 0 || box.y + box.height > view.height + 1 || box.x + box.width > view.width + 1) {
      problems.push(`the widget's frame is not inside the page's viewport: ${JSON.stringify(box)}`);
    } else {
      const atTop = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [box.x + 24, box.y + 24]);
      if (atTop !== 'IFRAME' && atTop !== 'INTERLUDE-WIDGET') problems.push(`the clinic page covers the widget (${atTop})`);
    }
  }
  return problems;
}

/** Sideways scrolling, controls under 24×24, crisis and call/text under 44×44. */
function layoutProblems(w) {
  return w.locator('body').evaluate((body) => {
    const found = [];
    for (const el of [document.documentElement, body.querySelector('.scroller')].filter(Boolean)) {
      if (el.scrollWidth > el.clientWidth + 1) {
        // Name the element that sticks out furthest, to say what to fix.
        const edge = el.getBoundingClientRect();
        const out = [...el.querySelectorAll('*')].map((e) => [e, e.getBoundingClientRect()])
          .filter(([, r]) => r.width > 0 && (r.right > edge.right + 1 || r.left < edge.left - 1))
          .sort(([, a], [, b]) => a.width - b.width)[0]?.[0];
        found.push(`${el.className || el.tagName} scrolls sideways (${el.scrollWidth} > ${el.clientWidth}): ${out?.outerHTML.slice(0, 100)}`);
      }
    }
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    const controls = body.querySelectorAll('button, a[href], select, textarea, input, summary');
    for (const el of controls) {
      // A radio or tick box is operated through its whole label.
      const target = (el.type === 'radio' || el.type === 'checkbox' || el.type === 'file') ? el.closest('label') ?? el.labels?.[0] : el;
      if (!target || !visible(target) || el.closest('dialog:not([open])')) continue;
      // Links inside a sentence are exempt (WCAG 2.5.8, "inline").
      if (target.tagName === 'A' && getComputedStyle(target).display === 'inline') continue;
      const r = target.getBoundingClientRect();
      const name = (target.textContent || target.getAttribute('aria-label') || target.id).trim().slice(0, 40);
      const urgent = target.matches('.crisis, .exit, a[href^="tel:"], a[href^="sms:"]');
      const min = urgent ? 44 : 24;
      if (r.width < min - 0.5 || r.height < min - 0.5) found.push(`"${name}" is ${Math.round(r.width)}×${Math.round(r.height)} (needs ${min}×${min})`);
    }
    return found;
  });
}

/**
 * True when `locator`'s element is wholly inside the widget's visible part
 * (below the header, above the status message) and on top there.
 */
function fullyInView(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const scroller = el.closest('.scroller')?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    if (r.top < scroller.top - 0.5 || r.bottom > scroller.bottom + 0.5 || r.bottom > innerHeight) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return el.contains(hit);
  });
}

/** Closes the header's menu in `w` if it is open, with its own button. */
async function closeMenu(w) {
  const toggle = w.locator('.menu-toggle');
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
}

/** Scrolls the widget's scrolling part to its end. */
function scrollToBottom(w) {
  return w.locator('.scroller').evaluate((s) => { s.scrollTop = s.scrollHeight; });
}

/**
 * Checks the current view at the top and at the bottom, and keeps a
 * screenshot of each.
 */
async function checkView(visitor, w, frame, label) {
  const page = visitor.page;
  await w.locator('.scroller').evaluate((s) => { s.scrollTop = 0; });
  for (const where of ['top', 'bottom']) {
    if (where === 'bottom') await scrollToBottom(w);
    await page.waitForTimeout(50);
    assert.deepEqual(await crisisProblems(page, w, frame), [], `${label}, ${where}`);
    await page.screenshot({ path: `${SHOTS}/${label.replaceAll(' ', '-')}-${where}.png` });
  }
  assert.deepEqual(await layoutProblems(w), [], label);
}

for (const mode of ['standalone', 'embedded']) {
  for (const locale of ['en', 'es', 'ar']) {
    test(`every view keeps crisis help in reach (${mode}, ${locale})`, async () => {
      await mkdir(SHOTS, { recursive: true });
      const _ = (english) => t(locale, english);
      for (const size of SIZES) {
        const context = await phone(locale, size);
        const label = (view) => `${mode} ${locale} ${size.join('x')} ${view}`;
        let visitor;
        let w;
        let frame = null;
        if (mode === 'standalone') {
          const fragment = new URLSearchParams({ clinic: CLINIC['clinic-name'], region: 'US', booking: CLINIC['booking-url'], checkins: CLINIC.checkins });
          visitor = await Visitor.open(context, `${env.widgetOrigin}/#${fragment}`);
          w = visitor.page;
        } else {
          visitor = await Visitor.open(context, customClinicPage(env, `phone-${locale}`, { ...CLINIC, locale }));
          await visitor.page.getByRole('button', { name: LAUNCHERS[locale] }).click();
          w = visitor.page.frameLocator('iframe');
          frame = visitor.page.locator('iframe');
        }
        const tab = (name) => w.getByRole('navigation').getByRole('button', { name: _(name), exact: true });
        const heading = (name) => w.getByRole('heading', { level: 2, name: _(name) });

        await heading('Before you start').waitFor();
        if (size.join('x') === '390x844') {
          // The first-run button is on the first screen of a phone.
          assert.ok(await fullyInView(w.getByRole('button', { name: _('I understand, continue') })), label('first-run button'));
        }
        await checkView(visitor, w, frame, label('first-run'));
        await w.getByRole('button', { name: _('I understand, continue') }).click();

        await heading('Write').waitFor();
        await checkView(visitor, w, frame, label('write'));
        // The support offer after crisis words is in view, not covered.
        await w.locator('#interlude-text').fill('I want to die.');
        await w.getByRole('button', { name: _('Save entry') }).click();
        const offer = w.getByRole('region', { name: _('Would some support help right now?') });
        await offer.waitFor();
        const offerProblem = await offer.evaluate((region) => {
          const h = region.querySelector('h3');
          const r = h.getBoundingClientRect();
          const scroller = region.closest('.scroller').getBoundingClientRect();
          if (r.top < scroller.top || r.bottom > scroller.bottom) return `heading outside the visible part (${Math.round(r.top)} vs ${Math.round(scroller.top)}–${Math.round(scroller.bottom)})`;
          const hit = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
          return h.contains(hit) ? null : `heading covered by ${hit?.outerHTML.slice(0, 80)}`;
        });
        assert.equal(offerProblem, null, label('support offer'));
        assert.equal(await visitor.status(w), '', 'no status message beside the offer');
        await checkView(visitor, w, frame, label('support-offer'));
        await offer.getByRole('button', { name: _('Close') }).click();
        await w.getByRole('radio', { name: new RegExp(_('Okay')) }).check();
        await w.getByRole('button', { name: _('Save mood') }).click();
        await w.getByText(_('Saved in this browser. You can find it under Past entries.')).waitFor();
        // The status message never covers what has focus: the last control
        // of the view, focused, is above it.
        const lastControl = w.locator('.view button').last();
        await lastControl.focus();
        assert.ok(await fullyInView(lastControl), label('the focused control above the status message'));

        // The menu: booking, language, (lock, close) reachable from the header.
        await openMenu(w);
        await checkView(visitor, w, frame, label('menu'));
        await w.getByRole('link', { name: _('Book a session with a person') }).waitFor();
        await closeMenu(w);

        // Past entries opens on the entries; the file tools are one folded line.
        await tab('Past entries').click();
        await w.locator('.entry').first().waitFor();
        if (size.join('x') === '390x844') {
          const top = await w.locator('.entry').first().evaluate((el) => [el.getBoundingClientRect().top, el.closest('.scroller').getBoundingClientRect().bottom]);
          assert.ok(top[0] < top[1] - 48, `${label('the newest entry starts on the first screen')}: ${top}`);
        }
        assert.equal(await w.locator('details.file-tools').evaluate((d) => d.open), false);

        for (const [view, title] of [['Past entries', 'Past entries'], ['Trends', 'Trends'], ['Check-ins', 'Check-ins'], ['About & privacy', 'About & privacy']]) {
          await tab(view).click();
          await heading(title).waitFor();
          await w.locator('.view h2 + *').first().waitFor();
          assert.equal(await visitor.status(w), '', `${view}: the last outcome belongs to the view it happened in`);
          await checkView(visitor, w, frame, label(view));
        }
        await tab('Past entries').click();
        await w.getByRole('button', { name: _('Prepare a session summary') }).click();
        await heading('Session summary').waitFor();
        await checkView(visitor, w, frame, label('summary'));

        await w.locator('.bar .crisis').click();
        const sheet = w.getByRole('dialog', { name: _('Help right now') });
        await sheet.waitFor();
        // In the sheet, which makes the header inert: Quick exit and the
        // emergency call, large.
        assert.ok(await sheet.getByRole('button', { name: _('Quick exit') }).isVisible());
        // Spanish readers get the 988 Lifeline's and the Crisis Text Line's
        // Spanish options; the service's name reads as written in Arabic.
        const ayuda = sheet.locator('a[href$="body=AYUDA"]');
        assert.equal(await ayuda.count(), locale === 'es' ? 2 : 0, label('AYUDA links'));
        const nameOrder = await sheet.getByRole('heading', { name: '988 Suicide & Crisis Lifeline' }).evaluate((h) => {
          const text = h.querySelector('bdi').firstChild;
          const x = (i) => {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            return range.getBoundingClientRect().x;
          };
          return [x(0), x(text.data.indexOf('Suicide'))];
        });
        assert.ok(nameOrder[0] < nameOrder[1], `${label('line name')}: "988" comes before "Suicide" (${nameOrder})`);
        assert.deepEqual(await layoutProblems(w), [], label('crisis sheet'));
        await visitor.page.screenshot({ path: `${SHOTS}/${label('crisis-sheet').replaceAll(' ', '-')}.png` });
        await sheet.getByRole('button', { name: _('Open my safety plan') }).click();
        await heading('My safety plan').waitFor();
        await checkView(visitor, w, frame, label('safety-plan'));

        // With the lock on, the lock screen keeps them too.
        await tab('About & privacy').click();
        await w.getByLabel(_('New passphrase')).fill(PASSPHRASE);
        await w.getByLabel(_('Type it again')).fill(PASSPHRASE);
        await w.getByRole('button', { name: _('Turn on the lock') }).click();
        await openMenu(w);
        await w.locator('.lock').waitFor({ timeout: 30_000 });
        await w.getByRole('button', { name: _('Lock'), exact: true }).click();
        await heading('Your journal is locked').waitFor();
        await checkView(visitor, w, frame, label('locked'));

        assertNoPageErrors(visitor);
        await context.close();
      }
    });
  }
}

test('a returning visitor logs a mood in three taps, without scrolling', async () => {
  for (const size of [[390, 844], [320, 568]]) {
    const context = await phone('en', size);
    const url = customClinicPage(env, 'phone-mood', CLINIC);
    const first = await Visitor.open(context, url);
    await first.openWidget();
    await first.acknowledge();
    await first.page.close();

    const visitor = await Visitor.open(context, url);
    const page = visitor.page;
    const w = visitor.widget();
    const started = Date.now();
    await visitor.launcher().tap();
    const okay = w.getByRole('radio', { name: '3 Okay' });
    await okay.waitFor();
    const inView = (locator) => locator.evaluate((el) => {
      const target = el.closest('label') ?? el;
      const r = target.getBoundingClientRect();
      const scroller = el.closest('.scroller').getBoundingClientRect();
      return r.top >= scroller.top && r.bottom <= scroller.bottom && r.bottom <= innerHeight;
    });
    assert.ok(await inView(okay), `${size}: the mood scale is in view on opening`);
    await w.locator('label', { has: okay }).tap();
    const save = w.getByRole('button', { name: 'Save mood' });
    assert.ok(await inView(save), `${size}: "Save mood" is in view`);
    await save.tap();
    await w.getByText('Saved in this browser').waitFor();
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 10, `${size}: took ${seconds} s`);
    assert.equal(await w.locator('.scroller').evaluate((s) => s.scrollTop), 0, `${size}: no scrolling`);
    // Three taps: the launcher, the mood, "Save mood". The mood is stored.
    await w.getByRole('navigation').getByRole('button', { name: 'Past entries' }).tap();
    await w.getByText('Mood:').first().waitFor();
    assert.match(await w.locator('.entry').first().innerText(), /3 of 5, Okay/);
    assertNoPageErrors(visitor);
    await context.close();
  }
});

test('a thought record in progress still lets a mood be logged on its own', async () => {
  const context = await phone('en', [390, 844]);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  const page = visitor.page;
  await visitor.acknowledge(page);
  await page.getByRole('button', { name: 'Work through a thought record (CBT)' }).click();
  await page.getByLabel('What happened? Where were you, who was there, when was it?').fill('canary-situation-5531');
  await page.getByRole('radio', { name: '2 Low' }).check();
  await page.getByRole('button', { name: 'Save mood' }).click();
  await page.getByText('Saved in this browser').waitFor();
  // The record is still there, as it was.
  assert.equal(await page.getByLabel('What happened? Where were you, who was there, when was it?').inputValue(), 'canary-situation-5531');
  await page.getByRole('navigation').getByRole('button', { name: 'Past entries' }).click();
  await page.getByText('2 of 5, Low').waitFor();
  assert.equal(await page.getByText('canary-situation-5531').count(), 0, 'the record was not saved with it');
  assertNoPageErrors(visitor);
  await context.close();
});

test('the phone layout passes axe: writing, the menu, the support offer and the crisis sheet', async () => {
  for (const locale of ['en', 'ar']) {
    const _ = (english) => t(locale, english);
    const context = await phone(locale, [390, 844]);
    const visitor = await Visitor.open(context, `${env.widgetOrigin}/#region=US&booking=https%3A%2F%2Fexample.org%2Fbook`);
    const page = visitor.page;
    await page.getByRole('button', { name: _('I understand, continue') }).click();
    await assertAccessible(page, `${locale}: writing on a phone`);
    await openMenu(page);
    await assertAccessible(page, `${locale}: the menu open`);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.menu-toggle').getAttribute('aria-expanded'), 'false', 'Escape closes the menu');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'menu-toggle', 'focus returns to the menu button');
    // Tabbing on past the menu's last control closes it, so it never covers
    // the control that has focus.
    await openMenu(page);
    for (let i = 0; i < 8 && await page.locator('.menu.open').count(); i++) await page.keyboard.press('Tab');
    assert.equal(await page.locator('.menu-toggle').getAttribute('aria-expanded'), 'false', 'leaving the header closes the menu');
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.scroller')), true, 'focus went on into the view');
    await page.locator('#interlude-text').fill('I want to kill myself');
    await page.getByRole('button', { name: _('Save entry') }).click();
    await page.getByRole('region', { name: _('Would some support help right now?') }).waitFor();
    await assertAccessible(page, `${locale}: support offer on a phone`);
    await page.locator('.bar .crisis').click();
    await page.getByRole('dialog', { name: _('Help right now') }).waitFor();
    await assertAccessible(page, `${locale}: crisis sheet on a phone`);
    assertNoPageErrors(visitor);
    await context.close();
  }
});
