// Trunk post-build hook, run before scripts/precache.mjs (see Trunk.toml):
// adds the chunks that scripts/wasm-split/link.sh split off the widget's
// wasm to the build.
//
// * Each chunk gets wasm-opt with index.html's settings and a content hash:
//   interlude-later-<name>-<hash>.wasm (not part of the first download).
// * Their loader, wasm-split's __wasm_split.js, imports the main module's
//   JavaScript, which imports it back: both are renamed with one hash of
//   their final contents (interlude-split-<hash>.js, interlude-<hash>.js),
//   so a cached copy of one never meets a new copy of the other.
// * In release builds both are minified (terser; Trunk's own minifier is
//   off, as it would run before this hook): 3 KB less gzip to download.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR;
const html = process.env.TRUNK_HTML_FILE;
const profile = process.env.TRUNK_PROFILE;
if (!staging || !html || !profile) {
  console.error('wasm-split: run me from Trunk (see Trunk.toml)');
  process.exit(1);
}
const target = process.env.CARGO_TARGET_DIR || 'target';
const split = join(target, 'wasm32-unknown-unknown', profile, 'wasm-split');
const hashOf = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const made = await readdir(split).catch(() => []);
if (!made.includes('__wasm_split.js')) {
  console.error(`wasm-split: no ${split}/__wasm_split.js; is scripts/wasm-split/link.sh the wasm32 linker (.cargo/config.toml)?`);
  process.exit(1);
}

// The same wasm-opt settings as the main module (the rust link in index.html).
const rustLink = (await readFile(html, 'utf8')).match(/<link data-trunk rel="rust"[^>]*>/)[0];
const level = rustLink.match(/data-wasm-opt="([^"]*)"/)?.[1] ?? '0';
const params = (rustLink.match(/data-wasm-opt-params="([^"]*)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
const optimise = profile === 'release' && level !== '0';

const replaceOnce = (text, from, to, where) => {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`wasm-split: expected ${from} once in ${where}, found ${parts.length - 1}`);
  return parts.join(to);
};

let loader = await readFile(join(split, '__wasm_split.js'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'interlude-split-'));
let chunkBytes = 0;
const chunks = made.filter((f) => f.endsWith('.wasm') && f !== 'interlude.wasm');
for (const file of chunks) {
  let path = join(split, file);
  if (optimise) {
    const out = join(work, file);
    execFileSync('wasm-opt', [`-O${level}`, ...params, path, '-o', out], { stdio: 'inherit' });
    path = out;
  }
  const bytes = await readFile(path);
  const name = file.replace(/^split_/, '').replace(/\.wasm$/, '').replaceAll('_', '-');
  const final = `interlude-later-${name}-${hashOf(bytes)}.wasm`;
  await writeFile(join(staging, final), bytes);
  loader = replaceOnce(loader, `"./${file}"`, `"./${final}"`, '__wasm_split.js');
  chunkBytes += bytes.length;
}
await rm(work, { recursive: true, force: true });

const mainJs = (await readdir(staging)).find((f) => /^interlude-[0-9a-f]+\.js$/.test(f));
if (!mainJs) throw new Error(`wasm-split: no interlude-<hash>.js in ${staging}`);
let main = await readFile(join(staging, mainJs), 'utf8');
const hash = hashOf(`${main}\0${loader}`);
const mainName = `interlude-${hash}.js`;
const loaderName = `interlude-split-${hash}.js`;
// Only the import statements: the wasm's own import module keeps its name.
main = main.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
loader = replaceOnce(loader, '"./interlude.js"', `"./${mainName}"`, '__wasm_split.js');
if (profile === 'release') {
  const terse = async (code) => (await minify(code, { module: true, compress: true, mangle: true })).code;
  main = await terse(main);
  loader = await terse(loader);
}
await rm(join(staging, mainJs));
await writeFile(join(staging, mainName), main);
await writeFile(join(staging, loaderName), loader);

// index.html names the main module, and Trunk's modulepreload link carries
// its integrity hash: both follow the new contents, and the loader gets a
// modulepreload link of its own, so both download at once.
const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const indexPath = join(staging, 'index.html');
let index = await readFile(indexPath, 'utf8');
const preload = new RegExp(`<link rel="modulepreload" href="\\./${mainJs}"([^>]*) integrity="[^"]*">`);
const preloadLink = index.match(preload);
if (!preloadLink) throw new Error(`wasm-split: no modulepreload link for ${mainJs} in index.html`);
index = index.replace(
  preload,
  `<link rel="modulepreload" href="./${mainName}"${preloadLink[1]} integrity="${integrity(main)}">`
    + `<link rel="modulepreload" href="./${loaderName}"${preloadLink[1]} integrity="${integrity(loader)}">`,
);
await writeFile(indexPath, index.replaceAll(mainJs, mainName));

console.log(`wasm-split: ${chunks.length} chunks (${chunkBytes} B${optimise ? ', wasm-opt' : ''}) and ${loaderName}`);
