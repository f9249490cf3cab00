// The landing page for someone not logged in: what the service is, register or log in.
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';

export function HomePage() {
  const t = useT(m);
  return (
    <section class="card">
      <h1>{t('welcome')}</h1>
      <p>{t('welcomeText')}</p>
      <div class="row">
        <a class="button primary" href="/register">
          {t('register')}
        </a>
        <a class="button" href="/login">
          {t('login')}
        </a>
      </div>
    </section>
  );
}
