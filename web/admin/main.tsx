// Admin entry: mounts the staff administration page; the document's language follows the remembered toggle.
import { render } from 'preact';
import '../kit/base.css';
import './admin.css';
import { getLang } from '../kit/i18n.ts';
import { App } from './app.tsx';

document.documentElement.lang = getLang();
render(<App />, document.getElementById('app') as HTMLElement);
