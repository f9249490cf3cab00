// A fresh app on its own table of the shared DynamoDB Local, with in-memory keys and the outbox SMS sender.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import { type BuildOptions, buildDeps } from '../../api/build-deps.ts';
import type { RuntimeConfig } from '../../api/config/runtime-config.ts';
import type { AppDeps } from '../../api/deps.ts';
import { ensureTable, localClient } from '../../regions/runtime/table-setup.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  config: RuntimeConfig;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Leave out the origin header our proxy adds (a caller reaching the region directly). */
  direct?: boolean;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  body: any;
}

export interface TestAppOptions {
  /** A clock the test can move; defaults to real time. */
  now?: () => number;
  /** The local SMS queue's clock and bounds (virtual time for pacing and failover tests). */
  localSms?: BuildOptions['localSms'];
}

export async function createTestApp(
  overrides: Partial<RuntimeConfig> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const endpoint = inject('dynamoEndpoint');
  const table = `mp-test-${randomUUID().slice(0, 8)}`;
  const region = overrides.region ?? 'ap-south-1';
  const client = localClient(endpoint, region);
  await ensureTable(client, table);
  client.destroy();
  const config: RuntimeConfig = {
    region,
    table,
    dbEndpoint: endpoint,
    smsSender: 'outbox',
    authKeys: [await generatePrivateJwk()],
    passKeys: [await generatePrivateJwk()],
    otpKeys: [generateSecret()],
    origin: { secrets: [generateSecret()], required: false },
    photos: { kind: 'dir', root: join(tmpdir(), 'mp-test-photos', table), replicaRegions: [] },
    ...overrides,
  };
  const deps = await buildDeps(config, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.localSms ? { localSms: options.localSms } : {}),
  });
  const app = createApp(deps);
  const request = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const originSecret = config.origin?.secrets[0]?.secret;
    if (!options.direct && originSecret) headers['x-origin-verify'] ??= originSecret;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return { app, deps, config, request };
}
