// Interlude service worker: makes the widget work offline once loaded.
//
// scripts/precache.mjs writes this file into the build with BUILD (a hash of
// every built file) and FILES (their actual, hashed names) filled in, so the
// list is never maintained by hand and every deploy changes this file.
//
// Updates: a new version installs alongside the old one and WAITS; the page
// keeps running on the old cache and offers "A new version is ready". The
// visitor's choice (a 'skip-waiting' message), or closing every Interlude
// tab, activates it; then older caches are deleted.
//
// It only ever answers requests for its own origin from its own cache. It
// sends nothing anywhere.
const BUILD = '__INTERLUDE_BUILD__';
const FILES = __INTERLUDE_FILES__;
const PREFIX = 'interlude-';
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const m = event.data;
  if (m && m.interlude === 1 && m.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // A request that asks for no cache at all (the snippet builder's "Check
  // my deployment", reading what the host sends now) goes to the host.
  if (request.cache === 'no-store') return;
  // Every page of the app is index.html (configuration is in the #fragment).
  const key = request.mode === 'navigate' ? new URL('index.html', self.registration.scope).href : request;
  // A clinic's content pack (a .json file next to the widget, not part of
  // the build): the network first, so edits show up, and the last copy
  // when offline.
  if (url.pathname.endsWith('.json') && request.mode !== 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch (offline) {
        return (await cache.match(request)) || Response.error();
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(key, { cacheName: CACHE, ignoreSearch: true });
    return cached || fetch(request);
  })());
});
