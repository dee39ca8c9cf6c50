// The snippet builder shipped with the build: a clinic fills in its
// options, sees the real loader in a live preview, and copies the exact
// script tag with the build's integrity hash; the tag works when pasted.
// Its "Check my deployment" finds a correct host right and each broken
// header broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { widgetHeaders } from '../../scripts/serve.mjs';
import {
  Visitor, assertAccessible, assertNoPageErrors, checkDeployment, customClinicPage, newContext, notRight, useEnvironment,
} from './support.mjs';

const env = useEnvironment();

test('the builder makes the exact tag, previews it with the real loader, and the tag works on a clinic page', async () => {
  const context = await newContext(env, { permissions: ['clipboard-read', 'clipboard-write'] });
  const violations = [];
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = visitor.page;
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.getByRole('heading', { name: 'Make your Interlude script tag' }).waitFor();
  await assertAccessible(page, 'snippet builder');

  await page.getByLabel('Clinic name').fill('Quote "&" <Clinic>');
  await page.getByLabel('Booking page (https://…)').fill('https://book.example/now');
  await page.getByLabel('Crisis lines for').selectOption('UK');
  await page.getByLabel('Brand colour').fill('#7a3e9d');
  await page.getByLabel('Button side').selectOption('left');
  await page.getByLabel('Language').selectOption('en');
  await page.getByLabel('Button text').fill('Journal');
  await page.getByRole('checkbox', { name: 'Noticing the good' }).check();
  await page.getByRole('checkbox', { name: 'GAD-7 (worry and anxiety)' }).check();
  await page.getByLabel('Reminder').selectOption('weekly');

  const sri = `sha384-${createHash('sha384').update(await readFile('dist/embed.js')).digest('base64')}`;
  const snippet = await page.locator('#snippet').textContent();
  assert.equal(snippet, [
    `<script src="${env.widgetOrigin}/embed.js"`,
    `        integrity="${sri}" crossorigin="anonymous"`,
    '        data-clinic-name="Quote &quot;&amp;&quot; &lt;Clinic>"',
    '        data-booking-url="https://book.example/now"',
    '        data-crisis-region="UK"',
    '        data-accent="#7a3e9d"',
    '        data-locale="en"',
    '        data-launcher-label="Journal"',
    '        data-position="left"',
    '        data-packs="gratitude"',
    '        data-checkins="gad7"',
    '        data-checkin-reminder="weekly"',
    '        async></script>',
  ].join('\n'));

  await page.getByRole('button', { name: 'Copy the tag' }).click();
  await page.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

  // The preview runs the real loader with these options.
  const preview = page.frameLocator('iframe[title="Preview of your page with the tag"]');
  const launcher = preview.getByRole('button', { name: 'Journal' });
  await launcher.waitFor();
  // Its launcher is fixed inside the preview frame: bring the frame into view.
  await page.locator('#preview').scrollIntoViewIfNeeded();
  assert.equal(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(122, 62, 157)');
  await launcher.click();
  const widget = preview.frameLocator('iframe[title="Private reflection space"]');
  await widget.getByRole('button', { name: 'Crisis help' }).waitFor();
  assert.deepEqual(violations, []);
  assertNoPageErrors(visitor);

  // Pasted into a clinic's page, the same attributes give the same widget.
  const attributes = Object.fromEntries([...snippet.matchAll(/data-([a-z-]+)="([^"]*)"/g)]
    .map(([, name, value]) => [name, value.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&')]));
  const clinic = await Visitor.open(context, customClinicPage(env, 'from-builder', attributes));
  await clinic.page.getByRole('button', { name: 'Journal' }).click();
  const w = clinic.widget();
  await w.getByRole('button', { name: 'Crisis help' }).waitFor();
  await clinic.acknowledge(w);
  const groups = await w.locator('#interlude-prompt optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(groups, ['Noticing the good']);
  await w.getByRole('button', { name: 'Check-ins' }).waitFor();
  assert.deepEqual(clinic.consoleErrors, []);
  await context.close();
});

test("the builder's pack list matches the widget's", async () => {
  const context = await newContext(env);
  const builder = await context.newPage();
  await builder.goto(`${env.widgetOrigin}/builder/`);
  const offered = await builder.locator('#packs label').allTextContents();
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/`);
  await visitor.acknowledge(visitor.page);
  const groups = await visitor.page.locator('#interlude-prompt optgroup').evaluateAll((all) => all.map((g) => g.label));
  assert.deepEqual(offered.map((t) => t.trim()), groups);
  await context.close();
});

// The builder and the widget must judge every value alike: a value the
// builder lets into the tag must not be refused by the widget, and one the
// widget would refuse must be flagged before it reaches a clinic's page.
// [field (builder id = data-* name), value, reported by the widget's console]
const VERDICTS = [
  ['booking-url', 'https://www.clinic.example/book', false],
  ['booking-url', 'HTTP://clinic.example', false],
  ['booking-url', 'www.clinic.example/book', true],
  ['booking-url', 'javascript:alert(1)', true],
  ['booking-url', 'https://user@evil.example', true],
  ['booking-url', 'https://clinic.example/a b', true],
  ['booking-url', 'https://', true],
  ['booking-phone', '+44 20 7946 0000', false],
  ['booking-phone', '(555) 010-0199', false],
  ['booking-phone', '12', true],
  ['booking-phone', 'call 555 0100', true],
  ['booking-phone', '1'.repeat(21), true],
  ['booking-email', 'hello@clinic.example', false],
  ['booking-email', 'first.last+book@clinic.example', false],
  ['booking-email', 'hello@clinic', true],
  ['booking-email', 'hello@.clinic.example', true],
  ['booking-email', 'hello clinic@clinic.example', true],
  ['booking-email', '@clinic.example', true],
  ['exit-url', 'https://news.example/', false],
  ['exit-url', 'news.example', true],
  ['exit-url', 'javascript:history.back()', true],
  ['content-pack', 'prompts.json', false],
  ['content-pack', 'harbour_prompts-2.json', false],
  ['content-pack', '../prompts.json', true],
  ['content-pack', 'https://evil.example/p.json', true],
  ['content-pack', 'prompts.txt', true],
  ['content-pack', '.json', true],
  // A pale colour is not refused: the builder notes, the widget says, what is used instead.
  ['accent', '#7a3e9d', false],
  ['accent', '#ffcc00', true],
  ['target', '#journal', false],
  ['target', '#journal[', true],
  ['crisis-region', 'UK', false],
  ['crisis-region', '', true],
];

test("the builder's messages agree with the widget's console for good and bad values, and refused values stay out of the tag", async () => {
  const context = await newContext(env);
  const builder = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = builder.page;
  await page.getByLabel('Crisis lines for').selectOption('UK');
  const said = {};
  for (const [field, value, reported] of VERDICTS) {
    const input = page.locator(`#${field}`);
    if (field === 'target') await page.getByLabel('Show it as').selectOption('inline');
    if (field === 'crisis-region') await input.selectOption(value);
    else await input.fill(value);
    await input.blur();
    const message = (await page.locator(`#${field}-problem`).textContent()).trim();
    said[`${field} ${value}`] = message !== '';
    if (field === 'accent' && reported) said.paleAccent = message;
    const tag = await page.locator('#snippet').textContent();
    const described = (await input.getAttribute('aria-describedby')).split(' ');
    assert.ok(described.includes(`${field}-problem`), `${field} is not described by its message`);
    if (reported && field !== 'accent') {
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} "${value}"`);
      assert.ok(!tag.includes(`data-${field}=`), `refused ${field} "${value}" went into the tag:\n${tag}`);
    } else {
      assert.equal(await input.getAttribute('aria-invalid'), null, `${field} "${value}"`);
      assert.ok(tag.includes(`data-${field}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`),
        `${field} "${value}" is missing from the tag:\n${tag}`);
    }
    if (field === 'accent') await input.fill('#2f5d62');
    else if (field === 'crisis-region') await input.selectOption('UK');
    else await input.fill('');
    if (field === 'target') await page.getByLabel('Show it as').selectOption('');
  }
  const builderVerdicts = VERDICTS.map(([field, value]) => [field, value, said[`${field} ${value}`]]);
  assert.deepEqual(builderVerdicts, VERDICTS, "the builder's messages");

  // The widget, given each value on a clinic page: several fields at once, one value each.
  const rounds = [];
  for (const row of VERDICTS) {
    const round = rounds.find((r) => !r.some(([field]) => field === row[0]));
    if (round) round.push(row); else rounds.push([row]);
  }
  const widgetVerdicts = [];
  for (const [i, round] of rounds.entries()) {
    const attributes = { 'crisis-region': 'UK', mode: 'inline', target: '#journal' };
    for (const [field, value] of round) attributes[field] = value;
    if (attributes['crisis-region'] === '') delete attributes['crisis-region'];
    const messages = [];
    const clinic = await context.newPage();
    clinic.on('console', (m) => { if (m.text().startsWith('Interlude: data-')) messages.push(m.text()); });
    await clinic.goto(customClinicPage(env, `verdicts-${i}`, attributes));
    // A container that is not found gives the button instead.
    if (!(await clinic.locator('#journal iframe').count())) await clinic.getByRole('button', { name: 'Reflect privately' }).click();
    await clinic.frameLocator('iframe[title="Private reflection space"]').getByRole('button', { name: 'Crisis help' }).waitFor();
    for (const [field, value] of round) {
      widgetVerdicts.push([field, value, messages.some((m) => m.startsWith(`Interlude: data-${field}`))]);
    }
    // The pale colour: the same contrast and the same darker shade in both.
    const accent = messages.find((m) => m.startsWith('Interlude: data-accent'));
    if (accent) {
      const numbers = (text) => text.match(/\d\.\d\d:1|#[0-9a-f]{6}/g);
      assert.deepEqual(numbers(said.paleAccent), numbers(accent), `${said.paleAccent}\n${accent}`);
    }
    await clinic.close();
  }
  const order = (rows) => [...rows].sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
  assert.deepEqual(order(widgetVerdicts), order(VERDICTS), "the widget's console");
  assertNoPageErrors(builder);
  await context.close();
});

test('the crisis region must be chosen before the tag is offered, and the builder says why', async () => {
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = visitor.page;
  const region = page.getByLabel('Crisis lines for');
  assert.equal(await region.inputValue(), '');
  assert.equal(await region.locator('option:checked').textContent(), 'Choose your region…');
  assert.equal(await region.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#crisis-region-hint').textContent(), /distress[\s\S]*112[\s\S]*directory/);
  assert.match(await page.locator('#crisis-region-problem').textContent(), /Choose a region/);
  const copy = page.getByRole('button', { name: 'Copy the tag' });
  assert.ok(await copy.isDisabled());
  assert.match(await page.locator('#incomplete').textContent(), /choose a crisis region/);
  let tag = await page.locator('#snippet').textContent();
  assert.match(tag, /^<!-- Not finished: choose a crisis region -->/);
  assert.ok(!tag.includes('data-crisis-region'));
  await assertAccessible(page, 'builder, region not chosen');

  // International is a choice too, made on purpose.
  await region.selectOption('INTL');
  tag = await page.locator('#snippet').textContent();
  assert.ok(tag.startsWith('<script'), tag);
  assert.ok(tag.includes('data-crisis-region="INTL"'));
  assert.ok(await copy.isEnabled());
  assert.equal(await region.getAttribute('aria-invalid'), null);
  assert.equal(await page.locator('#incomplete').textContent(), '');

  // A refused value elsewhere also holds the tag back, and says so as
  // typing pauses, without leaving the field.
  await page.getByLabel('Booking page (https://…)').pressSequentially('www.clinic.example/book');
  await page.locator('#booking-url-problem', { hasText: 'https://' }).waitFor();
  assert.equal(await page.getByLabel('Booking page (https://…)').getAttribute('aria-invalid'), 'true');
  assert.ok(await copy.isDisabled());
  assert.match(await page.locator('#snippet').textContent(), /^<!-- Not finished: fix the fields/);
  await assertAccessible(page, 'builder, a refused booking address');
  assertNoPageErrors(visitor);
  await context.close();
});

test('on a wide screen the preview sits beside the form and stays in view; at 320 px nothing scrolls sideways', async () => {
  const context = await newContext(env, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.widgetOrigin}/builder/`);
  const preview = page.locator('#preview');
  const form = await page.locator('#options').boundingBox();
  let box = await preview.boundingBox();
  assert.ok(box.x >= form.x + form.width, `preview at x=${box.x}, form ends at ${form.x + form.width}`);
  assert.ok(box.y < 200 && box.y + box.height <= 800, `preview from ${box.y} to ${box.y + box.height}`);
  // Still fully in view with the end of the form on screen.
  await page.getByLabel('Reminder').scrollIntoViewIfNeeded();
  box = await preview.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 800, `scrolled: preview from ${box.y} to ${box.y + box.height}`);
  await assertAccessible(page, 'builder at 1280 px');
  await context.close();

  for (const [width, height] of [[320, 568], [390, 844]]) {
    const phone = await newContext(env, { viewport: { width, height }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await small.goto(`${env.widgetOrigin}/builder/`);
    await small.getByLabel('Booking page (https://…)').fill('https://a-very-long-booking-address.clinic.example/book/an/appointment?with=someone');
    await small.getByLabel('Phone').fill('call me');
    await small.getByLabel('Phone').blur();
    const [scroll, client] = await small.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `the builder scrolls sideways at ${width} px (${scroll} > ${client})`);
    // One column: form, then tag, then preview.
    const formBox = await small.locator('#options').boundingBox();
    const previewBox = await small.locator('#preview').boundingBox();
    assert.ok(previewBox.y > formBox.y + formBox.height);
    await assertAccessible(small, `builder at ${width} px`);
    await phone.close();
  }
});

test('"Check my deployment" finds a correct deployment right, item by item, and asks only its own site', async () => {
  const context = await newContext(env, { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
  const visitor = await Visitor.open(context, `${env.widgetOrigin}/builder/`);
  const page = visitor.page;
  const asked = [];
  page.on('request', (request) => asked.push(request.url()));
  await page.getByRole('link', { name: 'Check my deployment' }).click();
  const result = await checkDeployment(page, env.clinicOrigin);
  assert.deepEqual(notRight(result), []);
  assert.deepEqual(result.items.map((item) => item.id), [
    'https', 'frame-ancestors', 'policy', 'referrer', 'nosniff', 'types', 'cache-hashed', 'cache-fresh', 'cors', 'permissions',
  ]);
  assert.equal(result.status, 'Checked 10 items: 10 right.');
  assert.match(result.items[1].text, new RegExp(`Your site \\(${env.clinicOrigin.replace(/[.]/g, '\\.')}\\) may show the widget`));
  // The check read the widget's files, and every request went to the builder's own origin.
  assert.ok(asked.some((url) => url.endsWith('_bg.wasm')), asked.join('\n'));
  assert.deepEqual(asked.filter((url) => new URL(url).origin !== env.widgetOrigin), []);
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `the check's results scroll sideways at 320 px (${scroll} > ${client})`);
  await assertAccessible(page, 'builder, deployment checked');

  // An address that is not one is said so at the field, and nothing runs.
  await page.getByLabel("Your website's address, where the tag goes (optional)").fill('www.clinic.example');
  await page.getByRole('button', { name: 'Check my deployment' }).click();
  await page.locator('#check-site-problem', { hasText: 'https://' }).waitFor();
  assert.equal(await page.locator('#check-site').getAttribute('aria-invalid'), 'true');
  assertNoPageErrors(visitor);
  await context.close();
});

/**
 * The built dist/ served with the headers of scripts/serve.mjs, each
 * response's headers first passed through `host.breakage(path, headers)`.
 */
async function breakableHost() {
  const TYPES = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
    '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
    '.svg': 'image/svg+xml', '.png': 'image/png',
  };
  const host = { breakage: () => {} };
  const server = createServer(async (req, res) => {
    let path = new URL(req.url, 'http://x').pathname;
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join('dist', normalize(path)));
      const headers = {
        ...widgetHeaders([env.clinicOrigin]),
        'Content-Type': TYPES[extname(path)] || 'application/octet-stream',
        'Cache-Control': /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(path === '/embed.js' ? { 'Access-Control-Allow-Origin': '*' } : {}),
      };
      host.breakage(path, headers);
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  host.origin = `http://127.0.0.1:${server.address().port}`;
  host.close = () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); });
  return host;
}

const csp = (headers, change) => { headers['Content-Security-Policy'] = change(headers['Content-Security-Policy']); };

// [what is broken, how, the item that must say so, its verdict, what it says]
const BREAKAGES = [
  ['no frame-ancestors', (path, h) => csp(h, (p) => p.replace(/; frame-ancestors [^;]*$/, '')),
    'frame-ancestors', 'fix', /has no frame-ancestors, so any website could show/],
  ['frame-ancestors still the example', (path, h) => csp(h, (p) => p.replace(/frame-ancestors .*$/, "frame-ancestors 'self' https://www.your-clinic.example")),
    'frame-ancestors', 'fix', /still names the example address/],
  ['frame-ancestors of another site', (path, h) => csp(h, (p) => p.replace(/frame-ancestors .*$/, "frame-ancestors 'self' https://other.example")),
    'frame-ancestors', 'fix', /does not include http:\/\/127\.0\.0\.1/],
  ['frame-ancestors *', (path, h) => csp(h, (p) => p.replace(/frame-ancestors .*$/, 'frame-ancestors *')),
    'frame-ancestors', 'fix', /allows any website/],
  ["script-src without 'wasm-unsafe-eval'", (path, h) => csp(h, (p) => p.replace(" 'wasm-unsafe-eval'", '')),
    'policy', 'fix', /stops the widget working: script-src needs 'wasm-unsafe-eval'/],
  ["script-src with 'unsafe-inline'", (path, h) => csp(h, (p) => p.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")),
    'policy', 'improve', /script-src allows more than this site's own scripts/],
  ['no Referrer-Policy', (path, h) => { delete h['Referrer-Policy']; },
    'referrer', 'fix', /There is no Referrer-Policy header/],
  ['no nosniff on the wasm', (path, h) => { if (path.endsWith('.wasm')) delete h['X-Content-Type-Options']; },
    'nosniff', 'fix', /No "X-Content-Type-Options: nosniff" on interlude-[0-9a-f]+_bg\.wasm\./],
  ['the wasm as application/octet-stream', (path, h) => { if (path.endsWith('.wasm')) h['Content-Type'] = 'application/octet-stream'; },
    'types', 'fix', /_bg\.wasm is sent as "application\/octet-stream", not application\/wasm/],
  ['hashed files not cached', (path, h) => { if (/-[0-9a-f]{8,16}/.test(path)) h['Cache-Control'] = 'no-cache'; },
    'cache-hashed', 'improve', /Not kept long: interlude-/],
  ['index.html cached for a year', (path, h) => { if (path === '/index.html') h['Cache-Control'] = 'public, max-age=31536000'; },
    'cache-fresh', 'fix', /index\.html \(kept for 365 days\)/],
  ['no Cache-Control on sw.js', (path, h) => { if (path === '/sw.js') delete h['Cache-Control']; },
    'cache-fresh', 'improve', /sw\.js \(no Cache-Control\)/],
  ['no CORS on embed.js', (path, h) => { delete h['Access-Control-Allow-Origin']; },
    'cors', 'fix', /embed\.js has no Access-Control-Allow-Origin header/],
  ['no Permissions-Policy', (path, h) => { delete h['Permissions-Policy']; },
    'permissions', 'improve', /There is no Permissions-Policy header/],
];

test('"Check my deployment" reports each missing or wrong header, with its fix, and only that one', async (t) => {
  const host = await breakableHost();
  t.after(() => host.close());
  const context = await newContext(env);
  const page = await context.newPage();
  await page.goto(`${host.origin}/builder/`);
  assert.deepEqual(notRight(await checkDeployment(page, env.clinicOrigin)), [], 'the breakable host, unbroken');
  const found = [];
  for (const [what, breakage, , verdict, says] of BREAKAGES) {
    host.breakage = breakage;
    const result = await checkDeployment(page, env.clinicOrigin);
    const flagged = result.items.filter((item) => item.verdict !== 'ok');
    found.push([what, flagged.map((item) => item.id).join(' '), flagged.map((item) => item.verdict).join(' ')]);
    for (const item of flagged) {
      assert.match(item.text, says, what);
      assert.match(item.text, /How to fix: \S/, `${what}: ${item.text}`);
    }
    if (verdict === 'fix') assert.match(result.status, /Fix the items marked "Needs fixing"/, what);
  }
  assert.deepEqual(found, BREAKAGES.map(([what, , id, verdict]) => [what, id, verdict]));

  // Without the clinic's address, a frame-ancestors of only this site is not enough.
  host.breakage = (path, h) => csp(h, (p) => p.replace(/frame-ancestors .*$/, "frame-ancestors 'self'"));
  const alone = await checkDeployment(page, '');
  assert.deepEqual(alone.items.filter((item) => item.verdict !== 'ok').map((item) => item.id), ['frame-ancestors']);
  assert.match(alone.items[1].text, /Your site's pages cannot show the widget/);
  await assertAccessible(page, 'builder, deployment with problems');
  await context.close();
});
