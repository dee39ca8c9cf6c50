// The release archive a clinic downloads (scripts/release.sh), used as a
// clinic uses it. The committed HEAD is cloned twice and released in each
// clone, each build with its own empty cargo target folder, so the two
// share nothing but the cargo registry and the npm cache. Then:
//   * the archive verifies against its SHA256SUMS, which covers every file,
//     and a changed file fails it;
//   * unpacked and served by nginx with the archive's own deploy/nginx.conf,
//     the widget passes the embedded journey (launcher, write, save, reload);
//   * the builder's "Check my deployment" finds that deployment right, and
//     the same with frame-ancestors removed and .wasm as
//     application/octet-stream broken;
//   * the two archives are the same, byte for byte.
//
// It tests HEAD, not uncommitted changes (it says so when there are some).
// INTERLUDE_RELEASE_TARGET_DIR makes the first build reuse a cargo target
// folder (e.g. kept between CI runs); the second always starts empty. Give
// it a folder only these clones use: a checkout's own target/ would, after
// a clone's build, look up to date to cargo for the checkout's own,
// older, sources. The two builds take most of this file's time (about 4
// minutes each from empty on 2 cores).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startNginx, stopHosts } from './hosts.mjs';
import {
  VERSION, Visitor, assertNoPageErrors, checkDeployment, newContext, notRight, useEnvironment,
} from './support.mjs';

const env = useEnvironment();
const repo = process.cwd();
const builds = [];
let work;
let head;
let unpacked;

const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

