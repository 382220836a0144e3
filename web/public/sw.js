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

// Keeps `page` and what it links to, and lets go of scripts and styles it no longer links to (an
// older build's), so the cache holds one version of the app.
async function keepShell(page) {
  const cache = await caches.open(SHELL);
  const html = await page.clone().text();
  const wanted = shellUrls(html).filter((u) => u !== './');
  for (const url of wanted) {
    if (!(await cache.match(url))) await cache.add(url);
  }
  await cache.put('./', page);
  const keep = new Set(wanted.map((u) => new URL(u, self.registration.scope).href));
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname.includes('/assets/') && !keep.has(request.url)) await cache.delete(request);
  }
}

async function cacheShell() {
  const page = await fetch('./', { cache: 'no-store' });
  if (!page.ok) throw new Error(`the app page answered ${page.status}`);
  await keepShell(page);
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
          // A new build is kept with its own scripts; the answer does not wait for that.
          if (fresh.ok) event.waitUntil(keepShell(fresh.clone()).catch(() => undefined));
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
