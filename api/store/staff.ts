// Staff accounts in the global table (not Cognito: user pools do not replicate across regions).
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffAccount } from '../domain/staff.ts';
import { type Db, isConditionFailure, stamp, whenConditionHolds } from './db.ts';
import { keys } from './keys.ts';

export class StaffExistsError extends Error {
  override name = 'StaffExistsError';
}

/** A fresh account version: opaque, so two regions changing one account never produce the same one. */
export const newStaffVersion = () => randomUUID();

/** A conditional put unless `replace`: existing accounts are never overwritten by accident. */
export function putStaffRequest(db: Db, account: StaffAccount, replace = false) {
  return new PutCommand({
    TableName: db.table,
    Item: stamp(db, {
      ...keys.staff(account.username),
      ...keys.staffListing(account.role, account.username),
      type: 'STAFF',
      ...account,
    }),
    ...(replace ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
  });
}

export async function putStaff(db: Db, account: StaffAccount, replace = false): Promise<void> {
  try {
    await db.doc.send(putStaffRequest(db, account, replace));
  } catch (error) {
    if (isConditionFailure(error)) throw new StaffExistsError(`staff account ${account.username} exists`);
    throw error;
  }
}

export async function getStaff(
  db: Db,
  username: string,
  options: { consistent?: boolean } = {},
): Promise<StaffAccount | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.staff(username),
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return out.Item ? toStaffAccount(out.Item) : undefined;
}

export function toStaffAccount(item: Record<string, unknown>): StaffAccount {
  const { username, role, districts, passwordHash, createdAt, version, disabled } = item;
  const { displayName, mustChangePassword, passwordExpiresAt } = item;
  // Accounts written before versions existed read as version "0"; tokens without `ver` never match it.
  return {
    username,
    role,
    districts,
    passwordHash,
    createdAt,
    version: version ?? '0',
    ...(disabled ? { disabled: true } : {}),
    ...(typeof displayName === 'string' ? { displayName } : {}),
    ...(mustChangePassword ? { mustChangePassword: true } : {}),
    ...(typeof passwordExpiresAt === 'string' ? { passwordExpiresAt } : {}),
  } as StaffAccount;
}

/** Disables or enables an account with a new version (retiring its tokens); false when there is no such account. */
export function setStaffDisabled(db: Db, username: string, disabled: boolean): Promise<boolean> {
  return whenConditionHolds(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.staff(username),
        UpdateExpression:
          'SET #disabled = :disabled, #version = :version, updatedAt = :now, originRegion = :region',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#disabled': 'disabled', '#version': 'version' },
        ExpressionAttributeValues: {
          ':disabled': disabled,
          ':version': newStaffVersion(),
          ':now': db.now(),
          ':region': db.region,
        },
      }),
    ),
  );
}

/** Deletes an account; false when there was none. Its tokens stop working with the next account check. */
export function removeStaff(db: Db, username: string): Promise<boolean> {
  return whenConditionHolds(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.staff(username),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    ),
  );
}
