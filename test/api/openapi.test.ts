// The published contract: GET /api/v1/openapi.json is a valid OpenAPI 3.1 document generated from the route schemas,
// and it lists every route the app serves (a new route without an entry fails here).
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
// biome-ignore lint/suspicious/noExplicitAny: the document is arbitrary JSON
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.request('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

/** Every method and path the Hono app answers (middleware entries left out), in OpenAPI form. */
const servedRoutes = () =>
  [
    ...new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    ),
  ].sort();

const documentedRoutes = () =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents exactly the routes the app serves', () => {
    expect(servedRoutes().length).toBeGreaterThan(15);
    expect(documentedRoutes()).toEqual(servedRoutes());
  });

  it('gives each operation its auth, its errors in the one error shape, and the route schemas', () => {
    const pass = doc.paths['/api/v1/passes/{id}'].get;
    expect(pass).toMatchObject({ security: [{ bearer: [] }], 'x-roles': ['citizen'] });
    expect(pass.responses['404'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
    const register = doc.paths['/api/v1/identity/register'].post;
    expect(register.security).toEqual([]);
    const body = register.requestBody.content['application/json'].schema;
    // Operators' numbers, and the reserved load-test range (refused unless the stage turns it on).
    expect(body.properties.mobilePhone.pattern).toBe('^(?:01[3-9]\\d{8}|0100\\d{7})$');
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(
      expect.arrayContaining(['mobilePhone', 'otp', 'name', 'district', 'thana']),
    );
    expect(Object.keys(register.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '409', '429']),
    );
    const decisions = doc.paths['/api/v1/passes/{id}/decisions'].post;
    expect(decisions['x-roles']).toEqual(['officer', 'admin']);
    expect(decisions.requestBody.content['application/json'].schema.properties.decision.enum).toEqual([
      'APPROVED',
      'REJECTED',
      'REVOKED',
    ]);
    const stats = doc.paths['/api/v1/stats'].get;
    expect(stats.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to']);
  });
});
