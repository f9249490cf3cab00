// One row of the event lake: a fact that matters to management, with pseudonymous ids only (no names, mobiles, ID
// numbers, photos, notes or locations). The same columns in DuckDB (locally) and in the Glue table (Athena).

export const LAKE_EVENT_TYPES = ['registration', 'application', 'decision', 'check', 'staff_action'] as const;
export type LakeEventType = (typeof LAKE_EVENT_TYPES)[number];

export interface LakeEvent {
  /** The source item's key, hashed: a stable id for deduplication that reveals nothing. */
  event_id: string;
  event_type: LakeEventType;
  /** When it happened, ms since the epoch (UTC). */
  event_ms: number;
  /** The citizen, as a keyed hash of the applicant id (joins a person's events, names nobody). */
  applicant_key: string | null;
  /** The pass's ULID (already an opaque id); joins application, decision and checks. */
  pass_id: string | null;
  district: number | null;
  thana: number | null;
  reason: string | null;
  trip_type: string | null;
  duration_hours: number | null;
  /** Applications: when the window ends (a pending pass lapses then; no write happens at a lapse). */
  end_ms: number | null;
  /** APPROVED | REJECTED | REVOKED */
  decision: string | null;
  /** system (a rule) | staff */
  decided_by: string | null;
  /** The staff username acting (decisions, checks, staff actions): staff are named to their managers. */
  officer: string | null;
  check_valid: boolean | null;
  check_result: string | null;
  check_offline: boolean | null;
  /** staff_action: the audit action (account.create, pass.decision, …). */
  action: string | null;
  /** Load-test data (the reserved test range): questions exclude it. */
  is_test: boolean;
  /** Partitions: the Dhaka day (YYYY-MM-DD) and the region that wrote the fact. */
  day: string;
  region: string;
}

type Column = { name: keyof LakeEvent; duckdb: string; glue: string };

/** Data columns in file order; `day` and `region` are partitions (the directory names), not file columns. */
export const LAKE_COLUMNS: readonly Column[] = [
  { name: 'event_id', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'event_type', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'event_ms', duckdb: 'BIGINT', glue: 'bigint' },
  { name: 'applicant_key', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'pass_id', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'district', duckdb: 'INTEGER', glue: 'int' },
  { name: 'thana', duckdb: 'INTEGER', glue: 'int' },
  { name: 'reason', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'trip_type', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'duration_hours', duckdb: 'INTEGER', glue: 'int' },
  { name: 'end_ms', duckdb: 'BIGINT', glue: 'bigint' },
  { name: 'decision', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'decided_by', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'officer', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'check_valid', duckdb: 'BOOLEAN', glue: 'boolean' },
  { name: 'check_result', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'check_offline', duckdb: 'BOOLEAN', glue: 'boolean' },
  { name: 'action', duckdb: 'VARCHAR', glue: 'string' },
  { name: 'is_test', duckdb: 'BOOLEAN', glue: 'boolean' },
];
export const LAKE_PARTITIONS = [
  { name: 'day', glue: 'string' },
  { name: 'region', glue: 'string' },
] as const;
