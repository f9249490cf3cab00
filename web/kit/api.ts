// Same-origin /api/v1 client: bearer token kept in localStorage per role, the API's error shape mapped to fields;
// with a refresh key (citizens), an expired access token is renewed by one POST /identity/refresh, unseen by pages.
import type { SessionTokens } from '../../api/contract/session.ts';
import { CLIENT_RETRY, mayRetry, type RetryPolicy, retryDelayMs } from './retry-policy.ts';
import { EXPIRY_MARGIN_S, exclusively, store, stored, tokenExpiry } from './token-store.ts';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The API answered with its error shape: `{error: {code, message, details: [{path, message}]}}`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** Field path → message, e.g. {"dateOfBirth": "...", "vehicle.number": "..."}; the first per field wins. */
  get fields(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const detail of this.details) fields[detail.path] ??= detail.message;
    return fields;
  }
}

/** The request never got an answer (offline, DNS, connection reset). */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** A request is waiting to be sent again (a region failing over); null once it is done, answered or not. */
export type RetryState = { attempt: number; waitMs: number } | null;

export interface ApiClient {
  /** Tells `listener` while requests wait to be retried (the "retrying" notice); returns the unsubscribe. */
  onRetrying(listener: (state: RetryState) => void): () => void;
  token(): string | null;
  setToken(token: string): void;
  /** Clears the access token and the refresh token. */
  clearToken(): void;
  /** The refresh token (only with `refreshKey`). */
  refreshToken(): string | null;
  /** Keeps a session's pair: the access token and its refresh token. */
  setSession(tokens: SessionTokens): void;
  /** `options.retry` replaces the client's retry policy for this read (a kept copy on screen wants a short one). */
  get<T>(path: string, options?: { retry?: RetryPolicy | false }): Promise<T>;
  /** `options.retry` replaces the client's retry policy for this request (false: never retried). */
  post<T>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
    options?: { retry?: RetryPolicy | false },
  ): Promise<T>;
  patch<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  delete<T>(path: string, headers?: Record<string, string>): Promise<T>;
  /** A non-JSON body sent as-is, e.g. a CSV file as text/csv. */
  postText<T>(path: string, text: string, contentType: string): Promise<T>;
}

