// Page frame shared by every role: skip link, header with the title, language toggle and actions, main region.
import type { ComponentChildren } from 'preact';
import { setLang, useLang, useT } from './i18n.ts';
import { kitMessages } from './kit-messages.ts';

export function LanguageToggle() {
  const lang = useLang();
  const t = useT(kitMessages);
  return (
    <button
      type="button"
      class="lang-toggle"
      lang={lang === 'en' ? 'bn' : 'en'}
      aria-label={t('switchToLabel')}
      onClick={() => setLang(lang === 'en' ? 'bn' : 'en')}
    >
      {t('switchTo')}
    </button>
  );
}

export function Layout(props: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  const t = useT(kitMessages);
  return (
    <>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <span class="brand">{props.title}</span>
        <nav class="actions">
          {props.actions}
          <LanguageToggle />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

export function Loading() {
  const t = useT(kitMessages);
  return (
    <p class="muted" aria-busy="true">
      {t('loading')}
    </p>
  );
}
