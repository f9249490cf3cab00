// The secrets a first deploy needs: names, types, the exact formats the API parses, and fresh random values.
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret, parseSecretList } from '../../api/auth/secrets.ts';
import { parseKeyList } from '../../api/config/runtime-config.ts';
import { ORIGIN_SECRET_PARAMETER } from '../../stacks/constructs/api-origin-guard.ts';
import { SSM_PATH } from '../../stacks/constructs/app-parameters.ts';

export interface RegionalSecret {
  /** Full parameter name, e.g. /movement-pass/keys/auth. */
  name: string;
  /** Throws naming the parameter when the value is not what the API parses (api/config/ssm-config.ts). */
  parse(value: string): void;
  /** A fresh value in that format. */
  generate(): Promise<string>;
}

const jwkList = (name: string): RegionalSecret => ({
  name: `${SSM_PATH}${name}`,
  parse: (value) => void parseKeyList(value, name),
  generate: async () => JSON.stringify([await generatePrivateJwk()]),
});
const secretList = (name: string): RegionalSecret => ({
  name: `${SSM_PATH}${name}`,
  parse: (value) => void parseSecretList(value, name),
  generate: async () => JSON.stringify([generateSecret()]),
});

/** SecureStrings in every region, identical everywhere (tokens and QR codes signed in one region verify in another). */
export const REGIONAL_SECRETS: readonly RegionalSecret[] = [
  jwkList('keys/auth'),
  jwkList('keys/pass'),
  secretList('keys/otp'),
  secretList('keys/origin'),
];

export const ORIGIN_LIST = `${SSM_PATH}keys/origin`;
/** A plain String in us-east-1: the value CloudFront sends; one of the keys/origin secrets. */
export const EDGE_ORIGIN_SECRET = ORIGIN_SECRET_PARAMETER;
/**
 * A String per region: the fingerprint of the edge secret, so /health answers 503 (and Route 53 takes the region out
 * of DNS) when that region's keys/origin no longer accepts what CloudFront sends. Public: useless for forging.
 */
export const ORIGIN_FINGERPRINT = `${SSM_PATH}config/origin-fingerprint`;

/** The secrets of a keys/origin list value. */
export function originSecrets(value: string): string[] {
  return parseSecretList(value, 'keys/origin').map((s) => s.secret);
}
