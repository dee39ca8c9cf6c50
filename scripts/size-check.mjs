// Fails when the widget's first-use download (index.html, boot.js, the
// app's js, wasm and css, and the largest language catalog, gzip -9; not
// the chunks of views opened later) grows past its ceiling, or the loader
// past 2 KB gzip, so a size regression cannot land silently.
//
// The ceiling is not the goal: issue 9's budget is 100 KB for the whole
// widget, which Interlude does not meet yet (see README, "Size and
// speed"). The ceiling sits a little above today's size and is lowered as
// the widget gets lighter; raising it needs a reason in the commit.
// Raised from 410 KB to 428 KB for packed records (src/packing.rs): the
// DEFLATE codec costs about 16.5 KB gzip and is what lets ten years of
// writing fit in localStorage at all. Then to 432 KB for reading backups
// in steps (serde_json's raw_value, about 5 KB): a ten-year restore's
// longest task went from 281 ms to 135 ms. Then to 480 KB for Spanish and
// Arabic (src/i18n/es.rs, ar.rs: about 585 sentences each, 44 KB gzip
// together), compiled in so every language works offline from the first
// visit; fetching only the visitor's language is the way back down.
// Then to 484 KB for reading the journal in steps after the widget shows
// (src/storage.rs start_load/continue_load, about 3 KB): with ten years
// stored the widget opened in 757 ms, after one 450 ms task; now it opens
// as fast as an empty one and no step is long. Then to 488 KB for the
// encrypted backup in steps (sealed by WebCrypto off the page's thread,
// about 4 KB): at ten years it was one task of a second or more. Then to
// 492 KB for the restore's first pass and turning the lock on in steps
// (src/export/backup.rs SplittingBackup, src/storage.rs start_lock; about
// 3 KB): 129 ms and 828 ms tasks at ten years.
// Lowered to 350 KB when the views opened later (Past entries, Trends,
// check-ins, the session summary, About, the thought record) were split
// into chunks fetched once the widget is ready (src/components/later.rs,
// scripts/wasm-split/): those chunks, interlude-later-*, are not counted.
// Lowered to 336 KB when the Spanish and Arabic catalogs left the wasm
// for locales/<tag>.json, fetched only by visitors who read them (English
// visitors fetch none): the check counts the largest, Arabic's, so it
// holds for every visitor.
// Lowered to 324 KB when lower case came from 185 runs of our own
// (src/model/lowercase.rs) rather than core's 1,462-entry table (about
// 7 KB gzip), and the app's JavaScript was minified (about 3 KB).
// Lowered to 315 KB when the release build compiled the standard library
// for size, a panic aborting at once with no message
// (scripts/release-env.sh): no panic messages, source locations or their
// formatting code. With the Arabic catalog the first use went from
// 335,146 B (over the 324 KB ceiling after later work) to 310,558 B.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const CEILING = 315_000;
const BUDGET = 100_000;
const LOADER_BUDGET = 2_048;

const gzip = (file) => gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length;
// snippets/: JavaScript the app imports (wasm-bindgen's inline_js).
const files = readdirSync('dist', { recursive: true })
  .filter((f) => /^(interlude-|main-|boot\.js$|index\.html$|snippets\/.*\.js$)/.test(f))
  .filter((f) => !f.startsWith('interlude-later-'));
const app = files.reduce((sum, f) => sum + gzip(f), 0);
const catalogs = readdirSync('dist/locales').map((f) => [f, gzip(`locales/${f}`)]);
const [largestName, largest] = catalogs.reduce((a, b) => (b[1] > a[1] ? b : a));
const total = app + largest;
const loader = gzip('embed.js');
console.log(`first use: ${app} B gzip in English, ${total} B with the largest catalog (${largestName}) ` +
  `(ceiling ${CEILING}, budget ${BUDGET}); loader: ${loader} B gzip (budget ${LOADER_BUDGET})`);
let failed = false;
if (total > CEILING) {
  console.error(`size check: the widget's first use grew to ${total} B gzip, over the ${CEILING} B ceiling`);
  failed = true;
}
if (loader > LOADER_BUDGET) {
  console.error(`size check: embed.js is ${loader} B gzip, over its ${LOADER_BUDGET} B budget`);
  failed = true;
}
process.exit(failed ? 1 : 0);
