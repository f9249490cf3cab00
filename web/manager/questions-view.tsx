// The "Questions" view (a lazy chunk of the manager page): pick a named question, fill in its parameters, run it
// (polling while Athena works), see a table and a bar chart, download the API's CSV.
import { useEffect, useState } from 'preact/hooks';
import type { QuestionList } from '../../api/contract/queries.ts';
import { describeError, FormMessage, SelectField, TextField } from '../kit/forms.tsx';
import { formatNumber, type Lang, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { type Reference, useReference } from '../kit/reference.ts';
import { BarChart } from './bar-chart.tsx';
import { questionCsvName } from './csv-filename.ts';
import { DESCRIPTIONS_BN, qm, TITLES_BN } from './question-messages.ts';
import { initialValues, paramProblems, paramValues } from './question-params.ts';
import { MAX_BARS, type QuestionInfo, questionSeries } from './question-series.ts';
import { type DoneRun, runQuestion, StillRunningError } from './run-question.ts';
import { fetchQuestionCsv, saveText } from './save-file.ts';
import { session } from './session.ts';

type Cell = DoneRun['rows'][number][number];
type Asked = { question: string; params: Record<string, number>; runId?: string | undefined };

const titleOf = (q: QuestionInfo, lang: Lang) => (lang === 'bn' && TITLES_BN[q.name]) || q.title;
const descriptionOf = (q: QuestionInfo, lang: Lang) =>
  (lang === 'bn' && DESCRIPTIONS_BN[q.name]) || q.description;

/** A cell as shown: a district by its name, numbers in the page's digits, empty for null. */
function cellText(column: string, value: Cell, reference: Reference | undefined, lang: Lang): string {
  if (value === null) return '';
  if (column === 'district' && typeof value === 'number') {
    const district = reference?.districts.find((d) => d.id === value);
    return district ? label(district, lang) : String(value);
  }
  return typeof value === 'number' ? formatNumber(value, lang) : String(value);
}

/** Columns of numbers (aligned right), but not districts: those are shown by name. */
const numericColumns = (run: DoneRun) =>
  new Set(
    run.columns.filter(
      (column, i) => column !== 'district' && run.rows.some((row) => typeof row[i] === 'number'),
    ),
  );

export function QuestionsView() {
  const t = useT(qm);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const [list, setList] = useState<QuestionList>();
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const [apiFields, setApiFields] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<'idle' | 'asking' | 'running'>('idle');
  const [polls, setPolls] = useState(0);
  const [message, setMessage] = useState('');
  const [answer, setAnswer] = useState<{ run: DoneRun; asked: Asked }>();

  const question = list?.questions.find((q) => q.name === name);
  const choose = (q: QuestionInfo | undefined) => {
    if (!q) return;
    setName(q.name);
    setValues(initialValues(q.params));
    setChecked(false);
    setApiFields({});
  };
  useEffect(() => {
    session.api
      .get<QuestionList>('/queries')
      .then((body) => {
        setList(body);
        choose(body.questions[0]);
      })
      .catch((error) => setMessage(describeError(error, tk).text));
  }, []);

  const problems = question ? paramProblems(question.params, values) : {};
  const problemText = (param: QuestionInfo['params'][number]) => {
    const problem = problems[param.name];
    if (checked && problem)
      return problem === 'range' ? t('range', { min: param.min ?? 0, max: param.max ?? 0 }) : t(problem);
    return apiFields[`params.${param.name}`];
  };

  const ask = async (event: Event) => {
    event.preventDefault();
    if (!question || phase !== 'idle') return;
    setChecked(true);
    if (Object.keys(problems).length > 0) return;
    const params = paramValues(question.params, values);
    setPhase('asking');
    setMessage('');
    setApiFields({});
    try {
      const run = await runQuestion(session.api, question.name, params, {
        onRunning: (_runId, seen) => {
          setPhase('running');
          setPolls(seen);
        },
      });
      setAnswer({ run, asked: { question: question.name, params, runId: run.runId } });
    } catch (error) {
      if (error instanceof StillRunningError) setMessage(t('stillRunning'));
      else {
        const { fields, text } = describeError(error, tk);
        setApiFields(fields);
        setMessage(text);
      }
    } finally {
      setPhase('idle');
    }
  };

  const download = async () => {
    if (!answer) return;
    setMessage('');
    try {
      const csv = await fetchQuestionCsv(session.api.token(), answer.asked);
      saveText(questionCsvName(answer.asked.question, answer.asked.params, Date.now()), csv);
    } catch (error) {
      setMessage(describeError(error, tk).text);
    }
  };

  const answered = answer && list?.questions.find((q) => q.name === answer.asked.question);
  const chart =
    answer && answered
      ? questionSeries({ ...answered, title: titleOf(answered, lang) }, answer.run, (column, value) =>
          cellText(column, value, reference, lang),
        )
      : undefined;
  const numeric = answer ? numericColumns(answer.run) : new Set<string>();
  const districtOptions = (reference?.districts ?? []).map((d) => ({
    value: String(d.id),
    label: label(d, lang),
  }));

  return (
    <>
      <form class="card questions no-print" onSubmit={ask} noValidate>
        <h2>{t('heading')}</h2>
        {list && (
          <p class="muted">{t('intro', { engine: list.engine === 'athena' ? 'Athena' : 'DuckDB' })}</p>
        )}
        {!list && !message && <p aria-live="polite">{t('loading')}</p>}
        {list && (
          <>
            <SelectField
              name="question"
              label={t('question')}
              value={name}
              onValue={(next) => choose(list.questions.find((q) => q.name === next))}
              options={list.questions.map((q) => ({ value: q.name, label: titleOf(q, lang) }))}
            />
            {question && <p class="muted question-description">{descriptionOf(question, lang)}</p>}
            <div class="range-fields">
              {question?.params.map((param) =>
                param.type === 'district' ? (
                  <SelectField
                    key={`${question.name}-${param.name}`}
                    name={param.name}
                    label={t('district')}
                    value={values[param.name] ?? ''}
                    onValue={(value) => setValues({ ...values, [param.name]: value })}
                    placeholder={t('allDistricts')}
                    options={districtOptions}
                    error={problemText(param)}
                  />
                ) : (
                  <TextField
                    key={`${question.name}-${param.name}`}
                    name={param.name}
                    type="number"
                    inputMode="numeric"
                    min={param.min}
                    max={param.max}
                    label={param.name === 'days' ? t('days') : param.label}
                    value={values[param.name] ?? ''}
                    onValue={(value) => setValues({ ...values, [param.name]: value })}
                    error={problemText(param)}
                  />
                ),
              )}
            </div>
            <div class="row">
              <button type="submit" class="primary" disabled={phase !== 'idle' || !question}>
                {phase === 'idle' ? t('ask') : t('asking')}
              </button>
              <button type="button" disabled={!answer || phase !== 'idle'} onClick={() => void download()}>
                {t('csv')}
              </button>
            </div>
          </>
        )}
        <p role="status" class="muted" data-testid="run-state">
          {phase === 'asking' ? t('asking') : phase === 'running' ? t('running', { seconds: polls + 1 }) : ''}
        </p>
      </form>
      <FormMessage>{message}</FormMessage>
      {answer && answered && chart && (
        <section class="card answer" aria-labelledby="answer-title" data-answer={answered.name}>
          <h2 id="answer-title">
            {t('answer')}: {titleOf(answered, lang)}
          </h2>
          <p class="muted">
            {t('rows', { count: answer.run.rows.length })}
            {answer.run.truncated && ` · ${t('truncated', { count: answer.run.rows.length })}`}
          </p>
          {answer.run.rows.length === 0 ? (
            <p>{t('noRows')}</p>
          ) : (
            <>
              <BarChart
                series={{
                  ...chart.series,
                  title: t('chartOf', { x: answered.chart.x, y: answered.chart.y }),
                }}
                tableLabel={t('table')}
                {...(chart.summed || chart.hidden > 0
                  ? {
                      note: [
                        chart.summed ? t('summed', { x: answered.chart.x }) : '',
                        chart.hidden > 0 ? t('hidden', { shown: MAX_BARS, hidden: chart.hidden }) : '',
                      ]
                        .filter(Boolean)
                        .join(' '),
                    }
                  : {})}
              />
              <div class="table-scroll">
                <table class="answer-table">
                  <caption>{titleOf(answered, lang)}</caption>
                  <thead>
                    <tr>
                      {answer.run.columns.map((column) => (
                        <th key={column} scope="col" class={numeric.has(column) ? 'num' : undefined}>
                          {column}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {answer.run.rows.map((row, i) => (
                      <tr key={i}>
                        {row.map((value, j) => (
                          <td
                            key={answer.run.columns[j]}
                            class={numeric.has(answer.run.columns[j] ?? '') ? 'num' : undefined}
                          >
                            {cellText(answer.run.columns[j] ?? '', value, reference, lang)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
}
