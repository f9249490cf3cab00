// zod through @hono/zod-validator, with failures turned into our 400 error shape naming each field at fault.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';
import { badRequest, type ErrorDetail } from './errors.ts';

export function issuesToDetails(issues: readonly $ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: 'is not an allowed field',
      }));
    return [{ path: base, message: issue.message }];
  });
}

const TARGET_NAMES: Record<string, string> = { json: 'request body', query: 'query string', param: 'path' };

export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodMiniType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success)
      throw badRequest(
        `the ${TARGET_NAMES[target] ?? target} is invalid`,
        issuesToDetails(result.error.issues),
      );
  });