/** Clones HEAD into `work/<name>` and runs scripts/release.sh there; returns what it made. */
async function release(name, targetDir) {
  const clone = join(work, name);
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  const log = join(work, `${name}.log`);
  const started = Date.now();
  const output = [];
  const status = await new Promise((ok) => {
    const child = spawn('scripts/release.sh', [join(work, `${name}-out`)], {
      cwd: clone,
      env: { ...process.env, CARGO_TARGET_DIR: targetDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const file = createWriteStream(log);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => { output.push(chunk); file.write(chunk); });
    }
    child.on('close', (code) => file.end(() => ok(code)));
  });
  const text = Buffer.concat(output).toString('utf8');
  const seconds = Math.round((Date.now() - started) / 1000);
  assert.equal(status, 0, `scripts/release.sh failed in ${clone} (log: ${log}):\n${text.slice(-3000)}`);
  const archive = text.trimEnd().split('\n').pop();
  console.log(`release build "${name}" (target ${targetDir}): ${seconds} s, ${archive}`);
  return { name, clone, archive, bytes: await readFile(archive), seconds };
}

/** The files under `dir`, as sorted relative paths. */
async function filesUnder(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

before(async () => {
  head = git('rev-parse', 'HEAD');
  if (git('status', '--porcelain')) console.log(`note: testing the committed HEAD (${head}); uncommitted changes are not in it`);
  work = await mkdtemp(join(tmpdir(), 'interlude-release-'));
  builds.push(await release('first', process.env.INTERLUDE_RELEASE_TARGET_DIR || join(work, 'target-first')));
  builds.push(await release('second', join(work, 'target-second')));
  unpacked = join(work, 'unpacked');
  // Python's zipfile, as a fresh machine has it (unzip may not be installed).
  execFileSync('python3', ['-m', 'zipfile', '-e', builds[0].archive, unpacked]);
});

after(async () => {
  await stopHosts();
  if (work) await rm(work, { recursive: true, force: true });
});

test('the archive holds the built widget, the host configurations, DEPLOY.md and the integrity hash, every file in SHA256SUMS', async () => {
  const { archive, clone } = builds[0];
  assert.ok(archive.endsWith(`/interlude-${VERSION}.zip`), archive);
  const top = join(unpacked, `interlude-${VERSION}`);
  assert.deepEqual(await readdir(unpacked), [`interlude-${VERSION}`]);
  const files = await filesUnder(top);

  // widget/ is the clone's dist/, file for file.
  const dist = join(clone, 'dist');
  const widget = files.filter((f) => f.startsWith('widget/')).map((f) => f.slice('widget/'.length));
  assert.deepEqual(widget, await filesUnder(dist));
  for (const file of widget) {
    assert.ok((await readFile(join(top, 'widget', file))).equals(await readFile(join(dist, file))), file);
  }
  for (const file of ['index.html', 'embed.js', 'sw.js', 'builder/index.html', 'builder/check.js', 'locales/ar.json']) {
    assert.ok(widget.includes(file), `widget/${file} is missing`);
  }
  assert.ok(widget.some((f) => /^interlude-[0-9a-f]+_bg\.wasm$/.test(f)), 'widget/ has no wasm');
  assert.deepEqual(files.filter((f) => !f.startsWith('widget/')), [
    'CHANGELOG.md', 'DEPLOY.md', 'SHA256SUMS', 'deploy/_headers', 'deploy/apache.htaccess', 'deploy/nginx.conf',
    'embed-integrity.txt',
  ]);
  for (const file of ['deploy/nginx.conf', 'deploy/apache.htaccess', 'deploy/_headers', 'CHANGELOG.md']) {
    assert.ok((await readFile(join(top, file))).equals(await readFile(join(clone, file))), file);
  }

  // Zip entries: sorted, dated with the commit, plain 0644 files.
  const entries = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
print(json.dumps([[i.filename, list(i.date_time), i.external_attr >> 16, i.create_system] for i in zipfile.ZipFile(sys.argv[1]).infolist()]))
`, archive], { encoding: 'utf8' }));
  const names = entries.map(([name]) => name);
  assert.deepEqual(names, [...names].sort());
  assert.deepEqual(names, files.map((f) => `interlude-${VERSION}/${f}`));
  const committed = new Date(Number(git('log', '-1', '--format=%ct', 'HEAD')) * 1000);
  const date = [committed.getUTCFullYear(), committed.getUTCMonth() + 1, committed.getUTCDate(),
    committed.getUTCHours(), committed.getUTCMinutes(), committed.getUTCSeconds() - (committed.getUTCSeconds() % 2)];
  for (const [name, when, mode, system] of entries) assert.deepEqual([name, when, mode.toString(8), system], [name, date, '100644', 3]);

  // SHA256SUMS lists every other file, and each checks out.
  const sums = (await readFile(join(top, 'SHA256SUMS'), 'utf8')).trimEnd().split('\n');
  assert.deepEqual(sums.map((line) => line.slice(66)), files.filter((f) => f !== 'SHA256SUMS'));
  const verify = () => execFileSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: top, encoding: 'utf8', stdio: 'pipe' });
  assert.match(verify(), /widget\/index\.html: OK/);
  // A changed file fails the check.
  const index = join(top, 'widget', 'index.html');
  const original = await readFile(index);
  await writeFile(index, Buffer.concat([original, Buffer.from('<!-- changed -->')]));
  assert.throws(verify, (error) => /widget\/index\.html: FAILED/.test(error.stdout));
  await writeFile(index, original);
  verify();

  // The tag's integrity hash: in embed-integrity.txt, DEPLOY.md's tag and the builder.
  const sri = sha384(await readFile(join(top, 'widget', 'embed.js')));
  assert.equal(await readFile(join(top, 'embed-integrity.txt'), 'utf8'), `${sri}\n`);
  const guide = await readFile(join(top, 'DEPLOY.md'), 'utf8');
  assert.ok(guide.includes(`integrity="${sri}" crossorigin="anonymous"`), 'DEPLOY.md has no tag with the integrity hash');
  assert.ok(guide.includes(`# Putting Interlude ${VERSION} on your website`), 'DEPLOY.md does not name the version');
  assert.match(guide, /## How this archive was built[\s\S]*rustc \d+\.\d+\.\d+[\s\S]*trunk 0\.21\.14/);
  assert.ok(guide.includes(head), 'DEPLOY.md does not name the commit');
  assert.doesNotMatch(guide, /\{\{[A-Z]+\}\}/);
  assert.ok((await readFile(join(top, 'widget', 'builder', 'index.html'), 'utf8')).includes(`data-integrity="${sri}"`),
    "the snippet builder does not carry embed.js's integrity hash");
  assert.match(await readFile(join(top, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${VERSION.replace(/\./g, '\\.')}\\b`, 'm'));

  // Nothing in the widget names the machine or folders it was built in.
  const machine = [homedir(), process.env.CARGO_HOME, execFileSync('rustc', ['--print', 'sysroot'], { encoding: 'utf8' }).trim(),
    work, repo].filter(Boolean);
  for (const file of widget) {
    const text = (await readFile(join(top, 'widget', file))).toString('latin1');
    for (const path of machine) assert.ok(!text.includes(path), `widget/${file} contains ${path}`);
  }
});

test('two builds from clean clones, sharing nothing but the cargo registry, are the same byte for byte', async () => {
  const [first, second] = builds;
  assert.notEqual(first.clone, second.clone);
  if (!first.bytes.equals(second.bytes)) {
    // Say which files differ.
    const other = join(work, 'unpacked-second');
    execFileSync('python3', ['-m', 'zipfile', '-e', second.archive, other]);
    const sums = async (dir) => readFile(join(dir, `interlude-${VERSION}`, 'SHA256SUMS'), 'utf8');
    const a = new Set((await sums(unpacked)).split('\n'));
    const differ = (await sums(other)).split('\n').filter((line) => !a.has(line)).map((line) => line.slice(66));
    assert.fail(`the two archives differ (${first.bytes.length} and ${second.bytes.length} bytes); files: ${differ.join(', ') || 'none (only the zip)'}`);
  }
});

test('unpacked and served by nginx with its deploy/nginx.conf, the widget works embedded in a clinic page: write, save, reload', async () => {
  const top = join(unpacked, `interlude-${VERSION}`);
  await env.ready;
  const host = await startNginx({
    root: join(top, 'widget'), config: await readFile(join(top, 'deploy', 'nginx.conf'), 'utf8'), clinicOrigin: env.clinicOrigin,
  });
  // The clinic pastes DEPLOY.md's tag, with its own addresses.
  const tag = (await readFile(join(top, 'DEPLOY.md'), 'utf8')).match(/<script src="https:\/\/journal[\s\S]*?<\/script>/)[0]
    .replace('https://journal.your-clinic.example', host.origin)
    .replace('https://www.your-clinic.example/book', `${env.clinicOrigin}/book.html`);
  env.clinicPages.set('/release.html', `<!DOCTYPE html><html lang="en"><title>Clinic</title><link rel="icon" href="data:,">
<main><h1>Clinic</h1></main>
${tag}`);
  const context = await newContext(env);
  const visitor = await Visitor.open(context, `${env.clinicOrigin}/release.html`);
  let widget = await visitor.openWidget();
  assert.ok((await visitor.page.locator('iframe').getAttribute('src')).startsWith(`${host.origin}/index.html#`));
  await visitor.acknowledge(widget);
  await visitor.writeEntry(widget, { text: 'written in the released widget', mood: '4 Good' });
  await widget.getByText('Saved in this browser').waitFor();

  await visitor.page.reload();
  widget = await visitor.openWidget();
  await widget.getByRole('button', { name: 'Past entries' }).click();
  const entry = widget.locator('article.entry').first();
  await entry.waitFor();
  assert.ok((await entry.innerText()).includes('written in the released widget'), 'the entry is not in Past entries after a reload');
  await widget.getByRole('button', { name: 'About & privacy' }).click();
  await widget.getByText(`Interlude version ${VERSION}`).waitFor();
  assert.deepEqual(visitor.consoleErrors, []);
  assertNoPageErrors(visitor);
  await context.close();
});

test('"Check my deployment" finds that nginx deployment right, and one without frame-ancestors and with the wrong wasm type broken', async () => {
  const top = join(unpacked, `interlude-${VERSION}`);
  await env.ready;
  const config = await readFile(join(top, 'deploy', 'nginx.conf'), 'utf8');
  const context = await newContext(env);
  const page = await context.newPage();

  const right = await startNginx({ root: join(top, 'widget'), config, clinicOrigin: env.clinicOrigin, name: 'nginx (as shipped)' });
  await page.goto(`${right.origin}/builder/`);
  const good = await checkDeployment(page, env.clinicOrigin);
  assert.deepEqual(notRight(good), []);
  assert.equal(good.items.length, 10);

  const broken = await startNginx({
    root: join(top, 'widget'), config, clinicOrigin: env.clinicOrigin, name: 'nginx (broken)',
    edit: (text) => {
      const edited = text
        .replace(/; frame-ancestors [^"]*"/, '"')
        .replace(/location ~ \\\.wasm\$\s*\{[^}]*\}/, 'location ~ \\.wasm$ { types { } default_type application/octet-stream; }');
      assert.doesNotMatch(edited.match(/add_header Content-Security-Policy .*/)[0], /frame-ancestors/);
      assert.doesNotMatch(edited, /application\/wasm/);
      return edited;
    },
  });
  await page.goto(`${broken.origin}/builder/`);
  const bad = await checkDeployment(page, env.clinicOrigin);
  assert.deepEqual(bad.items.filter((item) => item.verdict !== 'ok').map((item) => [item.id, item.verdict]),
    [['frame-ancestors', 'fix'], ['types', 'fix']], notRight(bad).join('\n'));
  assert.match(bad.status, /2 need fixing/);
  await context.close();
});
