// The police app's staff session (role police) and its API client.
import { staffSession } from '../kit/staff-session.ts';

export const session = staffSession('police', ['police']);
export const api = session.api;
