// GET /reviews/passes/{id}: the pass an officer decides on, with the applicant's photo and masked details.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { citizenWithPass, decide, REVIEWED, type StaffTokens, staffTokens } from './support/staff.ts';

describe('GET /reviews/passes/{id}', () => {
  let t: TestApp;
  let staff: StaffTokens;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await staffTokens(t);
  });
  const view = (token: string, id: string) => t.request('GET', `/api/v1/reviews/passes/${id}`, { token });

  it('shows the trip, the status with its decisions and the applicant with masked id and mobile', async () => {
    const { citizen, pass } = await citizenWithPass(t, {
      ...REVIEWED,
      district: 1001,
      thana: 10002,
      vehicle: {
        number: 'DHAKA-METRO-GA-11-2233',
        selfDriven: false,
        driver: { name: 'Karim', licenseNo: 'DL-998877' },
      },
    });
    const res = await view(staff.dhakaOfficer, pass.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: pass.id,
      status: 'PENDING',
      reason: 'GROCERY',
      district: 1001,
      decisions: [],
      vehicle: { number: 'DHAKA-METRO-GA-11-2233', selfDriven: false, driverName: 'Karim' },
      applicant: { gender: 'F', idType: 'NID', idNumber: '*******890', photo: null },
    });
    expect(res.body.applicant.mobilePhone).toBe(
      `${citizen.mobilePhone.slice(0, 3)}****${citizen.mobilePhone.slice(-4)}`,
    );
    expect(res.body.applicant.name).not.toBe('Rahima Begum');
    expect(JSON.stringify(res.body)).not.toContain('DL-998877');
    expect(res.body.applicantId).toBeUndefined();
    await decide(t, staff.dhakaOfficer, pass.id, 'APPROVED', 'papers in order');
    const approved = await view(staff.dhakaOfficer, pass.id);
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      decisions: [{ decision: 'APPROVED', note: 'papers in order' }],
    });
    expect(approved.body.qr).toBeUndefined();
  });

  it('refuses officers of other districts, police, managers and citizens; 404 for unknown or malformed ids', async () => {
    const { citizen, pass } = await citizenWithPass(t, { ...REVIEWED, district: 1002, thana: 10010 });
    expect((await view(staff.dhakaOfficer, pass.id)).status).toBe(403);
    expect((await view(staff.admin, pass.id)).status).toBe(200);
    expect((await view(staff.police, pass.id)).status).toBe(403);
    expect((await view(staff.manager, pass.id)).status).toBe(403);
    expect((await view(citizen.token, pass.id)).status).toBe(403);
    expect((await view(staff.officer, '01JABCDEFGHJKMNPQRSTVWXYZ0')).status).toBe(404);
    expect((await view(staff.officer, 'not-an-id')).status).toBe(404);
  });
});
