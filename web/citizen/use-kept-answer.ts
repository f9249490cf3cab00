// A GET the citizen needs at a checkpoint: the kept copy shows at once, the API's answer replaces (and is kept);
// with no answer (the API did not respond, whatever navigator.onLine says) it stays, marked offline, and is asked
// again when the browser reports the network back and every 20 s.
import { useEffect, useState } from 'preact/hooks';
import { NetworkError } from '../kit/api.ts';
import { KEPT_READ_RETRY } from '../kit/retry-policy.ts';
import { type Kept, keep, kept, tokenSubject } from './kept.ts';
import { api } from './session.ts';

const RETRY_MS = 20_000;

export interface KeptAnswer<T> {
  value: T | undefined;
  /** When the shown value came from the API; set while it is a kept copy. */
  savedAt: number | undefined;
  /** The API did not answer: the page shows a kept copy, or nothing. */
  offline: boolean;
  /** The API answered with an error (not a network failure). */
  error: unknown;
}

/** `name` is the shelf in the kept store; `fallback` a kept copy found elsewhere (a pass inside the kept list). */
export function useKeptAnswer<T>(
  name: string,
  path: string,
  fallback?: () => Kept<T> | undefined,
): KeptAnswer<T> {
  const owner = tokenSubject(api.token());
  const initial = (): KeptAnswer<T> => {
    const copy = kept<T>(owner, name) ?? fallback?.();
    return { value: copy?.value, savedAt: copy?.savedAt, offline: false, error: undefined };
  };
  const [answer, setAnswer] = useState(initial);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setAnswer(initial());
    const attempt = () => {
      clearTimeout(timer);
      api.get<T>(path, { retry: KEPT_READ_RETRY }).then(
        (value) => {
          if (!live) return;
          keep(owner, name, value);
          setAnswer({ value, savedAt: undefined, offline: false, error: undefined });
        },
        (error: unknown) => {
          if (!live) return;
          if (error instanceof NetworkError) {
            setAnswer((old) => ({ ...old, offline: true }));
            timer = setTimeout(attempt, RETRY_MS);
          } else setAnswer((old) => ({ ...old, offline: false, error }));
        },
      );
    };
    attempt();
    addEventListener('online', attempt);
    return () => {
      live = false;
      clearTimeout(timer);
      removeEventListener('online', attempt);
    };
  }, [path, owner]);
  return answer;
}
