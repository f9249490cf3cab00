// SMS figures in one place: the pace the AWS accounts are configured for, what the launch needs from AWS, and the
// bounds of the sender (retries, failover, alarm). The CDK stacks, the local runtime, pre-flight and the capacity
// model read these names; nothing else hard-codes an SMS number.

/**
 * Message parts per second (MPS) the sender may use per region: what we request from AWS for the Bangladesh sender ID
 * in every region (End User Messaging SMS quotas are per account, region, origination identity and country). The
 * launch (`npm run capacity -- --requests 159.9e6 --hours 46 --peak-factor 18 --regions 3 --lost 2`: 717,778 codes,
 * every citizen on the one surviving region) needs ~157 one-part codes/s at the model's design rate, ≥ 197 with its
 * 80 % headroom; `npm run preflight` recomputes it (SMS_LAUNCH). Locally this is the default pace of the in-process
 * queue (override with MP_SMS_MPS).
 */
export const SMS_CONFIGURED_MPS_PER_REGION = 200;

/** The launch the MPS and the spend limit are sized for (the capacity model's inputs, DESIGN §1). */
export const SMS_LAUNCH = { requests: 159.9e6, hours: 46, peakFactor: 18, regions: 3, lost: 2 } as const;

/** What a new account gets before any request, per the reading of AWS's docs ("of the order of ten"). */
export const SMS_ASSUMED_DEFAULT_MPS = 10;

/** Parts one one-time-code SMS takes: the English GSM-7 text with the WebOTP line is ~110 characters (≤ 160). */
export const SMS_PARTS_PER_OTP = 1;

/** Assumed price of one SMS part to Bangladesh (USD); the same figure loadtest/capacity/assumptions.ts uses. */
export const SMS_PRICE_BANGLADESH_USD = 0.03;

/**
 * The monthly SMS spend limit we request per region (USD). Each region's limit must cover the whole launch bill on its
 * own: latency routing can send every citizen to one region (alarm threshold in stacks/alarm-thresholds.ts).
 */
export const SMS_SPEND_LIMIT_USD_PER_REGION = 30_000;

/** The sender ID registered for Bangladesh (alphanumeric, ≤ 11 characters). */
export const SMS_SENDER_ID = 'MOVEPASS';

/** SSM SecureString (JSON, see api/sms/https-gateway-provider.ts) holding the secondary gateway's URL and key. */
export const SMS_GATEWAY_PARAMETER = '/movement-pass/keys/sms-gateway';

/** ISO country the codes go to (the sender ID registration and the MPS quota are per destination country). */
export const SMS_DESTINATION_COUNTRY = 'BD';

/** The alarm: the oldest waiting code older than this is a citizen waiting too long. */
export const SMS_OLDEST_WAITING_ALARM_SECONDS = 60;

/** The primary provider failing (errors or throttling) for longer than this switches to the secondary. */
export const SMS_FAILOVER_AFTER_MS = 5_000;

/** While on the secondary, one message every this often tries the primary again; a success switches back. */
export const SMS_FAILBACK_PROBE_MS = 30_000;

/** Retry of a throttled or failed send: full-jitter exponential backoff between these bounds. */
export const SMS_RETRY_BASE_MS = 200;
export const SMS_RETRY_MAX_MS = 2_000;

/**
 * Sender Lambdas draining one region's queue at once (the event source's maximum concurrency; 2 is SQS's minimum).
 * Each paces itself at MPS / this, so together they never exceed the configured MPS.
 */
export const SMS_SENDER_CONCURRENCY = 2;

/** How long SMS quota requests take (AWS Support cases; README "SMS at launch" lists them). */
export const SMS_LEAD_TIMES = {
  sandboxExit: '1–3 business days (support case: production access)',
  spendLimit: '1–3 business days (support case: SMS monthly spend limit increase, per region)',
  senderIdBangladesh: '2–6 weeks (sender ID registration for BD, with documents)',
  mpsIncrease: '1–2 weeks (support case: MPS increase per region, origination identity and country)',
} as const;
