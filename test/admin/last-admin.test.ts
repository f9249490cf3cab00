// The last enabled admin, kept whatever arrives at once: two admins disabling, demoting, removing or importing each
// other away in one region (the race run many times), and an import that would leave only a disabled admin.
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../api/staff/accounts.ts';
import { setStaffDisabled } from '../../api/store/staff.ts';
import { enabledAdmins, getStaffMany } from '../../api/store/staff-admin.ts';
import { login, STAFF_PASSWORD } from '../officers/support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const A = '/api/v1/staff-accounts';
const HEADER = 'username,name,role,districts';

/** Admins that are enabled, read strongly consistent (the listing index is only a candidate list). */
async function reallyEnabledAdmins(): Promise<string[]> {
  const listed = await enabledAdmins(t.deps.db);
  const accounts = await getStaffMany(t.deps.db, listed);
  return listed.filter((name) => {
    const a = accounts.get(name);
    return a?.role === 'admin' && !a.disabled;
  });
}

/** Exactly these two enabled admins (every other admin disabled behind the API's back), each signed in. */
async function onlyAdmins(first: string, second: string): Promise<[string, string]> {
  for (const name of [first, second])
    await createStaffAccount(t.deps.db, { username: name, role: 'admin', password: STAFF_PASSWORD });
  for (const name of await reallyEnabledAdmins())
    if (name !== first && name !== second) await setStaffDisabled(t.deps.db, name, true);
  expect((await reallyEnabledAdmins()).sort()).toEqual([first, second].sort());
  return [await login(t, first), await login(t, second)];
}

type Move = 'disable' | 'demote' | 'remove' | 'import';
const MOVES: Move[] = ['disable', 'demote', 'remove', 'import'];

function takeAway(move: Move, token: string, target: string) {
  switch (move) {
    case 'disable':
      return t.request('POST', `${A}/${target}/disable`, { token });
    case 'demote':
      return t.request('PATCH', `${A}/${target}`, { token, body: { role: 'manager' } });
    case 'remove':
      return t.request('DELETE', `${A}/${target}`, { token });
    case 'import':
      return t.request('POST', `${A}/import`, {
        token,
        rawBody: `${HEADER}\n${target},Demoted ${target},manager,all\n`,
        headers: { 'content-type': 'text/csv' },
      });
  }
}

describe('the last enabled admin', () => {
  it('survives two admins taking each other away at the same moment, every way, 24 times', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 24; round += 1) {
      const [x, y] = [`race-x${round}`, `race-y${round}`];
      const [tx, ty] = await onlyAdmins(x, y);
      const moveX = MOVES[round % MOVES.length] as Move;
      const moveY = MOVES[Math.floor(round / MOVES.length) % MOVES.length] as Move;
      const [rx, ry] = await Promise.all([takeAway(moveX, tx, y), takeAway(moveY, ty, x)]);
      const enabled = await reallyEnabledAdmins();
      const show = (r: typeof rx) => `${r.status}${r.body?.notWritten?.length ? ' (not written)' : ''}`;
      outcomes.push(`${moveX}/${moveY}: ${show(rx)} ${show(ry)} → ${enabled.length}`);
      expect(enabled.length, outcomes.join('\n')).toBeGreaterThanOrEqual(1);
      // The one that lost was refused cleanly: the last admin, a changed account or its own token retired.
      for (const res of [rx, ry])
        expect([200, 204, 401, 409], JSON.stringify(res.body)).toContain(res.status);
      // An import answers 200 with the rows it could not write (notWritten) when it lost the race.
      const took = (r: typeof rx) =>
        (r.status === 200 || r.status === 204) && (r.body?.notWritten ?? []).length === 0;
      expect([rx, ry].filter(took).length, outcomes.join('\n')).toBeLessThanOrEqual(1);
    }
  }, 300_000);

  it('an import that demotes the only enabled admin and names a disabled admin as admin is refused', async () => {
    const [tokenOn] = await onlyAdmins('only-on', 'soon-off');
    await setStaffDisabled(t.deps.db, 'soon-off', true);
    expect(await reallyEnabledAdmins()).toEqual(['only-on']);
    const res = await t.request('POST', `${A}/import`, {
      token: tokenOn,
      rawBody: `${HEADER}\nonly-on,Only On,manager,all\nsoon-off,Renamed Admin,admin,all\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LAST_ADMIN');
    expect(await reallyEnabledAdmins()).toEqual(['only-on']);
  });

  it('an import may demote the only admin when the same file creates a new one', async () => {
    const [tokenA] = await onlyAdmins('hand-over', 'spare-admin');
    await setStaffDisabled(t.deps.db, 'spare-admin', true);
    const res = await t.request('POST', `${A}/import`, {
      token: tokenA,
      rawBody: `${HEADER}\nhand-over,Hand Over,manager,all\nnew-admin,New Admin,admin,all\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ create: 1, update: 1, notWritten: [] });
    expect(await reallyEnabledAdmins()).toEqual(['new-admin']);
  });
});
