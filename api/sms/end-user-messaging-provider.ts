// The primary provider in AWS: End User Messaging SMS SendTextMessage from the registered sender ID, through a
// configuration set whose event destination brings delivery receipts back (delivery-events.ts). The job id and the
// phone ride along as message context, so a receipt names the code's record.
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { OTP_TTL_SECONDS } from '../domain/otp.ts';
import { type SmsJob, type SmsProvider, SmsSendError, toE164 } from './sms-sender.ts';

export interface EndUserMessagingSettings {
  /** Sender ID (or its ARN, or a pool id/ARN). */
  originationIdentity: string;
  configurationSetName: string;
  /** A protect configuration against SMS pumping (optional). */
  protectConfigurationId?: string;
}

/** Errors that mean "too fast": retried with backoff, and counted towards failover like any failure. */
const THROTTLE_NAMES = new Set([
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'TooManyRequestsException',
]);

export class EndUserMessagingProvider implements SmsProvider {
  readonly name = 'end-user-messaging';

  constructor(
    private readonly client: Pick<PinpointSMSVoiceV2Client, 'send'>,
    private readonly settings: EndUserMessagingSettings,
  ) {}

  async send(job: SmsJob): Promise<{ messageId?: string }> {
    const { SendTextMessageCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
    try {
      const out = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: toE164(job.mobilePhone),
          OriginationIdentity: this.settings.originationIdentity,
          ConfigurationSetName: this.settings.configurationSetName,
          MessageBody: job.text,
          MessageType: 'TRANSACTIONAL',
          // A code that would arrive after it expires is worse than none: let the carrier drop it.
          TimeToLive: OTP_TTL_SECONDS,
          Context: { jobId: job.jobId, mobilePhone: job.mobilePhone, enqueuedAt: String(job.enqueuedAt) },
          ...(this.settings.protectConfigurationId
            ? { ProtectConfigurationId: this.settings.protectConfigurationId }
            : {}),
        }),
      );
      return out.MessageId ? { messageId: out.MessageId } : {};
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      throw new SmsSendError(`End User Messaging SendTextMessage failed: ${name}`, THROTTLE_NAMES.has(name));
    }
  }
}
