// HTTP edges of the API: body limit, malformed JSON, unknown routes, reference data, health, no outbox in production.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app.ts';
import { REFERENCE } from '../../api/domain/reference.ts';
import { nextPhone, registrationBody } from '../support/citizens.ts';
import { createTestApp } from '../support/test-app.ts';

describe('HTTP behaviour', () => {
  it('refuses a body over the limit with 413 in the error shape', async () => {
    const t = await createTestApp();
    const huge = registrationBody(nextPhone(), '123456', { name: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await t.request('POST', '/api/v1/identity/register', { body: huge });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['truncated JSON', '{"mobilePhone": "017'],
    ['not JSON at all', 'mobilePhone=01712345678'],
  ])('refuses %s with 400', async (_case, rawBody) => {
    const t = await createTestApp();
    const res = await t.request('POST', '/api/v1/identity/otp', {
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it.each([
    ['an array', []],
    ['a string', 'hello'],
    ['null', null],
  ])('refuses a JSON body that is %s with 400', async (_case, body) => {
    const t = await createTestApp();
    const res = await t.request('POST', '/api/v1/identity/otp', {
      rawBody: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: '', message: 'must be a JSON object' });
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'no such route', details: [] } });
  });

  it('serves cacheable reference data with 75 districts and their thanas', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/api/v1/reference');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age=86400');
    expect(res.body.districts).toHaveLength(75);
    expect(res.body.districts.flatMap((d: { thanas: unknown[] }) => d.thanas)).toHaveLength(626);
    expect(res.body.reasons).toEqual(REFERENCE.reasons);
  });

  it('reports a healthy region', async () => {
    const t = await createTestApp({ region: 'ap-southeast-1' });
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ region: 'ap-southeast-1', ok: true, checks: { table: { ok: true } } });
  });

  it('answers 503 when the table is unreachable', async () => {
    const t = await createTestApp({ table: 'no-such-table-anywhere' });
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, checks: { table: { ok: false } } });
  });

  it('answers 503 when the database is down', async () => {
    const t = await createTestApp({ dbEndpoint: 'http://127.0.0.1:9' });
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(503);
  });

  it('has no dev outbox when SMS goes through SNS', async () => {
    const t = await createTestApp({
      smsSender: 'queue',
      smsQueueUrl: 'https://sqs.ap-south-1.amazonaws.com/123456789012/otp',
    });
    expect(t.deps.outbox).toBeUndefined();
    expect((await t.request('GET', '/api/v1/dev/outbox?mobilePhone=01712345678')).status).toBe(404);
  });
});
