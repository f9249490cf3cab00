// Local-only: the SMS outbox, so developers and tests can read the one-time codes that were "sent".
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { mobilePhone } from '../domain/schemas.ts';
import type { OutboxSmsSender } from '../sms/sms-sender.ts';
import { validate } from '../validation.ts';

export const devOutboxRoutes = (outbox: OutboxSmsSender) =>
  new Hono().get('/outbox', validate('query', z.strictObject({ mobilePhone })), (c) =>
    c.json({ messages: outbox.messagesFor(c.req.valid('query').mobilePhone) }),
  );
