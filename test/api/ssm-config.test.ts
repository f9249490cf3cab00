// Lambda configuration from SSM: the GetParametersByPath requests it builds, paging, and per-container caching.
import type { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';

const env = { region: 'ap-south-1', table: 'movement-pass' };

async function freshModule() {
  vi.resetModules();
  return import('../../api/config/ssm-config.ts');
}

async function fakeSsm(pages: { Name: string; Value: string }[][]) {
  const send = vi.fn(async (command: GetParametersByPathCommand) => {
    const index = command.input.NextToken ? Number(command.input.NextToken) : 0;
    return { Parameters: pages[index], NextToken: index + 1 < pages.length ? String(index + 1) : undefined };
  });
  return { send } as unknown as { send: typeof send };
}

let authKeys: string;
let passKeys: string;
const otpKeys = JSON.stringify([generateSecret()]);
const originKeys = JSON.stringify([generateSecret()]);
beforeEach(async () => {
  authKeys = JSON.stringify([await generatePrivateJwk()]);
  passKeys = JSON.stringify([await generatePrivateJwk()]);
});

describe('SSM configuration', () => {
  it('asks for the whole path, recursively, decrypted', async () => {
    const { parametersRequest } = await freshModule();
    expect(parametersRequest('/movement-pass/')).toEqual({
      Path: '/movement-pass/',
      Recursive: true,
      WithDecryption: true,
      MaxResults: 10,
    });
    expect(parametersRequest('/movement-pass/', 'tok')).toMatchObject({ NextToken: 'tok' });
  });

  it('follows NextToken across pages and names parameters relative to the path', async () => {
    const { loadSsmConfig } = await freshModule();
    const client = await fakeSsm([
      [{ Name: '/movement-pass/keys/auth', Value: authKeys }],
      [
        { Name: '/movement-pass/keys/pass', Value: passKeys },
        { Name: '/movement-pass/keys/otp', Value: otpKeys },
        { Name: '/movement-pass/keys/origin', Value: originKeys },
        { Name: '/movement-pass/config/sms-sender', Value: 'sns' },
      ],
    ]);
    const config = await loadSsmConfig(client, '/movement-pass/', env);
    expect(client.send).toHaveBeenCalledTimes(2);
    expect(client.send.mock.calls[1]?.[0].input.NextToken).toBe('1');
    expect(config).toMatchObject({ ...env, smsSender: 'queue', origin: { required: true } });
    expect(config.authKeys[0]?.kid).toBe(JSON.parse(authKeys)[0].kid);
  });

  it('reads SSM once per container', async () => {
    const { loadSsmConfig } = await freshModule();
    const client = await fakeSsm([
      [
        { Name: '/movement-pass/keys/auth', Value: authKeys },
        { Name: '/movement-pass/keys/pass', Value: passKeys },
        { Name: '/movement-pass/keys/otp', Value: otpKeys },
        { Name: '/movement-pass/keys/origin', Value: originKeys },
      ],
    ]);
    const [a, b] = await Promise.all([
      loadSsmConfig(client, '/movement-pass/', env),
      loadSsmConfig(client, '/movement-pass/', env),
    ]);
    await loadSsmConfig(client, '/movement-pass/', env);
    expect(client.send).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
  });

  it('does not cache a failure, so the next invocation retries', async () => {
    const { loadSsmConfig } = await freshModule();
    const missing = await fakeSsm([[{ Name: '/movement-pass/keys/auth', Value: authKeys }]]);
    await expect(loadSsmConfig(missing, '/movement-pass/', env)).rejects.toThrow('keys/pass is missing');
    const complete = await fakeSsm([
      [
        { Name: '/movement-pass/keys/auth', Value: authKeys },
        { Name: '/movement-pass/keys/pass', Value: passKeys },
        { Name: '/movement-pass/keys/otp', Value: otpKeys },
        { Name: '/movement-pass/keys/origin', Value: originKeys },
      ],
    ]);
    await expect(loadSsmConfig(complete, '/movement-pass/', env)).resolves.toMatchObject(env);
  });

  it('never configures the outbox SMS sender in Lambda, whatever the parameter says', async () => {
    const { configFromParameters } = await freshModule();
    const params = new Map([
      ['keys/auth', authKeys],
      ['keys/pass', passKeys],
      ['keys/otp', otpKeys],
      ['keys/origin', originKeys],
      ['config/sms-sender', 'outbox'],
    ]);
    expect(configFromParameters(params, env).smsSender).toBe('queue');
  });

  it('refuses a key parameter that is not a list of ES256 JWKs', async () => {
    const { configFromParameters } = await freshModule();
    const params = new Map([
      ['keys/auth', '[{"kty":"EC"}]'],
      ['keys/pass', passKeys],
      ['keys/otp', otpKeys],
      ['keys/origin', originKeys],
    ]);
    expect(() => configFromParameters(params, env)).toThrow(/ES256 private JWKs/);
  });

  it('requires the OTP HMAC key list and refuses a weak one', async () => {
    const { configFromParameters } = await freshModule();
    const without = new Map([
      ['keys/auth', authKeys],
      ['keys/pass', passKeys],
      ['keys/origin', originKeys],
    ]);
    expect(() => configFromParameters(without, env)).toThrow('keys/otp is missing');
    const weak = new Map([...without, ['keys/otp', '[{"kid":"k1","secret":"c2hvcnQ"}]']]);
    expect(() => configFromParameters(weak, env)).toThrow(/>= 32 bytes/);
    const good = new Map([...without, ['keys/otp', otpKeys]]);
    expect(configFromParameters(good, env).otpKeys).toEqual(JSON.parse(otpKeys));
  });
});
