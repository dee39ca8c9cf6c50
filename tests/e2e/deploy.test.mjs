// The shipped host configurations work: deploy/nginx.conf run by Debian's
// nginx, and deploy/apache.htaccess under Debian's Apache, each serving the
// built dist/. Both send the headers the README promises, the snippet
// builder's "Check my deployment" finds them right, and the widget
// embedded from each works on a clinic page, with SRI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { startApache, startNginx, stopHosts } from './hosts.mjs';
import { Visitor, assertNoPageErrors, checkDeployment, newContext, notRight, useEnvironment } from './support.mjs';

const env = useEnvironment();
const hosts = [];

before(async () => {
  await env.ready;
  const clinicOrigin = env.clinicOrigin;
  hosts.push(await startNginx({ root: 'dist', config: await readFile('deploy/nginx.conf', 'utf8'), clinicOrigin }));
  hosts.push(await startApache({ root: 'dist', htaccess: await readFile('deploy/apache.htaccess', 'utf8'), clinicOrigin }));
});

after(stopHosts);

test('the shipped configurations treat every hash Trunk writes as immutable, even one with leading zeros dropped', async () => {
  const nginx = (await readFile('deploy/nginx.conf', 'utf8')).match(/"~(-\[0-9a-f\][^"]+)"/)[1];
  const apache = (await readFile('deploy/apache.htaccess', 'utf8')).match(/<FilesMatch "([^"]+)">/)[1];
  for (const pattern of [nginx, apache]) {
    const re = new RegExp(pattern);
    for (const name of ['interlude-1bcc7f2e6980aae7_bg.wasm', 'interlude-a240ed215b342a0.js', 'main-25c4e2cb42b3145.css']) {
      assert.ok(re.test(name), `${pattern} misses ${name}`);
    }
    for (const name of ['embed.js', 'sw.js', 'boot.js', 'index.html']) assert.ok(!re.test(name), `${pattern} matches ${name}`);
  }
});

for (const name of ['nginx', 'Apache']) {
  const host = () => hosts.find((h) => h.name === name);

  test(`${name} with the shipped configuration sends the security, cache and CORS headers`, async () => {
    const wasm = (await readdir('dist')).find((f) => f.endsWith('_bg.wasm'));
    const check = async (path) => {
      const response = await fetch(`${host().origin}${path}`);
      assert.equal(response.status, 200, path);
      const h = Object.fromEntries(response.headers);
      assert.match(h['content-security-policy'], new RegExp(`frame-ancestors 'self' ${env.clinicOrigin}$`), path);
      assert.doesNotMatch(h['content-security-policy'], /'unsafe-inline'|'unsafe-eval'/, path);
      assert.equal(h['referrer-policy'], 'no-referrer', path);
      assert.equal(h['x-content-type-options'], 'nosniff', path);
      return h;
    };
    assert.equal((await check('/'))['cache-control'], 'no-cache');
    assert.equal((await check('/sw.js'))['cache-control'], 'no-cache');
    const embed = await check('/embed.js');
    assert.equal(embed['access-control-allow-origin'], '*');
    assert.equal(embed['cache-control'], 'no-cache');
    const bundle = await check(`/${wasm}`);
    assert.equal(bundle['content-type'], 'application/wasm');
    assert.equal(bundle['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(bundle['access-control-allow-origin'], undefined);
    assert.match((await check('/manifest.webmanifest'))['content-type'], /^application\/manifest\+json/);
  });

  test(`the widget served by ${name} works embedded in a clinic page, with SRI`, async () => {
    const page = `/${name.toLowerCase()}.html`;
    env.clinicPages.set(page, `<!DOCTYPE html><html lang="en"><title>Clinic</title><link rel="icon" href="data:,">
<main><h1>Clinic</h1></main>
<script src="${host().origin}/embed.js" integrity="{{EMBED_INTEGRITY}}" crossorigin="anonymous"
  data-clinic-name="Test Clinic" data-booking-url="{{CLINIC_ORIGIN}}/book.html" async></script>`);
    const context = await newContext(env);
    const visitor = await Visitor.open(context, `${env.clinicOrigin}${page}`);
    const widget = await visitor.openWidget();
    assert.ok((await visitor.page.locator('iframe').getAttribute('src')).startsWith(`${host().origin}/index.html#`));
    await visitor.acknowledge(widget);
    await visitor.writeEntry(widget, { text: `served by ${name}`, mood: '4 Good' });
    await widget.getByText('Saved in this browser').waitFor();
    assert.deepEqual(visitor.consoleErrors, []);
    assertNoPageErrors(visitor);
    await context.close();
  });

  test(`"Check my deployment" finds every header ${name} sends with the shipped configuration right`, async () => {
    const context = await newContext(env);
    const page = await context.newPage();
    await page.goto(`${host().origin}/builder/`);
    const result = await checkDeployment(page, env.clinicOrigin);
    assert.deepEqual(notRight(result), []);
    assert.equal(result.items.length, 10, result.status);
    await context.close();
  });
}
