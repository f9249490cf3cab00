// Pure parts of the citizen site in the field: the status a kept pass shows, the kept store per session, the
// first screen's injection into the HTML, the service worker's source, the inline stylesheet and its CSP hash.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheControlFor } from '../../regions/edge/web-static.ts';
import { keep, kept, tokenSubject } from '../../web/citizen/kept.ts';
import { shownStatus } from '../../web/citizen/pass-status.ts';
import { CONTENT_SECURITY_POLICY } from '../../web/content-security-policy.ts';
import { citizenServiceWorker } from '../../web/tools/citizen-sw.ts';
import { citizenInlineCss, styleHashSource } from '../../web/tools/inline-css.ts';
import { withFirstScreen } from '../../web/tools/prerender-citizen.tsx';

const jwt = (claims: Record<string, unknown>) =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('a kept pass', () => {
  it('shows an approved pass whose end has passed as expired, whatever the kept copy says', () => {
    const endAt = '2026-12-04T10:00:00.000Z';
    expect(shownStatus({ status: 'APPROVED', endAt }, Date.parse(endAt) - 1)).toBe('APPROVED');
    expect(shownStatus({ status: 'APPROVED', endAt }, Date.parse(endAt))).toBe('EXPIRED');
    expect(shownStatus({ status: 'REVOKED', endAt }, Date.parse(endAt) + 1)).toBe('REVOKED');
  });

  describe('store', () => {
    const data = new Map<string, string>();
    beforeEach(() => {
      (globalThis as { localStorage?: unknown }).localStorage = {
        getItem: (key: string) => data.get(key) ?? null,
        setItem: (key: string, value: string) => data.set(key, value),
        removeItem: (key: string) => data.delete(key),
        key: (index: number) => [...data.keys()][index] ?? null,
        get length() {
          return data.size;
        },
      };
    });
    afterEach(() => {
      data.clear();
      delete (globalThis as { localStorage?: unknown }).localStorage;
    });

    it('keeps answers per session subject, with the time they were given, and erases them all at log out', async () => {
      const { forgetKept } = await import('../../web/citizen/kept.ts');
      const amina = tokenSubject(jwt({ sub: 'A1', exp: 1 }));
      const karim = tokenSubject(jwt({ sub: 'K2' }));
      expect(amina).toBe('A1');
      expect(tokenSubject('not a token')).toBeUndefined();
      expect(tokenSubject(null)).toBeUndefined();
      keep(amina, 'passes', { n: 1 }, 1000);
      keep(karim, 'passes', { n: 2 }, 2000);
      keep(undefined, 'passes', { n: 3 });
      expect(kept(amina, 'passes')).toEqual({ value: { n: 1 }, savedAt: 1000 });
      expect(kept(karim, 'passes')).toEqual({ value: { n: 2 }, savedAt: 2000 });
      expect(kept(undefined, 'passes')).toBeUndefined();
      data.set('mp.lang', 'bn');
      await forgetKept();
      expect([...data.keys()]).toEqual(['mp.lang']);
    });
  });
});

describe('first screen in the HTML', () => {
  const html = '<html><head><title>t</title></head><body><div id="app"></div></body></html>';

  it('puts the rendered screen in the mount, marked, and the stylesheet in the head', () => {
    const out = withFirstScreen(html, '<main>hi</main>', 'a{b:c}');
    expect(out).toContain('<title>t</title>\n    <style>a{b:c}</style>');
    expect(out).toContain('<div id="app" data-prerendered="/"><main>hi</main></div>');
  });

  it('refuses HTML with no mount, or a render-blocking stylesheet link', () => {
    expect(() => withFirstScreen('<body></body>', 'x', 'y')).toThrow(/no <div id="app">/);
    const linked = html.replace('</head>', '<link rel="stylesheet" href="/assets/a.css"></head>');
    expect(() => withFirstScreen(linked, 'x', 'y')).toThrow(/links a stylesheet/);
  });

  it('allows exactly the inlined stylesheet in the CSP, and no inline style else', () => {
    const css = citizenInlineCss();
    expect(css).not.toContain('/*');
    expect(css).toContain('--brand');
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' ${styleHashSource(css)};`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(styleHashSource('a{}')).not.toBe(styleHashSource('a{ }'));
  });
});

describe('citizen service worker', () => {
  const source = citizenServiceWorker({
    files: ['/', '/assets/citizen-abc.js', '/assets/pass-page-def.js'],
    version: 'v123',
    otherEntries: ['/officer/', '/police/', '/sre/'],
  });

  it('precaches the shell under a versioned cache and drops older shells only', () => {
    expect(source).toContain("const SHELL = 'citizen-shell-v123';");
    expect(source).toContain('["/","/assets/citizen-abc.js","/assets/pass-page-def.js"]');
    expect(source).toContain("n.startsWith('citizen-shell-') && n !== SHELL");
    // Pages from the network are never stored: only an install replaces the shell (with its files).
    const page = source.slice(
      source.indexOf('async function page('),
      source.indexOf('async function reference('),
    );
    expect(page).toContain("cache.match('/')");
    expect(page).not.toContain('.put(');
    expect(source).toContain('["/officer/","/police/","/sre/"]');
  });

  it('is a script the browser can parse', () => {
    expect(() => new Function(source)).not.toThrow();
  });

  it('is served revalidated on every load, like the pages', () => {
    expect(cacheControlFor('sw.js')).toBe('no-cache');
    expect(cacheControlFor('/sw.js')).toBe('no-cache');
  });
});
