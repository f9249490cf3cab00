// Bulk import of staff accounts: validate every row, plan create/update/unchanged, then write in audited batches.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditFact } from '../audit/facts.ts';
import { forgetStaffAccount } from '../auth/staff-sessions.ts';
import type { AppDeps } from '../deps.ts';
import { generateOneTimePassword } from '../domain/password-policy.ts';
import { hashGeneratedPassword } from '../domain/passwords.ts';
import { oneTimePasswordExpiry, type StaffAccount } from '../domain/staff.ts';
import { checkImport, type ImportRow } from '../domain/staff-csv.ts';
import { badRequest } from '../errors.ts';
import { auditPut, recordAudit } from '../store/audit.ts';
import { newStaffVersion, putStaffRequest } from '../store/staff.ts';
import { getStaffMany, type TransactItem } from '../store/staff-admin.ts';
import { type Actor, accountFact } from './admin.ts';
import { enabledAdminCheck, isEnabledAdmin, lastAdmin, otherEnabledAdmins } from './admin-guard.ts';

/** 49 accounts, their 49 audit facts and the last-admin guard: DynamoDB's 100-item transaction limit. */
const ACCOUNTS_PER_TRANSACTION = 49;
const PARALLEL_TRANSACTIONS = 4;

export type RowPlan =
  | { kind: 'create'; row: ImportRow }
  | { kind: 'update'; row: ImportRow; current: StaffAccount }
  | { kind: 'unchanged'; row: ImportRow };

const sameDistricts = (a: StaffAccount['districts'], b: StaffAccount['districts']) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Pure: what each row does to the accounts that exist. */
export function planImport(rows: ImportRow[], existing: Map<string, StaffAccount>): RowPlan[] {
  return rows.map((row) => {
    const current = existing.get(row.username);
    if (!current) return { kind: 'create', row };
    const same =
      current.role === row.role &&
      sameDistricts(current.districts, row.districts) &&
      (current.displayName ?? current.username) === row.displayName;
    return same ? { kind: 'unchanged', row } : { kind: 'update', row, current };
  });
}

function summary(plans: RowPlan[]) {
  const count = (kind: RowPlan['kind']) => plans.filter((p) => p.kind === kind).length;
  return {
    rows: plans.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
  };
}

/** An update that takes an enabled admin's rights away (an import can demote, never disable or remove). */
const demotes = (p: RowPlan) => p.kind === 'update' && isEnabledAdmin(p.current) && p.row.role !== 'admin';

/**
 * The admin that stays when the import demotes one: an enabled admin the file does not touch, else one whose row keeps
 * it an admin (an existing enabled account, or a new one: created before any demotion is written). Disabled accounts
 * never count, whatever role the file gives them. Undefined when nothing demotes; LAST_ADMIN when nobody would stay.
 */
async function survivingAdmin(
  deps: AppDeps,
  plans: RowPlan[],
  existing: Map<string, StaffAccount>,
): Promise<string | undefined> {
  if (!plans.some(demotes)) return undefined;
  const inFile = new Set(plans.map((p) => p.row.username));
  const [untouched] = await otherEnabledAdmins(deps.db, inFile);
  if (untouched !== undefined) return untouched;
  const staying = plans.find(
    (p) =>
      p.row.role === 'admin' &&
      !demotes(p) &&
      (p.kind === 'create' || existing.get(p.row.username)?.disabled !== true),
  );
  if (staying) return staying.row.username;
  throw lastAdmin('the import would leave no enabled admin account');
}

