// The officer console's staff session (kit): token, role and districts kept across reloads; cleared on 401.
import { staffSession } from '../kit/staff-session.ts';

export type { Staff } from '../kit/staff-session.ts';

export const session = staffSession('officer', ['officer', 'admin'], () =>
  window.location.assign('/officer/'),
);
export const api = session.api;
