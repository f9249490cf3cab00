// Under the code field: when the SMS will leave the paced queue (from the API's estimate) and a countdown to a resend,
// counted on the page from the answer's seconds so a phone with a wrong clock still shows the right wait.

import { useEffect, useState } from 'preact/hooks';
import type { OtpQueued } from '../../api/contract/otp.ts';
import { useSubmit } from '../kit/forms.tsx';
import { digits, useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { api } from './session.ts';

/** Seconds elapsed since `since` changed, ticking once a second. */
function useSecondsSince(since: unknown): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    setElapsed(0);
    const started = performance.now();
    const timer = setInterval(() => setElapsed(Math.floor((performance.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return elapsed;
}

export function CodeWait(props: { phone: string; queued: OtpQueued; onResent: (queued: OtpQueued) => void }) {
  const t = useT(m);
  const elapsed = useSecondsSince(props.queued);
  const submit = useSubmit();
  const sendIn = Math.max(0, props.queued.sendInSeconds - elapsed);
  const resendIn = Math.max(0, props.queued.resendInSeconds - elapsed);
  const resend = () =>
    submit.run(async () => {
      props.onResent(await api.post<OtpQueued>('/identity/otp', { mobilePhone: props.phone }));
    });
  return (
    <div class="code-wait" aria-live="polite">
      <p>{sendIn > 0 ? t('codeSendsIn', { seconds: digits(sendIn) }) : t('codeOnItsWay')}</p>
      {resendIn > 0 ? (
        <p class="hint">{t('resendIn', { seconds: digits(resendIn) })}</p>
      ) : (
        <button type="button" onClick={resend} disabled={submit.busy}>
          {t('resendCode')}
        </button>
      )}
      {submit.message && <p class="form-message">{submit.message}</p>}
    </div>
  );
}
