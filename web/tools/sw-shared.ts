// Service-worker source both PWAs share: install the precache all or nothing, drop older builds' caches on
// activate, and the helpers that let a cached copy answer a slow network, marked x-mp-cached.

/** `cache` is the name of the constant holding this build's cache name; `prefix` marks the caches it replaces. */
export function swShellLifecycle(cache: string, prefix: string): string {
  return `self.addEventListener('install', (event) => {
  // All or nothing: a shell missing one file is never installed.
  event.waitUntil(caches.open(${cache}).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('${prefix}') && n !== ${cache}).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});
// A weak signal must not hold the page hostage: after a few seconds the cached copy answers, marked x-mp-cached
// so the page knows the network did not (navigator.onLine alone is not to be trusted).
const late = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
const marked = (hit) => {
  const headers = new Headers(hit.headers);
  headers.set('x-mp-cached', '1');
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
};`;
}
