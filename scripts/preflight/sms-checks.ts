// The SMS pre-flight checks, per region: End User Messaging SMS out of the sandbox, the monthly text spend limit above
// the launch's SMS bill, the Bangladesh sender ID registered, and the configured MPS above the launch peak's need.
import {
  DescribeAccountAttributesCommand,
  DescribeSenderIdsCommand,
  DescribeSpendLimitsCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  SMS_CONFIGURED_MPS_PER_REGION,
  SMS_DESTINATION_COUNTRY,
  SMS_LAUNCH,
  SMS_LEAD_TIMES,
  SMS_SENDER_ID,
} from '../../api/sms/sms-catalogue.ts';
import { capacityModel } from '../../loadtest/capacity/model.ts';
import type { CheckLine } from './checks.ts';

const pass = (what: string, detail: string): CheckLine => ({ ok: true, what, detail });
const fail = (what: string, detail: string): CheckLine => ({ ok: false, what, detail });
const reason = (error: unknown) => (error as { name?: string }).name ?? 'Error';

/**
 * What the launch needs from SMS, as the capacity model computes it (loadtest/capacity/sms-needs.ts): the period's
 * SMS bill carried by one serving region (USD) and the parts per second per serving region at the design rate.
 */
export function smsLaunchNeed(): { billUsd: number; peakMps: number } {
  const { sms } = capacityModel({ ...SMS_LAUNCH });
  return { billUsd: sms.spendPerRegion.need, peakMps: sms.partsPerSecondPerRegion.need };
}

export async function checkSms(
  sms: (region: string) => Pick<PinpointSMSVoiceV2Client, 'send'>,
  regions: readonly string[],
  configuredMps = SMS_CONFIGURED_MPS_PER_REGION,
): Promise<CheckLine[]> {
  const need = smsLaunchNeed();
  const perRegion = await Promise.all(
    regions.map(async (region) => [
      await sandbox(sms(region), region),
      await spendLimit(sms(region), region, need.billUsd),
      await senderId(sms(region), region),
    ]),
  );
  const mps =
    configuredMps >= need.peakMps
      ? pass(
          'SMS MPS',
          `configured ${configuredMps} parts/s per region ≥ the launch peak's ${need.peakMps.toFixed(0)} in one surviving region; the granted quota is shown only in the console (sender ID → Messaging limits): it must be at least ${configuredMps}`,
        )
      : fail(
          'SMS MPS',
          `configured ${configuredMps} parts/s per region < the launch peak's ${need.peakMps.toFixed(0)}: raise SMS_CONFIGURED_MPS_PER_REGION and request it (${SMS_LEAD_TIMES.mpsIncrease})`,
        );
  return [...perRegion.flat(), mps];
}

async function sandbox(client: Pick<PinpointSMSVoiceV2Client, 'send'>, region: string): Promise<CheckLine> {
  const what = `SMS sandbox ${region}`;
  try {
    const out = await client.send(new DescribeAccountAttributesCommand({}));
    const tier = out.AccountAttributes?.find((a) => a.Name === 'ACCOUNT_TIER')?.Value;
    if (tier === 'PRODUCTION') return pass(what, 'production access');
    return fail(
      what,
      `account tier ${tier ?? 'unknown'}: sends only to verified numbers; request production access (${SMS_LEAD_TIMES.sandboxExit})`,
    );
  } catch (error) {
    return fail(what, `DescribeAccountAttributes failed (${reason(error)})`);
  }
}

async function spendLimit(
  client: Pick<PinpointSMSVoiceV2Client, 'send'>,
  region: string,
  billUsd: number,
): Promise<CheckLine> {
  const what = `SMS spend limit ${region}`;
  try {
    const out = await client.send(new DescribeSpendLimitsCommand({}));
    const limit =
      out.SpendLimits?.find((l) => l.Name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT')?.EnforcedLimit ?? 0;
    const bill = Math.ceil(billUsd);
    if (limit >= bill) return pass(what, `${limit} USD/month ≥ the launch's SMS bill of ${bill} USD`);
    return fail(
      what,
      `${limit} USD/month < the launch's SMS bill of ${bill} USD (every citizen may land on this region): request an increase (${SMS_LEAD_TIMES.spendLimit})`,
    );
  } catch (error) {
    return fail(what, `DescribeSpendLimits failed (${reason(error)})`);
  }
}

async function senderId(client: Pick<PinpointSMSVoiceV2Client, 'send'>, region: string): Promise<CheckLine> {
  const what = `SMS sender ID ${region}`;
  const name = `${SMS_SENDER_ID} (${SMS_DESTINATION_COUNTRY})`;
  try {
    const out = await client.send(
      new DescribeSenderIdsCommand({
        SenderIds: [{ SenderId: SMS_SENDER_ID, IsoCountryCode: SMS_DESTINATION_COUNTRY }],
      }),
    );
    const found = out.SenderIds?.[0];
    if (found?.Registered) return pass(what, `${name} registered`);
    return fail(
      what,
      `${name} ${found ? 'not yet registered' : 'missing'}: request it and its registration (${SMS_LEAD_TIMES.senderIdBangladesh})`,
    );
  } catch (error) {
    if (reason(error) === 'ResourceNotFoundException')
      return fail(
        what,
        `${name} missing: request it and its registration (${SMS_LEAD_TIMES.senderIdBangladesh})`,
      );
    return fail(what, `DescribeSenderIds failed (${reason(error)})`);
  }
}
