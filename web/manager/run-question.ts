// Runs a named question: DuckDB answers at once; Athena answers 202 {status: 'running', runId}, polled until done.
import type { QueryRun } from '../../api/contract/queries.ts';
import type { ApiClient } from '../kit/api.ts';

export type DoneRun = Extract<QueryRun, { status: 'done' }>;

export class StillRunningError extends Error {
  override name = 'StillRunningError';
  constructor(readonly runId: string) {
    super(`run ${runId} is still running`);
  }
}

export interface RunOptions {
  /** Told each time the run is seen still running (how many polls so far), for a visible "running" state. */
  onRunning?: (runId: string, polls: number) => void;
  intervalMs?: number;
  /** Polls before giving up (the API stops an Athena query after its own timeout anyway). */
  maxPolls?: number;
  sleep?: (ms: number) => Promise<void>;
}

export async function runQuestion(
  api: Pick<ApiClient, 'post' | 'get'>,
  name: string,
  params: Record<string, number>,
  options: RunOptions = {},
): Promise<DoneRun> {
  const { intervalMs = 1_000, maxPolls = 90 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let run = await api.post<QueryRun>(`/queries/${encodeURIComponent(name)}/runs`, { params });
  for (let polls = 0; run.status === 'running'; polls += 1) {
    if (polls >= maxPolls) throw new StillRunningError(run.runId);
    options.onRunning?.(run.runId, polls);
    await sleep(intervalMs);
    run = await api.get<QueryRun>(`/queries/runs/${encodeURIComponent(run.runId)}`);
  }
  return run;
}
