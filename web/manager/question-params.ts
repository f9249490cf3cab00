// Pure: a question's form values (strings, as typed) checked against its parameters and turned into the run's body.
import type { QuestionInfo } from './question-series.ts';

type Param = QuestionInfo['params'][number];
export type ParamProblem = 'required' | 'integer' | 'range';

/** The form's starting values: each parameter's default, empty where there is none (a district: all of them). */
export const initialValues = (params: readonly Param[]): Record<string, string> =>
  Object.fromEntries(params.map((p) => [p.name, p.default === undefined ? '' : String(p.default)]));

/** Field → problem for values the API would refuse (it checks again); {} when the question can be asked. */
export function paramProblems(params: readonly Param[], values: Record<string, string>) {
  const problems: Record<string, ParamProblem> = {};
  for (const p of params) {
    const text = (values[p.name] ?? '').trim();
    if (text === '') {
      if (p.type === 'integer' && p.default === undefined) problems[p.name] = 'required';
      continue;
    }
    const n = Number(text);
    if (!Number.isInteger(n)) problems[p.name] = 'integer';
    else if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max))
      problems[p.name] = 'range';
  }
  return problems;
}

/** The run's `params`: numbers, empty fields left out (the API fills defaults; no district means every one). */
export function paramValues(params: readonly Param[], values: Record<string, string>) {
  const out: Record<string, number> = {};
  for (const p of params) {
    const text = (values[p.name] ?? '').trim();
    if (text !== '') out[p.name] = Number(text);
  }
  return out;
}
