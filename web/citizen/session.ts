// The citizen's API client and session: a 12 h access token and a 30-day refresh token, both kept across reloads;
// an expired access token is renewed unseen; a refused refresh (or log out) erases both and starts at the login page.
import { createApi } from '../kit/api.ts';
import { forgetKept } from './kept.ts';

export const api = createApi({
  tokenKey: 'mp.citizen.token',
  refreshKey: 'mp.citizen.refresh',
  // The session is over: what the phone kept of it goes, then start again at the login page (a full load also
  // resets every page's state).
  onUnauthorized: () => {
    void forgetKept().finally(() => window.location.assign('/login'));
  },
});

export const loggedIn = () => api.token() !== null;

/**
 * Forgets both tokens and everything kept for offline use (passes, QR codes, name) here at once, and ends the
 * session on the server (its refresh tokens stop working); the request outlives the page (`keepalive`), and a
 * failure leaves only a session nobody here holds a token of.
 */
export function logout(): Promise<void> {
  const token = api.token();
  const refreshToken = api.refreshToken();
  api.clearToken();
  const forgotten = forgetKept();
  // Straight to fetch: the client would first refresh an expired access token, only to end the session.
  return fetch('/api/v1/identity/logout', {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(refreshToken ? { refreshToken } : {}),
  }).then(
    () => forgotten,
    () => forgotten,
  );
}
