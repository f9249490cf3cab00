// Local-only: the SMS outbox (the one-time codes that were "sent") and the controls of the two local providers, so a
// developer or a test can make one fail and watch the queue fail over. Mounted only with the local outbox sender,
// never in AWS (the Lambda refuses any sender but the SQS queue).
import { Hono } from 'hono';
import { z } from 'zod';
import { outboxQuery } from '../domain/schemas.ts';
import { notFound } from '../errors.ts';
import type { LocalSms } from '../sms/local-sms.ts';
import { validate } from '../validation.ts';

export const providerControl = z.strictObject({ failure: z.enum(['none', 'error', 'throttle']) });

export const devOutboxRoutes = (sms: LocalSms) =>
  new Hono()
    .get('/outbox', validate('query', outboxQuery), (c) =>
      c.json({ messages: sms.outbox.messagesFor(c.req.valid('query').mobilePhone) }),
    )
    .get('/sms', (c) => c.json(smsState(sms)))
    // POST /dev/sms/providers/primary {"failure":"error"} makes the primary fail; {"failure":"none"} heals it.
    .post('/sms/providers/:name', validate('json', providerControl), (c) => {
      const provider = [sms.primary, sms.secondary].find((p) => p.name === c.req.param('name'));
      if (!provider) throw notFound('no such local SMS provider; use primary or secondary');
      provider.failure = c.req.valid('json').failure;
      return c.json(smsState(sms));
    });

function smsState(sms: LocalSms) {
  return {
    mps: sms.mps,
    active: sms.sender.active,
    providers: [sms.primary, sms.secondary].map((p) => ({ name: p.name, failure: p.failure })),
    queue: sms.metrics.lastQueue,
    sent: sms.metrics.sentBy,
    failed: sms.metrics.failedBy,
    failovers: sms.metrics.failovers.length,
  };
}
