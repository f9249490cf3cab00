// Local development keys: generated on first start into a git-ignored folder, then reused.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateJwk, type PrivateJwk } from '../auth/keyring.ts';
import { generateSecret, parseSecretList, type Secret } from '../auth/secrets.ts';
import { parseKeyList } from './runtime-config.ts';

export const DEFAULT_KEYS_DIR = '.local/keys';

/** Reads `<dir>/<name>.json`, creating it with one fresh key when absent. */
export function loadOrCreateKeys(dir: string, name: 'auth' | 'pass'): Promise<PrivateJwk[]> {
  return loadOrCreate(dir, name, parseKeyList, async () => [await generatePrivateJwk()]);
}

/** Reads `<dir>/<name>.json` (a secret list), creating it with one fresh secret when absent. */
export function loadOrCreateSecrets(
  dir: string,
  name: 'otp' | 'origin' | 'lake' | 'load-test',
): Promise<Secret[]> {
  return loadOrCreate(dir, name, parseSecretList, async () => [generateSecret()]);
}

async function loadOrCreate<T>(
  dir: string,
  name: string,
  parse: (json: string, file: string) => T[],
  create: () => Promise<T[]>,
): Promise<T[]> {
  const file = join(dir, `${name}.json`);
  if (existsSync(file)) return parse(readFileSync(file, 'utf8'), file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = await create();
  // 'wx' so two regions starting at once never overwrite each other's fresh key.
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  } catch {
    return parse(readFileSync(file, 'utf8'), file);
  }
  return keys;
}
