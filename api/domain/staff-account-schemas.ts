// Request schemas of the admin API (/staff-accounts) and of POST /staff/password, messages naming the rule broken.
import * as z from 'zod/mini';
import { humanText } from './human-text.ts';
import { passwordProblem } from './password-policy.ts';
import { isDistrict } from './reference.ts';
import { isReservedUsername, STAFF_ROLES, USERNAME } from './staff.ts';

const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});
const OBJECT = expected('a JSON object');
const str = () => z.string(expected('a string'));

/** An actor in the audit: a username, or what a failed sign-in typed (non-username characters shown as '?'). */
export const USERNAME_OR_TRIED = /^[a-z0-9?][a-z0-9._?-]{0,63}$/;

export const username = str().check(
  z.regex(USERNAME, { error: 'must be 3-32 characters of a-z 0-9 . _ - starting with a letter or digit' }),
  z.refine((v) => !isReservedUsername(v), { error: 'is reserved (it could pass for the system or a rule)' }),
);

/** A staff member's name: the one text rule (api/domain/human-text.ts), names' characters plus a rank or badge number. */
export const displayName = humanText('staff-name', 64);

export const role = z.enum(STAFF_ROLES as unknown as ['officer', 'police', 'manager', 'admin'], {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be one of ${STAFF_ROLES.join(', ')}`,
});

export const districts = z.union([
  z.literal('all'),
  z
    .array(z.number().check(z.int(), z.refine(isDistrict, { error: 'must be a known district id' })))
    .check(
      z.minLength(1, { error: 'must list at least one district (or be "all")' }),
      z.maxLength(75, { error: 'must list at most 75 districts' }),
    ),
]);

const newPassword = str().check(z.maxLength(256, { error: 'must be at most 256 characters' }));

const policyCheck = (path: string, userField: string) =>
  z.superRefine((v: Record<string, unknown>, ctx) => {
    const password = v[path];
    if (typeof password !== 'string') return;
    const problem = passwordProblem(password, String(v[userField] ?? ''));
    if (problem) ctx.issues.push({ code: 'custom', path: [path], message: problem, input: password });
  });

const officerNeedsDistricts = z.superRefine((v: { role?: string; districts?: unknown }, ctx) => {
  if (v.role === 'officer' && v.districts === undefined)
    ctx.issues.push({
      code: 'custom',
      path: ['districts'],
      message: 'is required for an officer (a list of district ids, or "all")',
      input: v,
    });
});

export const createAccountBody = z
  .strictObject(
    {
      username,
      displayName: z.optional(displayName),
      role,
      districts: z.optional(districts),
      /** Else one is generated; either way it is shown once and must be changed at the first sign-in. */
      password: z.optional(newPassword),
    },
    OBJECT,
  )
  .check(officerNeedsDistricts, policyCheck('password', 'username'));

export const changeAccountBody = z
  .strictObject(
    { displayName: z.optional(displayName), role: z.optional(role), districts: z.optional(districts) },
    OBJECT,
  )
  .check(
    z.superRefine((v, ctx) => {
      if (Object.keys(v).length === 0)
        ctx.issues.push({
          code: 'custom',
          path: ['role'],
          message: 'give at least one of displayName, role, districts',
          input: v,
        });
    }),
  );

export const resetPasswordBody = z.strictObject({ password: z.optional(newPassword) }, OBJECT);

export const listAccountsQuery = z.strictObject({
  role: z.optional(role),
  district: z.optional(
    str().check(
      z.refine((v) => /^\d{4}$/.test(v) && isDistrict(Number(v)), { error: 'must be a known district id' }),
    ),
  ),
  cursor: z.optional(z.string()),
});

export const importQuery = z.strictObject({
  dryRun: z.optional(
    z.enum(['true', 'false'], {
      error: (issue: { input?: unknown }) =>
        issue.input === undefined ? 'is required' : 'must be true or false',
    }),
  ),
});

export const usernameParam = z.strictObject({
  username: str().check(z.regex(USERNAME, { error: 'must be a staff username' })),
});

export const passwordChangeBody = z
  .strictObject(
    {
      username: str().check(
        z.trim(),
        z.toLowerCase(),
        z.minLength(1, { error: 'is required' }),
        z.maxLength(64, { error: 'must be at most 64 characters' }),
      ),
      currentPassword: str().check(
        z.minLength(1, { error: 'is required' }),
        z.maxLength(256, { error: 'must be at most 256 characters' }),
      ),
      newPassword,
    },
    OBJECT,
  )
  .check(
    policyCheck('newPassword', 'username'),
    z.superRefine((v, ctx) => {
      // Compared as the hash sees them (NFKC): a fullwidth copy of the one-time password is the same password.
      if (v.newPassword.normalize('NFKC') === v.currentPassword.normalize('NFKC'))
        ctx.issues.push({
          code: 'custom',
          path: ['newPassword'],
          message: 'must differ from the current password',
          input: v.newPassword,
        });
    }),
  );