export async function importStaff(deps: AppDeps, actor: Actor, csv: string, dryRun: boolean) {
  const { rows, errors } = checkImport(csv);
  if (errors.length > 0)
    throw badRequest(`the file has ${errors.length} error(s); nothing was imported`, errors);
  const existing = await getStaffMany(
    deps.db,
    rows.map((r) => r.username),
  );
  const plans = planImport(rows, existing);
  const survivor = await survivingAdmin(deps, plans, existing);
  const changes = plans
    .filter((p) => p.kind !== 'unchanged')
    .map((p) => ({ line: p.row.line, username: p.row.username, action: p.kind }));
  if (dryRun) return { dryRun: true, ...summary(plans), changes };

  const importId = deps.newId();
  const nowIso = new Date(deps.db.now()).toISOString();
  const created: { username: string; initialPassword: string }[] = [];
  const writes: Write[] = [];
  for (const plan of plans) {
    if (plan.kind === 'unchanged') continue;
    const { row } = plan;
    const base = { role: row.role, districts: row.districts, displayName: row.displayName };
    if (plan.kind === 'create') {
      const password = generateOneTimePassword();
      created.push({ username: row.username, initialPassword: password });
      writes.push({
        account: {
          username: row.username,
          ...base,
          passwordHash: hashGeneratedPassword(password),
          createdAt: nowIso,
          version: newStaffVersion(),
          mustChangePassword: true,
          passwordExpiresAt: oneTimePasswordExpiry(deps.db.now()),
        },
        fact: accountFact(deps, actor, 'account.create', row.username, {
          import: importId,
          role: row.role,
          districts: JSON.stringify(row.districts),
          displayName: row.displayName,
        }),
      });
    } else {
      const { current } = plan;
      const retires = current.role !== row.role || !sameDistricts(current.districts, row.districts);
      writes.push({
        account: { ...current, ...base, version: retires ? newStaffVersion() : current.version },
        readVersion: current.version,
        fact: accountFact(deps, actor, 'account.update', row.username, {
          import: importId,
          role: [current.role, row.role],
          districts: [JSON.stringify(current.districts), JSON.stringify(row.districts)],
          displayName: [current.displayName ?? current.username, row.displayName],
        }),
        demotes: demotes(plan),
      });
    }
  }
  const notWritten = new Set<string>();
  // Everything else first (a new admin that stays is created before any demotion), then the demotions, each
  // transaction guarded by the surviving admin (the guard is left out of the one that writes that admin itself).
  await writeBatches(
    deps,
    writes.filter((w) => !w.demotes),
    undefined,
    notWritten,
  );
  const demotions = writes.filter((w) => w.demotes);
  if (survivor !== undefined && notWritten.has(survivor))
    for (const write of demotions) notWritten.add(write.account.username);
  else await writeBatches(deps, demotions, survivor, notWritten);
  const counts = summary(plans);
  await recordAudit(deps.db, {
    ...accountFact(deps, actor, 'account.import', actor.username, { ...counts, notWritten: notWritten.size }),
    target: `import:${importId}`,
  });
  const written = (username: string) => !notWritten.has(username);
  return {
    importId,
    ...counts,
    created: created.filter((c) => written(c.username)),
    updated: changes.filter((c) => c.action === 'update' && written(c.username)).map((c) => c.username),
    /** Rows raced by another change while importing: send the file again to apply them. */
    notWritten: changes.filter((c) => !written(c.username)),
  };
}

interface Write {
  account: StaffAccount;
  readVersion?: string;
  fact: AuditFact;
  demotes?: boolean;
}

/** Writes in transactions of ACCOUNTS_PER_TRANSACTION, PARALLEL_TRANSACTIONS at once; a refused one is notWritten. */
async function writeBatches(
  deps: AppDeps,
  writes: Write[],
  guardOn: string | undefined,
  notWritten: Set<string>,
) {
  const batches: Write[][] = [];
  for (let i = 0; i < writes.length; i += ACCOUNTS_PER_TRANSACTION)
    batches.push(writes.slice(i, i + ACCOUNTS_PER_TRANSACTION));
  for (let i = 0; i < batches.length; i += PARALLEL_TRANSACTIONS) {
    const group = batches.slice(i, i + PARALLEL_TRANSACTIONS);
    const results = await Promise.allSettled(
      group.map((batch) => deps.db.doc.send(batchTransaction(deps, batch, guardOn))),
    );
    for (const batch of group) for (const write of batch) forgetStaffAccount(deps.db, write.account.username);
    results.forEach((result, j) => {
      if (result.status === 'fulfilled') return;
      // A batch whose accounts changed meanwhile is refused whole; anything else is a real failure.
      if (!(result.reason instanceof Error && result.reason.name === 'TransactionCanceledException'))
        throw result.reason;
      for (const write of group[j] ?? []) notWritten.add(write.account.username);
    });
  }
}

function batchTransaction(deps: AppDeps, batch: Write[], guardOn: string | undefined) {
  const { db } = deps;
  const guard: TransactItem[] =
    guardOn !== undefined && !batch.some((w) => w.account.username === guardOn)
      ? [enabledAdminCheck(db, guardOn)]
      : [];
  return new TransactWriteCommand({
    TransactItems: [
      ...batch.flatMap(({ account, readVersion, fact }) => [
        {
          Put: {
            TableName: db.table,
            Item: putStaffRequest(db, account, true).input.Item,
            ...(readVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':read': readVersion },
                }),
          },
        },
        auditPut(db, fact),
      ]),
      ...guard,
    ],
  });
}
