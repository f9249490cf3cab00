// The admin page under /admin/: sign-in gate, then accounts, bulk import and the audit trail.
import { useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useT } from '../kit/i18n.ts';
import { Layout } from '../kit/layout.tsx';
import { AccountsPage } from './accounts-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { ImportPage } from './import-page.tsx';
import { m } from './messages.ts';
import { api, signedIn } from './session.ts';
import { SignIn } from './sign-in.tsx';

function Tabs() {
  const t = useT(m);
  const { path } = useLocation();
  const tabs = [
    ['/admin/', t('accounts')],
    ['/admin/import', t('import')],
    ['/admin/audit', t('audit')],
  ] as const;
  return (
    <nav class="tabs" aria-label={t('title')}>
      {tabs.map(([href, label]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

function Shell() {
  const t = useT(m);
  const [, refresh] = useState(0);
  const ok = signedIn();
  const signOut = () => {
    api.clearToken();
    refresh((n) => n + 1);
  };
  return (
    <Layout
      title={t('title')}
      actions={
        ok ? (
          <button type="button" onClick={signOut}>
            {t('signOut')}
          </button>
        ) : null
      }
    >
      {ok ? (
        <>
          <Tabs />
          <Router>
            <Route path="/admin/" component={AccountsPage} />
            <Route path="/admin/import" component={ImportPage} />
            <Route path="/admin/audit" component={AuditPage} />
            <Route default component={AccountsPage} />
          </Router>
        </>
      ) : (
        <SignIn onSignedIn={() => refresh((n) => n + 1)} />
      )}
    </Layout>
  );
}

export function App() {
  return (
    <LocationProvider scope="/admin">
      <Shell />
    </LocationProvider>
  );
}
