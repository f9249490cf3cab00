// Bulk import: paste or pick a CSV, check it (a dry run listing each bad row), fix it, then import it.
import { useState } from 'preact/hooks';
import { splitCsv } from '../../api/csv/parse.ts';
import { ApiError } from '../kit/api.ts';
import { describeError } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { m } from './messages.ts';
import { api } from './session.ts';

interface Counts {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
}
interface Imported extends Counts {
  created: { username: string; initialPassword: string }[];
  notWritten: { line: number; username: string }[];
}
type Problem = { line: string; field: string; message: string };

/** Rows per request when importing a checked file. */
const CHUNK_ROWS = 500;

/** "lines.5.districts" → line 5, field districts. */
const toProblem = ({ path, message }: { path: string; message: string }): Problem => {
  const [, line = '', field = ''] = path.split('.');
  return { line, field, message };
};

export function ImportPage() {
  const t = useT(m);
  const kt = useT(kitMessages);
  const [csv, setCsv] = useState('username,name,role,districts\n');
  const [checked, setChecked] = useState<string | null>(null);
  const [preview, setPreview] = useState<Counts | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<Imported | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const send = async <T,>(dryRun: boolean, body = csv): Promise<T | undefined> => {
    setBusy(true);
    setMessage('');
    setProblems([]);
    try {
      return await api.postText<T>(`/staff-accounts/import${dryRun ? '?dryRun=true' : ''}`, body, 'text/csv');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.length > 0)
        setProblems(error.details.map(toProblem));
      else setMessage(describeError(error, kt).text);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const check = async () => {
    setResult(null);
    setPreview(null);
    const counts = await send<Counts>(true);
    if (counts) {
      setPreview(counts);
      setChecked(csv);
    }
  };
  /**
   * The whole file was checked (dry run) before this; it is sent in parts of CHUNK_ROWS rows so each answer comes
   * well within the 30 s proxy timeout, and the one-time passwords of every part are shown together.
   */
  const commit = async () => {
    const total: Imported = { rows: 0, create: 0, update: 0, unchanged: 0, created: [], notWritten: [] };
    // Cut by the API's own CSV parser, between records only (a quoted field with line breaks stays whole).
    for (const part of splitCsv(csv, CHUNK_ROWS)) {
      const imported = await send<Imported>(false, part);
      if (!imported) break;
      total.rows += imported.rows;
      total.create += imported.create;
      total.update += imported.update;
      total.unchanged += imported.unchanged;
      total.created.push(...imported.created);
      total.notWritten.push(...imported.notWritten);
    }
    setResult(total);
    setPreview(null);
    setChecked(null);
  };
  const pick = async (file: File | undefined) => {
    if (file) setCsv(await file.text());
  };

  return (
    <section class="card">
      <h1>{t('import')}</h1>
      <div class="field">
        <label for="csv-file">{t('csvFile')}</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => pick(e.currentTarget.files?.[0])}
        />
      </div>
      <div class="field">
        <label for="csv-text">{t('csvText')}</label>
        <textarea
          id="csv-text"
          rows={10}
          spellcheck={false}
          aria-describedby="csv-hint"
          value={csv}
          onInput={(e) => setCsv(e.currentTarget.value)}
        />
        <p class="hint" id="csv-hint">
          {t('csvHint')}
        </p>
      </div>
      <div class="row">
        <button type="button" class="button" disabled={busy} onClick={check}>
          {t('check')}
        </button>
        <button type="button" class="button primary" disabled={busy || checked !== csv} onClick={commit}>
          {t('importNow')}
        </button>
      </div>
      {message && (
        <p class="form-message" role="alert">
          {message}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert">
          <p class="form-message">{t('rowsBad', { n: problems.length })}</p>
          <table class="data problems">
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.line}.${p.field}`}>
                  <td>{p.line}</td>
                  <td>{p.field}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview && checked === csv && (
        <p class="notice" role="status">
          {t('preview', {
            rows: preview.rows,
            create: preview.create,
            update: preview.update,
            unchanged: preview.unchanged,
          })}
        </p>
      )}
      {result && (
        <div role="status">
          <p class="notice">
            {t('imported', {
              rows: result.rows,
              create: result.create,
              update: result.update,
              unchanged: result.unchanged,
            })}
          </p>
          {result.notWritten.length > 0 && (
            <p class="form-message">
              {t('notWritten', { list: result.notWritten.map((r) => r.username).join(', ') })}
            </p>
          )}
          {result.created.length > 0 && (
            <table class="data">
              <caption>{t('passwordsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('username')}</th>
                  <th scope="col">{t('password')}</th>
                </tr>
              </thead>
              <tbody>
                {result.created.map((c) => (
                  <tr key={c.username}>
                    <td>{c.username}</td>
                    <td>
                      <code>{c.initialPassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
