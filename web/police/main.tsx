// Police entry: mounts the checkpoint app and registers its service worker (the app then works offline).
import { render } from 'preact';
import '../kit/base.css';
import './police.css';
import { getLang } from '../kit/i18n.ts';
import { App } from './app.tsx';

document.documentElement.lang = getLang();
render(<App />, document.getElementById('app') as HTMLElement);

// Only the build emits sw.js (web/tools/police-pwa.ts); under the dev server the registration just fails.
if ('serviceWorker' in navigator)
  navigator.serviceWorker.register('/police/sw.js', { scope: '/police/' }).catch(() => undefined);
