// The named questions managers may ask of the lake: parameters validated, SQL written once for both engines
// (DuckDB locally, Athena in AWS), the few differences behind a dialect. Load-test rows are always left out.
import { z } from 'zod';
import { isDistrict } from '../domain/reference.ts';

export interface Dialect {
  name: 'duckdb' | 'athena';
  /** The events relation: a view over the Parquet files, or the Glue table. */
  events: string;
  /** A percentile of a numeric expression (exact in DuckDB, approximate in Athena). */
  percentile(expr: string, p: number): string;
}

export interface QuestionParam {
  name: string;
  type: 'integer' | 'district';
  label: string;
  default?: number;
  min?: number;
  max?: number;
}

export interface Question {
  name: string;
  title: string;
  description: string;
  params: QuestionParam[];
  /** Which columns a chart draws: one category (x) and one number (y). */
  chart: { x: string; y: string };
  sql(params: Record<string, number | undefined>, dialect: Dialect, nowMs: number): string;
}

const DAY_MS = 86_400_000;
const DHAKA_MS = 6 * 3_600_000;
const days: QuestionParam = {
  name: 'days',
  type: 'integer',
  label: 'Last N days',
  default: 7,
  min: 1,
  max: 92,
};
const district: QuestionParam = { name: 'district', type: 'district', label: 'District (all when empty)' };

/** The first Dhaka day of the window, as the `day` partition names it (the partition filter prunes files). */
const fromDay = (nowMs: number, n: number) =>
  new Date(nowMs + DHAKA_MS - (n - 1) * DAY_MS).toISOString().slice(0, 10);
const window = (p: Record<string, number | undefined>, nowMs: number, alias = '') =>
  `${alias}day >= '${fromDay(nowMs, p.days ?? 7)}' AND ${alias}is_test = FALSE`;
/**
 * The window's events, each once: Firehose and a retried stream batch deliver at least once, so copies of a row
 * (same event_id) are dropped here. The partition filter stays inside, so Athena still reads only the window's days.
 */
const recent = (p: Record<string, number | undefined>, d: Dialect, nowMs: number) =>
  `(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY event_ms) AS copy FROM ${d.events} WHERE ${window(p, nowMs)}) WHERE copy = 1)`;
const inDistrict = (p: Record<string, number | undefined>, alias = '') =>
  p.district === undefined ? '' : ` AND ${alias}district = ${p.district}`;
const hourOfDay = (col: string) => `CAST(floor((${col} + ${DHAKA_MS}) / 3600000.0) AS BIGINT) % 24`;
const rate = (part: string, whole: string) => `round(100.0 * ${part} / nullif(${whole}, 0), 1)`;
const count = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * Each decided application of the window: how many minutes it waited for its first approval or rejection, and who
 * made that one (a later revocation by an officer does not make a rule's approval an officer's).
 */
const decisionWaits = (p: Record<string, number | undefined>, d: Dialect, now: number) => `
      applied AS (SELECT pass_id, district, event_ms FROM ${recent(p, d, now)} WHERE event_type = 'application' AND ${window(p, now)}${inDistrict(p)}),
      ranked AS (SELECT pass_id, event_ms, decided_by, row_number() OVER (PARTITION BY pass_id ORDER BY event_ms, event_id) AS nth
                 FROM ${recent(p, d, now)} WHERE event_type = 'decision' AND decision <> 'REVOKED' AND ${window(p, now)}),
      decided AS (SELECT pass_id, event_ms AS decided_ms, decided_by FROM ranked WHERE nth = 1),
      waits AS (SELECT a.district, x.decided_by, (x.decided_ms - a.event_ms) / 60000.0 AS minutes FROM applied a JOIN decided x ON x.pass_id = a.pass_id)`;
const waitFigures = (d: Dialect) =>
  `count(*) AS decisions, round(${d.percentile('minutes', 0.5)}, 1) AS median_minutes, round(${d.percentile('minutes', 0.9)}, 1) AS p90_minutes`;

