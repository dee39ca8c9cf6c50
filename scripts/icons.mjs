// Renders the app icons (public/icons/*.png) from the drawing below, with
// headless Chromium. Run by hand when the icon changes: node scripts/icons.mjs
// (the PNGs are committed; builds do not run this).
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

// Two calm vertical bars: a pause, an interlude. Same drawing as public/icon.svg.
const icon = (size, maskable) => {
  // Maskable icons keep their content inside the central 80% safe zone.
  const scale = maskable ? 0.7 : 1;
  const offset = (64 - 64 * scale) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="${maskable ? 0 : 14}" fill="#2f5d62"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <rect x="20" y="17" width="8" height="30" rx="4" fill="#fbfaf7"/>
    <rect x="36" y="17" width="8" height="30" rx="4" fill="#fbfaf7"/>
  </g></svg>`;
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, size, maskable] of [['icon-192', 192, false], ['icon-512', 512, false], ['maskable-512', 512, true]]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${icon(size, maskable)}`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  await writeFile(`public/icons/${name}.png`, png);
  console.log(`public/icons/${name}.png`);
}
await browser.close();
