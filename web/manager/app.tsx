// The manager page under /manager/: sign in (manager or admin), then the dashboard (the numbers of the chosen days)
// or, under /manager/questions, the named questions of the event lake (a chunk loaded when first opened).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Layout } from '../kit/layout.tsx';
import { StaffSignIn } from '../kit/staff-sign-in.tsx';
import { Dashboard } from './dashboard.tsx';
import { m } from './messages.ts';
import { session } from './session.ts';

const QUESTIONS_PATH = '/manager/questions';

function Tabs() {
  const t = useT(m);
  const { path } = useLocation();
  const tabs = [
    ['/manager/', t('navDashboard')],
    [QUESTIONS_PATH, t('navQuestions')],
  ] as const;
  return (
    <nav class="tabs no-print" aria-label={t('title')}>
      {tabs.map(([href, text]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {text}
        </a>
      ))}
    </nav>
  );
}

/** The questions view's chunk, fetched on first use (keeps it out of the page's up-front budget). */
function Questions() {
  const t = useT(m);
  const [View, setView] = useState<ComponentType>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./questions-view.tsx')
      .then((module) => setView(() => module.QuestionsView))
      .catch(() => setFailed(true));
  }, []);
  if (View) return <View />;
  return failed ? (
    <p class="form-message" role="alert">
      {t('viewFailed')}
    </p>
  ) : (
    <p aria-live="polite">{t('loadingView')}</p>
  );
}

function Shell() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const [staff, setStaff] = useState(session.current());
  return (
    <Layout
      title={t('title')}
      actions={
        staff && (
          <button
            type="button"
            onClick={() => {
              session.signOut();
              setStaff(undefined);
            }}
          >
            {tk('signOut')}
          </button>
        )
      }
    >
      {staff ? (
        <>
          <Tabs />
          <Router>
            <Route path="/manager/" component={Dashboard} />
            <Route path={QUESTIONS_PATH} component={Questions} />
            <Route default component={Dashboard} />
          </Router>
        </>
      ) : (
        <StaffSignIn session={session} onSignedIn={setStaff} />
      )}
    </Layout>
  );
}

export function App() {
  return (
    <LocationProvider scope="/manager">
      <Shell />
    </LocationProvider>
  );
}
