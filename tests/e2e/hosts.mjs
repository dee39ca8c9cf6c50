// Real web servers for the end-to-end tests: Debian's nginx with
// deploy/nginx.conf and Debian's Apache with deploy/apache.htaccess, each
// serving a built widget folder on a free loopback port, with only the
// edits a clinic makes (its origin in frame-ancestors, its listen address
// and root). Used by deploy.test.mjs (dist/) and release.test.mjs (the
// unpacked release archive).
import { spawn } from 'node:child_process';
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const running = [];

export function freePort() {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Starts `command`, waits until `origin` answers, and records how to stop it. */
async function run(host, command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  running.push({ ...host, child });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${host.origin}/`); return host; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  throw new Error(`${host.name} did not start: ${await readFile(join(host.dir, 'error.log'), 'utf8').catch(() => '')}`);
}

/** The clinic's own edit: its origin in frame-ancestors. */
export const forClinic = (text, clinicOrigin) => text.replace('https://www.your-clinic.example', clinicOrigin);

/**
 * nginx serving `root` with `config` (deploy/nginx.conf's text), changed
 * as a clinic would; `edit` may change the site's text further (a broken
 * deployment). Returns { name, origin, dir }.
 */
export async function startNginx({ root, config, clinicOrigin, edit = (text) => text, name = 'nginx' }) {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-nginx-'));
  const port = await freePort();
  const site = edit(forClinic(config, clinicOrigin)
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replace(/^\s*ssl_certificate.*$/gm, '')
    .replace(/root \/srv\/interlude\/dist;/, `root ${resolve(root)};`));
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
  return run({ name, origin: `http://127.0.0.1:${port}`, dir }, '/usr/sbin/nginx',
    ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')]);
}

/**
 * Apache serving a copy of `root` with `htaccess` (deploy/apache.htaccess's
 * text) as its .htaccess, changed as a clinic would. Returns { name, origin, dir }.
 */
export async function startApache({ root, htaccess, clinicOrigin, name = 'Apache' }) {
  const dir = await mkdtemp(join(tmpdir(), 'interlude-apache-'));
  // Apache's workers run as www-data; mkdtemp makes a private directory.
  await chmod(dir, 0o755);
  const docs = join(dir, 'dist');
  await cp(root, docs, { recursive: true });
  await writeFile(join(docs, '.htaccess'), forClinic(htaccess, clinicOrigin));
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
DocumentRoot ${docs}
<Directory ${docs}>
  AllowOverride FileInfo Indexes
  Require all granted
</Directory>
`);
  return run({ name, origin: `http://127.0.0.1:${port}`, dir }, '/usr/sbin/apache2', ['-X', '-f', join(dir, 'apache.conf')]);
}

/** Stops every server started here and removes its files. */
export async function stopHosts() {
  for (const host of running.splice(0)) {
    host.child.kill();
    await rm(host.dir, { recursive: true, force: true });
  }
}
