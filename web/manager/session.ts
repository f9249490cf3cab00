// The manager dashboard's staff session (roles manager and admin) and its API client.
import { staffSession } from '../kit/staff-session.ts';

export const session = staffSession('manager', ['manager', 'admin']);
