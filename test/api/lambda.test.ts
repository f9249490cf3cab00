// The Lambda entry answers API Gateway HTTP API (payload v2) events with the same app.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable, localClient } from '../../regions/runtime/table-setup.ts';

function httpApiEvent(method: string, path: string, body?: unknown): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.test' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      requestId: 'r1',
      routeKey: '$default',
      stage: '$default',
      time: '',
      authentication: null,
      authorizer: {},
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    body: body === undefined ? null : JSON.stringify(body),
  };
}

describe('Lambda handler', () => {
  it('serves health and an OTP request from API Gateway events', async () => {
    const endpoint = inject('dynamoEndpoint');
    const table = `mp-lambda-${Date.now()}`;
    await ensureTable(localClient(endpoint, 'ap-south-1'), table);
    Object.assign(process.env, {
      MP_CONFIG_SOURCE: 'env',
      MP_DB_ENDPOINT: endpoint,
      MP_TABLE_NAME: table,
      MP_REGION: 'ap-south-1',
      MP_KEYS_DIR: mkdtempSync(join(tmpdir(), 'mp-keys-')),
    });
    const { handler } = await import('../../api/lambda.ts');
    const context = {} as Context;
    const health = await handler(httpApiEvent('GET', '/health'), context);
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body as string)).toMatchObject({ region: 'ap-south-1', ok: true });
    const otp = await handler(
      httpApiEvent('POST', '/api/v1/identity/otp', { mobilePhone: '01912345678' }),
      context,
    );
    expect(otp.statusCode).toBe(202);
    const bad = await handler(httpApiEvent('POST', '/api/v1/identity/otp', { mobilePhone: 'x' }), context);
    expect(bad.statusCode).toBe(400);
  });
});