export interface ApiOptions {
  /** localStorage key of this role's token, e.g. "mp.citizen.token". */
  tokenKey: string;
  base?: string;
  /** Called when a request with a token gets 401 (expired or revoked): the token is already cleared. */
  onUnauthorized?: () => void;
  /**
   * localStorage key of the refresh token: when present, an access token that has expired (or a 401) is renewed by
   * POST /identity/refresh (one at a time, across tabs too) and the request sent again; a refused refresh clears both
   * tokens and calls `onUnauthorized`.
   */
  refreshKey?: string;
  /**
   * Reads, and writes sent with an Idempotency-Key, are sent again with backoff while no region answers (network
   * error, 502/503/504): what a citizen sees of a failover is then a "retrying" notice. Default CLIENT_RETRY.
   */
  retry?: RetryPolicy | false;
  /** The wait between attempts (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
}

export function createApi(options: ApiOptions): ApiClient {
  const base = options.base ?? '/api/v1';
  const { refreshKey } = options;
  const policy = options.retry === undefined ? CLIENT_RETRY : options.retry;
  const wait = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retryListeners = new Set<(state: RetryState) => void>();
  let waiting = 0;
  const announce = (state: RetryState) => {
    for (const listener of retryListeners) listener(state);
  };
  let memory = stored(options.tokenKey);
  let refreshMemory = refreshKey ? stored(refreshKey) : null;
  const clearToken = () => {
    memory = null;
    refreshMemory = null;
    store(options.tokenKey, null);
    if (refreshKey) store(refreshKey, null);
  };
  const setSession = ({ token, refreshToken }: SessionTokens) => {
    memory = token;
    store(options.tokenKey, token);
    if (refreshKey) {
      refreshMemory = refreshToken;
      store(refreshKey, refreshToken);
    }
  };
  const expired = (token: string) => {
    const exp = tokenExpiry(token);
    return exp !== undefined && exp - EXPIRY_MARGIN_S <= Date.now() / 1000;
  };

  let refreshing: Promise<boolean> | undefined;
  /** True when a fresh access token is now held; false when the session is refused (both tokens cleared). */
  const refresh = (): Promise<boolean> => {
    refreshing ??= exclusively(`${refreshKey}.refresh`, spend).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
  async function spend(): Promise<boolean> {
    if (!refreshKey) return false;
    // Another tab may have refreshed while this one waited for the lock: take its pair rather than spend ours again.
    const latest = stored(refreshKey);
    if (latest && latest !== refreshMemory) {
      memory = stored(options.tokenKey);
      refreshMemory = latest;
      if (memory && !expired(memory)) return true;
    }
    const refreshToken = refreshMemory;
    if (!refreshToken) return false;
    let res: Response;
    try {
      res = await fetch(`${base}/identity/refresh`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    if (res.ok) {
      setSession((await res.json()) as SessionTokens);
      return true;
    }
    // 400/401: the session is over (spent, ended, expired). Anything else (429, 5xx): keep it and try later.
    if (res.status === 400 || res.status === 401) {
      clearToken();
      return false;
    }
    throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  }

  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
    raw?: string,
    retried = false,
    requestPolicy: RetryPolicy | false = policy,
  ): Promise<T> {
    if (refreshKey && !retried && memory && refreshMemory && expired(memory)) {
      retried = true;
      if (!(await refresh())) options.onUnauthorized?.();
    }
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = memory;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await sendWithRetries(method, path, headers, body, raw, requestPolicy);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) return json as T;
    const shaped = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } })?.error;
    if (res.status === 401 && token) {
      if (refreshKey && !retried && refreshMemory && (await refresh()))
        return send<T>(method, path, body, extra, raw, true, requestPolicy);
      clearToken();
      options.onUnauthorized?.();
    }
    throw new ApiError(
      res.status,
      shaped?.code ?? `HTTP_${res.status}`,
      shaped?.message ?? res.statusText,
      shaped?.details ?? [],
    );
  }

  /** One request, sent again while the policy allows; the last answer, or a NetworkError when none came. */
  async function sendWithRetries(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
    raw: string | undefined,
    policy: RetryPolicy | false,
  ): Promise<Response> {
    const idempotent = Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key');
    const started = Date.now();
    let waited = 0;
    let retried = false;
    try {
      for (let attempt = 1; ; attempt += 1) {
        let res: Response | undefined;
        let failure: unknown;
        try {
          res = await fetch(`${base}${path}`, {
            method,
            headers,
            ...(body !== undefined ? { body: JSON.stringify(body) } : raw !== undefined ? { body: raw } : {}),
          });
        } catch (error) {
          failure = error;
        }
        const delay =
          policy && mayRetry(method, idempotent, res?.status ?? 0)
            ? retryDelayMs(policy, attempt, Math.max(Date.now() - started, waited))
            : undefined;
        if (res && delay === undefined) return res;
        if (delay === undefined)
          throw new NetworkError(failure instanceof Error ? failure.message : String(failure));
        if (!retried) waiting += 1;
        retried = true;
        announce({ attempt, waitMs: delay });
        await res?.body?.cancel().catch(() => undefined);
        await wait(delay);
        waited += delay;
      }
    } finally {
      if (retried && --waiting === 0) announce(null);
    }
  }

  return {
    onRetrying(listener) {
      retryListeners.add(listener);
      return () => retryListeners.delete(listener);
    },
    token: () => memory,
    setToken(token) {
      memory = token;
      store(options.tokenKey, token);
    },
    clearToken,
    refreshToken: () => refreshMemory,
    setSession,
    get: (path, options) => send('GET', path, undefined, undefined, undefined, false, options?.retry ?? policy),
    post: (path, body, headers, options) =>
      send('POST', path, body, headers, undefined, false, options?.retry ?? policy),
    patch: (path, body, headers) => send('PATCH', path, body, headers),
    delete: (path, headers) => send('DELETE', path, undefined, headers),
    postText: (path, text, contentType) =>
      send('POST', path, undefined, { 'content-type': contentType }, text),
  };
}