export const QUESTIONS: readonly Question[] = [
  {
    name: 'time-to-decision-by-district',
    title: 'Time to decision by district',
    description: 'Minutes from application to the first decision, median and 90th percentile, by district.',
    params: [days, district],
    chart: { x: 'district', y: 'median_minutes' },
    // The first decision that is not a revocation: a rule's approval later revoked by an officer stays the rule's.
    sql: (p, d, now) => `
      WITH ${decisionWaits(p, d, now)}
      SELECT district, count(*) AS decisions, ${count("decided_by = 'staff'")} AS by_officers,
             round(${d.percentile('minutes', 0.5)}, 1) AS median_minutes, round(${d.percentile('minutes', 0.9)}, 1) AS p90_minutes
      FROM waits GROUP BY district ORDER BY median_minutes DESC, district`,
  },
  {
    name: 'backlog-growth-by-district',
    title: 'Where the backlog grows',
    description:
      'Applications in, decisions out and lapses per district over the window; growth = in − out − lapsed.',
    params: [days, district],
    chart: { x: 'district', y: 'growth' },
    sql: (p, d, now) => `
      WITH applied AS (SELECT pass_id, district, end_ms FROM ${recent(p, d, now)} WHERE event_type = 'application' AND ${window(p, now)}${inDistrict(p)}),
      decided AS (SELECT DISTINCT pass_id FROM ${recent(p, d, now)} WHERE event_type = 'decision' AND ${window(p, now)})
      SELECT a.district, count(*) AS applications, ${count('x.pass_id IS NOT NULL')} AS decided,
             ${count(`x.pass_id IS NULL AND a.end_ms < ${now}`)} AS lapsed,
             ${count(`x.pass_id IS NULL AND a.end_ms >= ${now}`)} AS growth
      FROM applied a LEFT JOIN decided x ON x.pass_id = a.pass_id
      GROUP BY a.district ORDER BY growth DESC, a.district`,
  },
  {
    name: 'decisions-per-officer',
    title: 'Decisions per officer per day',
    description: 'Decisions each officer made per Dhaka day, with how many approved and rejected.',
    params: [days, district],
    chart: { x: 'officer', y: 'decisions' },
    sql: (p, d, now) => `
      SELECT officer, day, count(*) AS decisions, ${count("decision = 'APPROVED'")} AS approved,
             ${count("decision = 'REJECTED'")} AS rejected, ${count("decision = 'REVOKED'")} AS revoked
      FROM ${recent(p, d, now)} WHERE event_type = 'decision' AND decided_by = 'staff' AND ${window(p, now)}${inDistrict(p)}
      GROUP BY officer, day ORDER BY day DESC, decisions DESC, officer`,
  },
  {
    name: 'rejections-by-reason',
    title: 'Rejections by reason and district',
    description: 'Which travel reasons get rejected most, and where.',
    params: [days, district],
    chart: { x: 'reason', y: 'rejected' },
    sql: (p, d, now) => `
      SELECT reason, district, count(*) AS decisions, ${count("decision = 'REJECTED'")} AS rejected,
             ${rate(count("decision = 'REJECTED'"), 'count(*)')} AS rejected_percent
      FROM ${recent(p, d, now)} WHERE event_type = 'decision' AND ${window(p, now)}${inDistrict(p)}
      GROUP BY reason, district ORDER BY rejected DESC, reason, district`,
  },
  {
    name: 'invalid-checks-by-district',
    title: 'Checks finding invalid passes, by district',
    description: 'Police checks and how many found an invalid pass, by the district the check recorded.',
    params: [days, district],
    chart: { x: 'district', y: 'invalid' },
    sql: (p, d, now) => `
      SELECT district, count(*) AS checks, ${count('check_valid = FALSE')} AS invalid,
             ${rate(count('check_valid = FALSE'), 'count(*)')} AS invalid_percent, ${count('check_offline = TRUE')} AS made_offline
      FROM ${recent(p, d, now)} WHERE event_type = 'check' AND ${window(p, now)}${inDistrict(p)}
      GROUP BY district ORDER BY invalid DESC, district`,
  },
  {
    name: 'reapplied-after-rejection',
    title: 'Citizens who applied again after a rejection',
    description: 'Of the citizens rejected in the window, how many applied again afterwards, by district.',
    params: [days, district],
    chart: { x: 'district', y: 'applied_again' },
    sql: (p, d, now) => `
      WITH apps AS (SELECT pass_id, applicant_key, district, event_ms FROM ${recent(p, d, now)} WHERE event_type = 'application' AND ${window(p, now)}),
      rejected AS (SELECT a.applicant_key, a.district, min(x.event_ms) AS rejected_ms FROM ${recent(p, d, now)} x JOIN apps a ON a.pass_id = x.pass_id
                   WHERE x.event_type = 'decision' AND x.decision = 'REJECTED' AND ${window(p, now, 'x.')}${inDistrict(p, 'a.')}
                   GROUP BY a.applicant_key, a.district)
      SELECT r.district, count(*) AS rejected_citizens,
             ${count('EXISTS (SELECT 1 FROM apps n WHERE n.applicant_key = r.applicant_key AND n.event_ms > r.rejected_ms)')} AS applied_again
      FROM rejected r GROUP BY r.district ORDER BY applied_again DESC, r.district`,
  },
  {
    name: 'applications-per-hour-by-reason',
    title: 'Applications per hour of the day, by reason',
    description: 'When applications arrive (Dhaka time), per travel reason.',
    params: [days, district],
    chart: { x: 'hour', y: 'applications' },
    sql: (p, d, now) => `
      SELECT ${hourOfDay('event_ms')} AS hour, reason, count(*) AS applications
      FROM ${recent(p, d, now)} WHERE event_type = 'application' AND ${window(p, now)}${inDistrict(p)}
      GROUP BY ${hourOfDay('event_ms')}, reason ORDER BY hour, reason`,
  },
  {
    name: 'approval-rate-by-district',
    title: 'Approval rate by district',
    description: 'Decisions per district and the share approved (by rule or by an officer).',
    params: [days, district],
    chart: { x: 'district', y: 'approved_percent' },
    sql: (p, d, now) => `
      SELECT district, count(*) AS decisions, ${count("decision = 'APPROVED'")} AS approved,
             ${count("decision = 'APPROVED' AND decided_by = 'system'")} AS approved_by_rule,
             ${rate(count("decision = 'APPROVED'"), 'count(*)')} AS approved_percent
      FROM ${recent(p, d, now)} WHERE event_type = 'decision' AND decision <> 'REVOKED' AND ${window(p, now)}${inDistrict(p)}
      GROUP BY district ORDER BY approved_percent, district`,
  },
  {
    name: 'time-to-decision',
    title: 'Time to decision, overall',
    description:
      'Minutes from application to the first decision, median and 90th percentile: every decision ("all"), then by who decided (staff or system).',
    params: [days, district],
    chart: { x: 'decided_by', y: 'median_minutes' },
    // One row per group even when nothing was decided ("all" with 0 decisions): the dashboard always has its figure.
    sql: (p, d, now) => `
      WITH ${decisionWaits(p, d, now)}
      SELECT * FROM (
        SELECT 'all' AS decided_by, ${waitFigures(d)} FROM waits
        UNION ALL
        SELECT decided_by, ${waitFigures(d)} FROM waits GROUP BY decided_by
      ) ORDER BY CASE WHEN decided_by = 'all' THEN 0 ELSE 1 END, decided_by`,
  },
];

export const findQuestion = (name: string) => QUESTIONS.find((q) => q.name === name);

/** Zod schema of a question's parameters: integers in range, districts that exist; defaults filled in. */
export function paramsSchema(question: Question) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of question.params) {
    let field: z.ZodType =
      p.type === 'district'
        ? z.coerce.number().int().refine(isDistrict, { message: 'not a known district id' })
        : z.coerce
            .number()
            .int()
            .min(p.min ?? 0)
            .max(p.max ?? Number.MAX_SAFE_INTEGER);
    field = p.default !== undefined ? field.default(p.default) : field.optional();
    shape[p.name] = field;
  }
  return z.object(shape).strict();
}
