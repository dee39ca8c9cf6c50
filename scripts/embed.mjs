// Trunk post-build hook: ships public/embed.js minified (the source stays
// readable and commented) and prints its size and Subresource Integrity hash
// for the clinic's script tag, and writes that hash into the snippet builder
// (builder/index.html). Also usable by hand: node scripts/embed.mjs dist
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('embed: no build directory (pass one, or run from Trunk with TRUNK_STAGING_DIR)');
  process.exit(1);
}
const source = await readFile(new URL('../public/embed.js', import.meta.url), 'utf8');
// The /*! header comment (what this file is and promises) is kept.
const { code } = await minify(source, { compress: true, mangle: true, format: { comments: /^!/ } });
await writeFile(join(dir, 'embed.js'), code);
const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const builder = join(dir, 'builder', 'index.html');
await writeFile(builder, (await readFile(builder, 'utf8')).replace('{{EMBED_INTEGRITY}}', sri));
console.log(`embed: embed.js ${code.length} bytes, ${gzipSync(code, { level: 9 }).length} gzip, integrity="${sri}"`);
