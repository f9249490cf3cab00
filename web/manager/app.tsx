// The manager dashboard under /manager/: sign in (manager or admin), then the numbers of the chosen days.
import { useState } from 'preact/hooks';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Layout } from '../kit/layout.tsx';
import { StaffSignIn } from '../kit/staff-sign-in.tsx';
import { Dashboard } from './dashboard.tsx';
import { m } from './messages.ts';
import { session } from './session.ts';

export function App() {
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
      {staff ? <Dashboard /> : <StaffSignIn session={session} onSignedIn={setStaff} />}
    </Layout>
  );
}
