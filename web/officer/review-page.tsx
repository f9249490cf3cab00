// One pass under review: photo, masked details, trip; approve / reject / revoke with a note, then the next one opens.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ReviewedPass } from '../../api/contract/review.ts';
import { ApiError } from '../kit/api.ts';
import { describeError, FormMessage, RetryingNotice, TextAreaField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { newIdempotencyKey } from '../kit/retry-policy.ts';
import { m } from './messages.ts';
import { PassFacts } from './pass-facts.tsx';
import { api } from './session.ts';
import { nextApplication } from './work-queue.ts';

type Decision = 'APPROVED' | 'REJECTED' | 'REVOKED';

/** The decision just taken, said on the next application's page (kept in memory only: a reload drops it). */
let carried = '';

/** What an officer may still do: decide a pending pass, revoke an approved one. */
const choicesFor = (status: ReviewedPass['status']): Decision[] =>
  status === 'PENDING' ? ['APPROVED', 'REJECTED'] : status === 'APPROVED' ? ['REVOKED'] : [];

export function ReviewPage({ id }: { id: string }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const [pass, setPass] = useState<ReviewedPass>();
  const [problem, setProblem] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const submit = useSubmit();
  const { route } = useLocation();
  const shown = useRef(id);
  shown.current = id;
  const notice = useRef<HTMLParagraphElement>(null);

  // An answer for a pass no longer shown (the next one opened meanwhile) is dropped.
  const load = (asked = id) =>
    api
      .get<ReviewedPass>(`/reviews/passes/${encodeURIComponent(asked)}`)
      .then((loaded) => {
        if (shown.current !== asked) return;
        setPass(loaded);
        setProblem('');
      })
      .catch((error) => {
        if (shown.current !== asked) return;
        setProblem(
          error instanceof ApiError && error.status === 404 ? t('notFound') : describeError(error, tk).text,
        );
      });
  useEffect(() => {
    setPass(undefined);
    setDone(carried);
    carried = '';
    void load();
  }, [id]);
  // After a decision opened this pass, the keyboard starts at the notice (the buttons it was on are gone).
  useEffect(() => {
    if (pass && done) notice.current?.focus();
  }, [pass?.id, done]);

  const decide = (decision: Decision) => {
    if (!note.trim()) return submit.setErrors({ note: t('noteRequired') });
    const district = pass?.district;
    return submit.run(async () => {
      let result: { status: ReviewedPass['status'] };
      try {
        // One key per decision: a retry during a failover records it once.
        result = await api.post(
          `/passes/${id}/decisions`,
          { decision, note: note.trim() },
          { 'Idempotency-Key': newIdempotencyKey('decide') },
        );
      } catch (error) {
        await load();
        if (error instanceof ApiError && error.status === 409)
          throw new ApiError(409, error.code, t('conflict'));
        throw error;
      }
      const status = t(`status_${result.status}`);
      setNote('');
      if (decision !== 'REVOKED' && district !== undefined) {
        // The next one in this district's queue, else in the busiest other district (a failed look-up: stay here).
        const next = await nextApplication(id, district).catch(() => undefined);
        if (next) {
          carried = t('decidedNext', { status });
          route(`/officer/passes/${next}`);
          return;
        }
        setDone(t('decidedLast', { status }));
      } else setDone(t('decided', { status }));
      await load();
    });
  };

  if (problem)
    return (
      <section class="card">
        <p class="form-message" role="alert">
          {problem}
        </p>
        <a href="/officer/">{t('back')}</a>
      </section>
    );
  if (!pass) return <Loading />;
  const choices = choicesFor(pass.status);
  return (
    <section>
      <PassFacts pass={pass} />
      <div class="card no-print">
        {done && (
          <p class="notice" role="status" tabIndex={-1} ref={notice}>
            {done}
          </p>
        )}
        <RetryingNotice api={api} />
        <FormMessage>{submit.message}</FormMessage>
        {choices.length === 0 ? (
          <p>{t('nothingToDecide')}</p>
        ) : (
          <form onSubmit={(e) => e.preventDefault()} noValidate>
            <TextAreaField
              name="note"
              label={t('note')}
              hint={t('noteHint')}
              maxLength={500}
              value={note}
              onValue={(value) => {
                setNote(value);
                if (value.trim()) submit.setErrors({});
              }}
              error={submit.errors.note}
            />
            <div class="row">
              {choices.map((decision) => (
                <button
                  key={decision}
                  type="button"
                  class={decision === 'APPROVED' ? 'primary' : 'danger'}
                  disabled={submit.busy}
                  onClick={() => decide(decision)}
                >
                  {t(decision === 'APPROVED' ? 'approve' : decision === 'REJECTED' ? 'reject' : 'revoke')}
                </button>
              ))}
            </div>
          </form>
        )}
        <p>
          <a href={`/officer/?district=${pass.district}`}>{t('back')}</a>
        </p>
      </div>
    </section>
  );
}
