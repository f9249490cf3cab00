// One pass under review: the applicant's photo and masked details, the trip, and approve / reject / revoke with a note.
import { useEffect, useState } from 'preact/hooks';
import type { ReviewedPass } from '../../api/contract/review.ts';
import { ApiError } from '../kit/api.ts';
import { describeError, FormMessage, TextAreaField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { m } from './messages.ts';
import { PassFacts } from './pass-facts.tsx';
import { api } from './session.ts';

type Decision = 'APPROVED' | 'REJECTED' | 'REVOKED';

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

  const load = () =>
    api
      .get<ReviewedPass>(`/reviews/passes/${encodeURIComponent(id)}`)
      .then((loaded) => {
        setPass(loaded);
        setProblem('');
      })
      .catch((error) =>
        setProblem(
          error instanceof ApiError && error.status === 404 ? t('notFound') : describeError(error, tk).text,
        ),
      );
  useEffect(() => {
    setPass(undefined);
    setDone('');
    void load();
  }, [id]);

  const decide = (decision: Decision) => {
    if (!note.trim()) return submit.setErrors({ note: t('noteRequired') });
    return submit.run(async () => {
      try {
        const result = await api.post<{ status: ReviewedPass['status'] }>(`/passes/${id}/decisions`, {
          decision,
          note: note.trim(),
        });
        setDone(t('decided', { status: t(`status_${result.status}`) }));
        setNote('');
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          await load();
          throw new ApiError(409, error.code, t('conflict'));
        }
        throw error;
      } finally {
        await load();
      }
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
          <p class="notice" role="status">
            {done}
          </p>
        )}
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
          <a href="/officer/">{t('back')}</a>
        </p>
      </div>
    </section>
  );
}
