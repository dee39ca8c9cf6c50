// Serves Interlude on two loopback origins, as a clinic deploys it:
//   clinic origin  http://127.0.0.1:<clinicPort>  (also http://localhost:<clinicPort>,
//                  a different *site*, for the cross-site test) — the demo/ pages
//   widget origin  http://127.0.0.1:<widgetPort>  — the built dist/, with the
//                  security headers a clinic's widget host should send.
// No dependencies. Used by scripts/demo.sh, the end-to-end tests and the benchmark.
//
// CLI: node scripts/serve.mjs [--dist dist] [--demo demo] [--clinic-port 8080] [--widget-port 8081]
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers the widget origin sends (README "Headers for the widget origin"). */
export function widgetHeaders(frameAncestors) {
  return {
    'Content-Security-Policy': [
      "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
      "img-src 'self' data:", "connect-src 'self'", "manifest-src 'self'", "worker-src 'self'", "frame-src 'self'",
      "base-uri 'none'", "form-action 'none'", `frame-ancestors 'self' ${frameAncestors.join(' ')}`,
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/** Resolves a URL path inside root, or null if it would leave it. */
function fileFor(root, urlPath) {
  let path;
  try { path = decodeURIComponent(urlPath.split('?')[0]); } catch { return null; }
  if (path.endsWith('/')) path += 'index.html';
  const full = resolve(root, '.' + path);
  return full === root || full.startsWith(root + sep) ? full : null;
}

function handler(root, headersFor, transform, pages = new Map()) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const page = pages.get((req.url || '/').split('?')[0]);
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : transform(page, req));
      return;
    }
    const file = fileFor(root, req.url || '/');
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      if (transform && extname(file) === '.html') body = Buffer.from(transform(body.toString('utf8'), req));
      // Content-hashed names never change content: cache them for good, so
      // the service worker's precache finds them in the HTTP cache instead
      // of downloading them again. Everything else is revalidated.
      const cache = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, ...headersFor(req) });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headersFor(req) }).end('Not found\n');
    }
  };
}

function listen(server, port, host) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => { server.off('error', fail); ok(server.address().port); });
  });
}

/**
 * Starts both servers. Port 0 picks free ports. `clinicPages` is a Map of
 * path -> HTML served on the clinic origin before demo/ files; tests use it
 * to vary the script tag while keeping the page on a real loopback origin.
 * @returns {Promise<{clinicOrigin: string, crossSiteClinicOrigin: string, widgetOrigin: string, clinicPages: Map<string, string>, close: () => Promise<void>}>}
 */
export async function startServers({ dist = 'dist', demo = 'demo', clinicPort = 0, widgetPort = 0, clinicPages = new Map() } = {}) {
  const servers = [];
  const widget = createServer();
  servers.push(widget);
  const realWidgetPort = await listen(widget, widgetPort, '127.0.0.1');
  const widgetOrigin = `http://127.0.0.1:${realWidgetPort}`;

  const clinic = createServer();
  servers.push(clinic);
  const realClinicPort = await listen(clinic, clinicPort, '127.0.0.1');
  // localhost may resolve to ::1; serve the clinic there too when IPv6 exists.
  const clinic6 = createServer();
  try { await listen(clinic6, realClinicPort, '::1'); servers.push(clinic6); } catch { /* no IPv6 */ }

  const clinicOrigin = `http://127.0.0.1:${realClinicPort}`;
  const crossSiteClinicOrigin = `http://localhost:${realClinicPort}`;
  const headers = widgetHeaders([clinicOrigin, crossSiteClinicOrigin]);
  // embed.js is fetched by clinic pages with integrity="…" crossorigin, which
  // needs CORS; it is public code, so any origin may read it.
  const embedHeaders = { ...headers, 'Access-Control-Allow-Origin': '*' };
  widget.on('request', handler(resolve(dist), (req) => (req.url.split('?')[0] === '/embed.js' ? embedHeaders : headers)));
  // The Subresource Integrity hash of the built loader, for the demo's tag.
  let integrity = '';
  try {
    integrity = `sha384-${createHash('sha384').update(await readFile(join(resolve(dist), 'embed.js'))).digest('base64')}`;
  } catch { /* no build yet: the demo page then fails loudly in the console */ }
  const substitute = (html, req) => html
    .replaceAll('{{WIDGET_ORIGIN}}', widgetOrigin)
    .replaceAll('{{EMBED_INTEGRITY}}', integrity)
    .replaceAll('{{CLINIC_ORIGIN}}', `http://${req.headers.host}`);
  const clinicHandler = handler(resolve(demo), () => ({}), substitute, clinicPages);
  clinic.on('request', clinicHandler);
  clinic6.on('request', clinicHandler);

  const close = () => Promise.all(servers.map((s) => new Promise((ok) => {
    s.closeAllConnections?.();
    s.close(() => ok());
  }))).then(() => {});
  return { clinicOrigin, crossSiteClinicOrigin, widgetOrigin, clinicPages, close };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const clinicPort = Number(arg('--clinic-port', 8080));
  const widgetPort = Number(arg('--widget-port', 8081));
  try {
    const s = await startServers({ dist: arg('--dist', 'dist'), demo: arg('--demo', 'demo'), clinicPort, widgetPort });
    console.log(`Demo clinic page:     ${s.clinicOrigin}/`);
    console.log(`Inline example:       ${s.clinicOrigin}/inline.html`);
    console.log(`Widget (standalone):  ${s.widgetOrigin}/`);
    console.log('Press Ctrl-C to stop.');
  } catch (e) {
    if (e.code === 'EADDRINUSE') {
      console.error(`serve: port ${e.port} is already in use. Pick others, e.g. CLINIC_PORT=9080 WIDGET_PORT=9081 scripts/demo.sh`);
    } else {
      console.error(`serve: ${e.message}`);
    }
    process.exit(1);
  }
}
