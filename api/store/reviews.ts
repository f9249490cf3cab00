// The review queue of a district: GSI2 holds each reviewed pass followed by its decisions, read in one range query.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { encodeTime } from 'ulid';
import { type DecisionEvent, foldDecisions } from '../domain/pass-status.ts';
import type { Db } from './db.ts';
import { keys } from './keys.ts';
import type { Pass } from './passes.ts';

/*
 * Why this shape (active-active): the pass item is written once, by its origin region, with gsi2pk = REVIEW#<district>
 * and gsi2sk = <passId>; every decision on it (from any region) is a new item that also enters that partition with
 * gsi2sk = <passId>#D<decisionId>, sorting right after its pass. One ascending query therefore yields each pass
 * with its decisions, and the queue folds them: nothing is ever rewritten or deleted, so replication order
 * cannot corrupt the queue, and no per-pass follow-up queries are needed.
 * The scan starts at the ULID of "now - MAX_PASS_SPAN": older passes have ended and can no longer be decided,
 * which bounds the work by the last day and a half of applications, not by history.
 */

/** startAt ≤ created + 24 h and duration ≤ 12 h: a pass older than this has ended (plus clock slack). */
export const MAX_PASS_SPAN_MS = 37 * 3_600_000;
const READ_BATCH = 200;

export interface ReviewPage {
  passes: Pass[];
  /** The last pass id of this page, when more pending passes follow. */
  after?: string;
}

interface Group {
  pass: Pass;
  decisions: DecisionEvent[];
}

function toPass(item: Record<string, unknown>): Pass {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, updatedAt, ...pass } = item;
  return pass as unknown as Pass;
}

/**
 * Walks a district's queue in ascending order from `after` (or the window's start), calling `visit` with every
 * pending, not yet ended pass; stops when `visit` returns false. `projection` limits what is read back.
 */
async function walkPending(
  db: Db,
  district: number,
  after: string | undefined,
  visit: (pass: Pass) => boolean,
  projection?: string,
): Promise<void> {
  const nowMs = db.now();
  const windowStart = encodeTime(Math.max(0, nowMs - MAX_PASS_SPAN_MS), 10);
  // '~' sorts after every ULID character and after '#', so "> id~" skips the pass and its decision entries.
  const lower = after && `${after}~` > windowStart ? `${after}~` : windowStart;
  let going = true;
  let group: Group | undefined;
  const settle = () => {
    if (group && foldDecisions(group.decisions) === 'PENDING' && Date.parse(group.pass.endAt) > nowMs)
      going = visit(group.pass);
    group = undefined;
  };
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk > :lower',
        ExpressionAttributeValues: { ':pk': keys.reviewPartition(district), ':lower': lower },
        ...(projection
          ? { ProjectionExpression: projection, ExpressionAttributeNames: { '#type': 'type', '#id': 'id' } }
          : {}),
        // Listing stops after a page, so it reads in small batches; counting reads whole 1 MB pages.
        ...(projection ? {} : { Limit: READ_BATCH }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const sortKey = String(item.gsi2sk);
      if (item.type === 'PASS') {
        settle();
        if (!going) return;
        group = { pass: toPass(item), decisions: [] };
      } else if (group && sortKey.startsWith(`${group.pass.id}#D`)) {
        group.decisions.push(item as unknown as DecisionEvent);
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  settle();
}

/** The oldest pending, not yet ended passes of a district after `after`, pageSize at most. */
export async function listPendingReviews(
  db: Db,
  district: number,
  pageSize: number,
  after?: string,
): Promise<ReviewPage> {
  const pending: Pass[] = [];
  await walkPending(db, district, after, (pass) => pending.push(pass) <= pageSize);
  const passes = pending.slice(0, pageSize);
  const more = pending.length > pageSize;
  return { passes, ...(more ? { after: passes[passes.length - 1]?.id } : {}) };
}

/**
 * How many passes wait in a district's queue (pending, window not ended: a lapsed pass has left it). The same walk
 * as the queue, reading back only the keys, the type, the end and the decision (a few dozen bytes an item).
 */
export async function countPendingReviews(db: Db, district: number): Promise<number> {
  let pending = 0;
  await walkPending(
    db,
    district,
    undefined,
    () => {
      pending += 1;
      return true;
    },
    'gsi2sk, #type, #id, endAt, decision',
  );
  return pending;
}
