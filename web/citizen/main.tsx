// Citizen entry: hydrates the first screen the build rendered into the HTML when the visitor sees that screen (the
// home page, English, signed out), else renders the app anew; then registers the service worker (offline passes).
import { hydrate, render } from 'preact';
import { getLang } from '../kit/i18n.ts';
import { App } from './app.tsx';
import { loggedIn } from './session.ts';

// The build inlines these styles into index.html (web/tools/inline-css.ts); the dev server needs them loaded.
if (import.meta.env.DEV) {
  void import('../kit/base.css');
  void import('./citizen.css');
}

document.documentElement.lang = getLang();
const root = document.getElementById('app') as HTMLElement;
const path = location.pathname.replace(/\/+$/, '') || '/';
// Mirrors web/tools/prerender-citizen.tsx's PRERENDERED (importing it would pull the build's code in).
const same = root.getAttribute('data-prerendered') === path && getLang() === 'en' && !loggedIn();
if (same) hydrate(<App />, root);
else {
  root.textContent = '';
  render(<App />, root);
}

// Only the build emits sw.js (web/tools/citizen-pwa.ts); under the dev server the registration just fails.
// After the page has loaded: its install (precaching the shell) must not compete with the first screen.
if ('serviceWorker' in navigator && !import.meta.env.DEV) {
  const register = () => navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
