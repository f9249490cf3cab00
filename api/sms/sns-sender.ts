// Production SMS: Amazon SNS Publish straight to a phone number (transactional, Bangladesh country code).
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SmsMessage, SmsSender } from './sms-sender.ts';

export const toE164 = (bangladeshMobile: string) => `+88${bangladeshMobile}`;

export class SnsSmsSender implements SmsSender {
  readonly kind = 'sns';
  constructor(private readonly client: SNSClient) {}

  async send({ mobilePhone, text }: SmsMessage): Promise<void> {
    const { PublishCommand } = await import('@aws-sdk/client-sns');
    await this.client.send(
      new PublishCommand({
        PhoneNumber: toE164(mobilePhone),
        Message: text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
  }
}
