// The web build at the edge as CloudFront serves it: hashed assets cached for a year, HTML never cached,
// and a client-side route (a path without a file extension) answered with the HTML of the entry that owns it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { CONTENT_SECURITY_POLICY } from '../../web/content-security-policy.ts';
import { entryForPath, entryHtml, isFilePath } from '../../web/entries.ts';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** Cache-Control for a served file: hashed assets (under /assets/) forever, everything else revalidated. */
export const cacheControlFor = (path: string): string => (/(^|\/)assets\//.test(path) ? IMMUTABLE : NO_CACHE);

export const hasWebBuild = (webDir: string | undefined): webDir is string =>
  !!webDir && existsSync(join(webDir, 'index.html'));

export function mountWeb(app: Hono, webDir: string): void {
  const onFound = (path: string, c: Context) => {
    c.header('Cache-Control', cacheControlFor(path));
    // As CloudFront's response headers policy sends it on everything the web bucket serves.
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  };
  app.use('/*', serveStatic({ root: webDir, onFound }));
  app.get('/*', async (c, next) => {
    const { pathname } = new URL(c.req.url);
    if (isFilePath(pathname)) return next();
    const html = entryHtml(entryForPath(pathname));
    if (!existsSync(join(webDir, html))) return next();
    return serveStatic({ root: webDir, path: html, onFound })(c, next);
  });
}
