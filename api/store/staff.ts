// Staff accounts in the global table (not Cognito: user pools do not replicate across regions).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffAccount } from '../domain/staff.ts';
import { type Db, isConditionFailure, stamp } from './db.ts';
import { keys } from './keys.ts';

export class StaffExistsError extends Error {
  override name = 'StaffExistsError';
}

/** A conditional put unless `replace`: existing accounts are never overwritten by accident. */
export function putStaffRequest(db: Db, account: StaffAccount, replace = false) {
  return new PutCommand({
    TableName: db.table,
    Item: stamp(db, { ...keys.staff(account.username), type: 'STAFF', ...account }),
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

export async function getStaff(db: Db, username: string): Promise<StaffAccount | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.staff(username) }));
  if (!out.Item) return undefined;
  const { username: name, role, districts, passwordHash, createdAt } = out.Item;
  return { username: name, role, districts, passwordHash, createdAt } as StaffAccount;
}
