// Audit facts: what a staff action leaves behind (who, what, to which target, when, where), pure and storage-free.

/** Kept 400 days (a year and a month: an annual review plus slack), then DynamoDB's TTL deletes the fact. */
export const AUDIT_RETENTION_DAYS = 400;
export const AUDIT_PAGE_SIZE = 50;

export const AUDIT_ACTIONS = [
  'staff.sign-in',
  'staff.sign-in-failed',
  'staff.password-change',
  'staff.password-change-failed',
  'pass.decision',
  'pass.verify',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.reset-password',
  'account.remove',
  'account.import',
  'query.free',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `pass:<ulid>`, `account:<username>` or `import:<ulid>`. */
export type AuditTarget = `${'pass' | 'account' | 'import'}:${string}`;

/** Small, flat details: never one-time codes, passwords, password hashes or full id numbers. */
export type AuditDetails = Record<string, string | number | boolean | null | string[] | number[]>;

export interface AuditFact {
  id: string;
  at: string;
  /** The staff username acting (for a failed sign-in: the username that was tried). */
  actor: string;
  /** The actor's role when known (absent for failed sign-ins). */
  actorRole?: string;
  action: AuditAction;
  target?: AuditTarget;
  /** The region that saw the action and wrote the fact. */
  region: string;
  /** The client address, for sign-ins and password changes. */
  ip?: string;
  details?: AuditDetails;
}

export const passTarget = (passId: string): AuditTarget => `pass:${passId}`;
export const accountTarget = (username: string): AuditTarget => `account:${username}`;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const USERNAME_LIKE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** True for a target the API may be asked about: a pass id, an account name or an import id. */
export function isAuditTarget(value: string): value is AuditTarget {
  const [kind, id, ...rest] = value.split(':');
  if (rest.length > 0 || id === undefined) return false;
  if (kind === 'pass' || kind === 'import') return ULID.test(id);
  return kind === 'account' && USERNAME_LIKE.test(id);
}

/** Which of the day's shards a fact goes to: from the random part of its ULID, so shards fill evenly. */
export function auditShard(auditId: string, shards: number): number {
  let sum = 0;
  for (const ch of auditId.slice(-4)) sum = (sum * 31 + ch.charCodeAt(0)) % 1_000_003;
  return sum % shards;
}

/** A failed sign-in names what was typed; keep it bounded and free of anything that is not a username character. */
export function triedUsername(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '?')
    .slice(0, 64);
  return cleaned || '?';
}
