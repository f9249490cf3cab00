// The citizen site: routes, the header (language toggle, log out), and the logged-in guard.

import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useT } from '../kit/i18n.ts';
import { Layout } from '../kit/layout.tsx';
import { HomePage } from './home-page.tsx';
import { lazyPage } from './lazy-page.ts';
import { LoginPage } from './login-page.tsx';
import { m } from './messages.ts';
import { logout as endSession, loggedIn } from './session.ts';

// The first screens (home, log in) come with the entry; the others load when opened (the service worker
// precaches them all, so they open offline too), which keeps the first screen's script small.
const RegisterPage = lazyPage(() => import('./register-page.tsx').then((module) => module.RegisterPage));
const ApplyPage = lazyPage(() => import('./apply-page.tsx').then((module) => module.ApplyPage));
const PassesPage = lazyPage(() => import('./passes-page.tsx').then((module) => module.PassesPage));
const PassPage = lazyPage(() => import('./pass-page.tsx').then((module) => module.PassPage));

/** Pages that need a token send a visitor without one to the login page. */
function Guarded({
  page: Page,
  ...props
}: {
  page: (props: { id: string }) => preact.JSX.Element;
  id?: string;
}) {
  const { route } = useLocation();
  const ok = loggedIn();
  useEffect(() => {
    if (!ok) route('/login', true);
  }, [ok]);
  return ok ? <Page id={props.id ?? ''} /> : null;
}

function NotFound() {
  const t = useT(m);
  return (
    <section class="card">
      <p>{t('pageNotFound')}</p>
      <a href="/">{t('home')}</a>
    </section>
  );
}

function Shell() {
  const t = useT(m);
  const { route, path } = useLocation();
  const signedIn = loggedIn();
  const logout = () => {
    void endSession();
    route('/');
  };
  return (
    <Layout
      title={t('title')}
      actions={
        signedIn ? (
          <>
            {path !== '/passes' && <a href="/passes">{t('myPasses')}</a>}
            <button type="button" onClick={logout}>
              {t('logout')}
            </button>
          </>
        ) : (
          path !== '/login' && <a href="/login">{t('login')}</a>
        )
      }
    >
      <ErrorBoundary>
        <Router>
          <Route path="/" component={signedIn ? () => <Guarded page={PassesPage} /> : HomePage} />
          <Route path="/register" component={RegisterPage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/apply" component={() => <Guarded page={ApplyPage} />} />
          <Route path="/passes" component={() => <Guarded page={PassesPage} />} />
          <Route
            path="/passes/:id"
            component={({ id }: { id: string }) => <Guarded page={PassPage} id={id} />}
          />
          <Route default component={NotFound} />
        </Router>
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
