// The citizen's API client and token (kept across reloads; cleared on log out or when the API says 401).
import { createApi } from '../kit/api.ts';

export const api = createApi({
  tokenKey: 'mp.citizen.token',
  // An expired token: start again at the login page (a full load also resets every page's state).
  onUnauthorized: () => window.location.assign('/login'),
});

export const loggedIn = () => api.token() !== null;
