// The secondary provider: a generic HTTPS SMS gateway as Bangladeshi operators offer (POST JSON with a bearer key),
// configured by URL and credentials in SSM (SecureString `/movement-pass/keys/sms-gateway`). The body's field names
// are configurable because each gateway names them its own way.
import { z } from 'zod';
import { type SmsJob, type SmsProvider, SmsSendError } from './sms-sender.ts';

export const gatewaySettings = z.strictObject({
  url: z.url({ protocol: /^https$/ }),
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: z.string().min(8),
  senderId: z.string().min(1).max(11),
  /** Body field names: { to, text, from }; defaults as named. */
  fields: z.strictObject({ to: z.string(), text: z.string(), from: z.string() }).partial().optional(),
  timeoutMs: z.number().int().positive().max(10_000).optional(),
});
export type GatewaySettings = z.infer<typeof gatewaySettings>;

/** Parses the SSM value; the error names the field, never the key. */
export function parseGatewaySettings(json: string): GatewaySettings {
  const parsed = gatewaySettings.safeParse(JSON.parse(json));
  if (!parsed.success)
    throw new Error(
      `keys/sms-gateway: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export class HttpsGatewayProvider implements SmsProvider {
  readonly name = 'gateway';

  constructor(
    private readonly settings: GatewaySettings,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async send(job: SmsJob): Promise<{ messageId?: string }> {
    const f = this.settings.fields ?? {};
    const body = {
      [f.to ?? 'to']: `88${job.mobilePhone}`,
      [f.text ?? 'text']: job.text,
      [f.from ?? 'from']: this.settings.senderId,
      reference: job.jobId,
    };
    let res: Response;
    try {
      res = await this.fetcher(this.settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.settings.apiKey}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5_000),
      });
    } catch (error) {
      throw new SmsSendError(`SMS gateway unreachable: ${(error as Error).name}`, false);
    }
    if (!res.ok) throw new SmsSendError(`SMS gateway answered ${res.status}`, res.status === 429);
    const answer = (await res.json().catch(() => ({}))) as { id?: unknown; messageId?: unknown };
    const id = answer.messageId ?? answer.id;
    return typeof id === 'string' ? { messageId: id } : {};
  }
}
