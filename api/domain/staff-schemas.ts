// Request schemas of the staff endpoints (login, decisions, reviews, verify, stats), messages naming the rule broken.
import * as z from 'zod/mini';
import { isCalendarDay } from './calendar-day.ts';
import { humanText } from './human-text.ts';
import { isDistrict } from './reference.ts';

const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});
const OBJECT = expected('a JSON object');
const str = () => z.string(expected('a string'));
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const MAX_STATS_DAYS = 31;

export const passId = str().check(z.regex(ULID, { error: 'must be a pass id (26-character ULID)' }));

export const staffLoginBody = z.strictObject(
  {
    username: str().check(
      z.trim(),
      z.toLowerCase(),
      z.minLength(1, { error: 'is required' }),
      z.maxLength(64, { error: 'must be at most 64 characters' }),
    ),
    password: str().check(
      z.minLength(1, { error: 'is required' }),
      z.maxLength(256, { error: 'must be at most 256 characters' }),
    ),
  },
  OBJECT,
);

export const decisionBody = z.strictObject(
  {
    decision: z.enum(['APPROVED', 'REJECTED', 'REVOKED'], {
      error: (issue: { input?: unknown }) =>
        issue.input === undefined ? 'is required' : 'must be one of APPROVED, REJECTED, REVOKED',
    }),
    note: humanText('note', 500),
  },
  OBJECT,
);

export const reviewsQuery = z.strictObject({
  district: str().check(
    z.refine((v) => /^\d{4}$/.test(v) && isDistrict(Number(v)), { error: 'must be a known district id' }),
  ),
  cursor: z.optional(z.string()),
});

const coordinate = (max: number) =>
  z
    .number(expected('a number'))
    .check(
      z.gte(-max, { error: `must be between -${max} and ${max}` }),
      z.lte(max, { error: `must be between -${max} and ${max}` }),
    );

export const verifyBody = z
  .strictObject(
    {
      qr: z.optional(
        str().check(
          z.minLength(1, { error: 'is required' }),
          z.maxLength(1000, { error: 'must be at most 1000 characters' }),
        ),
      ),
      passId: z.optional(passId),
      location: z.optional(z.strictObject({ lat: coordinate(90), lon: coordinate(180) }, OBJECT)),
      /** When a check made offline was made (the police app's queue); the server's clock otherwise. */
      checkedAt: z.optional(
        z.iso.datetime({
          offset: true,
          ...expected('an ISO 8601 date-time with offset, e.g. 2026-11-29T10:00:00Z'),
        }),
      ),
    },
    OBJECT,
  )
  .check(
    z.superRefine((v, ctx) => {
      if ((v.qr === undefined) === (v.passId === undefined))
        ctx.issues.push({
          code: 'custom',
          path: ['qr'],
          message: 'give exactly one of qr or passId',
          input: v,
        });
    }),
  );

const isoDate = str().check(z.refine(isCalendarDay, { error: 'must be a date YYYY-MM-DD' }));

export const statsQuery = z.strictObject({ from: isoDate, to: isoDate }).check(
  z.superRefine((v, ctx) => {
    const span = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
    if (span < 0)
      ctx.issues.push({ code: 'custom', path: ['to'], message: 'must not be before from', input: v.to });
    else if (span >= MAX_STATS_DAYS)
      ctx.issues.push({
        code: 'custom',
        path: ['to'],
        message: `the range may cover at most ${MAX_STATS_DAYS} days`,
        input: v.to,
      });
  }),
);
