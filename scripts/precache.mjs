// Trunk post-build hook: writes sw.js into the build from public/sw.js, with
// the build's actual file names and a build id that changes whenever any
// file does. Run by Trunk (see Trunk.toml) with TRUNK_STAGING_DIR set; can
// also be run by hand on a finished build: node scripts/precache.mjs dist
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

// Served to clinic pages, not part of the app a visitor opens offline.
const NOT_PRECACHED = new Set(['sw.js', 'embed.js']);

async function filesIn(dir, root = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await filesIn(path, root));
    else out.push(relative(root, path).split('\\').join('/'));
  }
  return out;
}

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precache: no build directory (pass one, or run from Trunk with TRUNK_STAGING_DIR)');
  process.exit(1);
}
// The builder is for clinic staff, not part of what a visitor opens offline.
const files = (await filesIn(dir))
  .filter((f) => !NOT_PRECACHED.has(f) && !f.startsWith('.') && !f.startsWith('builder/')).sort();
const hash = createHash('sha256');
for (const file of files) hash.update(file).update('\0').update(await readFile(join(dir, file)));
const build = hash.digest('hex').slice(0, 16);
const template = await readFile(new URL('../public/sw.js', import.meta.url), 'utf8');
const sw = template
  .replace("'__INTERLUDE_BUILD__'", JSON.stringify(build))
  .replace('__INTERLUDE_FILES__', JSON.stringify(files.map((f) => `./${f}`), null, 2));
await writeFile(join(dir, 'sw.js'), sw);
console.log(`precache: sw.js for build ${build}, ${files.length} files`);
