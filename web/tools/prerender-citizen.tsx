// Run by the web build (`node --import tsx prerender-citizen.tsx DIST`): renders the citizen site's first screen
// (the home page a new visitor lands on, in English) into dist/index.html with the same components the page then
// hydrates, and inlines its stylesheet, so the first usable control arrives with the HTML itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderToString } from 'preact-render-to-string';
import { citizenInlineCss } from './inline-css.ts';

/** What the HTML was rendered for; main.tsx hydrates only when the visitor sees the same (else it renders anew). */
export const PRERENDERED = { path: '/', lang: 'en', signedIn: false } as const;
export const PRERENDER_ATTRIBUTE = 'data-prerendered';

async function firstScreen(): Promise<string> {
  // preact-iso reads the address from `location`; the build has none.
  const g = globalThis as { location?: unknown };
  g.location = {
    pathname: PRERENDERED.path,
    search: '',
    origin: 'http://localhost',
    href: 'http://localhost/',
  };
  try {
    const { App } = await import('../citizen/app.tsx');
    return renderToString(<App />);
  } finally {
    delete g.location;
  }
}

export function withFirstScreen(html: string, body: string, css: string): string {
  const mount = '<div id="app"></div>';
  if (!html.includes(mount)) throw new Error(`prerender: no ${mount} in the citizen HTML`);
  if (/<link[^>]+rel="stylesheet"/.test(html))
    throw new Error(
      'prerender: the citizen HTML links a stylesheet (it must stay inline: import no CSS in main.tsx)',
    );
  return html
    .replace('</title>', `</title>\n    <style>${css}</style>`)
    .replace(mount, `<div id="app" ${PRERENDER_ATTRIBUTE}="${PRERENDERED.path}">${body}</div>`);
}

const dist = process.argv[2];
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && dist) {
  const file = join(dist, 'index.html');
  writeFileSync(file, withFirstScreen(readFileSync(file, 'utf8'), await firstScreen(), citizenInlineCss()));
}
