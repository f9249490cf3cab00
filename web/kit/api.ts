// Same-origin /api/v1 client: bearer token kept in localStorage per role, the API's error shape mapped to fields.

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

export interface ApiClient {
  token(): string | null;
  setToken(token: string): void;
  clearToken(): void;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** A non-JSON body sent as-is, e.g. a CSV file as text/csv. */
  postText<T>(path: string, text: string, contentType: string): Promise<T>;
}

export interface ApiOptions {
  /** localStorage key of this role's token, e.g. "mp.citizen.token". */
  tokenKey: string;
  base?: string;
  /** Called when a request with a token gets 401 (expired or revoked): the token is already cleared. */
  onUnauthorized?: () => void;
}

export function createApi(options: ApiOptions): ApiClient {
  const base = options.base ?? '/api/v1';
  const read = () => {
    try {
      return localStorage.getItem(options.tokenKey);
    } catch {
      return null;
    }
  };
  let memory = read();
  const clearToken = () => {
    memory = null;
    try {
      localStorage.removeItem(options.tokenKey);
    } catch {
      // nothing stored
    }
  };

  async function send<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
    raw?: string,
  ) {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = memory;
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : raw !== undefined ? { body: raw } : {}),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
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

  return {
    token: () => memory,
    setToken(token) {
      memory = token;
      try {
        localStorage.setItem(options.tokenKey, token);
      } catch {
        // kept in memory for this page
      }
    },
    clearToken,
    get: (path) => send('GET', path),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body) => send('PATCH', path, body),
    delete: (path) => send('DELETE', path),
    postText: (path, text, contentType) =>
      send('POST', path, undefined, { 'content-type': contentType }, text),
  };
}
