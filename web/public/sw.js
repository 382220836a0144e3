// taperlab's service worker: keeps the app shell (the page, its scripts and styles, the icons) so
// that the app opens without a connection. It never touches the API or the calendar feeds: what a
// person logged or is shown is health data, and it stays out of the shared Cache Storage. Offline
// data (the last Today, check-ins waiting to be sent) is kept by the app itself (src/offline/).
//
// Plain JavaScript served as it is from web/public (Vite copies it to the root of dist), so that
// its scope is the whole app.

const SHELL = 'taperlab-shell-v1';

// What the page links to: the hashed scripts and styles Vite wrote into index.html, the manifest
// and the icons. Read from the page itself, so no build step has to list them.
function shellUrls(html) {
  const urls = new Set(['./', './manifest.json', './icon.svg', './icon-192.png', './icon-512.png']);
  for (const match of html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)) urls.add(match[1]);
  return [...urls];
}

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('./', { cache: 'no-store' });
  if (!page.ok) throw new Error(`the app page answered ${page.status}`);
  const html = await page.clone().text();
  await cache.put('./', page);
  await cache.addAll(shellUrls(html).filter((u) => u !== './'));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function isPrivate(url) {
  const scope = new URL(self.registration.scope);
  const path = url.pathname.slice(scope.pathname.length - 1);
  return path.startsWith('/api/') || path.startsWith('/cal/');
}

// The page: from the network when there is one (a new version of the app is picked up at once),
// else the copy kept. Everything else of the shell: kept copies first (their names change with
// their content), fetched and kept when new.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isPrivate(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const fresh = await fetch(request);
          if (fresh.ok) {
            const cache = await caches.open(SHELL);
            await cache.put('./', fresh.clone());
          }
          return fresh;
        } catch {
          const kept = await caches.match('./');
          return kept ?? Response.error();
        }
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const kept = await caches.match(request);
      if (kept) return kept;
      const fresh = await fetch(request);
      if (fresh.ok && fresh.type === 'basic') {
        const cache = await caches.open(SHELL);
        await cache.put(request, fresh.clone());
      }
      return fresh;
    })(),
  );
});
