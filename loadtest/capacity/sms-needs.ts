// What the launch needs from SMS: message parts per second per region against the sending limit, and the month's
// spend per region against the spend limit (AWS accounts start at $1 a month, in the sandbox).
import { SegmentedMessage } from 'sms-segments-calculator';
import { otpMessage } from '../../api/domain/otp.ts';
import { SMS_SPEND_LIMIT_USD_PER_REGION } from '../../api/sms/sms-catalogue.ts';
import { PRICES, QUOTAS } from './assumptions.ts';
import { type QuotaCheck, quotaCheck } from './headroom.ts';

/** The longest domain we plan to send (the WebOTP line carries it): the production one. */
const SENT_DOMAIN = 'movementpass.gov.bd';

/** Message parts of one code SMS as sent (GSM-7 fits 160 characters in one part; any Bengali letter makes it UCS-2). */
export function otpMessageParts(domain = SENT_DOMAIN): {
  parts: number;
  encoding: string;
  characters: number;
} {
  const message = new SegmentedMessage(otpMessage('000000', domain));
  return {
    parts: message.segmentsCount,
    encoding: message.encodingName,
    characters: message.numberOfCharacters,
  };
}

export interface SmsNeeds {
  partsPerMessage: number;
  encoding: string;
  /** Codes per second per serving region at the design rate. */
  codesPerSecondPerRegion: number;
  partsPerSecondPerRegion: QuotaCheck;
  /** The launch period's SMS bill carried by one serving region, against its monthly spend limit. */
  spendPerRegion: QuotaCheck;
  /** The same bill against a new account's default limit: what to raise before anything else. */
  spendAgainstDefault: QuotaCheck;
  senderId: string;
}

export function smsNeeds(
  codes: { total: number; designPerSecond: number },
  servingRegions: number,
): SmsNeeds {
  const { parts, encoding } = otpMessageParts();
  const codesPerSecondPerRegion = codes.designPerSecond / servingRegions;
  const spend = (codes.total * parts * PRICES.smsBangladesh.value) / servingRegions;
  return {
    partsPerMessage: parts,
    encoding,
    codesPerSecondPerRegion,
    partsPerSecondPerRegion: quotaCheck(
      'SMS message parts per second per region',
      'parts/s',
      codesPerSecondPerRegion * parts,
      QUOTAS.smsPartsPerSecond.value,
      'request a higher MPS for the Bangladesh sender ID in every region (AWS Support case; allow weeks)',
    ),
    spendPerRegion: quotaCheck(
      'SMS spend in the launch period per region vs our monthly limit',
      'USD',
      spend,
      SMS_SPEND_LIMIT_USD_PER_REGION,
      'raise the account SMS spend limit in every region (Support case) and stacks/alarm-thresholds.ts',
    ),
    spendAgainstDefault: quotaCheck(
      'SMS spend in the launch period per region vs a new account’s limit',
      'USD',
      spend,
      QUOTAS.smsDefaultSpendLimitUsd.value,
      'leave the SMS sandbox and raise the spend limit in every region before launch (Support case; days)',
    ),
    senderId:
      'Bangladesh needs a registered sender ID before any SMS is delivered (registration in End User Messaging; ' +
      'weeks); `npm run preflight` checks its status',
  };
}
