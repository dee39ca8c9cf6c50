// The shipped host configurations work: deploy/nginx.conf run by Debian's
// nginx, and deploy/apache.htaccess under Debian's Apache, each serving the
// built dist/. Both send the headers the README promises, and the widget
// embedded from each works on a clinic page, with SRI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Visitor, assertNoPageErrors, newContext, useEnvironment } from './support.mjs';

const env = useEnvironment();
const hosts = [];

function freePort() {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Starts `command`, waits until `origin` answers, and records how to stop it. */
async function run(name, origin, dir, command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  hosts.push({ name, origin, dir, child });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${origin}/`); return; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  throw new Error(`${name} did not start: ${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`);
}

/** The clinic's own edits, done by the test: our origin in frame-ancestors. */
const forThisClinic = (text) => text.replace('https://www.your-clinic.example', env.clinicOrigin);

async function startNginx() {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-nginx-'));
  const port = await freePort();
  const site = forThisClinic(await readFile('deploy/nginx.conf', 'utf8'))
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, '')
    .replace(/root \/srv\/interlude\/dist;/, `root ${resolve('dist')};`);
  await writeFile(join(dir, 'nginx.conf'), `master_process off;
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
  await run('nginx', `http://127.0.0.1:${port}`, dir, '/usr/sbin/nginx',
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')]);
}

async function startApache() {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-apache-'));
  // Apache's workers run as www-data; mkdtemp makes a private directory.
  await chmod(dir, 0o755);
  const root = join(dir, 'dist');
  await cp('dist', root, { recursive: true });
  await writeFile(join(root, '.htaccess'), forThisClinic(await readFile('deploy/apache.htaccess', 'utf8')));
  const port = await freePort();
  const modules = ['mpm_event', 'authz_core', 'headers', 'mime', 'dir']
    .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
  await writeFile(join(dir, 'apache.conf'), `${modules}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/apache.pid
ErrorLog ${dir}/error.log
DefaultRuntimeDir ${dir}
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot ${root}
<Directory ${root}>
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
`);
  await run('Apache', `http://127.0.0.1:${port}`, dir, '/usr/sbin/apache2', ['-X', '-f', join(dir, 'apache.conf')]);
}

before(async () => {
  await startNginx();
  await startApache();
});

after(async () => {
  for (const host of hosts) {
    host.child.kill();
    await rm(host.dir, { recursive: true, force: true });
  }
});

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
}
