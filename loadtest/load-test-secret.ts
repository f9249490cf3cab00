// MP_LOAD_TEST_SECRET for the workers: the secret itself (AWS: the SecureString /movement-pass/keys/load-test), or
// `local`: the newest secret of npm start's keys folder (.local/keys/load-test.json, made when the range is on).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSecretList } from '../api/auth/secrets.ts';
import { DEFAULT_KEYS_DIR } from '../api/config/local-keys.ts';

export function resolveLoadTestSecret(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.MP_LOAD_TEST_SECRET?.trim();
  if (!value) return undefined;
  if (value !== 'local') return value;
  const file = join(env.MP_KEYS_DIR ?? DEFAULT_KEYS_DIR, 'load-test.json');
  if (!existsSync(file))
    throw new Error(
      `MP_LOAD_TEST_SECRET=local: ${file} is missing; start the system with MP_LOAD_TEST_RANGE=on first`,
    );
  const [newest] = parseSecretList(readFileSync(file, 'utf8'), file);
  return newest?.secret;
}
