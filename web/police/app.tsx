// The police checkpoint app: sign in, then scan or type a pass and read the verdict; works with no network.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../kit/api.ts';
import { describeError, FormMessage, RetryingNotice, TextField } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Layout } from '../kit/layout.tsx';
import { StaffSignIn } from '../kit/staff-sign-in.tsx';
import { flushChecks, queuedChecks } from './check-queue.ts';
import { checkPass, NoKeysError } from './checker.ts';
import { cachedKeys, refreshKeys } from './key-cache.ts';
import { m } from './messages.ts';
import { Scanner } from './scanner.tsx';
import { api, session } from './session.ts';
import { StatusBar } from './status-bar.tsx';
import type { Verdict } from './verdict.ts';
import { VerdictView } from './verdict-view.tsx';

const PASS_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const KEYS_REFRESH_MS = 10 * 60_000;
const QUEUE_RETRY_MS = 5_000;

/** Network state, key age and queue length, kept current: refresh keys and deliver the queue when back online. */
function useConnectivity() {
  const [online, setOnline] = useState(navigator.onLine);
  const [keysAt, setKeysAt] = useState(cachedKeys()?.fetchedAt);
  const [queued, setQueued] = useState(queuedChecks().length);
  const [delivered, setDelivered] = useState(0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    // Online means the API answered: phones (and emulators) report navigator.onLine with no traffic getting through.
    let reachable = navigator.onLine;
    const sync = async () => {
      const { keys, reached } = await refreshKeys();
      reachable = reached && navigator.onLine;
      setOnline(reachable);
      setKeysAt(keys?.fetchedAt);
      if (!reachable) return;
      const sent = await flushChecks();
      if (sent > 0) setDelivered((n) => n + sent);
      setQueued(queuedChecks().length);
    };
    const goOffline = () => {
      reachable = false;
      setOnline(false);
    };
    void sync();
    window.addEventListener('online', sync);
    window.addEventListener('offline', goOffline);
    // Phones report "online" before the network really carries traffic: retry the queue every few seconds too.
    const timer = setInterval(async () => {
      setNow(Date.now());
      if (!reachable) return sync();
      if (queuedChecks().length > 0) {
        const sent = await flushChecks();
        if (sent > 0) setDelivered((n) => n + sent);
      }
      setQueued(queuedChecks().length);
    }, QUEUE_RETRY_MS);
    const keysTimer = setInterval(sync, KEYS_REFRESH_MS);
    return () => {
      window.removeEventListener('online', sync);
      window.removeEventListener('offline', goOffline);
      clearInterval(timer);
      clearInterval(keysTimer);
    };
  }, []);
  const afterCheck = () => {
    setQueued(queuedChecks().length);
    setNow(Date.now());
  };
  return { online, keysAt, queued, delivered, now, afterCheck };
}

function Checkpoint() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const net = useConnectivity();
  const [scanning, setScanning] = useState(false);
  const [verdict, setVerdict] = useState<Verdict>();
  const [passId, setPassId] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (input: { qr: string } | { passId: string }) => {
    setBusy(true);
    setMessage('');
    try {
      setVerdict(await checkPass(input));
    } catch (error) {
      if (error instanceof NoKeysError) setMessage(t('noKeys'));
      else if (error instanceof ApiError && error.status === 400)
        // In the page's language, at the field when the API named it (describeError translates both).
        setFieldError(describeError(error, tk).fields.passId ?? describeError(error, tk).text);
      else setMessage(describeError(error, tk).text);
    } finally {
      setBusy(false);
      net.afterCheck();
    }
  };
  const onType = (event: Event) => {
    event.preventDefault();
    const id = passId.trim().toUpperCase();
    if (!PASS_ID.test(id)) return setFieldError(t('passIdInvalid'));
    setFieldError('');
    return run({ passId: id });
  };

  const next = () => {
    setVerdict(undefined);
    setPassId('');
  };
  if (verdict) return <VerdictView verdict={verdict} onNext={next} />;
  return (
    <>
      <StatusBar online={net.online} keysAt={net.keysAt} queued={net.queued} now={net.now} />
      {net.delivered > 0 && <p class="notice">{t('delivered', { n: net.delivered })}</p>}
      <RetryingNotice api={api} />
      <FormMessage>{message}</FormMessage>
      {busy && <p aria-busy="true">{t('checking')}</p>}
      {scanning ? (
        <Scanner
          onCode={(qr) => {
            setScanning(false);
            void run({ qr });
          }}
          onCancel={() => setScanning(false)}
        />
      ) : (
        <button type="button" class="primary scan-button" onClick={() => setScanning(true)} disabled={busy}>
          {t('scan')}
        </button>
      )}
      <form class="card type-id" onSubmit={onType} noValidate>
        <h2>{t('orType')}</h2>
        <TextField
          name="passId"
          label={t('passId')}
          hint={t('passIdHint')}
          autoComplete="off"
          maxLength={26}
          value={passId}
          onValue={setPassId}
          error={fieldError}
        />
        <button type="submit" class="wide" disabled={busy}>
          {t('check')}
        </button>
      </form>
    </>
  );
}

export function App() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const [staff, setStaff] = useState(session.current());
  const signOut = () => {
    session.signOut();
    setStaff(undefined);
  };
  return (
    <Layout
      title={t('title')}
      actions={
        staff && (
          <button type="button" onClick={signOut}>
            {tk('signOut')}
          </button>
        )
      }
    >
      {staff ? <Checkpoint /> : <StaffSignIn session={session} onSignedIn={setStaff} />}
    </Layout>
  );
}
