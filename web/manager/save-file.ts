// Saves text as a downloaded file, and fetches a question's answer as the API's spreadsheet-safe CSV.
import { ApiError, type ErrorDetail, NetworkError } from '../kit/api.ts';

export function saveText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * The CSV of a run: a finished Athena run by its id (not run again), else the question asked again with the same
 * parameters (DuckDB keeps no runs). Accept: text/csv and the bearer token; errors in the API's shape → ApiError.
 */
export async function fetchQuestionCsv(
  token: string | null,
  run: { question: string; params: Record<string, number>; runId?: string | undefined },
): Promise<string> {
  const headers: Record<string, string> = { accept: 'text/csv' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = run.runId
      ? await fetch(`/api/v1/queries/runs/${encodeURIComponent(run.runId)}`, { headers })
      : await fetch(`/api/v1/queries/${encodeURIComponent(run.question)}/runs`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ params: run.params }),
        });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await res.text();
  if (res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/csv')) return text;
  let shaped: { code?: string; message?: string; details?: ErrorDetail[] } | undefined;
  try {
    shaped = (JSON.parse(text) as { error?: typeof shaped }).error;
  } catch {
    shaped = undefined;
  }
  // 202: the run is (again) under way; the caller may try once it is done.
  throw new ApiError(
    res.status,
    shaped?.code ?? `HTTP_${res.status}`,
    shaped?.message ?? res.statusText,
    shaped?.details ?? [],
  );
}
