// Bulk import of staff accounts: validate every row, plan create/update/unchanged, then write in audited batches.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditFact } from '../audit/facts.ts';
import type { AppDeps } from '../deps.ts';
import { generateOneTimePassword } from '../domain/password-policy.ts';
import { hashGeneratedPassword } from '../domain/passwords.ts';
import type { StaffAccount } from '../domain/staff.ts';
import { checkImport, type ImportRow } from '../domain/staff-csv.ts';
import { ApiError, badRequest } from '../errors.ts';
import { auditPut, recordAudit } from '../store/audit.ts';
import { newStaffVersion, putStaffRequest } from '../store/staff.ts';
import { enabledAdmins, getStaffMany } from '../store/staff-admin.ts';
import { type Actor, accountFact } from './admin.ts';

/** 50 accounts and their 50 audit facts: DynamoDB's 100-item transaction limit. */
const ACCOUNTS_PER_TRANSACTION = 50;
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

/** The last enabled admin may not be demoted by an import either. */
async function keepAnAdmin(deps: AppDeps, plans: RowPlan[]) {
  const demoted = new Set(
    plans.flatMap((p) =>
      p.kind === 'update' && p.current.role === 'admin' && p.row.role !== 'admin' ? [p.row.username] : [],
    ),
  );
  if (demoted.size === 0) return;
  const promoted = plans.some((p) => p.row.role === 'admin' && p.kind !== 'unchanged');
  if (!promoted && (await enabledAdmins(deps.db)).every((name) => demoted.has(name)))
    throw new ApiError(409, 'LAST_ADMIN', 'the import would demote the last enabled admin account');
}

export async function importStaff(deps: AppDeps, actor: Actor, csv: string, dryRun: boolean) {
  const { rows, errors } = checkImport(csv);
  if (errors.length > 0)
    throw badRequest(`the file has ${errors.length} error(s); nothing was imported`, errors);
  const plans = planImport(
    rows,
    await getStaffMany(
      deps.db,
      rows.map((r) => r.username),
    ),
  );
  await keepAnAdmin(deps, plans);
  const changes = plans
    .filter((p) => p.kind !== 'unchanged')
    .map((p) => ({ line: p.row.line, username: p.row.username, action: p.kind }));
  if (dryRun) return { dryRun: true, ...summary(plans), changes };

  const importId = deps.newId();
  const nowIso = new Date(deps.db.now()).toISOString();
  const created: { username: string; initialPassword: string }[] = [];
  const writes: { account: StaffAccount; readVersion?: string; fact: AuditFact }[] = [];
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
        },
        fact: accountFact(deps, actor, 'account.create', row.username, { import: importId, role: row.role }),
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
        }),
      });
    }
  }
  const batches: (typeof writes)[] = [];
  for (let i = 0; i < writes.length; i += ACCOUNTS_PER_TRANSACTION)
    batches.push(writes.slice(i, i + ACCOUNTS_PER_TRANSACTION));
  const notWritten = new Set<string>();
  for (let i = 0; i < batches.length; i += PARALLEL_TRANSACTIONS) {
    const group = batches.slice(i, i + PARALLEL_TRANSACTIONS);
    const results = await Promise.allSettled(
      group.map((batch) => deps.db.doc.send(batchTransaction(deps, batch))),
    );
    results.forEach((result, j) => {
      if (result.status === 'fulfilled') return;
      // A batch whose accounts changed meanwhile is refused whole; anything else is a real failure.
      if (!(result.reason instanceof Error && result.reason.name === 'TransactionCanceledException'))
        throw result.reason;
      for (const write of group[j] ?? []) notWritten.add(write.account.username);
    });
  }
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

function batchTransaction(
  deps: AppDeps,
  batch: { account: StaffAccount; readVersion?: string; fact: AuditFact }[],
) {
  const { db } = deps;
  return new TransactWriteCommand({
    TransactItems: batch.flatMap(({ account, readVersion, fact }) => [
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
  });
}
