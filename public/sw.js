// PressDesk portal service worker. The app shell is cached at install; portal pages are
// fetched from the network first and the last copy is kept for offline viewing. The data
// cache belongs to whoever is signed in: sign-in and sign-out clear it (Clear-Site-Data,
// and the "clear" message from portal.js), so one customer never sees another's orders.
const SHELL = 'pd-shell-v1';
const DATA = 'pd-data-v1';
const SHELL_FILES = ['/portal.css', '/portal.js', '/portal-offline.html', '/icons/icon-192.png', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'clear') {
    event.waitUntil(caches.delete(DATA));
  }
});

function cacheable(url) {
  return url.pathname === '/portal/orders' || /^\/portal\/orders\/\d+$/.test(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
    return;
  }
  if (req.mode === 'navigate' && url.pathname.startsWith('/portal')) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          // Only a signed-in, successful page is kept (a redirect to sign-in is not).
          if (res.ok && !res.redirected && cacheable(url)) {
            const copy = res.clone();
            caches.open(DATA).then((c) => c.put(req, copy));
          }
          return res;
        })
        .catch(() =>
          caches.open(DATA)
            .then((c) => c.match(req, { ignoreSearch: false }))
            .then((hit) => hit || caches.match('/portal-offline.html')),
        ),
    );
  }
});
