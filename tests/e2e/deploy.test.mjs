// The shipped host configuration works: deploy/nginx.conf, run by Debian's
// nginx over the built dist/, sends the headers the README promises, and
// the widget embedded from it works on the demo clinic page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();
const NGINX = process.env.NGINX || '/usr/sbin/nginx';
let nginx;
let origin;
let dir;

function freePort() {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interlude-nginx-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The clinic's edits, done by the test: address, no TLS, root, page origin.
  const site = (await readFile('deploy/nginx.conf', 'utf8'))
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, '')
    .replace(/root \/srv\/interlude\/dist;/, `root ${resolve('dist')};`)
    .replace('https://www.your-clinic.example', env.clinicOrigin);
  await writeFile(join(dir, 'nginx.conf'), `
master_process off;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${site}
}`);
  nginx = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${origin}/`); return; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  throw new Error(`nginx did not start: ${await readFile(`${dir}/error.log`, 'utf8').catch(() => '')}`);
});

after(async () => {
  nginx?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('nginx with deploy/nginx.conf sends the security, cache and CORS headers', async () => {
  const files = await readdir('dist');
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  const check = async (path) => {
    const response = await fetch(`${origin}${path}`);
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
  assert.equal((await check('/manifest.webmanifest'))['content-type'], 'application/manifest+json');
});

test('the widget served by nginx works embedded in the clinic page, with SRI', async () => {
  env.clinicPages.set('/nginx.html', `<!DOCTYPE html><html lang="en"><title>Clinic</title><link rel="icon" href="data:,"><main><h1>Clinic</h1></main>
<script src="${origin}/embed.js" integrity="{{EMBED_INTEGRITY}}" crossorigin="anonymous"
  data-clinic-name="Nginx Clinic" data-booking-url="{{CLINIC_ORIGIN}}/book.html" async></script>`);
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/nginx.html`);
  const widget = await visitor.openWidget();
  assert.ok((await visitor.page.locator('iframe').getAttribute('src')).startsWith(`${origin}/index.html#`));
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'served by nginx', mood: '4 Good' });
  await widget.getByText('Saved in this browser').waitFor();
  assert.deepEqual(visitor.consoleErrors, []);
  assertNoPageErrors(visitor);
  await context.close();
});
