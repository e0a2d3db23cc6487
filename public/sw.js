// Co-sell's service worker: after one visit the whole build (HTML, JS, wasm, CSS, reference
// data) is served from one cache per deployment, so the app starts with no network and never
// mixes files of two deployments. end2end/tools/post-build.mjs fills in VERSION and FILES.
const VERSION = 'development';
const FILES = [];
const scope = () => self.registration.scope;
// One cache per deployment; deployments under other paths of this origin keep theirs.
const PREFIX = `cosell-${new URL(scope()).pathname}-`;
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, scope()), { cache: 'reload' })))),
  );
});

// The old deployment's cache goes once this one takes over.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A new deployment waits until the user chooses to reload (the page's "Reload to update").
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope())) return;
  // A Co-sell server's API (sign-in, sync, its "changed" stream, server.json) is never cached.
  const path = request.url.slice(scope().length);
  if (/^(sync|auth)\//.test(path) || path.startsWith('server.json')) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      // Every route of the app (/, /deals/<id>, …) is index.html.
      if (request.mode === 'navigate') {
        const index = await cache.match(new URL('index.html', scope()));
        if (index) return index;
      }
      return fetch(request);
    }),
  );
});
