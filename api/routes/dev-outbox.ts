// Local-only: the SMS outbox, so developers and tests can read the one-time codes that were "sent".
import { Hono } from 'hono';
import { outboxQuery } from '../domain/schemas.ts';
import type { OutboxSmsSender } from '../sms/sms-sender.ts';
import { validate } from '../validation.ts';

export const devOutboxRoutes = (outbox: OutboxSmsSender) =>
  new Hono().get('/outbox', validate('query', outboxQuery), (c) =>
    c.json({ messages: outbox.messagesFor(c.req.valid('query').mobilePhone) }),
  );
