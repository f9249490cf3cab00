// The officer console under /officer/: sign in, the review queue, one pass with its decision buttons.

import { useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useT } from '../kit/i18n.ts';
import { Layout } from '../kit/layout.tsx';
import { StaffSignIn } from '../kit/staff-sign-in.tsx';
import { m } from './messages.ts';
import { QueuePage } from './queue-page.tsx';
import { ReviewPage } from './review-page.tsx';
import { type Staff, session } from './session.ts';

function NotFound() {
  const t = useT(m);
  return (
    <section class="card">
      <a href="/officer/">{t('back')}</a>
    </section>
  );
}

function Console() {
  const t = useT(m);
  const { route } = useLocation();
  const [staff, setStaff] = useState<Staff | undefined>(() => session.current());
  const out = () => {
    session.signOut();
    setStaff(undefined);
    route('/officer/');
  };
  const actions = staff && (
    <>
      <span class="who">{staff.username}</span>
      <button type="button" onClick={out}>
        {t('signOut')}
      </button>
    </>
  );
  let body = <StaffSignIn session={session} onSignedIn={setStaff} />;
  if (staff)
    body = (
      <Router>
        <Route path="/officer/" component={() => <QueuePage staff={staff} />} />
        <Route path="/officer" component={() => <QueuePage staff={staff} />} />
        <Route path="/officer/passes/:id" component={ReviewPage} />
        <Route default component={NotFound} />
      </Router>
    );
  return (
    <Layout title={t('title')} actions={actions}>
      {body}
    </Layout>
  );
}

export function App() {
  return (
    <LocationProvider scope="/officer">
      <Console />
    </LocationProvider>
  );
}
